"""The directory as CSV rows and as Popolo JSON (persons, organizations, memberships, posts)."""

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from enlace.network.models import Membership

CSV_COLUMNS = [
    "person_id",
    "honorific",
    "given_name",
    "family_name",
    "country",
    "country_code",
    "organisation",
    "body",
    "role",
    "institution",
    "position",
    "start_date",
    "end_date",
]
CONTACT_COLUMNS = ["email", "phone"]


def csv_header(show_contacts: bool) -> list[str]:
    return CSV_COLUMNS + (CONTACT_COLUMNS if show_contacts else [])


def csv_rows(memberships: Iterable[Membership], show_contacts: bool) -> Iterable[list[str]]:
    for m in memberships:
        person, post = m.person, m.post
        row = [
            str(person.pk),
            person.honorific,
            person.given_name,
            person.family_name,
            post.country.name if post.country else "",
            post.country.code if post.country else "",
            str(post.organisation) if post.organisation else "",
            post.body.name,
            post.get_role_display(),
            m.institution,
            m.position,
            m.start_date.isoformat(),
            m.end_date.isoformat() if m.end_date else "",
        ]
        if show_contacts:
            row += [person.email, person.phone]
        yield [_csv_safe(value) for value in row]


def _csv_safe(value: str) -> str:
    """Neutralise spreadsheet formulas (CSV injection) in exported cells."""
    if value and value[0] in "=+-@\t\r":
        return "'" + value
    return value


def popolo(memberships: Iterable[Membership], show_contacts: bool) -> dict[str, Any]:
    persons: dict[str, dict[str, Any]] = {}
    organizations: dict[str, dict[str, Any]] = {}
    posts: dict[str, dict[str, Any]] = {}
    out_memberships: list[dict[str, Any]] = []
    for m in memberships:
        person, post = m.person, m.post
        person_id = f"person/{person.pk}"
        if person_id not in persons:
            entry: dict[str, Any] = {
                "id": person_id,
                "name": str(person),
                "given_name": person.given_name,
                "family_name": person.family_name,
            }
            if person.honorific:
                entry["honorific_prefix"] = person.honorific
            if show_contacts:
                entry["contact_details"] = [
                    {"type": kind, "value": value}
                    for kind, value in (("email", person.email), ("voice", person.phone))
                    if value
                ]
            persons[person_id] = entry
        body_id = f"body/{post.body.slug}"
        organizations.setdefault(
            body_id,
            {"id": body_id, "name": post.body.name, "classification": post.body.kind},
        )
        if post.country is not None:
            behalf_id = f"country/{post.country.code}"
            organizations.setdefault(
                behalf_id,
                {
                    "id": behalf_id,
                    "name": post.country.name,
                    "classification": "country",
                    "identifiers": [
                        {"scheme": "ISO 3166-1 alpha-3", "identifier": post.country.code}
                    ],
                },
            )
        else:
            assert post.organisation is not None
            behalf_id = f"organization/{post.organisation.pk}"
            organizations.setdefault(
                behalf_id,
                {
                    "id": behalf_id,
                    "name": post.organisation.name,
                    "classification": post.organisation.kind,
                    **(
                        {"other_names": [{"name": post.organisation.acronym}]}
                        if post.organisation.acronym
                        else {}
                    ),
                },
            )
        post_id = f"post/{post.pk}"
        posts.setdefault(
            post_id,
            {
                "id": post_id,
                "label": _("%(role)s of %(holder)s")
                % {"role": post.get_role_display(), "holder": post.holder},
                "role": post.role,
                "organization_id": body_id,
            },
        )
        membership: dict[str, Any] = {
            "id": f"membership/{m.pk}",
            "person_id": person_id,
            "organization_id": body_id,
            "post_id": post_id,
            "on_behalf_of_id": behalf_id,
            "role": post.role,
            "label": m.position,
            "start_date": m.start_date.isoformat(),
        }
        if m.end_date:
            membership["end_date"] = m.end_date.isoformat()
        if m.institution:
            membership["+institution"] = m.institution
        out_memberships.append(membership)
    return {
        "persons": list(persons.values()),
        "organizations": list(organizations.values()),
        "memberships": out_memberships,
        "posts": list(posts.values()),
    }
