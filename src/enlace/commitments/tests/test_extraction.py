"""Extraction of commitments from a point's text: actors and deadlines, Spanish and English.
Pure functions: no database."""

import datetime
from pathlib import Path

import pytest

from enlace.commitments import extraction as ex
from enlace.demo import data

# Ids of a small vocabulary (as the service would build from network.Country/Organisation).
HND, MEX, USA, DOM, GTM = 1, 2, 3, 4, 5
IOM, RROCM, UNHCR, UNICEF, UNODC, ILO = 10, 11, 12, 13, 14, 15

VOCABULARY = ex.vocabulary_from(
    [
        (HND, ["Honduras", "Honduras"]),
        (MEX, ["México", "Mexico"]),
        (USA, ["Estados Unidos de América", "United States of America"]),
        (DOM, ["República Dominicana", "Dominican Republic"]),
        (GTM, ["Guatemala", "Guatemala"]),
    ],
    [
        (
            IOM,
            [
                "Organización Internacional para las Migraciones",
                "International Organization for Migration",
            ],
            ["IOM"],
        ),
        (RROCM, ["Red Regional de Organizaciones Civiles para las Migraciones"], ["RROCM"]),
        (UNHCR, ["Alto Comisionado de las Naciones Unidas para los Refugiados"], ["UNHCR"]),
        (UNICEF, ["Fondo de las Naciones Unidas para la Infancia"], ["UNICEF"]),
        (UNODC, ["Oficina de las Naciones Unidas contra la Droga y el Delito"], ["UNODC"]),
        (
            ILO,
            ["Organización Internacional del Trabajo", "International Labour Organization"],
            ["ILO"],
        ),
    ],
)
MEETING = datetime.date(2014, 6, 25)
NEXT_MEETING = datetime.date(2014, 11, 12)
CONTEXT = ex.Context(meeting_date=MEETING, next_meeting_date=NEXT_MEETING)


def propose(text: str, context: ex.Context = CONTEXT) -> list[ex.Proposal]:
    return ex.propose(text, VOCABULARY, context)


def only(text: str, context: ex.Context = CONTEXT) -> ex.Proposal:
    proposals = propose(text, context)
    assert len(proposals) == 1, proposals
    return proposals[0]


# --- the Tela report ------------------------------------------------------------------------


def _tela_points() -> list[str]:
    text = Path(data.__file__).with_name("2008-05-06_tela_honduras.es.txt").read_text("utf-8")
    return [line for line in text.splitlines() if line[:2] in {"1.", "2.", "3.", "4."}]


def _demo_vocabulary() -> ex.Vocabulary:
    countries = [(i, (es, en)) for i, (_code, es, en, _fr, _s) in enumerate(data.COUNTRIES)]
    organisations = [
        (100 + i, (es, en), (acronym,))
        for i, (acronym, es, en, _fr, kind, _obs) in enumerate(data.ORGANISATIONS)
        if kind != "secretariat"
    ]
    return ex.vocabulary_from(countries, organisations)


def test_tela_point_4_proposes_the_technical_secretariat_without_deadline() -> None:
    points = _tela_points()
    assert len(points) == 4
    context = ex.Context(meeting_date=datetime.date(2008, 5, 6))
    proposals = ex.propose(points[3], _demo_vocabulary(), context)
    assert len(proposals) == 1
    proposal = proposals[0]
    assert proposal.actor_kind == ex.SECRETARIAT
    assert proposal.due_date is None
    assert proposal.due_text == ""
    assert proposal.text.startswith("La creación y mantenimiento de un Plan de Trabajo-Archivo")


@pytest.mark.parametrize("index", [0, 1, 2])
def test_tela_points_1_to_3_propose_nothing(index: int) -> None:
    """Acknowledgements, a discussion and a presentation: no commitment, though they name the
    member countries and the RROCM."""
    context = ex.Context(meeting_date=datetime.date(2008, 5, 6))
    assert ex.propose(_tela_points()[index], _demo_vocabulary(), context) == []


