"""The cooperation demo: requests in every state between several member countries, and protected
cases of fictitious persons, clearly marked as such (``is_fictitious``, a banner on their pages in
the reader's language, names like "FICTICIO — Persona de demostración 1"). Nothing here is a real
case. The texts are written once, in Spanish, the network's working language (the pages mark them
``lang="es"``).

Dates are relative to the day the demo is first loaded, so the inbox always shows overdue and
upcoming requests. Safe to run again: once the fictitious requests exist, nothing is added.
Identifying data is encrypted like any other: without ENLACE_CASE_KEYS the demo creates a key file
in the data folder (enlace.core.crypto.ensure_demo_key).
"""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from enlace.audit.services import audit_record
from enlace.cooperation.models import (
    CLOSED_CASE_STATUSES,
    DEFAULT_RESPONSE_DAYS,
    AgeBand,
    CaseIdentity,
    CaseStatus,
    ChildStep,
    ControlMethod,
    CooperationRequest,
    Exploitation,
    LegalBasis,
    ProtectedCase,
    Recruitment,
    RequestParty,
    RequestState,
    RequestType,
    Sex,
    StateChange,
    TraffickingEvent,
)
from enlace.core import crypto
from enlace.network.models import Country

FICTITIOUS = "FICTICIO — Persona de demostración"

# The path of each request through the states, in order.
PATHS: dict[str, list[str]] = {
    RequestState.SENT: [],
    RequestState.ACKNOWLEDGED: ["acknowledged"],
    RequestState.IN_PROGRESS: ["acknowledged", "in_progress"],
    RequestState.COMPLETED: ["acknowledged", "in_progress", "completed"],
    RequestState.DECLINED: ["acknowledged", "declined"],
    RequestState.CLOSED: ["acknowledged", "in_progress", "completed", "closed"],
}

CASES: list[dict[str, Any]] = [
    # number, registered by, citizenship, age, sex, minor, exploitation, consent, legal basis
    {
        "n": 1,
        "owner": "MEX",
        "citizenship": "HND",
        "age": 15,
        "sex": Sex.FEMALE,
        "exploitation": [Exploitation.SEXUAL],
        "control": [ControlMethod.THREATS, ControlMethod.WITHHOLDS_DOCUMENTS],
        "recruitment": [Recruitment.ONLINE_ADVERT],
        "consent": False,
        "basis": LegalBasis.CHILD_BEST_INTEREST,
    },
    {
        "n": 2,
        "owner": "GTM",
        "citizenship": "HND",
        "age": 34,
        "sex": Sex.MALE,
        "exploitation": [Exploitation.LABOUR],
        "control": [ControlMethod.DEBT_BONDAGE, ControlMethod.EXCESSIVE_HOURS],
        "recruitment": [Recruitment.AT_WORK],
        "consent": True,
        "basis": LegalBasis.NONE,
    },
    {
        "n": 3,
        "owner": "HND",
        "citizenship": "HND",
        "age": 22,
        "sex": Sex.FEMALE,
        "exploitation": [Exploitation.SERVITUDE],
        "control": [ControlMethod.WITHHOLDS_NECESSITIES],
        "recruitment": [Recruitment.FAMILY],
        "consent": False,
        "basis": LegalBasis.NONE,
        "status": CaseStatus.FOLLOW_UP,
    },
    {
        "n": 4,
        "owner": "SLV",
        "citizenship": "SLV",
        "age": 28,
        "sex": Sex.FEMALE,
        "exploitation": [Exploitation.SEXUAL],
        "control": [ControlMethod.FALSE_PROMISES],
        "recruitment": [Recruitment.SOCIAL_NETWORKS],
        "consent": True,
        "basis": LegalBasis.NONE,
        "status": CaseStatus.CLOSED_REFERRED,
    },
    {
        "n": 5,
        "owner": "MEX",
        "citizenship": "GTM",
        "age": 19,
        "sex": Sex.MALE,
        "exploitation": [Exploitation.LABOUR],
        "control": [ControlMethod.DEBT_BONDAGE],
        "recruitment": [Recruitment.AT_WORK],
        "consent": True,
        "basis": LegalBasis.NONE,
        "status": CaseStatus.CLOSED,
    },
]

