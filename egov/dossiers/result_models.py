"""Drafting the result of a dossier: result templates per procedure (data, admin-editable) and the
drafts made from them, from drafting through the signer's approval to the signature.

ND 30/2020/NĐ-CP Điều 10-13: the drafter puts the draft into the system, the signer approves the
draft (or returns it), then signs; Điều 15 k1-k3: the number is taken in the order of issue within
the calendar year, after the signature, assigned by the system for electronic documents — here in
the transaction that signs (``services/drafting.py``), so an approved draft that is never signed
takes no number and the series has no gap. The template's frame follows Điều 8 and
Phụ lục I (national motto, agency, number and notation, place and date, title, body, signer block).
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.template import Template, TemplateSyntaxError
from django.utils.translation import gettext_lazy as _

from egov.dossiers.choices import ResultDraftStatus

# Template tags a result template may not use: it renders dossier data, never other files.
FORBIDDEN_TAGS = ("load", "include", "extends", "ssi", "debug", "block", "csrf_token", "url", "static")
SOURCE_KINDS = ("form", "date_words", "dossier", "text")
FIELD_KEYS = frozenset({"key", "label", "source", "multiline", "help", "optional"})


def validate_body(body: str) -> None:
    for tag in FORBIDDEN_TAGS:
        if f"{{% {tag} " in body or f"{{% {tag}%" in body or f"{{%{tag}" in body:
            raise ValidationError(
                _("The template may not use the “%(tag)s” tag."), code="forbidden_tag", params={"tag": tag}
            )
    try:
        Template(body)
    except TemplateSyntaxError as exc:
        raise ValidationError(
            _("The template cannot be read: %(error)s"), code="template_syntax", params={"error": str(exc)}
        ) from exc


def validate_fields(value: Any) -> None:
    """``[{"key": "child_name", "label": "Họ, chữ đệm, tên", "source": "form:child.full_name",
    "multiline": false}]``; ``source``: ``form:<section>.<field>`` (the e-form answer, as displayed),
    ``date_words:<section>.<field>`` (a date answer written out in words), ``dossier:<attribute>`` or
    ``text:<fixed text>``; empty for a field the drafter fills in. ``"optional": true``: the draft may be
    submitted with it empty (a part of the official form left blank when it does not apply, e.g. the
    father's part of a birth extract when no father is established)."""
    if not isinstance(value, list):
        raise ValidationError(_("The fields must be a list."), code="fields_list")
    seen: set[str] = set()
    for item in value:
        if not isinstance(item, dict) or not set(item) <= FIELD_KEYS or "key" not in item or "label" not in item:
            raise ValidationError(
                _("Each field needs a key and a label (and may have a source, help, multiline and optional)."),
                code="field_shape",
            )
        key = str(item["key"])
        if not key.isidentifier() or key in seen:
            raise ValidationError(
                _("Field keys are distinct names of letters, digits and “_”: %(key)s"),
                code="field_key",
                params={"key": key},
            )
        seen.add(key)
        source = str(item.get("source") or "")
        if source and source.split(":", 1)[0] not in SOURCE_KINDS:
            raise ValidationError(
                _("A field's source starts with form:, date_words:, dossier: or text: (%(source)s)."),
                code="field_source",
                params={"source": source},
            )


class ResultTemplateQuerySet(models.QuerySet["ResultTemplate"]):
    def in_force(self, day: Any) -> "ResultTemplateQuerySet":
        return self.filter(valid_from__lte=day).filter(models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day))


