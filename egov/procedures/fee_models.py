"""Fees the provincial People's Council sets (phí, lệ phí thuộc thẩm quyền của HĐND cấp tỉnh).

Luật Phí và lệ phí 97/2015/QH13 Điều 21 khoản 2 and Thông tư 85/2019/TT-BTC (amended by TT 106/2021/
TT-BTC): the People's Council of each province sets the amount of many fees — civil-status
registration, household-business registration, construction permits … — by a resolution
(Nghị quyết HĐND tỉnh). The national catalogue then says only "Mức lệ phí cụ thể do Hội đồng nhân
dân tỉnh quyết định" (195 channels of the 2,642 sample records), often with "Miễn phí" or 0 in the
fee cell. The province keeps its resolution's table here, as law with effective dates: a rate
applies to the dossiers received while it is in force; with no rate in force the fee is shown as
set by the Council and its amount is confirmed at the desk, never as free.

A rate may hold only in one case the applicant declares in the e-form (``condition_*``: a first
registration or a re-registration, a beneficiary of social policy exempted — Luật Phí và lệ phí
Điều 10; ``fee_conditions``). Among the rates of one name, those whose case holds replace the rate
without a condition; a rate of 0 whose case holds is an exemption, shown with its case.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from egov.core.models import TimestampedModel
from egov.procedures.choices import ChannelKind, FeeConditionOperator
from egov.procedures.fee_conditions import FeeCondition

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
    condition_field = models.CharField(
        _("when the e-form field"),
        max_length=100,
        blank=True,
        help_text=_(
            "Empty: the rate applies whatever the answers. Else the field as section.field, e.g. registration.kind."
        ),
    )
    condition_operator = models.CharField(
        _("operator"), max_length=20, choices=FeeConditionOperator.choices, blank=True
    )
    condition_value = models.CharField(
        _("value"),
        max_length=255,
        blank=True,
        help_text=_(
            "true or false for a yes/no question; a choice's stored value; values separated by ; for “is one of”."
        ),
    )
    condition_label = models.CharField(
        _("case"),
        max_length=150,
        blank=True,
        help_text=_("How the receipt names the case, e.g. Đăng ký lại, Người thuộc hộ nghèo (miễn lệ phí)."),
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

    @property
    def condition(self) -> FeeCondition | None:
        if not self.condition_field.strip():
            return None
        return FeeCondition(
            field=self.condition_field.strip(),
            operator=self.condition_operator,
            value=self.condition_value.strip(),
            label=self.condition_label.strip(),
        )

    def clean(self) -> None:
        self._clean_condition()
        if self.effective_to is not None and self.effective_from and self.effective_to < self.effective_from:
            raise ValidationError({"effective_to": _("The end of the period cannot be before its start.")})
        per = self.per.strip()
        if per and (per.count(".") != 1 or not all(part.strip() for part in per.split("."))):
            raise ValidationError({"per": _("Name an e-form field as section.field, e.g. copies.count.")})

    def _clean_condition(self) -> None:
        parts = (self.condition_field, self.condition_operator, self.condition_value, self.condition_label)
        if not any(str(part).strip() for part in parts):
            return
        errors: dict[str, Any] = {}
        field = self.condition_field.strip()
        if field.count(".") != 1 or not all(part.strip() for part in field.split(".")):
            errors["condition_field"] = _("Name an e-form field as section.field, e.g. registration.kind.")
        if not self.condition_operator:
            errors["condition_operator"] = _("Choose how the answer is compared.")
        if not self.condition_value.strip():
            errors["condition_value"] = _("Give the value the answer is compared with.")
        elif self.condition_operator in (FeeConditionOperator.AT_LEAST, FeeConditionOperator.AT_MOST):
            try:
                float(self.condition_value.strip().replace(",", "."))
            except ValueError:
                errors["condition_value"] = _("Give a number.")
        if not self.condition_label.strip():
            errors["condition_label"] = _("Name the case as the receipt prints it.")
        if errors:
            raise ValidationError(errors)
