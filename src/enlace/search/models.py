"""The search index: one entry per report heading and per report point, its text normalised.

``normalised`` is the text lower-cased, without accents and with every word stemmed in the
report's language (see enlace.search.text). The database's own full-text index is built over it:

- SQLite: the FTS5 table ``search_fts`` (external content, rowid = ``SearchEntry.id``), kept in
  step by triggers on this table (migration 0002);
- PostgreSQL: the generated column ``search_vector`` (``to_tsvector('simple', normalised)``)
  with a GIN index (migration 0002). The model does not declare it: the database fills it.

``tags`` holds the filters' values as words of their own (see enlace.search.text.tags): the
meeting's body, year, visibility and participating countries, the report's status and
publication. They are indexed too (FTS5: a second column; PostgreSQL: the generated column
``search_tags`` with its own GIN index, migration 0004), so that a filter is applied by the
full-text index in the same lookup as the words instead of being checked on every match.

A later migration that alters this table on SQLite rebuilds it, which drops the triggers:
such a migration must create them again (copy 0004) and run ``enlace search_reindex``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from enlace.reports.models import Report, ReportPoint


class SearchEntry(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="search_entries")
    point = models.ForeignKey(
        ReportPoint,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="search_entries",
        help_text=_("Empty for the report's heading: title, place, date and opening."),
    )
    language = models.CharField(_("language"), max_length=2)
    text = models.TextField(_("text"))
    normalised = models.TextField(_("normalised text"))
    tags = models.TextField(_("filter words"), default="", db_default="", blank=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        indexes = [models.Index(fields=["report", "point"], name="search_entry_report_point")]

    def __str__(self) -> str:
        return self.text[:60]