# type, from, to, case number, state, days since sent
REQUESTS: list[tuple[str, str, list[str], int | None, str, int]] = [
    (RequestType.REPATRIATION, "MEX", ["HND"], 1, RequestState.IN_PROGRESS, 12),
    (RequestType.ASSISTED_RETURN, "GTM", ["HND"], 2, RequestState.SENT, 40),
    (RequestType.FAMILY_TRACING, "HND", ["GTM"], 3, RequestState.ACKNOWLEDGED, 5),
    (RequestType.DOCUMENT_VERIFICATION, "SLV", ["MEX"], None, RequestState.COMPLETED, 20),
    (RequestType.INVESTIGATION, "MEX", ["GTM", "HND"], None, RequestState.DECLINED, 30),
    (RequestType.ASSISTANCE_REFERRAL, "SLV", ["HND"], 4, RequestState.CLOSED, 60),
    (RequestType.OTHER, "HND", ["MEX"], None, RequestState.SENT, 2),
    (RequestType.INVESTIGATION, "HND", ["MEX"], None, RequestState.IN_PROGRESS, 70),
    # More history, so that every state is held by several requests.
    (RequestType.DOCUMENT_VERIFICATION, "HND", ["SLV"], None, RequestState.ACKNOWLEDGED, 9),
    (RequestType.INVESTIGATION, "GTM", ["MEX"], None, RequestState.COMPLETED, 95),
    (RequestType.OTHER, "SLV", ["GTM"], None, RequestState.DECLINED, 120),
    (RequestType.ASSISTED_RETURN, "MEX", ["GTM"], 5, RequestState.CLOSED, 210),
    (RequestType.FAMILY_TRACING, "MEX", ["HND"], None, RequestState.CLOSED, 330),
    (RequestType.ASSISTANCE_REFERRAL, "HND", ["SLV", "GTM"], None, RequestState.COMPLETED, 150),
]

# What each type asks, in Spanish (the network's working language); never a name.
SUMMARIES: dict[str, str] = {
    RequestType.REPATRIATION: "Solicitud de repatriación de la persona del caso indicado, con "
    "la evaluación de riesgo y la institución receptora.",
    RequestType.ASSISTED_RETURN: "Solicitud de apoyo para el retorno asistido de la persona del "
    "caso indicado a su comunidad de origen.",
    RequestType.FAMILY_TRACING: "Solicitud de localización de la familia de la persona del caso "
    "indicado y de evaluación del entorno familiar.",
    RequestType.DOCUMENT_VERIFICATION: "Solicitud de verificación de la autenticidad de un "
    "documento de viaje presentado en un control migratorio.",
    RequestType.INVESTIGATION: "Solicitud de información para una investigación sobre una red de "
    "trata de personas que opera entre ambos países.",
    RequestType.ASSISTANCE_REFERRAL: "Solicitud de referencia de la persona del caso indicado a "
    "servicios de albergue y atención psicosocial.",
    RequestType.OTHER: "Solicitud de intercambio de materiales de capacitación sobre la "
    "identificación de víctimas.",
}

DETAILS: dict[str, dict[str, Any]] = {
    RequestType.REPATRIATION: {"destination": "Cortés", "receiving_institution": "DINAF"},
    RequestType.ASSISTED_RETURN: {"destination": "Olancho", "reserve_fund": True},
    RequestType.FAMILY_TRACING: {"locality": "Huehuetenango", "risk_assessment": True},
    RequestType.DOCUMENT_VERIFICATION: {"document_kind": "passport", "issuing_authority": "SRE"},
    RequestType.INVESTIGATION: {"file_reference": "DEMO-2026-001", "urgency": "normal"},
    RequestType.ASSISTANCE_REFERRAL: {"services": ["shelter", "psychosocial"]},
    RequestType.OTHER: {},
}


def _band(age: int) -> str:
    if age < 12:
        return AgeBand.UNDER_12
    if age < 18:
        return AgeBand.TEEN
    if age <= 25:
        return AgeBand.YOUNG
    if age <= 45:
        return AgeBand.ADULT
    return AgeBand.OLDER