# --- actors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Solicitar a la Secretaría Técnica la elaboración de un directorio.",
        "Solicitar a la ST la elaboración de un directorio.",
        "La ST elaborará un directorio.",
        "La Secretaría Técnica de la CRM elaborará un directorio.",
        "Request the TS to prepare a directory.",
        "The Technical Secretariat will prepare a directory.",
        "The TS will prepare a directory.",
        "ST circulará el directorio.",
        "La Secretaría Ejecutiva preparará un directorio.",
    ],
)
def test_the_secretariat_in_both_languages(sentence: str) -> None:
    assert only(sentence).actor_kind == ex.SECRETARIAT


@pytest.mark.parametrize(
    "sentence",
    [
        "La PPT convocará a una reunión virtual.",
        "La Presidencia Pro Tempore convocará a una reunión virtual.",
        "La Presidencia Pro Témpore convocará a una reunión virtual.",
        "The PPT will convene a virtual meeting.",
        "The Pro Tempore Presidency shall convene a virtual meeting.",
        "Encargar a la PPT la convocatoria de una reunión virtual.",
    ],
)
def test_the_presidency(sentence: str) -> None:
    assert only(sentence).actor_kind == ex.PPT


@pytest.mark.parametrize(
    "sentence",
    [
        "Los países miembros designarán un punto focal.",
        "Los países miembros se comprometen a designar un punto focal.",
        "Member countries will designate a focal point.",
        "All member countries agreed to designate a focal point.",
        "Invitar a los países miembros a designar un punto focal.",
        "Invite member countries to designate a focal point.",
    ],
)
def test_all_member_countries(sentence: str) -> None:
    proposal = only(sentence)
    assert proposal.actor_kind == ex.ALL_MEMBERS
    assert "punto focal" in proposal.text or "focal point" in proposal.text


@pytest.mark.parametrize(
    ("sentence", "country"),
    [
        ("México se compromete a organizar el taller regional.", MEX),
        ("Mexico will host the regional workshop.", MEX),
        ("El Gobierno de Guatemala compartirá su protocolo.", GTM),
        ("La delegación de Honduras presentará el informe.", HND),
        ("The United States offered to host the next meeting.", USA),
        ("Estados Unidos ofreció organizar la capacitación.", USA),
        ("The Dominican Republic will share its protocol.", DOM),
        ("República Dominicana compartirá su protocolo.", DOM),
    ],
)
def test_countries_by_their_names_in_both_languages(sentence: str, country: int) -> None:
    proposal = only(sentence)
    assert proposal.actor_kind == ex.COUNTRY
    assert proposal.country_id == country
    assert proposal.organisation_id is None


@pytest.mark.parametrize(
    ("sentence", "organisation"),
    [
        ("La OIM apoyará la capacitación.", IOM),
        ("IOM will support the training.", IOM),
        ("Solicitar al ACNUR la revisión del protocolo.", UNHCR),
        ("UNHCR will review the protocol.", UNHCR),
        ("UNICEF compartirá sus materiales.", UNICEF),
        ("Request UNODC to share the toolkit.", UNODC),
        ("La OIT presentará un estudio.", ILO),
        ("The ILO will present a study.", ILO),
        ("La RROCM compartirá su informe.", RROCM),
        (
            "Encargar a la Organización Internacional para las Migraciones (OIM) la guía.",
            IOM,
        ),
    ],
)
def test_organisations_by_acronym_and_name(sentence: str, organisation: int) -> None:
    proposal = only(sentence)
    assert proposal.actor_kind == ex.ORGANISATION
    assert proposal.organisation_id == organisation


def test_a_request_to_two_actors_proposes_both() -> None:
    proposals = propose("Solicitar a la ST y a la OIM que elaboren una guía.")
    assert [(p.actor_kind, p.organisation_id) for p in proposals] == [
        (ex.SECRETARIAT, None),
        (ex.ORGANISATION, IOM),
    ]
    assert {p.text for p in proposals} == {"Elaboren una guía"}


