"""The shapes the API answers with (the error shapes every router shares are in enlace.core.api)."""

import datetime

from ninja import Field, Schema
from pydantic import ConfigDict


class CountryOut(Schema):
    code: str
    name: str
    name_es: str
    name_en: str
    name_fr: str
    status: str
    joined_year: int | None


class OrganisationOut(Schema):
    id: int
    name: str
    acronym: str
    kind: str
    is_observer: bool
    country: str | None


class BodyOut(Schema):
    slug: str
    name: str
    kind: str
    acronym: str
    reports_to: str | None


class PresidencyOut(Schema):
    year: int
    country: str
    start_date: datetime.date
    end_date: datetime.date


class ContactOut(Schema):
    email: str
    phone: str


class PersonOut(Schema):
    id: int
    name: str
    honorific: str
    given_name: str
    family_name: str
    contact: ContactOut | None = None


class MembershipOut(Schema):
    id: int
    person: PersonOut
    body: str
    role: str
    country: str | None
    organisation: str | None
    institution: str
    position: str
    start_date: datetime.date
    end_date: datetime.date | None


class PersonDetailOut(PersonOut):
    memberships: list[MembershipOut]


class ReportRefOut(Schema):
    id: int
    language: str
    status: str
    is_published: bool


class MeetingOut(Schema):
    id: int
    title: str
    body: str
    start_date: datetime.date
    end_date: datetime.date
    city: str
    country: str | None
    format: str
    reports: list[ReportRefOut]


class RepresentativeOut(Schema):
    name: str
    position: str
    person_id: int | None


class DelegationOut(Schema):
    country: str | None
    organisation: str | None
    representatives: list[RepresentativeOut]


class DocumentOut(Schema):
    id: int
    title: str
    language: str
    visibility: str
    url: str


class MeetingDetailOut(MeetingOut):
    delegations: list[DelegationOut]
    agenda: list[str]
    documents: list[DocumentOut]


class PointOut(Schema):
    label: str
    level: int
    text: str


class MeetingReportOut(Schema):
    id: int
    meeting_id: int
    language: str
    title: str
    place_line: str
    date_line: str
    opening: str
    status: str
    adopted_on: datetime.date | None
    presented_on: datetime.date | None
    is_published: bool
    points: list[PointOut]


class MeOut(Schema):
    authenticated: bool
    username: str | None
    roles: list[str]
    countries: list[str]


# The directory in the Popolo format (popoloproject.com). A key the data has nothing for is left
# out, not sent as null: the endpoint answers without unset fields.


class PopoloContactOut(Schema):
    type: str
    value: str


class PopoloPersonOut(Schema):
    id: str
    name: str
    given_name: str
    family_name: str
    honorific_prefix: str | None = Field(None, description="Only when the person has one.")
    contact_details: list[PopoloContactOut] | None = Field(
        None, description="Only for members of the network."
    )


class PopoloIdentifierOut(Schema):
    scheme: str
    identifier: str


class PopoloOtherNameOut(Schema):
    name: str


class PopoloOrganizationOut(Schema):
    id: str
    name: str
    classification: str
    identifiers: list[PopoloIdentifierOut] | None = Field(None, description="Of a country.")
    other_names: list[PopoloOtherNameOut] | None = Field(
        None, description="The acronym of an organisation that has one."
    )


class PopoloPostOut(Schema):
    id: str
    label: str
    role: str
    organization_id: str


class PopoloMembershipOut(Schema):
    model_config = ConfigDict(validate_by_name=True)

    id: str
    person_id: str
    organization_id: str
    post_id: str
    on_behalf_of_id: str
    role: str
    label: str
    start_date: str
    end_date: str | None = Field(None, description="Only when the membership has ended.")
    institution: str | None = Field(
        None,
        alias="+institution",
        description='Only when one is recorded. Not a Popolo property: flagged with "+", as '
        "Popolo's JSON patterns advise for additional properties.",
    )


class PopoloOut(Schema):
    persons: list[PopoloPersonOut]
    organizations: list[PopoloOrganizationOut]
    memberships: list[PopoloMembershipOut]
    posts: list[PopoloPostOut]
