"""Forms of the public site."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import pgettext_lazy

from egov.procedures.models import ImplementingLevel
from egov.procedures.selectors import FieldSummary, SearchResult, procedure_search


class LongSelect(forms.Select):
    """A select rendered in Python: the field filter has one option per field (about 140), and
    Django's template-per-option rendering would dominate the page's time."""

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        selected = "" if value is None else str(value)
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((str(key), " selected" if str(key) == selected else "", label) for key, label in self.choices),
        )
        return format_html("<select{}>{}</select>", flatatt(final), options)


class ProcedureSearchForm(forms.Form):
    """The catalogue's search box and filters (GET): every field is optional."""

    q = forms.CharField(
        label=pgettext_lazy("public catalogue", "Search for a procedure"),
        help_text=pgettext_lazy(
            "public catalogue", "Words of its name or its code, with or without accents: đăng ký khai sinh, 1.001193"
        ),
        required=False,
        max_length=200,
        widget=forms.SearchInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    field = forms.ChoiceField(label=pgettext_lazy("public catalogue", "Field"), required=False, widget=LongSelect)
    level = forms.ChoiceField(
        label=pgettext_lazy("public catalogue", "Level that handles it"), required=False, widget=LongSelect
    )
    online = forms.ChoiceField(
        label=pgettext_lazy("public catalogue", "Online service"),
        required=False,
        choices=[
            ("", pgettext_lazy("public catalogue", "All procedures")),
            ("any", pgettext_lazy("public catalogue", "Can be submitted online")),
            ("full", pgettext_lazy("public catalogue", "Fully online")),
        ],
        widget=LongSelect,
    )

    def __init__(self, *args: Any, fields: list[FieldSummary], levels: list[ImplementingLevel], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["field"]).choices = [
            ("", pgettext_lazy("public catalogue", "All fields"))
        ] + [(field.code, f"{field.name} ({field.procedure_count})") for field in fields]
        cast(forms.ChoiceField, self.fields["level"]).choices = [
            ("", pgettext_lazy("public catalogue", "All levels"))
        ] + [(level.code, level.name) for level in levels]

    def search(self) -> CatalogueSearch:
        """The valid parts of the query (invalid filters are left out, and shown as errors)."""
        data = getattr(self, "cleaned_data", {})
        return CatalogueSearch(
            q=data.get("q") or "",
            field_code=data.get("field") or None,
            level=data.get("level") or None,
            online=data.get("online") or None,
        )


@dataclass(frozen=True)
class CatalogueSearch:
    q: str
    field_code: str | None
    level: str | None
    online: str | None

    @property
    def has_filters(self) -> bool:
        return bool(self.field_code or self.level or self.online)

    def page(self, *, offset: int, limit: int) -> SearchResult:
        return procedure_search(
            q=self.q, field_code=self.field_code, level=self.level, online=self.online, limit=limit, offset=offset
        )
