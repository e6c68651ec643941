"""The platform's stable names for its things, for the readers of its feeds and calendars."""

from django.conf import settings


def tag_uri(specific: str) -> str:
    """An RFC 4151 tag URI, ``tag:AUTHORITY,DATE:SPECIFIC``: absolute, the same whatever host a
    reader used, and unchanged when the thing it names is edited (``specific`` names the thing,
    e.g. ``report/12``, never its state)."""
    return f"tag:{settings.ENLACE_TAG_AUTHORITY},{settings.ENLACE_TAG_DATE}:{specific}"
