"""One-stop dossiers (hồ sơ TTHC): from intake through the internal process to the returned result.

A ``Dossier`` keeps a snapshot of the internal process it was received under (``process_snapshot``),
so editing a process template never changes running dossiers. Each activation of a step is a
``DossierTask`` (who, when, how long against the allotted time: the rows of the control sheet,
Mẫu 06 TT 03/2025/TT-VPCP). ``DossierEvent`` is the append-only history (staff timeline and, for
rows marked public, the applicant's). All writes go through ``services/``; reads through
``selectors.py``. The clock: ``legal_due_at`` is the appointment the law sets, moved only by time
spent waiting for the applicant; ``due_at`` is the appointment shown, which an apology may move once.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from egov.dossiers.choices import (
    ApplicantKind,
    DossierStatus,
    FileKind,
    Outcome,
    PauseKind,
    ReturnMethod,
    TaskStatus,
    Timeliness,
)
from egov.identity.roles import Role
from egov.organisation.facade import AgencyScope, AgencyScopedQuerySet, AllAgencies, visible_agency_ids
from egov.procedures.choices import ChannelKind

VIEW_DOSSIER = "dossiers.view"


class DossierCodeRule(models.Model):
    """The legal format of the dossier code (mã số hồ sơ), as data with effective dates.

    ``pattern`` tokens: ``{agency}`` the agency's code in ``agency_code_scheme``, ``{yymmdd}`` the day
    of receipt, ``{prefix}`` a fixed part (e.g. the ``AA`` of TT 04/2025), ``{seq}`` the daily
    sequence, zero-padded to ``min_digits`` and growing beyond it when needed.
    """

    class Scheme(models.TextChoices):
        CURRENT = "current", _("Electronic identifier (QĐ 20/2020/QĐ-TTg)")
        QCVN102 = "qcvn102", _("Legacy 13-character code (QCVN 102:2016)")

    name = models.CharField(_("name"), max_length=200)
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    pattern = models.CharField(_("pattern"), max_length=100, default="{agency}-{yymmdd}-{seq}")
    agency_code_scheme = models.CharField(_("agency code"), max_length=10, choices=Scheme.choices)
    prefix = models.CharField(_("fixed part"), max_length=10, blank=True)
    min_digits = models.PositiveSmallIntegerField(_("minimum sequence digits"), default=4)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        verbose_name = _("dossier code rule")
        verbose_name_plural = _("dossier code rules")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"{self.name} ({self.valid_from:%d/%m/%Y})"


class DossierCodeCounter(models.Model):
    """The daily sequence of one receiving agency; incremented in the intake transaction (no gaps)."""

    agency = models.ForeignKey("organisation.Agency", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "day"], name="dossier_code_counter_uniq")]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.day}: {self.last}"


class StatusCodeMapping(models.Model):
    """Internal status → the national status code (TrangThaiHoSo of Cổng DVCQG), with validity."""

    status = models.CharField(_("status"), max_length=30, choices=DossierStatus.choices)
    national_code = models.CharField(_("national code"), max_length=5)
    national_label = models.CharField(_("national label"), max_length=100)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        verbose_name = _("national status code")
        ordering = ["status", "-valid_from"]

    def __str__(self) -> str:
        return f"{self.status} → {self.national_code}"


class DossierQuerySet(models.QuerySet["Dossier"]):
    """Staff see the dossiers their agencies received or had work on (``DossierParticipant``)."""

    def visible_to(self, user: Any, perm: str = VIEW_DOSSIER) -> "DossierQuerySet":
        return self.in_scope(visible_agency_ids(user, perm))

    def in_scope(self, scope: AgencyScope) -> "DossierQuerySet":
        if isinstance(scope, AllAgencies):
            return self
        if not scope:
            return self.none()
        involved = DossierParticipant.objects.filter(dossier=models.OuterRef("pk"), agency_id__in=sorted(scope))
        return self.filter(models.Exists(involved))


class Dossier(models.Model):
    code = models.CharField(_("dossier code"), max_length=60, unique=True)
    procedure = models.ForeignKey("procedures.Procedure", on_delete=models.PROTECT, related_name="+")
    procedure_version = models.ForeignKey("procedures.ProcedureVersion", on_delete=models.PROTECT, related_name="+")
    field = models.ForeignKey(
        "procedures.ProcedureField", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    channel = models.CharField(_("channel"), max_length=20, choices=ChannelKind.choices)
    receiving_agency = models.ForeignKey(
        "organisation.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("receiving agency")
    )
    handling_agency = models.ForeignKey(
        "organisation.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("handling agency")
    )
    status = models.CharField(_("status"), max_length=30, choices=DossierStatus.choices)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    timeliness = models.CharField(_("timeliness"), max_length=10, choices=Timeliness.choices, blank=True)

    # The applicant (and whoever filed on their behalf).
    applicant_kind = models.CharField(
        _("applicant kind"), max_length=15, choices=ApplicantKind.choices, default=ApplicantKind.CITIZEN
    )
    applicant_name = models.CharField(_("applicant"), max_length=255)
    applicant_name_folded = models.CharField(max_length=255, blank=True, editable=False)  # egov.core.text.fold
    applicant_id_number = models.CharField(_("identification number"), max_length=20, blank=True)
    applicant_address = models.CharField(_("address"), max_length=500, blank=True)
    applicant_phone = models.CharField(_("phone"), max_length=20, blank=True)
    applicant_email = models.EmailField(_("email"), blank=True)
    applicant_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="dossiers"
    )
    representative = models.JSONField(_("filed on behalf by"), default=dict, blank=True)
    subject = models.TextField(_("request"), blank=True)  # nội dung yêu cầu giải quyết
    form_data = models.JSONField(_("e-form data"), default=dict, blank=True)
    # The answers an officer questioned when asking for supplementation, each with the officer's note:
    # ``[{"field": "child.birth_date", "note": "…"}]``; the applicant may correct exactly these.
    questioned_answers = models.JSONField(_("questioned answers"), default=list, blank=True)
    papers = models.JSONField(_("papers received"), default=list, blank=True)  # [{name, originals, copies}]
    # The applicant's yes/no answers to the cases of conditional papers when applying online, as asked:
    # ``[{"question": "Trường hợp …", "answer": true, "papers": ["…"]}]`` (the papers that case makes
    # required on "yes", not needed on "no"); kept as they were, whatever the catalogue says later.
    paper_cases = models.JSONField(_("answers about papers"), default=list, blank=True)
    copies = models.PositiveSmallIntegerField(_("number of sets"), default=1)
    return_method = models.CharField(
        _("result delivered"), max_length=10, choices=ReturnMethod.choices, default=ReturnMethod.DESK
    )
    # Fees (whole đồng) computed from the procedure when submitted online, and what was paid online
    # (egov.payments); a desk dossier's fees are collected at the desk and not recorded here.
    fee_amount = models.PositiveBigIntegerField(_("fees due"), default=0)
    paid_amount = models.PositiveBigIntegerField(_("paid online"), default=0)
    payment_reference = models.CharField(_("payment reference"), max_length=40, blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)

    # The clock.
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    processing_time = models.DecimalField(_("processing time"), max_digits=8, decimal_places=2, null=True)
    processing_time_unit = models.CharField(_("unit"), max_length=15, blank=True)
    legal_due_at = models.DateTimeField(_("legal appointment"), null=True, blank=True)
    due_at = models.DateTimeField(_("appointment"), null=True, blank=True)  # indexed with status (Meta)
    extended_at = models.DateTimeField(_("extended at"), null=True, blank=True)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    paused_seconds = models.PositiveIntegerField(_("working time waiting for the applicant"), default=0)
    supplement_requests = models.PositiveSmallIntegerField(_("supplementation requests"), default=0)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)  # first terminal moment
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)  # of a refusal or non-acceptance

    process_template = models.ForeignKey(
        "procedures.ProcessTemplate", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    process_snapshot = models.JSONField(_("internal process"), default=list, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)  # optimistic lock
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DossierQuerySet.as_manager()

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["receiving_agency", "received_at"], name="dossier_agency_received_idx"),
            models.Index(fields=["handling_agency", "status"], name="dossier_handling_status_idx"),
            models.Index(fields=["status", "due_at"], name="dossier_status_due_idx"),
            # The "waiting for the applicant" worklist, in appointment order (issue 12).
            models.Index(
                fields=["due_at", "id"],
                name="dossier_waiting_due_idx",
                condition=models.Q(status__in=["waiting_obligation", "waiting_supplement"]),
            ),
            models.Index(fields=["finished_at"], name="dossier_finished_idx"),
            models.Index(fields=["applicant_user", "status"], name="dossier_applicant_idx"),
            models.Index(fields=["applicant_id_number"], name="dossier_applicant_id_idx"),
        ]

    def __str__(self) -> str:
        return self.code


class DossierParticipant(models.Model):
    """An agency that has had work on the dossier: whose staff may see it."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="participants")
    agency = models.ForeignKey("organisation.Agency", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "dossier"], name="dossier_participant_uniq")]

    def __str__(self) -> str:
        return f"{self.dossier_id}@{self.agency_id}"


