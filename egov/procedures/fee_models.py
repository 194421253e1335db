"""Fees the provincial People's Council sets (phí, lệ phí thuộc thẩm quyền của HĐND cấp tỉnh).

Luật Phí và lệ phí 97/2015/QH13 Điều 21 khoản 2 and Thông tư 85/2019/TT-BTC (amended by TT 106/2021/
TT-BTC): the People's Council of each province sets the amount of many fees — civil-status
registration, household-business registration, construction permits … — by a resolution
(Nghị quyết HĐND tỉnh). The national catalogue then says only "Mức lệ phí cụ thể do Hội đồng nhân
dân tỉnh quyết định" (195 channels of the 2,642 sample records), often with "Miễn phí" or 0 in the
fee cell. The province keeps its resolution's table here, as law with effective dates: a rate
applies to the dossiers received while it is in force; with no rate in force the fee is shown as
set by the Council and its amount is confirmed at the desk, never as free.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from egov.core.models import TimestampedModel
from egov.procedures.choices import ChannelKind

__all__ = ["ProvincialFee"]


class ProvincialFee(TimestampedModel):
    """One line of the province's fee table for a procedure, in force from ``effective_from``."""

    procedure = models.ForeignKey(
        "procedures.Procedure", on_delete=models.PROTECT, related_name="provincial_fees", verbose_name=_("procedure")
    )
    channel_kind = models.CharField(
        _("channel"),
        max_length=20,
        choices=ChannelKind.choices,
        blank=True,
        help_text=_("Empty: every channel. A rate for one channel (online is often cheaper) replaces the general one."),
    )
    name = models.CharField(_("fee name"), max_length=255, help_text=_("As the receipt prints it."))
    amount = models.PositiveBigIntegerField(
        _("amount (đồng)"), help_text=_("Whole đồng; 0 when the resolution exempts it.")
    )
    per = models.CharField(
        _("charged per"),
        max_length=100,
        blank=True,
        help_text=_("The e-form field holding the quantity, e.g. copies.count; empty: charged once."),
    )
    unit = models.CharField(_("unit"), max_length=30, blank=True, help_text=_("What one quantity is, e.g. bản."))
    effective_from = models.DateField(_("in force from"))
    effective_to = models.DateField(_("in force until"), null=True, blank=True)
    resolution_number = models.CharField(
        _("resolution"), max_length=100, help_text=_("Number and notation, e.g. 15/2025/NQ-HĐND.")
    )
    resolution_article = models.CharField(
        _("article"), max_length=255, blank=True, help_text=_("Where the resolution sets it, e.g. Điều 2, Phụ lục I.")
    )
    note = models.TextField(
        _("note"), blank=True, help_text=_("Exemptions and reductions, as the resolution states them.")
    )

    class Meta:
        verbose_name = _("provincial fee")
        verbose_name_plural = _("provincial fees (set by the People's Council)")
        ordering = ["procedure_id", "channel_kind", "-effective_from", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=models.F("effective_from")),
                name="provincial_fee_period_valid",
            ),
        ]
        indexes = [models.Index(fields=["procedure", "effective_from"], name="provincial_fee_in_force_idx")]

    def __str__(self) -> str:
        return f"{self.name}: {self.amount} ({self.resolution_number})"

    def clean(self) -> None:
        if self.effective_to is not None and self.effective_from and self.effective_to < self.effective_from:
            raise ValidationError({"effective_to": _("The end of the period cannot be before its start.")})
        per = self.per.strip()
        if per and (per.count(".") != 1 or not all(part.strip() for part in per.split("."))):
            raise ValidationError({"per": _("Name an e-form field as section.field, e.g. copies.count.")})
