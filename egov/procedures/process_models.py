"""Internal process templates (quy trình nội bộ) of procedures: imported by models.py.

A ``ProcessTemplate`` says how one procedure is resolved at an implementing level (any agency of
that level) or at one agency of the province: ordered ``ProcessStep`` rows, each with who is
responsible, its allotted working time and the actions allowed there. Steps sharing a parallel
group run at the same time. A hand-off step transfers the dossier to another agency (liên thông,
e.g. a commune's one-stop centre → a provincial department); the steps after it are done there.

The chairman of the provincial People's Committee approves one per procedure and level, with the
time of each step in working days or hours (one-stop rules of ND 118/2025/NĐ-CP, which replaced
ND 61/2018/NĐ-CP; e.g. QĐ 1351/QĐ-UBND 2022 of Quảng Ngãi, Phụ lục II). Writes go through
``services/process.py``, which checks that the steps add up to the legal processing time.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from egov.core.models import TimestampedModel
from egov.identity.roles import Role
from egov.procedures.choices import ChannelKind, TimeUnit

__all__ = ["WORKING_TIME_UNITS", "ProcessAction", "ProcessStep", "ProcessTemplate"]

# Process times are office time: the workflow calendar counts them (ADR 0002, 1 working day = 8 hours).
WORKING_TIME_UNITS = [
    (TimeUnit.WORKING_DAY.value, TimeUnit.WORKING_DAY.label),
    (TimeUnit.WORKING_HOUR.value, TimeUnit.WORKING_HOUR.label),
]


class ProcessAction(models.TextChoices):
    """What an officer may do to a dossier at a step (the fixed vocabulary of the step engine)."""

    RECEIVE = "receive", _("Receive the dossier")
    FORWARD = "forward", _("Forward to the next step")
    SEND_BACK = "send_back", _("Send back to the previous step")
    REQUEST_SUPPLEMENT = "request_supplement", _("Request supplementation")
    VERIFY = "verify", _("Verify (site visit, checks)")
    CONSULT = "consult", _("Consult other agencies")
    APPROVE = "approve", _("Approve")
    SIGN = "sign", _("Sign")
    REFUSE = "refuse", _("Refuse")
    TRANSFER_TO_AGENCY = "transfer_to_agency", _("Transfer to another agency")
    RETURN_RESULT = "return_result", _("Return the result")


class ProcessTemplate(TimestampedModel):
    procedure = models.ForeignKey(
        "procedures.Procedure",
        on_delete=models.CASCADE,
        related_name="process_templates",
        verbose_name=_("procedure"),
    )
    level = models.ForeignKey(
        "procedures.ImplementingLevel",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("implementing level"),
        help_text=_("Applies at every agency of this level that has no template of its own."),
    )
    agency = models.ForeignKey(
        "organisation.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agency"),
        help_text=_("The agency that receives the dossiers this template applies to."),
    )
    channel = models.CharField(
        _("submission channel"),
        max_length=20,
        choices=ChannelKind.choices,
        blank=True,
        help_text=_("Leave empty when the process is the same whatever the channel."),
    )
    name = models.CharField(_("name"), max_length=500)
    total_time = models.DecimalField(_("total time"), max_digits=8, decimal_places=2)
    total_time_unit = models.CharField(
        _("unit"), max_length=15, choices=WORKING_TIME_UNITS, default=TimeUnit.WORKING_DAY
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("process template")
        verbose_name_plural = _("process templates")
        ordering = ["procedure_id", "level_id", "agency_id", "channel"]  # ids: no outer joins to sort
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__isnull=False) | models.Q(agency__isnull=False),
                name="process_template_scope",
            ),
            models.CheckConstraint(condition=models.Q(total_time__gt=0), name="process_template_time_positive"),
        ]
        indexes = [models.Index(fields=["procedure", "is_active"], name="process_template_lookup_idx")]

    def __str__(self) -> str:
        return self.name


class ProcessStep(models.Model):
    template = models.ForeignKey(
        ProcessTemplate, on_delete=models.CASCADE, related_name="steps", verbose_name=_("process template")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("what is done"), blank=True)
    agency = models.ForeignKey(
        "organisation.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible agency"),
        help_text=_(
            "Empty: the agency handling the dossier (the one that received it, with its parent agency in the same "
            "commune or province, or the agency of the last hand-off)."
        ),
    )
    department = models.ForeignKey(
        "organisation.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("department"),
    )
    role = models.CharField(_("responsible role"), max_length=20, choices=Role.choices, blank=True)
    duration = models.DecimalField(_("allotted time"), max_digits=8, decimal_places=2)
    duration_unit = models.CharField(
        _("unit"), max_length=15, choices=WORKING_TIME_UNITS, default=TimeUnit.WORKING_HOUR
    )
    actions = models.JSONField(_("allowed actions"), default=list, blank=True)
    parallel_group = models.CharField(
        _("parallel group"),
        max_length=30,
        blank=True,
        help_text=_("Steps with the same group run at the same time; the group takes as long as its longest step."),
    )
    is_hand_off = models.BooleanField(_("inter-agency hand-off"), default=False)
    hand_off_agency = models.ForeignKey(
        "organisation.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hand the dossier off to"),
    )

    class Meta:
        verbose_name = _("process step")
        verbose_name_plural = _("process steps")
        ordering = ["template_id", "order"]
        constraints = [
            models.UniqueConstraint(fields=["template", "order"], name="process_step_order_uniq"),
            models.CheckConstraint(condition=models.Q(duration__gt=0), name="process_step_duration_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"
