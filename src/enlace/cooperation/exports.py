"""Protected cases as HTCDS 2.0 data (the Human Trafficking Case Data Standard of IOM), for the
officers of their parties: one case as JSON or CSV, or every case they may see laid out as the
standard's toolkit spreadsheet lays them out (one row per case, fields as columns).

Only fields of HTCDS 2.0 carry its names (prefixes ``prs_`` person, ``vic_`` victim context,
``cas_`` case, ``con_`` consent, ``hte_`` historic trafficking events), with its picklist values.
What the platform keeps that the standard does not define (the case code, the registering
country, the age band, the legal basis for sharing, the fictitious flag, …) goes apart, in the
``enlace`` extension (``enlace.`` columns in CSV). The identifying data is never exported: it
is shown, logged, on the case's identity page, so an exported file identifies no one; the
toolkit's identifying columns stay empty.
"""

from collections.abc import Iterable, Iterator
from typing import Any

from enlace.cooperation.models import ProtectedCase, TraffickingEvent

STANDARD = "HTCDS 2.0"
EXTENSION = "enlace"

# The columns of the toolkit spreadsheet of HTCDS 2.0, in its order.
TOOLKIT_COLUMNS = [
    "cas_CaseOwner",
    "prs_Salutation",
    "prs_FirstName",
    "prs_SecondName",
    "con_Consent",
    "prs_Birthdate",
    "prs_Gender",
    "prs_Citizenship",
    "prs_Title",
    "prs_Email",
    "prs_HomePhone",
    "prs_MobilePhone",
    "prs_MailingCity",
    "prs_MailingCountry",
    "prs_MailingState",
    "prs_MailingStreet",
    "prs_MailingPostalCode",
    "vic_TraffickingStatus",
    "vic_TraffickinStatusDecisionMakingOrg",
    "vic_MethodOfRecruitment",
    "vic_LocationOfRecruitment",
    "vic_MethodsOfControl",
    "vic_TypeOfExploitation",
    "vic_ForcedLabourIndustry",
    "vic_TypeOfSexExploitation",
    "vic_LocationOfExploitation",
    "cas_Status",
    "cas_ReferringOrganisation",
    "cas_IncomingReferralDate",
    "cas_ReferringPrimaryCaseWorker",
    "cas_ReasonForIncomingReferral",
    "cas_IncomingReferralDetails",
    "cas_ReferredOrganisation",
    "cas_ReferredPrimaryCaseWorker",
    "cas_OutgoingReferralDate",
    "cas_OutgoingReferralDetails",
    "cas_ReasonForCaseClosure",
]


def _htcds_fields(case: ProtectedCase) -> dict[str, Any]:
    return {
        "con_Consent": case.processing_consent,
        "prs_Gender": case.sex,
        "prs_Citizenship": [case.citizenship.code] if case.citizenship else [],
        "vic_MethodOfRecruitment": list(case.recruitment),
        "vic_MethodsOfControl": list(case.control_methods),
        "vic_TypeOfExploitation": list(case.exploitation),
        "cas_Status": case.status,
    }


# The extension's names, in the order of its columns.
EXTENSION_NAMES = [
    "case_code",
    "registering_country",
    "identified_on",
    "closed_on",
    "age_at_identification",
    "age_band",
    "is_minor",
    "vulnerabilities",
    "assistance",
    "sharing_consent",
    "legal_basis_for_sharing",
    "is_fictitious",
]


def _extension(case: ProtectedCase) -> dict[str, Any]:
    return {
        "case_code": case.code,
        "registering_country": case.owner_country.code,
        "identified_on": case.identified_on.isoformat() if case.identified_on else None,
        "closed_on": case.closed_on.isoformat() if case.closed_on else None,
        "age_at_identification": case.age_at_identification,
        "age_band": case.age_band,
        "is_minor": case.is_minor,
        "vulnerabilities": list(case.vulnerabilities),
        "assistance": list(case.assistance),
        "sharing_consent": case.sharing_consent,
        "legal_basis_for_sharing": case.legal_basis or None,
        "is_fictitious": case.is_fictitious,
    }


def case_htcds(case: ProtectedCase, events: Iterable[TraffickingEvent]) -> dict[str, Any]:
    """One case: its HTCDS 2.0 fields, its historic trafficking events, and the extension."""
    return {
        "standard": STANDARD,
        "fields": _htcds_fields(case),
        "historic_trafficking_events": [
            {
                "hte_Type": event.kind,
                "hte_Country": event.country.code,
                "hte_City": event.city,
                "hte_Date": event.date.isoformat() if event.date else None,
            }
            for event in events
        ],
        EXTENSION: _extension(case),
    }


def _cell(value: Any) -> str:
    """A CSV cell: a multi-select as the toolkit writes it (values joined by ``;``)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(item) for item in value)
    return str(value)


def case_rows(data: dict[str, Any]) -> list[list[str]]:
    """One case as ``field, value`` rows: the HTCDS fields, each event's (``hte_Type[1]``, …),
    then the extension's as ``enlace.case_code``, …"""
    rows: list[list[str]] = [["field", "value"]]
    rows += [[name, _cell(value)] for name, value in data["fields"].items()]
    for number, event in enumerate(data["historic_trafficking_events"], start=1):
        rows += [[f"{name}[{number}]", _cell(value)] for name, value in event.items()]
    rows += [[f"{EXTENSION}.{name}", _cell(value)] for name, value in data[EXTENSION].items()]
    return rows


def toolkit_header() -> list[str]:
    return TOOLKIT_COLUMNS + [f"{EXTENSION}.{name}" for name in EXTENSION_NAMES]


def toolkit_rows(cases: Iterable[ProtectedCase]) -> Iterator[list[str]]:
    """Every case as a row of the toolkit spreadsheet, the extension's columns after its own;
    the identifying columns, and those the platform does not hold, empty."""
    yield toolkit_header()
    for case in cases:
        fields = _htcds_fields(case)
        extension = _extension(case)
        yield [_cell(fields.get(name)) for name in TOOLKIT_COLUMNS] + [
            _cell(extension[name]) for name in EXTENSION_NAMES
        ]
