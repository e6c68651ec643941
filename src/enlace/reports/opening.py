"""The pre-filled parts of a new report, generated from its meeting in the report's language
(Spanish, English or French): the title, the place and date lines and the opening paragraph.

"La Red … de los países miembros de la CRM, en reunión celebrada el 6 de mayo de 2008 en Tela,
Honduras, con la participación de los representantes de Canadá, …, Panamá y República
Dominicana, presenta al Grupo Regional de Consulta sobre Migración su informe contenido en los
siguientes puntos:" — the participating countries in the language's own names and alphabetical
order (accents aside). The sentences are translated messages, written under
``translation.override(language)``; the grammar around them (articles, date ranges, "y"/"and"/
"et") is each language's own code below. Another language gets the English text.
"""

import datetime
from collections.abc import Iterable

from django.utils import translation
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from enlace.core.text import strip_accents
from enlace.meetings.models import Meeting
from enlace.network.models import Body, Country

REPORT_LANGUAGES = ("es", "en", "fr")


def _language(language: str) -> str:
    return language if language in REPORT_LANGUAGES else "en"


def month_name(month: int, language: str) -> str:
    """The month's name in the language: "mayo", "May", "mai"."""
    with translation.override(_language(language)):
        name = str(MONTHS[month])
    return name.lower() if _language(language) != "en" else name


def sort_key(name: str) -> str:
    """Alphabetical order without regard to accents or case ("México" between "Honduras" and
    "Nicaragua")."""
    return strip_accents(name).casefold()


CONJUNCTIONS = {"es": " y ", "en": " and ", "fr": " et "}


def join_names(names: Iterable[str], language: str) -> str:
    """ "A, B y C" / "A, B and C" / "A, B et C"."""
    items = list(names)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + CONJUNCTIONS[_language(language)] + items[-1]


def country_name(country: Country, language: str) -> str:
    value: str = getattr(country, f"name_{language}", "") or country.name_es
    return value


def country_list(countries: Iterable[Country], language: str) -> str:
    names = sorted((country_name(c, language) for c in countries), key=sort_key)
    return join_names(names, language)


def _es_date(start: datetime.date, end: datetime.date) -> str:
    def es(d: datetime.date, year: bool = True) -> str:
        text = f"{d.day} de {month_name(d.month, 'es')}"
        return f"{text} de {d.year}" if year else text

    if end == start:
        return es(start)
    if (start.year, start.month) == (end.year, end.month):
        joiner = " y " if (end - start).days == 1 else " al "
        return f"{start.day}{joiner}{es(end)}"
    return f"{es(start, year=start.year != end.year)} al {es(end)}"


def _fr_date(start: datetime.date, end: datetime.date) -> str:
    def fr(d: datetime.date, year: bool = True) -> str:
        day = "1er" if d.day == 1 else str(d.day)
        text = f"{day} {month_name(d.month, 'fr')}"
        return f"{text} {d.year}" if year else text

    if end == start:
        return fr(start)
    if (start.year, start.month) == (end.year, end.month):
        joiner = " et " if (end - start).days == 1 else " au "
        first = "1er" if start.day == 1 else str(start.day)
        return f"{first}{joiner}{fr(end)}"
    return f"{fr(start, year=start.year != end.year)} au {fr(end)}"


