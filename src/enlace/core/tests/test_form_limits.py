"""Every text field of every form of the project has a maximum length, the browser is told the
same number (``maxlength``) and the person reads it near the field."""

import importlib
import pkgutil
import re
from collections.abc import Iterator

import pytest
from django import forms
from django.utils import translation

import enlace
from enlace.cooperation.forms import RequestForm
from enlace.cooperation.models import ProtectedCase, RequestType
from enlace.core.forms import is_free_text
from enlace.network.models import Country

# The modules that define forms: forms.py, and the views that keep a small form beside them.
FORM_MODULES = re.compile(r"^enlace\.\w+\.(forms|views|\w+_views|manage)$")


def _subclasses(cls: type) -> Iterator[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def project_forms() -> list[type[forms.BaseForm]]:
    for info in pkgutil.walk_packages(enlace.__path__, "enlace."):
        if FORM_MODULES.match(info.name):
            importlib.import_module(info.name)
    found = {
        cls
        for cls in _subclasses(forms.BaseForm)
        if cls.__module__.startswith("enlace.") and ".tests" not in cls.__module__
    }
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__qualname__}")


def test_the_walk_finds_the_forms_of_every_app() -> None:
    modules = {cls.__module__.split(".")[1] for cls in project_forms()}
    assert {"cooperation", "contributions", "reports", "workplan", "countryreports"} <= modules
    assert len(project_forms()) > 60


@pytest.mark.parametrize("form_class", project_forms(), ids=lambda c: c.__qualname__)
def test_every_text_field_has_a_maximum_the_page_states(form_class: type[forms.BaseForm]) -> None:
    for name, field in form_class.base_fields.items():
        if not is_free_text(field):
            continue
        assert isinstance(field, forms.CharField)
        where = f"{form_class.__module__}.{form_class.__qualname__}.{name}"
        assert field.max_length, f"{where} has no maximum length"
        html = field.widget.render(name, "")
        assert f'maxlength="{field.max_length}"' in html, f"{where}: {html}"
        with translation.override("en"):
            assert f"Up to {field.max_length} characters." in str(field.help_text), where
        with translation.override("en"):
            with pytest.raises(forms.ValidationError) as refused:
                field.clean("x" * (field.max_length + 1))
            said = refused.value.messages
        assert any(f"at most {field.max_length} characters" in m for m in said), where


@pytest.mark.django_db
def test_fields_a_form_adds_when_made_are_limited_too() -> None:
    for request_type in RequestType.values:
        form = RequestForm(
            type_=request_type,
            own_countries=Country.objects.none(),
            countries=Country.objects.none(),
            cases=ProtectedCase.objects.none(),
        )
        for name, field in form.fields.items():
            if is_free_text(field):
                assert isinstance(field, forms.CharField)
                assert field.max_length, f"{request_type}.{name}"
                assert f'maxlength="{field.max_length}"' in str(form[name]), name


def test_the_limit_is_said_in_the_language_of_the_page() -> None:
    field = RequestForm.base_fields["summary"]
    said = {}
    for language in ("es", "en", "fr"):
        with translation.override(language):
            said[language] = str(field.help_text)
    assert "Up to 5000 characters." in said["en"]
    assert "Hasta 5000 caracteres." in said["es"]
    assert "Jusqu’à 5000 caractères." in said["fr"]