@transaction.atomic
def load_cooperation_demo() -> None:
    if CooperationRequest.objects.filter(is_fictitious=True).exists():
        return
    crypto.ensure_demo_key()
    countries = {c.code: c for c in Country.objects.filter(status=Country.Status.MEMBER)}
    if not all(code in countries for code in ("HND", "MEX", "GTM", "SLV")):
        return
    today = timezone.localdate()
    cases: dict[int, ProtectedCase] = {}
    for spec in CASES:
        case = ProtectedCase.objects.create(
            owner_country=countries[spec["owner"]],
            is_fictitious=True,
            age_at_identification=spec["age"],
            age_band=_band(spec["age"]),
            is_minor=spec["age"] < 18,
            sex=spec["sex"],
            citizenship=countries[spec["citizenship"]],
            exploitation=spec["exploitation"],
            control_methods=spec["control"],
            recruitment=spec["recruitment"],
            vulnerabilities=["Poverty", "Migration"],
            assistance=["Shelter", "Psychosocial"],
            identified_on=today - datetime.timedelta(days=90),
            processing_consent=True,
            sharing_consent=spec["consent"],
            legal_basis=spec["basis"],
            legal_basis_note="Lineamientos regionales para la protección de niñas, niños y "
            "adolescentes"
            if spec["basis"]
            else "",
            status=spec.get("status", CaseStatus.ACTIVE),
            closed_on=today - datetime.timedelta(days=30)
            if spec.get("status") in CLOSED_CASE_STATUSES
            else None,
        )
        number = spec["n"]
        CaseIdentity.objects.create(
            case=case,
            payload=crypto.encrypt_json(
                {
                    "given_name": f"{FICTITIOUS} {number}",
                    "family_name": "FICTICIO",
                    "birth_date": (
                        today - datetime.timedelta(days=365 * spec["age"] + 100)
                    ).isoformat(),
                    "documents": f"DEMO-DOC-{number:04d} (ficticio)",
                    "contacts": "ninguno (persona ficticia)",
                    "photo_type": "",
                }
            ),
        )
        TraffickingEvent.objects.create(
            case=case,
            kind=TraffickingEvent.Kind.RECRUITMENT,
            country=countries[spec["citizenship"]],
            date=today - datetime.timedelta(days=200),
        )
        TraffickingEvent.objects.create(
            case=case,
            kind=TraffickingEvent.Kind.EXPLOITATION,
            country=countries[spec["owner"]],
            date=today - datetime.timedelta(days=120),
        )
        audit_record(
            actor=None, action="protectedcase.create", instance=case, after={"code": case.code}
        )
        cases[number] = case

    for type_, origin, targets, case_number, state, age in REQUESTS:
        sent = today - datetime.timedelta(days=age)
        request = CooperationRequest.objects.create(
            type=type_,
            requesting_country=countries[origin],
            case=cases.get(case_number) if case_number else None,
            summary=SUMMARIES[type_]
            + " (Solicitud ficticia de demostración: la persona se nombra solo por el código "
            "del caso.)",
            details=DETAILS[type_],
            state=state,
            decline_reason=(
                "La información la tiene otra institución; por favor diríjase a ella."
                if state == RequestState.DECLINED
                else ""
            ),
            sent_on=sent,
            due_on=sent + datetime.timedelta(days=DEFAULT_RESPONSE_DAYS[type_]),
            completed_on=sent + datetime.timedelta(days=age // 2)
            if state in (RequestState.COMPLETED, RequestState.CLOSED)
            else None,
            closed_on=today if state == RequestState.CLOSED else None,
            is_fictitious=True,
        )
        RequestParty.objects.create(
            request=request, country=countries[origin], role=RequestParty.Role.REQUESTING
        )
        for target in targets:
            RequestParty.objects.create(
                request=request, country=countries[target], role=RequestParty.Role.REQUESTED
            )
        StateChange.objects.create(
            request=request, to_state=RequestState.SENT, country=countries[origin]
        )
        previous: str = RequestState.SENT
        for step in PATHS[state]:
            StateChange.objects.create(
                request=request,
                from_state=previous,
                to_state=step,
                country=countries[origin if step == "closed" else targets[0]],
                reason=request.decline_reason if step == "declined" else "",
            )
            previous = step
        about = request.case
        if type_ == RequestType.REPATRIATION and about is not None and about.is_minor:
            for kind, step_state in zip(
                ChildStep.Kind.values,
                [
                    ChildStep.State.DONE,
                    ChildStep.State.IN_PROGRESS,
                    ChildStep.State.PENDING,
                    ChildStep.State.NOT_APPLICABLE,
                ],
                strict=True,
            ):
                ChildStep.objects.create(request=request, kind=kind, state=step_state)
        audit_record(
            actor=None,
            action="cooperationrequest.create",
            instance=request,
            after={"type": type_, "state": state, "requesting_country": origin},
        )