class ResultTemplate(models.Model):
    """The document a procedure's dossier produces, as a template filled from the e-form and the dossier."""

    procedure = models.ForeignKey(
        "procedures.Procedure", on_delete=models.CASCADE, related_name="+", verbose_name=_("procedure")
    )
    name = models.CharField(_("name"), max_length=200)
    form_reference = models.CharField(
        _("official form"), max_length=300, blank=True, help_text=_("The form or legal text the layout follows.")
    )
    title = models.CharField(_("document title"), max_length=200, help_text=_("Tên loại, e.g. TRÍCH LỤC KHAI SINH."))
    subject = models.CharField(
        _("subject line"), max_length=500, blank=True, help_text=_("Trích yếu; may use the fields: {{ fields.key }}.")
    )
    notation = models.CharField(
        _("notation"), max_length=40, help_text=_("Ký hiệu after the number, e.g. TLKS or QĐ-UBND.")
    )
    fields = models.JSONField(_("fields"), default=list, blank=True)
    body = models.TextField(
        _("body"),
        help_text=_("HTML with Django template syntax: {{ fields.key }}, {{ dossier.code }}, {{ applicant.name }}."),
    )
    authority = models.CharField(
        _("signing authority"), max_length=100, blank=True, help_text=_("Quyền hạn, e.g. TM. ỦY BAN NHÂN DÂN.")
    )
    position = models.CharField(_("signer's position"), max_length=100, help_text=_("Chức vụ, e.g. CHỦ TỊCH."))
    recipients = models.TextField(_("recipients"), blank=True, help_text=_("Nơi nhận, one per line."))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = ResultTemplateQuerySet.as_manager()

    class Meta:
        verbose_name = _("result template")
        verbose_name_plural = _("result templates")
        ordering = ["procedure_id", "name", "-valid_from"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, list[ValidationError]] = {}
        for name, check in (("fields", validate_fields), ("body", validate_body)):
            try:
                check(getattr(self, name))
            except ValidationError as exc:
                errors[name] = [exc]
        try:
            validate_body(self.subject)
        except ValidationError as exc:
            errors["subject"] = [exc]
        if self.valid_to is not None and self.valid_to < self.valid_from:
            errors["valid_to"] = [ValidationError(_("The end of validity is before its start."), code="valid_to")]
        if errors:
            raise ValidationError(errors)


class ResultNumberCounter(models.Model):
    """The yearly number series of an agency's documents of one notation (ND 30/2020 Điều 15 k1)."""

    agency = models.ForeignKey("organisation.Agency", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    notation = models.CharField(max_length=40)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "notation"], name="result_number_counter_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}/{self.notation}: {self.last}"


class ResultDraft(models.Model):
    """A result being drafted from a template (or a PDF drafted elsewhere and uploaded), approved by the
    signer, then signed. Only an approved draft is signed, and exactly the PDF that was approved."""

    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.CASCADE, related_name="result_drafts")
    template = models.ForeignKey(ResultTemplate, on_delete=models.PROTECT, null=True, blank=True, related_name="drafts")
    status = models.CharField(
        _("status"), max_length=10, choices=ResultDraftStatus.choices, default=ResultDraftStatus.DRAFT
    )
    title = models.CharField(_("title"), max_length=300)
    values = models.JSONField(_("fields"), default=dict, blank=True)
    agency = models.ForeignKey("organisation.Agency", on_delete=models.PROTECT, related_name="+")
    # Given when the result is signed (ND 30/2020 Điều 15); empty before.
    number = models.CharField(_("number and notation"), max_length=60, blank=True)
    # The PDF the signer approved (rendered at approval, or the uploaded draft) and its signed copy.
    file = models.ForeignKey("dossiers.DossierFile", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    sha256 = models.CharField(max_length=64, blank=True)
    # The approved content (the document rendered with its number and date of issue blank): what is
    # filled in and signed must still render to it when the number is given at signing.
    content_sha256 = models.CharField(max_length=64, blank=True)
    signed_file = models.ForeignKey(
        "dossiers.DossierFile", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    review_comment = models.TextField(_("comment of the reviewer"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("result draft")
        verbose_name_plural = _("result drafts")
        ordering = ["dossier_id", "created_at", "id"]
        indexes = [models.Index(fields=["dossier", "status"], name="result_draft_status_idx")]

    def __str__(self) -> str:
        return f"{self.dossier_id}:{self.title}"

    @property
    def is_open(self) -> bool:
        """Still on its way to a signature."""
        return self.status in (
            ResultDraftStatus.DRAFT,
            ResultDraftStatus.SUBMITTED,
            ResultDraftStatus.RETURNED,
            ResultDraftStatus.APPROVED,
        )
