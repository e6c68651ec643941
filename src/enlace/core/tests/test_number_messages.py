"""Letters typed into a number field are refused with a message in the person's language."""

import pytest
from django import forms
from django.utils import translation

from enlace.core.tests.test_form_limits import project_forms
from enlace.followup.forms import ProgressForm

NUMBER_FIELDS = [
    (form_class, name)
    for form_class in project_forms()
    for name, field in form_class.base_fields.items()
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField)
    and not field.widget.is_hidden
]


def test_the_walk_finds_number_fields() -> None:
    assert len(NUMBER_FIELDS) >= 5


@pytest.mark.parametrize(
    ("form_class", "name"), NUMBER_FIELDS, ids=lambda v: v if isinstance(v, str) else v.__name__
)
def test_letters_in_a_number_field_are_refused_in_each_language(
    form_class: type[forms.BaseForm], name: str
) -> None:
    field = form_class.base_fields[name]
    said = {}
    for language in ("es", "en", "fr"):
        with translation.override(language):
            with pytest.raises(forms.ValidationError) as refused:
                field.clean("doce")
            said[language] = " ".join(refused.value.messages)
    assert said["en"] in ("Enter a whole number.", "Enter a number.")
    assert said["es"] != said["en"]
    assert said["fr"] != said["en"]
    assert said["es"] != said["fr"]


def test_the_progress_of_an_activity_in_letters_is_named_in_spanish() -> None:
    with translation.override("es"):
        form = ProgressForm({"status": "in_progress", "progress": "cincuenta"})
        assert not form.is_valid()
        assert form.errors["progress"] == ["Introduzca un número entero."]