def test_two_actors_with_two_deadlines_in_one_sentence() -> None:
    proposals = propose(
        "La ST enviará el borrador a más tardar el 10 de julio y los países miembros "
        "remitirán sus comentarios antes de la próxima reunión."
    )
    assert [(p.actor_kind, p.due_date) for p in proposals] == [
        (ex.SECRETARIAT, datetime.date(2014, 7, 10)),
        (ex.ALL_MEMBERS, NEXT_MEETING),
    ]
    assert proposals[0].text == "Enviará el borrador"
    assert proposals[1].text == "Remitirán sus comentarios"


def test_the_recipient_of_a_sending_is_not_the_actor() -> None:
    proposal = only("Los países miembros enviarán a la ST sus informes nacionales.")
    assert proposal.actor_kind == ex.ALL_MEMBERS


@pytest.mark.parametrize(
    "sentence",
    [
        "Reconocer los esfuerzos de los países miembros en el combate a la trata de personas.",
        "La PPT informó sobre los avances del plan de trabajo.",
        "La RROCM expuso sobre las áreas en las que los países podrían ampliar sus esfuerzos.",
        "The network discussed the trafficking of children.",
        "The TS presented the report of activities.",
        "Los países miembros expresaron su agradecimiento a la OIM.",
        "Se destacó la importancia de la cooperación con la Secretaría Técnica.",
        "Agradecer a México por la organización de la reunión.",
        "La OIM será invitada a la próxima reunión.",
        "The TS was invited to present a report.",
        "",
    ],
)
def test_sentences_without_a_commitment_propose_nothing(sentence: str) -> None:
    assert propose(sentence) == []


# --- deadlines ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "due", "written"),
    [
        (
            "La ST enviará el informe a más tardar el 21 de julio.",
            datetime.date(2014, 7, 21),
            "a más tardar el 21 de julio",
        ),
        (
            "La ST enviará el informe a más tardar el 21 de julio de 2015.",
            datetime.date(2015, 7, 21),
            "a más tardar el 21 de julio de 2015",
        ),
        (
            "La ST enviará el informe antes del 1 de septiembre.",
            datetime.date(2014, 9, 1),
            "antes del 1 de septiembre",
        ),
        (
            "The TS will send the report by July 21st, at the latest.",
            datetime.date(2014, 7, 21),
            "by July 21st, at the latest",
        ),
        (
            "The TS will send the report by 21 July.",
            datetime.date(2014, 7, 21),
            "by 21 July",
        ),
        (
            "The TS will send the report no later than August 3, 2014.",
            datetime.date(2014, 8, 3),
            "no later than August 3, 2014",
        ),
        (
            "La ST enviará el informe en un plazo de 30 días.",
            MEETING + datetime.timedelta(days=30),
            "en un plazo de 30 días",
        ),
        (
            "The TS will send the report within 30 days.",
            MEETING + datetime.timedelta(days=30),
            "within 30 days",
        ),
        (
            "La ST enviará el informe dentro de dos semanas.",
            MEETING + datetime.timedelta(weeks=2),
            "dentro de dos semanas",
        ),
        (
            "La ST enviará el informe a más tardar en septiembre.",
            datetime.date(2014, 9, 30),
            "a más tardar en septiembre",
        ),
    ],
)
def test_deadlines(sentence: str, due: datetime.date, written: str) -> None:
    proposal = only(sentence)
    assert proposal.due_date == due
    assert proposal.due_text == written
    assert written not in proposal.text


def test_business_days_skip_weekends() -> None:
    # 25 June 2014 is a Wednesday: 5 working days later is Wednesday 2 July.
    proposal = only("Honduras presentará el informe en un plazo de cinco (5) días hábiles.")
    assert proposal.due_date == datetime.date(2014, 7, 2)