class DossierTaskQuerySet(AgencyScopedQuerySet["DossierTask"]):
    agency_field = "agency"
    view_permission = VIEW_DOSSIER


class DossierTask(models.Model):
    """One activation of a process step: a line of the control sheet and an item of a worklist."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="tasks")
    step_index = models.PositiveSmallIntegerField()  # position in dossier.process_snapshot
    name = models.CharField(_("step"), max_length=300)
    agency = models.ForeignKey("organisation.Agency", on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(
        "organisation.Department", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=TaskStatus.choices, default=TaskStatus.ACTIVE)
    parallel_group = models.CharField(max_length=30, blank=True)
    started_at = models.DateTimeField(_("started at"))
    due_at = models.DateTimeField(_("due at"))
    allotted_seconds = models.PositiveIntegerField(_("allotted working time"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    finished_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    spent_seconds = models.PositiveIntegerField(_("working time spent"), null=True, blank=True)
    timeliness = models.CharField(_("timeliness"), max_length=10, choices=Timeliness.choices, blank=True)
    closing_action = models.CharField(_("closed by"), max_length=30, blank=True)
    note = models.TextField(_("note"), blank=True)
    warned_at = models.DateTimeField(null=True, blank=True)  # "due soon" notice sent
    escalated_at = models.DateTimeField(null=True, blank=True)  # overdue notice sent to the leader

    objects = DossierTaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("processing step")
        verbose_name_plural = _("processing steps")
        ordering = ["dossier_id", "started_at", "id"]
        indexes = [
            models.Index(
                fields=["agency", "role", "due_at"],
                name="task_active_agency_idx",
                condition=models.Q(status="active"),
            ),
            models.Index(
                fields=["assignee", "due_at"], name="task_active_assignee_idx", condition=models.Q(status="active")
            ),
            models.Index(fields=["due_at"], name="task_active_due_idx", condition=models.Q(status="active")),
            # "My work" (issue 12): the steps nobody has taken yet, of a role in an agency.
            models.Index(
                fields=["agency", "role", "due_at"],
                name="task_unassigned_role_idx",
                condition=models.Q(status="active", assignee__isnull=True),
            ),
            # "My department" (issue 12): the department's steps in progress, not every step it ever had.
            models.Index(
                fields=["department", "due_at"], name="task_active_department_idx", condition=models.Q(status="active")
            ),
            # The deadline jobs only look at steps not yet warned / escalated (services/deadlines.py).
            models.Index(
                fields=["due_at"],
                name="task_unwarned_due_idx",
                condition=models.Q(status="active", warned_at__isnull=True),
            ),
            models.Index(
                fields=["due_at"],
                name="task_unescalated_due_idx",
                condition=models.Q(status="active", escalated_at__isnull=True),
            ),
            models.Index(fields=["finished_by", "finished_at"], name="task_finished_by_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}:{self.name}"


class DossierPause(models.Model):
    """Time waiting for the applicant: not counted against the processing time."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="pauses")
    kind = models.CharField(max_length=15, choices=PauseKind.choices)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    working_seconds = models.PositiveIntegerField(default=0)
    reasons = models.JSONField(default=list, blank=True)
    # The steps that were active when the clock stopped; they resume with their remaining time.
    task_ids = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["dossier_id", "started_at"]

    def __str__(self) -> str:
        return f"{self.dossier_id}:{self.kind}@{self.started_at:%Y-%m-%d %H:%M}"


