"""A refused duplicate says what is duplicated, in the reader's language: every unique rule of
the models has a message of its own (Django's default named the model and its fields, some in
English inside a Spanish sentence: "Informe con este Meeting y Idioma ya existe")."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation

from enlace.network.models import Country
from enlace.reports.models import Report

# Values the platform makes itself, never typed by anyone.
GENERATED = {
    "ProtectedCase.code",
    "ApiToken.key_hash",
    "CalendarFeed.token_hash",
    "OutgoingMail.key",
}


def _enlace_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m.__module__.startswith("enlace.")]


def test_every_unique_constraint_has_a_message_of_its_own() -> None:
    missing = [
        f"{model.__name__}.{constraint.name}"
        for model in _enlace_models()
        for constraint in model._meta.constraints
        if isinstance(constraint, models.UniqueConstraint)
        and constraint.violation_error_message == constraint.default_violation_error_message
    ]
    assert not missing


def test_every_unique_field_someone_types_has_a_message_of_its_own() -> None:
    default = models.Field.default_error_messages["unique"]
    missing = [
        f"{model.__name__}.{field.name}"
        for model in _enlace_models()
        for field in model._meta.concrete_fields
        if field.unique
        and not field.primary_key
        and not isinstance(field, models.OneToOneField)
        and f"{model.__name__}.{field.name}" not in GENERATED
        and field.error_messages["unique"] == default
    ]
    assert not missing


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("es", "Ya existe un informe en este idioma para esta reunión."),
        ("fr", "Un rapport dans cette langue existe déjà pour cette réunion."),
        ("en", "A report in this language already exists for this meeting."),
    ],
)
def test_a_second_report_in_one_language_is_refused_in_words(
    demo: None, language: str, message: str
) -> None:
    existing = Report.objects.filter(language="es").select_related("meeting").first()
    assert existing is not None
    twin = Report(meeting=existing.meeting, language="es", title="Otra")
    with translation.override(language):
        with pytest.raises(ValidationError) as refused:
            twin.validate_constraints()
        assert refused.value.messages == [message]


def test_a_country_code_taken_is_refused_in_words(demo: None) -> None:
    twin = Country(code="HND", name_es="Otra", name_en="Other", name_fr="Autre")
    with translation.override("es"):
        with pytest.raises(ValidationError) as refused:
            twin.validate_unique()
        assert refused.value.messages == ["Ya existe un país con este código ISO."]
