"""Valid field values of the directory's records, shared by the form, view and service tests.

``*_data`` are what a service takes (model instances, dates); ``as_post`` turns them into what a
browser sends (ids, ISO dates, empty strings).
"""

import datetime
from typing import Any

from django.db import models

from enlace.network.models import Country, Post


def country_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "code": "BLZ",
        "name_es": "Belice",
        "name_en": "Belize",
        "name_fr": "Belize",
        "status": Country.Status.MEMBER,
    }
    return {**data, **overrides}


def person_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "honorific": "Lic.",
        "given_name": "Ana",
        "family_name": "Pérez",
        "email": "ana.perez@example.org",
        "phone": "+503 2222 0000",
    }
    return {**data, **overrides}


def membership_data(net: Any, person: Any, **overrides: Any) -> dict[str, Any]:
    data = {
        "person": person,
        "body": net.network,
        "role": Post.Role.LIAISON_OFFICER,
        "country": net.guatemala,
        "organisation": None,
        "institution": "Ministerio Público",
        "position": "Fiscal",
        "start_date": datetime.date(2021, 3, 1),
        "end_date": None,
    }
    return {**data, **overrides}


def as_post(data: dict[str, Any]) -> dict[str, Any]:
    """Service data as a form POST: instances by id, dates as ISO text, None as empty."""

    def value(v: Any) -> Any:
        if isinstance(v, models.Model):
            return v.pk
        if isinstance(v, datetime.date):
            return v.isoformat()
        return "" if v is None else v

    return {k: value(v) for k, v in data.items()}


def country_post(**overrides: Any) -> dict[str, Any]:
    return as_post(country_data(**{"joined_year": "", **overrides}))


def person_post(**overrides: Any) -> dict[str, Any]:
    return as_post(person_data(**overrides))


def membership_post(net: Any, person: Any, **overrides: Any) -> dict[str, Any]:
    return as_post(membership_data(net, person, **overrides))