class DossierEvent(models.Model):
    """Append-only history of a dossier. ``public`` rows form the applicant's timeline."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    occurred_at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=30)
    from_status = models.CharField(max_length=30, blank=True)
    to_status = models.CharField(max_length=30, blank=True)
    task = models.ForeignKey(DossierTask, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    agency = models.ForeignKey("organisation.Agency", on_delete=models.PROTECT, null=True, related_name="+")
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    public = models.BooleanField(default=False)

    class Meta:
        ordering = ["dossier_id", "occurred_at", "id"]
        indexes = [models.Index(fields=["dossier", "occurred_at"], name="dossier_event_idx")]

    def __str__(self) -> str:
        return f"{self.dossier_id}:{self.action}"


def _dossier_file_path(instance: "DossierFile", filename: str) -> str:
    return f"dossiers/{instance.dossier_id}/{instance.sha256[:16]}-{filename}"


class DossierFile(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(max_length=15, choices=FileKind.choices)
    name = models.CharField(_("name"), max_length=255)
    file = models.FileField(upload_to=_dossier_file_path, max_length=500)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    paper_index = models.PositiveSmallIntegerField(null=True, blank=True)  # the required paper it answers
    # A result PDF the leader signed and the agency sealed through the system (``sign_result``).
    is_signed = models.BooleanField(_("digitally signed"), default=False)
    signed_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="signed_copies"
    )
    task = models.ForeignKey(DossierTask, on_delete=models.SET_NULL, null=True, blank=True, related_name="files")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["dossier_id", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


class Rating(models.Model):
    """The applicant's satisfaction with the service (ND 118/2025: theo dõi, đánh giá mức độ hài lòng)."""

    class Score(models.IntegerChoices):
        VERY_DISSATISFIED = 1, _("Very dissatisfied")
        DISSATISFIED = 2, _("Dissatisfied")
        ACCEPTABLE = 3, _("Acceptable")
        SATISFIED = 4, _("Satisfied")
        VERY_SATISFIED = 5, _("Very satisfied")

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="rating")
    score = models.PositiveSmallIntegerField(_("rating"), choices=Score.choices)
    comment = models.TextField(_("comment"), blank=True)
    rated_at = models.DateTimeField()
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("rating")
        constraints = [
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5), name="rating_score_range")
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.score}"


