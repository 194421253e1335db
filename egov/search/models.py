"""The search index (one row per searchable thing, its fields already analysed) and the thesaurus.

The engines' own structures sit beside the rows (migration 0001): on PostgreSQL a generated
``tsvector`` column with a GIN index per collection, on SQLite one FTS5 table per collection kept in
step by ``egov.search.backends`` in the same transaction as the row.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Every collection has its engine structures created by a migration (FTS5 table, partial GIN index).
COLLECTIONS = ("procedures",)


class SearchEntry(models.Model):
    """A searchable thing of a collection, as analysed terms (``egov.search.analysis.terms``) per field
    weight: ``title`` (A), ``aliases`` (B), ``context`` (C) and ``body`` (D), space-separated."""

    collection = models.CharField(_("collection"), max_length=32)
    key = models.CharField(_("key"), max_length=64)
    title = models.TextField(_("title terms"), default="")
    aliases = models.TextField(_("alias terms"), default="", blank=True)
    context = models.TextField(_("context terms"), default="", blank=True)
    body = models.TextField(_("body terms"), default="", blank=True)
    # How often this thing is wanted (0..1, e.g. dossiers per procedure last year against the busiest):
    # lifts what nearly everyone means above rare variants with similar names.
    popularity = models.FloatField(_("popularity"), default=0.0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [models.UniqueConstraint(fields=["collection", "key"], name="search_entry_uniq")]

    def __str__(self) -> str:
        return f"{self.collection}:{self.key}"


class Direction(models.TextChoices):
    BOTH = "both", _("both ways")
    TO_OFFICIAL = "to_official", _("everyday words to official terms only")


class ThesaurusEntry(models.Model):
    """Everyday words and the official terms they mean (sổ đỏ → giấy chứng nhận quyền sử dụng đất).

    Law-like data: an edit closes the entry (``valid_to``) and opens its successor, so what the search
    did on a given day can be told. Expanded at query time only: an edit works at the next query.
    """

    slug = models.SlugField(_("identifier"), max_length=80)
    everyday = models.JSONField(_("everyday words"), default=list)
    official = models.JSONField(_("official terms"), default=list)
    direction = models.CharField(_("direction"), max_length=16, choices=Direction.choices, default=Direction.BOTH)
    note = models.TextField(_("note"), blank=True, default="")
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("thesaurus entry")
        verbose_name_plural = _("thesaurus entries")
        ordering = ["slug", "-valid_from"]
        constraints = [models.UniqueConstraint(fields=["slug", "valid_from"], name="thesaurus_entry_version_uniq")]

    def __str__(self) -> str:
        return self.slug
