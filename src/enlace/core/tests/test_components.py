"""The template components under core/templates/core/components/."""

from django import forms
from django.template.loader import render_to_string
from django.utils import translation


class _Form(forms.Form):
    title = forms.CharField(label="Title")
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict[str, object]:
        raise forms.ValidationError("The whole form is wrong.")


def test_the_error_summary_links_each_error_to_its_field() -> None:
    form = _Form({"title": ""})
    with translation.override("en"):
        html = render_to_string("core/components/error_summary.html", {"form": form})
    assert "There is a problem" in html
    assert '<a href="#id_title">Title: This field is required.</a>' in html
    assert "<li>The whole form is wrong.</li>" in html
    assert "data-error-summary" in html  # the page's script gives it the focus


def test_the_error_summary_is_absent_when_nothing_is_wrong() -> None:
    form = _Form()
    assert render_to_string("core/components/error_summary.html", {"form": form}).strip() == ""


class _Line(forms.Form):
    n = forms.IntegerField(label="N")


def test_a_formset_s_errors_are_listed_too() -> None:
    formset_class = forms.formset_factory(_Line, extra=0)
    formset = formset_class({"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0", "form-0-n": "x"})
    with translation.override("en"):
        html = render_to_string(
            "core/components/error_summary.html", {"form": None, "formset": formset}
        )
    assert '<a href="#id_form-0-n">N: Enter a whole number.</a>' in html


def test_breadcrumbs_end_with_the_current_page_not_a_link() -> None:
    html = render_to_string(
        "core/components/breadcrumbs.html",
        {"crumbs": [("Home", "/")], "current": "Meetings"},
    )
    assert '<li><a href="/">Home</a></li>' in html
    assert '<li aria-current="page">Meetings</li>' in html
