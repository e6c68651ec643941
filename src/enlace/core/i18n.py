"""Names kept in the three UI languages, picked by the active language."""

from django.db import models
from django.utils.translation import get_language


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
