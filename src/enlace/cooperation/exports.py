"""A protected case as HTCDS-aligned data (JSON and CSV), for the officers of its parties.

The field names are those of the Human Trafficking Case Data Standard (prefixes ``prs_`` person,
``vic_`` victim context, ``hte_`` trafficking events, ``cas_`` case). The export holds the
non-identifying fields only: the identifying data is never exported (it is shown, logged, on the
case's identity page), so an exported file that travels further identifies no one.
"""

from typing import Any

from enlace.cooperation.models import ProtectedCase, TraffickingEvent


def case_htcds(case: ProtectedCase, events: list[TraffickingEvent]) -> dict[str, Any]:
    return {
        "cas_CaseCode": case.code,
        "cas_Status": case.status,
        "cas_ClosedDate": case.closed_on.isoformat() if case.closed_on else None,
        "cas_RegisteringCountry": case.owner_country.code,
        "cas_IdentificationDate": case.identified_on.isoformat() if case.identified_on else None,
        "prs_AgeAtIdentification": case.age_at_identification,
        "prs_AgeBand": case.age_band,
        "prs_IsMinor": case.is_minor,
        "prs_Gender": case.sex,
        "prs_Nationality": case.citizenship.code if case.citizenship else None,
        "vic_TypeOfExploitation": list(case.exploitation),
        "vic_MethodsOfControl": list(case.control_methods),
        "vic_MethodOfRecruitment": list(case.recruitment),
        "vic_Vulnerabilities": list(case.vulnerabilities),
        "vic_AssistanceProvided": list(case.assistance),
        "vic_AgreementToManagePersonalData": case.processing_consent,
        "vic_AgreementToShareData": case.sharing_consent,
        "vic_LegalBasisForSharing": case.legal_basis or None,
        "vic_IsFictitious": case.is_fictitious,
        "hte_Events": [
            {
                "hte_Type": event.kind,
                "hte_Country": event.country.code,
                "hte_City": event.city,
                "hte_Date": event.date.isoformat() if event.date else None,
            }
            for event in events
        ],
    }


def case_rows(data: dict[str, Any]) -> list[list[str]]:
    """One ``field, value`` row per HTCDS field; lists joined with ``;``; one row per event."""
    rows: list[list[str]] = [["field", "value"]]
    for name, value in data.items():
        if name == "hte_Events":
            for number, event in enumerate(value, start=1):
                for key, item in event.items():
                    rows.append([f"{key}[{number}]", "" if item is None else str(item)])
        elif isinstance(value, list):
            rows.append([name, ";".join(value)])
        else:
            rows.append([name, "" if value is None else str(value)])
    return rows
