"""Reads of the network and the directory, scoped to the user."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Prefetch, Q, QuerySet
from django.http import Http404

from enlace import access
from enlace.network.models import Body, Country, Membership, Organisation, Person, Presidency


def countries_visible_to(user: access.Who) -> QuerySet[Country]:
    """The countries of the network are public."""
    return Country.objects.all()


def organisations_visible_to(user: access.Who) -> QuerySet[Organisation]:
    return Organisation.objects.select_related("country")


def bodies_visible_to(user: access.Who) -> QuerySet[Body]:
    return Body.objects.select_related("reports_to")


def presidencies_visible_to(user: access.Who) -> QuerySet[Presidency]:
    return Presidency.objects.select_related("country")


def presidency_on(day: datetime.date | None = None) -> Presidency | None:
    day = day or datetime.date.today()
    return (
        Presidency.objects.select_related("country")
        .filter(start_date__lte=day, end_date__gte=day)
        .first()
    )


def _membership_related(queryset: QuerySet[Membership]) -> QuerySet[Membership]:
    return queryset.select_related("person", "post__body", "post__country", "post__organisation")


def directory_visible_to(
    user: access.Who,
    *,
    include_former: bool = False,
    country: Country | None = None,
    country_code: str = "",
    query: str = "",
) -> QuerySet[Membership]:
    """The directory: who holds which post. Names and posts are public (the templates and the
    API show contact details only where ``access.can_see_contact_details`` allows)."""
    memberships = Membership.objects.all() if include_former else Membership.objects.current()
    if country is not None:
        memberships = memberships.filter(post__country=country)
    if country_code:
        # An unknown code matches nobody (it does not silently list everyone).
        memberships = memberships.filter(post__country__code__iexact=country_code)
    if query:
        memberships = memberships.filter(
            Q(person__given_name__icontains=query)
            | Q(person__family_name__icontains=query)
            | Q(institution__icontains=query)
            | Q(position__icontains=query)
        )
    return _membership_related(memberships).order_by(
        "post__country__name_es",
        "post__organisation__name_es",
        "post__role",
        "-start_date",
        "pk",
    )


def people_visible_to(user: access.Who) -> QuerySet[Person]:
    """People who hold or held a post are in the directory; others are not listed publicly."""
    return Person.objects.filter(memberships__isnull=False).distinct()


def person_detail(user: access.Who, pk: int) -> Person:
    person = (
        people_visible_to(user)
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=_membership_related(Membership.objects.order_by("-start_date")),
            )
        )
        .filter(pk=pk)
        .first()
    )
    if person is None:
        raise Http404
    return person


def country_with_code(user: access.Who, code: str) -> Country | None:
    return countries_visible_to(user).filter(code__iexact=code).first()


def country_by_code(user: access.Who, code: str) -> Country:
    country = country_with_code(user, code)
    if country is None:
        raise Http404
    return country


def countries_of(user: access.Who, country_ids: Iterable[int]) -> QuerySet[Country]:
    return countries_visible_to(user).filter(pk__in=list(country_ids))


def countries_by_code(user: access.Who, codes: Iterable[str]) -> dict[str, Country]:
    return {c.code: c for c in countries_visible_to(user).filter(code__in=list(codes))}


def organisation_detail(user: access.Who, pk: int) -> Organisation:
    organisation = organisations_visible_to(user).filter(pk=pk).first()
    if organisation is None:
        raise Http404
    return organisation


def organisation_with_acronym(user: access.Who, acronym: str) -> Organisation | None:
    return organisations_visible_to(user).filter(acronym=acronym).first()


def organisations_of(user: access.Who, organisation_ids: Iterable[int]) -> list[Organisation]:
    return list(organisations_visible_to(user).filter(pk__in=list(organisation_ids)))


def organisations_by_acronym(user: access.Who, acronyms: Iterable[str]) -> dict[str, Organisation]:
    found = organisations_visible_to(user).filter(acronym__in=list(acronyms))
    return {o.acronym: o for o in found}


def bodies_by_slug(user: access.Who) -> dict[str, Body]:
    return {b.slug: b for b in bodies_visible_to(user)}


def network_body(user: access.Who) -> Body | None:
    """The body of the network itself (the Network of Liaison Officers)."""
    return bodies_visible_to(user).filter(kind=Body.Kind.NETWORK).first()


def people_managed_by(user: access.Who) -> QuerySet[Person]:
    """Every person record, for the secretariat's directory management."""
    if not access.can_manage_directory(access.actor_for(user)):
        raise PermissionDenied
    return Person.objects.all()


def person_managed(user: access.Who, pk: int) -> Person:
    """A person record with its account, for the secretariat (deactivating an account)."""
    person = people_managed_by(user).select_related("user").filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


def record_managed[T: Model](user: access.Who, model: type[T], pk: int) -> T:
    """A record of the directory (country, organisation, presidency, person, membership) on
    the secretariat's edit page: PermissionDenied for anyone else, 404 when missing."""
    if not access.can_manage_directory(access.actor_for(user)):
        raise PermissionDenied
    records = model._default_manager.all()
    if model is Membership:
        records = records.select_related("post")
    found = records.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


class PostHolders:
    """What enlace.access asks of the directory: who holds which post on a day, and which
    countries preside (``access.Directory``)."""

    def holdings(self, user_id: int, day: datetime.date) -> list[access.Holding]:
        memberships = (
            Membership.objects.current(day)
            .filter(person__user_id=user_id)
            .select_related("post__country")
        )
        return [
            access.Holding(
                role=m.post.role,
                country_id=m.post.country_id,
                country_is_member=m.post.country is not None
                and m.post.country.status == Country.Status.MEMBER,
                organisation_id=m.post.organisation_id,
            )
            for m in memberships
        ]

    def presiding(self, country_ids: set[int], day: datetime.date) -> set[int]:
        return set(
            Presidency.objects.filter(
                country_id__in=country_ids, start_date__lte=day, end_date__gte=day
            ).values_list("country_id", flat=True)
        )
