"""Applications being prepared online (hồ sơ nháp): the citizen's answers and uploaded papers until
they are submitted to the one-stop engine, which then holds the dossier.

A draft is its citizen's alone: every read filters by owner (``selectors_apply``), so another
account gets "not found". It is kept ``PORTAL_DRAFT_RETENTION_DAYS`` after its last change
(``expires_at``), then deleted with its files.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from egov.core.models import TimestampedModel


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("online application", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("online application", "Submitted")
    ABANDONED = "abandoned", pgettext_lazy("online application", "Deleted by the applicant")


class ApplicationChannel(models.TextChoices):
    """The online channels of ND 42/2022/NĐ-CP Điều 11 (procedures.ChannelKind values)."""

    ONLINE_FULL = "online_full", _("Full online service")
    ONLINE_PARTIAL = "online_partial", _("Partial online service")


class Application(TimestampedModel):
    public_id = models.UUIDField(_("public identifier"), default=uuid.uuid4, unique=True, editable=False)
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("citizen")
    )
    procedure = models.ForeignKey(
        "procedures.Procedure", on_delete=models.PROTECT, related_name="+", verbose_name=_("procedure")
    )
    procedure_version = models.ForeignKey(
        "procedures.ProcedureVersion", on_delete=models.PROTECT, related_name="+", verbose_name=_("procedure version")
    )
    receiving_agency = models.ForeignKey(
        "organisation.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("receiving agency"),
    )
    channel = models.CharField(_("channel"), max_length=20, choices=ApplicationChannel.choices)
    # The answers as typed, per section ({"child": {"full_name": "…"}}): cleaned only on submission,
    # so "save and continue later" keeps even answers that do not validate yet.
    form_data = models.JSONField(_("answers"), default=dict, blank=True)
    completed_sections = models.JSONField(_("sections completed"), default=list, blank=True)
    # The yes/no answers to the cases of conditional papers ({"<question key>": true}): which of
    # them the applicant must attach (egov.portal.selectors_apply.application_paper_questions).
    paper_answers = models.JSONField(_("answers about papers"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    dossier_code = models.CharField(_("dossier code"), max_length=60, blank=True)
    dossier_due_at = models.DateTimeField(_("provisional appointment"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("kept until"), db_index=True)

    class Meta:
        verbose_name = _("online application")
        verbose_name_plural = _("online applications")
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["citizen", "status"], name="portal_app_citizen_status_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier_code"], condition=~models.Q(dossier_code=""), name="portal_app_dossier_code_uniq"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="submitted") | ~models.Q(dossier_code=""),
                name="portal_app_submitted_has_code",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.public_id} ({self.status})"

    @property
    def is_draft(self) -> bool:
        return self.status == ApplicationStatus.DRAFT


def _application_file_path(instance: "ApplicationFile", filename: str) -> str:
    # A random name: the stored path reveals neither the citizen's file name nor its owner.
    return f"portal/applications/{instance.application.public_id}/{uuid.uuid4().hex}.pdf"


class ApplicationFile(models.Model):
    """One uploaded paper, always stored as a PDF (photos are converted on upload)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="files")
    paper = models.ForeignKey(
        "procedures.RequiredPaper", on_delete=models.PROTECT, related_name="+", verbose_name=_("required paper")
    )
    original_name = models.CharField(_("file name"), max_length=255)
    file = models.FileField(upload_to=_application_file_path, max_length=300)
    content_type = models.CharField(max_length=100, default="application/pdf")
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    converted_from_image = models.BooleanField(_("converted from a photo"), default=False)
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        verbose_name = _("uploaded paper")
        verbose_name_plural = _("uploaded papers")
        ordering = ["application_id", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class Relationship(models.TextChoices):
    """How a household member is related to the account holder."""

    SPOUSE = "spouse", _("Husband or wife")
    CHILD = "child", _("Child")
    FATHER = "father", _("Father")
    MOTHER = "mother", _("Mother")
    SIBLING = "sibling", _("Brother or sister")
    GRANDPARENT = "grandparent", _("Grandparent")
    GRANDCHILD = "grandchild", _("Grandchild")
    OTHER = "other", _("Other relative")


class CitizenProfile(TimestampedModel):
    """What a citizen saves once to have their e-forms filled: besides the account's name, ID
    number, phone and e-mail (``identity.User``), their date of birth, gender, ethnicity,
    nationality and place of residence. Only they see and change it (``services/profile.py``)."""

    citizen = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("citizen")
    )
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    ethnicity = models.CharField(_("ethnicity"), max_length=50, blank=True)
    nationality = models.CharField(_("nationality"), max_length=100, blank=True)
    residence = models.CharField(_("place of residence"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("citizen profile")
        verbose_name_plural = _("citizen profiles")

    def __str__(self) -> str:
        return f"profile {self.citizen_id}"


class HouseholdMember(TimestampedModel):
    """A member of the citizen's family whose details the citizen saves to fill e-forms about them
    (a child's birth registration names the father and the mother)."""

    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("citizen")
    )
    full_name = models.CharField(_("full name"), max_length=100)
    relationship = models.CharField(_("relationship"), max_length=20, choices=Relationship.choices)
    birth_date = models.DateField(_("date of birth"))
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    id_number = models.CharField(_("citizen ID number"), max_length=12, blank=True)
    ethnicity = models.CharField(_("ethnicity"), max_length=50, blank=True)
    nationality = models.CharField(_("nationality"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("household member")
        verbose_name_plural = _("household members")
        ordering = ["birth_date", "id"]
        indexes = [models.Index(fields=["citizen", "birth_date"], name="portal_household_citizen_idx")]

    def __str__(self) -> str:
        return self.full_name
