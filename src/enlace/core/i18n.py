"""Names kept in the three UI languages, picked by the active language."""

from django.db import models
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext_lazy as _

# Django 6.1's own Spanish catalog leaves the empty choice of a select untranslated; this
# project's catalog supplies it (LOCALE_PATHS are looked up before Django's catalogs).
gettext_noop("- Select an option -")

# Form labels of the three name fields, in the UI language (the model's verbose names stay fixed).
NAME_LABELS = {
    "name_es": _("Name in Spanish"),
    "name_en": _("Name in English"),
    "name_fr": _("Name in French"),
}


def current_language() -> str:
    """The active UI language reduced to one of es, en, fr (Spanish by default)."""
    code = (get_language() or "es")[:2]
    return code if code in {"es", "en", "fr"} else "es"


class TranslatedNameMixin(models.Model):
    """A name in Spanish, English and French; ``name`` is the one of the active language."""

    name_es = models.CharField("nombre (es)", max_length=200)
    name_en = models.CharField("name (en)", max_length=200)
    name_fr = models.CharField("nom (fr)", max_length=200)

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        value: str = getattr(self, f"name_{current_language()}") or self.name_es
        return value

    def __str__(self) -> str:
        return self.name
