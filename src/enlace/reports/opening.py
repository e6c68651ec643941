"""The opening paragraph of a report, generated from its meeting, in Spanish or English.

"La Red … de los países miembros de la CRM, en reunión celebrada el 6 de mayo de 2008 en Tela,
Honduras, con la participación de los representantes de Canadá, …, Panamá y República
Dominicana, presenta al Grupo Regional de Consulta sobre Migración su informe contenido en los
siguientes puntos:" — the participating countries in the language's own names and alphabetical
order (accents aside). Languages other than Spanish get the English paragraph.
"""

import datetime
from collections.abc import Iterable

from enlace.core.text import strip_accents
from enlace.meetings.models import Meeting
from enlace.network.models import Body, Country

MONTHS_ES = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]
MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

OPENING_ES = (
    "{article} {body} de los países miembros de la CRM, en reunión celebrada {date} en {place}, "
    "con la participación de los representantes de {countries}, presenta al Grupo Regional de "
    "Consulta sobre Migración su informe contenido en los siguientes puntos:"
)
OPENING_EN = (
    "The {body} of the member countries of the RCM, meeting {date} in {place}, with the "
    "participation of representatives of {countries}, presents to the Regional Consultation "
    "Group on Migration its report in the following points:"
)


def _language(language: str) -> str:
    return "es" if language == "es" else "en"


def sort_key(name: str) -> str:
    """Alphabetical order without regard to accents or case ("México" between "Honduras" and
    "Nicaragua")."""
    return strip_accents(name).casefold()


def join_names(names: Iterable[str], language: str) -> str:
    """ "A, B y C" / "A, B and C"."""
    items = list(names)
    conjunction = " y " if _language(language) == "es" else " and "
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + conjunction + items[-1]


def country_name(country: Country, language: str) -> str:
    value: str = getattr(country, f"name_{language}", "") or country.name_es
    return value


def country_list(countries: Iterable[Country], language: str) -> str:
    names = sorted((country_name(c, language) for c in countries), key=sort_key)
    return join_names(names, language)


def format_date(start: datetime.date, end: datetime.date | None, language: str) -> str:
    """A date or a range: "6 de mayo de 2008", "6 y 7 de mayo de 2008", "24 al 26 de junio de
    2014", "30 de junio al 2 de julio de 2014"; "May 6, 2008", "June 24-25, 2014",
    "June 30 - July 2, 2014"."""
    end = end or start
    if _language(language) == "es":

        def es(d: datetime.date, year: bool = True) -> str:
            text = f"{d.day} de {MONTHS_ES[d.month - 1]}"
            return f"{text} de {d.year}" if year else text

        if end == start:
            return es(start)
        if (start.year, start.month) == (end.year, end.month):
            joiner = " y " if (end - start).days == 1 else " al "
            return f"{start.day}{joiner}{es(end)}"
        return f"{es(start, year=start.year != end.year)} al {es(end)}"

    def en(d: datetime.date, year: bool = True) -> str:
        text = f"{MONTHS_EN[d.month - 1]} {d.day}"
        return f"{text}, {d.year}" if year else text

    if end == start:
        return en(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{MONTHS_EN[start.month - 1]} {start.day}-{end.day}, {end.year}"
    return f"{en(start, year=start.year != end.year)} - {en(end)}"


def _date_phrase(meeting: Meeting, language: str) -> str:
    text = format_date(meeting.start_date, meeting.end_date, language)
    ranged = meeting.end_date and meeting.end_date != meeting.start_date
    if _language(language) == "es":
        if not ranged:
            return f"el {text}"
        two_days = (meeting.end_date - meeting.start_date).days == 1 and (
            meeting.start_date.month == meeting.end_date.month
        )
        return f"los días {text}" if two_days else f"del {text}"
    if " - " in text:  # across months: "from June 30 to July 2, 2014"
        return "from " + text.replace(" - ", " to ")
    return f"on {text}"


def _spanish_article(name: str) -> str:
    """ "La Red …", "La Reunión …", "El Grupo …"."""
    first = name.split(" ", 1)[0].casefold()
    feminine = first.endswith(("a", "ión", "d", "ez"))
    return "La" if feminine else "El"


def body_name(body: Body, language: str) -> str:
    value: str = getattr(body, f"name_{language}", "") or body.name_es
    return value


def place_line(meeting: Meeting, language: str) -> str:
    parts = [meeting.city] if meeting.city else []
    if meeting.country is not None:
        parts.append(country_name(meeting.country, _language(language)))
    return ", ".join(parts)


def opening_paragraph(meeting: Meeting, language: str = "es") -> str:
    """The opening paragraph of the meeting's report in ``language`` (es; anything else is
    written in English), from its body, dates, place and participating countries."""
    lang = _language(language)
    countries = [p.country for p in meeting.participations.all() if p.country is not None]
    body = body_name(meeting.body, lang)
    values = {
        "body": body,
        "date": _date_phrase(meeting, lang),
        "place": place_line(meeting, lang),
        "countries": country_list(countries, lang),
    }
    if lang == "es":
        return OPENING_ES.format(article=_spanish_article(body), **values)
    return OPENING_EN.format(**values)