def _en_date(start: datetime.date, end: datetime.date) -> str:
    def en(d: datetime.date, year: bool = True) -> str:
        text = f"{month_name(d.month, 'en')} {d.day}"
        return f"{text}, {d.year}" if year else text

    if end == start:
        return en(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{month_name(start.month, 'en')} {start.day}-{end.day}, {end.year}"
    return f"{en(start, year=start.year != end.year)} - {en(end)}"


def format_date(start: datetime.date, end: datetime.date | None, language: str) -> str:
    """A date or a range: "6 de mayo de 2008", "6 y 7 de mayo de 2008", "24 al 26 de junio de
    2014", "30 de junio al 2 de julio de 2014"; "May 6, 2008", "June 24-25, 2014",
    "June 30 - July 2, 2014"; "6 mai 2008", "24 et 25 juin 2014", "30 juin au 2 juillet 2014"."""
    end = end or start
    lang = _language(language)
    if lang == "es":
        return _es_date(start, end)
    if lang == "fr":
        return _fr_date(start, end)
    return _en_date(start, end)


def _date_phrase(meeting: Meeting, language: str) -> str:
    """The date as the opening sentence says it: "el …", "los días …", "del …"; "on …",
    "from … to …"; "le …", "les …", "du …"."""
    lang = _language(language)
    text = format_date(meeting.start_date, meeting.end_date, lang)
    end = meeting.end_date or meeting.start_date
    ranged = end != meeting.start_date
    two_days = (
        ranged and (end - meeting.start_date).days == 1 and end.month == (meeting.start_date.month)
    )
    if lang == "es":
        return f"los días {text}" if two_days else f"del {text}" if ranged else f"el {text}"
    if lang == "fr":
        return f"les {text}" if two_days else f"du {text}" if ranged else f"le {text}"
    if " - " in text:  # across months: "from June 30 to July 2, 2014"
        return "from " + text.replace(" - ", " to ")
    return f"on {text}"


def _feminine(name: str, language: str) -> bool:
    """Whether a body's name is feminine: "la Red", "la Reunión"; "la Conférence"."""
    first = name.split(" ", 1)[0].casefold()
    if language == "es":
        return first.endswith(("a", "ión", "d", "ez"))
    return first.endswith(("ion", "ence", "ance", "té"))


def the_body(body: Body, language: str) -> str:
    """The body's name with its definite article: "La Red …", "El Grupo …", "The Network …",
    "Le Réseau …", "L'Assemblée …"."""
    lang = _language(language)
    name = body_name(body, lang)
    if lang == "es":
        return f"{'La' if _feminine(name, lang) else 'El'} {name}"
    if lang == "fr":
        if strip_accents(name[:1]).casefold() in set("aeiouh"):
            return f"L'{name}"
        return f"{'La' if _feminine(name, lang) else 'Le'} {name}"
    return f"The {name}"


def of_the_body(body: Body, language: str) -> str:
    """ "de la Red …", "del Grupo …"; "of the Network …"; "du Réseau …", "de la Réunion …"."""
    lang = _language(language)
    with_article = the_body(body, lang)
    if lang == "es":
        article, name = with_article.split(" ", 1)
        return f"de la {name}" if article == "La" else f"del {name}"
    if lang == "fr":
        if with_article.startswith("L'"):
            return f"de l'{with_article[2:]}"
        article, name = with_article.split(" ", 1)
        return f"de la {name}" if article == "La" else f"du {name}"
    return f"of the {body_name(body, lang)}"


def body_name(body: Body, language: str) -> str:
    value: str = getattr(body, f"name_{language}", "") or body.name_es
    return value


def place_line(meeting: Meeting, language: str) -> str:
    parts = [meeting.city] if meeting.city else []
    if meeting.country is not None:
        parts.append(country_name(meeting.country, _language(language)))
    return ", ".join(parts)


def report_title(meeting: Meeting, language: str) -> str:
    """ "Informe de la reunión de la Red …", "Report of the meeting of the Network …"."""
    lang = _language(language)
    with translation.override(lang):
        return _("Report of the meeting %(of_the_body)s") % {
            "of_the_body": of_the_body(meeting.body, lang)
        }


def opening_paragraph(meeting: Meeting, language: str = "es") -> str:
    """The opening paragraph of the meeting's report in ``language``, from its body, dates,
    place and participating countries."""
    lang = _language(language)
    countries = [p.country for p in meeting.participations.all() if p.country is not None]
    values = {
        "the_body": the_body(meeting.body, lang),
        "date": _date_phrase(meeting, lang),
        "place": place_line(meeting, lang),
        "countries": country_list(countries, lang),
    }
    with translation.override(lang):
        return (
            _(
                "%(the_body)s of the member countries of the RCM, meeting %(date)s in "
                "%(place)s, with the participation of representatives of %(countries)s, "
                "presents to the Regional Consultation Group on Migration its report in the "
                "following points:"
            )
            % values
        )


def report_prefill(meeting: Meeting, language: str) -> dict[str, str]:
    """Everything a new report of the meeting starts from, in its language (all editable)."""
    lang = _language(language)
    return {
        "title": report_title(meeting, lang),
        "place_line": place_line(meeting, lang),
        "date_line": format_date(meeting.start_date, meeting.end_date, lang),
        "opening": opening_paragraph(meeting, lang),
    }
