"""Values as a reader reads them: a day or a moment in the locale's own words, kept on one
line (the spaces are no-break spaces, so a table never splits a date in two).

``{% load values %}`` then ``{{ meeting.start_date|day }}`` ("23 de octubre de 2026",
"23 octobre 2026", "Oct. 23, 2026") or ``{{ message.created_at|daytime }}``. Machine-readable
values (``<time datetime="…">``, form inputs, exports) keep ISO 8601.
"""

import datetime

from django import template
from django.utils.formats import date_format

register = template.Library()

NO_BREAK = "\N{NO-BREAK SPACE}"


def _one_line(text: str) -> str:
    return text.replace(" ", NO_BREAK)


@register.filter(expects_localtime=True)
def day(value: datetime.date | None) -> str:
    """The day in the active language's DATE_FORMAT; nothing for no date."""
    if not isinstance(value, datetime.date):
        return ""
    return _one_line(date_format(value, "DATE_FORMAT"))


@register.filter(expects_localtime=True)
def daytime(value: datetime.datetime | None) -> str:
    """The moment in the active language's DATETIME_FORMAT; nothing for no moment."""
    if not isinstance(value, datetime.datetime):
        return ""
    return _one_line(date_format(value, "DATETIME_FORMAT"))
