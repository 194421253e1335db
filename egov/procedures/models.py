"""The procedure catalogue (thủ tục hành chính), as the national TTHC database describes a procedure.

A ``Procedure`` is the stable identity (national code); its content lives in ``ProcedureVersion`` rows
with effective dates, so editing a procedure never changes the rules of dossiers already running
(they keep a reference to the version they were received under). The procedure row carries the
search columns of its current published version (folded text, field, online flags).
"""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from egov.core.models import TimestampedModel
from egov.procedures.choices import ChannelKind, PaperKind, PaperRequirement, TimeUnit, VersionStatus


class ProcedureField(models.Model):
    """Lĩnh vực: the category of a procedure (Hộ tịch, Đất đai, …)."""

    code = models.SlugField(_("code"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=255, unique=True)
    name_folded = models.CharField(max_length=255, db_index=True, editable=False)

    class Meta:
        verbose_name = _("field")
        verbose_name_plural = _("fields")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ImplementingLevel(models.Model):
    """Cấp thực hiện as data: the 2025 reform abolished the district level, so levels have validity."""

    code = models.SlugField(_("code"), max_length=30, unique=True)  # province, commune, ministry, district, other
    name = models.CharField(_("name"), max_length=100)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        verbose_name = _("implementing level")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Procedure(TimestampedModel):
    code = models.CharField(_("national code"), max_length=30, unique=True)  # e.g. 1.001193
    current_version = models.ForeignKey(
        "ProcedureVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("current version"),
    )
    # Search columns copied from the current published version (see services).
    name = models.CharField(_("name"), max_length=1000)
    name_folded = models.CharField(max_length=1000, editable=False)
    field = models.ForeignKey(
        ProcedureField,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="procedures",
        verbose_name=_("field"),
    )
    search_text = models.TextField(editable=False, blank=True)  # folded code, name, field, agencies
    has_online = models.BooleanField(_("online service"), default=False, db_index=True)
    has_full_online = models.BooleanField(_("full online service"), default=False, db_index=True)
    is_active = models.BooleanField(_("active"), default=True, db_index=True)

    class Meta:
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ProcedureVersion(TimestampedModel):
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=10, choices=VersionStatus.choices, default=VersionStatus.PUBLISHED
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    name = models.CharField(_("name"), max_length=1000)
    field = models.ForeignKey(ProcedureField, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    procedure_type = models.CharField(_("procedure type"), max_length=255, blank=True)  # loại thủ tục
    decision_number = models.CharField(_("announcing decision"), max_length=255, blank=True)  # số quyết định công bố
    levels = models.ManyToManyField(
        ImplementingLevel, blank=True, related_name="+", verbose_name=_("implementing levels")
    )
    competent_agency = models.TextField(_("competent agency"), blank=True)  # cơ quan có thẩm quyền
    implementing_agency = models.TextField(_("implementing agency"), blank=True)  # cơ quan thực hiện
    authorised_agency = models.TextField(_("authorised agency"), blank=True)  # cơ quan được ủy quyền
    coordinating_agencies = models.TextField(_("coordinating agencies"), blank=True)  # cơ quan phối hợp
    local_agencies = models.ManyToManyField(
        "organisation.Agency", blank=True, related_name="+", verbose_name=_("agencies of the province that handle it")
    )
    target_applicants = models.TextField(_("who may apply"), blank=True)  # đối tượng thực hiện
    submission_address = models.TextField(_("where to submit"), blank=True)
    steps = models.TextField(_("steps"), blank=True)  # trình tự thực hiện
    conditions = models.TextField(_("conditions"), blank=True)  # yêu cầu, điều kiện
    results = models.JSONField(_("results"), default=list, blank=True)  # [{"name": ..., "code": "KQ.G01.00262"}]
    related_procedures = models.TextField(_("related procedures"), blank=True)
    form_schema = models.JSONField(_("e-form schema"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=50, blank=True)  # importer name, "demo", "admin"
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    content_hash = models.CharField(max_length=64, editable=False, blank=True)  # of the imported content

    class Meta:
        verbose_name = _("procedure version")
        ordering = ["procedure", "-number"]
        constraints = [models.UniqueConstraint(fields=["procedure", "number"], name="procedure_version_number_uniq")]

    def __str__(self) -> str:
        return f"{self.procedure.code} v{self.number}"


class Channel(models.Model):
    """One submission channel of a version, with its own processing time and fees."""

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="channels")
    kind = models.CharField(_("channel"), max_length=20, choices=ChannelKind.choices)
    processing_time = models.DecimalField(_("processing time"), max_digits=8, decimal_places=2, null=True, blank=True)
    time_unit = models.CharField(_("unit"), max_length=15, choices=TimeUnit.choices, default=TimeUnit.WORKING_DAY)
    processing_time_text = models.TextField(_("processing time as published"), blank=True)
    fees = models.JSONField(
        _("fees"), default=list, blank=True
    )  # [{"amount": "25000", "currency": "VND", "description": ...}]
    fee_text = models.TextField(_("fees as published"), blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("submission channel")
        ordering = ["version_id", "kind"]  # by id: sorting by "version" would join to sort

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.processing_time} {self.get_time_unit_display()}"


class RequiredPaper(models.Model):
    """A row of "Thành phần hồ sơ": a paper (``kind`` paper) that every applicant brings
    (``requirement`` mandatory), brings only in the case ``condition`` states (conditional: asked as
    a yes/no question when applying, or decided from the e-form answers by ``condition_rule``), or
    brings if they have one (optional); or a note (``kind`` note) shown as guidance, never asked for.
    ``is_mandatory`` is kept equal to "a paper, mandatory" for the readers that filter on it."""

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="papers")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.TextField(_("name"))
    group = models.CharField(_("case"), max_length=500, blank=True)  # "Trường hợp …" the paper belongs to
    originals = models.PositiveSmallIntegerField(_("originals"), default=0)
    copies = models.PositiveSmallIntegerField(_("copies"), default=0)
    quantity_text = models.CharField(_("quantity as published"), max_length=255, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=PaperKind.choices, default=PaperKind.PAPER)
    requirement = models.CharField(
        _("requirement"), max_length=12, choices=PaperRequirement.choices, default=PaperRequirement.MANDATORY
    )
    is_mandatory = models.BooleanField(_("mandatory"), default=True, editable=False)
    condition = models.TextField(_("when required"), blank=True)
    # {"field": "requester.relationship", "equals": "authorised"} or {"field": …, "in": [...]}: the
    # condition decided from the e-form answers (same form as the e-form's visible_when).
    condition_rule = models.JSONField(_("condition from the e-form answers"), null=True, blank=True)
    template_name = models.CharField(_("form or template"), max_length=255, blank=True)
    template_file = models.FileField(_("template file"), upload_to="procedures/templates/", blank=True)

    class Meta:
        verbose_name = _("required paper")
        ordering = ["version_id", "order"]

    def __str__(self) -> str:
        return self.name[:80]

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.is_mandatory = self.kind == PaperKind.PAPER and self.requirement == PaperRequirement.MANDATORY
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"kind", "requirement"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "is_mandatory"}
        super().save(*args, **kwargs)

    @property
    def is_paper(self) -> bool:
        return self.kind == PaperKind.PAPER

    @property
    def is_conditional(self) -> bool:
        return self.kind == PaperKind.PAPER and self.requirement == PaperRequirement.CONDITIONAL


class LegalBasis(models.Model):
    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="legal_bases")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    document_number = models.CharField(_("number and notation"), max_length=255, blank=True)
    title = models.TextField(_("title"), blank=True)

    class Meta:
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")
        ordering = ["version_id", "order"]

    def __str__(self) -> str:
        return f"{self.document_number} {self.title[:60]}"


from egov.procedures.fee_models import *  # noqa: E402,F403 - the province's fee table lives in its own module
from egov.procedures.process_models import *  # noqa: E402,F403 - process templates live in their own module