def test_a_date_before_the_meeting_rolls_to_the_next_year() -> None:
    proposal = only("Los países miembros designarán un punto focal a más tardar el 15 de enero.")
    assert proposal.due_date == datetime.date(2015, 1, 15)


def test_an_explicit_year_is_kept_even_before_the_meeting() -> None:
    proposal = only("La ST enviará el informe a más tardar el 15 de enero de 2014.")
    assert proposal.due_date == datetime.date(2014, 1, 15)


def test_before_the_next_meeting_without_a_known_meeting_keeps_the_words() -> None:
    context = ex.Context(meeting_date=MEETING)
    for sentence in (
        "La ST circulará el borrador antes de la próxima reunión.",
        "The TS will circulate the draft before the next meeting.",
    ):
        proposal = only(sentence, context)
        assert proposal.due_date is None
        assert proposal.due_text.lower() in {
            "antes de la próxima reunión",
            "before the next meeting",
        }


def test_before_the_next_meeting_takes_its_date_when_known() -> None:
    assert only("The TS will circulate the draft before the next meeting.").due_date == NEXT_MEETING


def test_an_impossible_date_keeps_the_words_without_a_date() -> None:
    proposal = only("La ST enviará el informe a más tardar el 31 de febrero.")
    assert proposal.due_date is None
    assert proposal.due_text == "a más tardar el 31 de febrero"


def test_a_deadline_before_the_actor() -> None:
    proposal = only(
        "A más tardar el 30 de agosto, la Secretaría Técnica distribuirá la versión final."
    )
    assert proposal.actor_kind == ex.SECRETARIAT
    assert proposal.due_date == datetime.date(2014, 8, 30)


def test_no_deadline_leaves_both_empty() -> None:
    proposal = only("La ST elaborará un directorio regional.")
    assert proposal.due_date is None
    assert proposal.due_text == ""


# --- points that start with a verb ----------------------------------------------------------


def test_a_point_starting_with_an_infinitive_and_a_deadline_binds_the_member_countries() -> None:
    proposal = only(
        "Enviar a la ST, a más tardar el 21 de julio, la información sobre los puntos focales."
    )
    assert proposal.actor_kind == ex.ALL_MEMBERS
    assert proposal.due_date == datetime.date(2014, 7, 21)
    assert proposal.text == "Enviar a la ST la información sobre los puntos focales"


def test_the_issue_example_in_english() -> None:
    proposal = only("To send the TS the information by July 21st, at the latest.")
    assert proposal.actor_kind == ex.ALL_MEMBERS
    assert proposal.due_date == datetime.date(2014, 7, 21)
    assert proposal.text == "Send the TS the information"


def test_an_infinitive_without_a_deadline_proposes_nothing() -> None:
    assert propose("Continuar desarrollando programas de concienciación pública.") == []


def test_it_was_agreed_with_a_deadline() -> None:
    proposal = only("Se acordó remitir a la PPT las observaciones dentro de dos semanas.")
    assert proposal.actor_kind == ex.ALL_MEMBERS
    assert proposal.text == "Remitir a la PPT las observaciones"


# --- whole points ---------------------------------------------------------------------------


def test_a_point_of_several_sentences_proposes_each_once() -> None:
    text = (
        "La Red revisó el plan. La ST enviará el plan revisado a más tardar el 21 de julio.\n"
        "Los países miembros remitirán sus comentarios en un plazo de 15 días. "
        "La ST enviará el plan revisado a más tardar el 21 de julio."
    )
    proposals = propose(text)
    assert [p.actor_kind for p in proposals] == [ex.SECRETARIAT, ex.ALL_MEMBERS]


def test_fold_keeps_positions() -> None:
    text = "Secretaría Técnica, PANAMÁ"
    assert len(ex.fold(text)) == len(text)
    assert ex.fold(text) == "secretaria tecnica, panama"