class AnswerCorrection(models.Model):
    """One e-form answer changed after submission: by an officer (with the reason) or by the applicant
    answering a supplementation request. ``form_data`` holds the current answer; the rows keep every
    earlier one (the first row's ``old_value`` is what the applicant submitted)."""

    class Source(models.TextChoices):
        OFFICER = "officer", _("Officer")
        APPLICANT = "applicant", _("Applicant")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="answer_corrections")
    field = models.CharField(_("e-form field"), max_length=200)  # ``section.field``
    label = models.CharField(_("field label"), max_length=500)  # the field's label when corrected (Vietnamese)
    old_value = models.JSONField(_("previous answer"), null=True, blank=True)
    new_value = models.JSONField(_("new answer"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    source = models.CharField(_("corrected by"), max_length=10, choices=Source.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(max_length=200, blank=True)
    agency = models.ForeignKey("organisation.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    event = models.ForeignKey(DossierEvent, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    corrected_at = models.DateTimeField(_("corrected at"))

    class Meta:
        verbose_name = _("answer correction")
        verbose_name_plural = _("answer corrections")
        ordering = ["dossier_id", "corrected_at", "id"]
        indexes = [models.Index(fields=["dossier", "corrected_at"], name="answer_correction_idx")]

    def __str__(self) -> str:
        return f"{self.dossier_id}:{self.field}"


from egov.dossiers.result_models import *  # noqa: E402,F403 - result templates and drafts live in their own module
