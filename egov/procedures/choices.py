"""Enumerations of the procedure catalogue (terms of ND 42/2022 and the national TTHC database)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ChannelKind(models.TextChoices):
    """Submission channels; online kinds per ND 42/2022/NĐ-CP Điều 11 (toàn trình / một phần)."""

    COUNTER = "counter", _("At the desk")
    POST = "post", _("By post")
    ONLINE_PARTIAL = "online_partial", _("Partial online service")
    ONLINE_FULL = "online_full", _("Full online service")


class TimeUnit(models.TextChoices):
    WORKING_DAY = "working_day", _("working days")
    WORKING_HOUR = "working_hour", _("working hours")
    CALENDAR_DAY = "calendar_day", _("days")
    MONTH = "month", _("months")
    UNSPECIFIED = "unspecified", _("not specified")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    RETIRED = "retired", _("Retired")


class PaperKind(models.TextChoices):
    """A row of the national record's "Thành phần hồ sơ" table: a paper the applicant hands in or
    shows, or a note the importer found there (how the desk checks, exemptions, legalisation rules):
    notes are guidance, never an upload box (see ``egov.procedures.importers.paper_rules``)."""

    PAPER = "paper", _("Paper")
    NOTE = "note", _("Note")


class PaperRequirement(models.TextChoices):
    """Whether every applicant brings the paper, only in a stated case, or only if they have one."""

    MANDATORY = "mandatory", _("Required")
    CONDITIONAL = "conditional", _("Required in a stated case")
    OPTIONAL = "optional", _("If you have it")


class FeeConditionOperator(models.TextChoices):
    """How a provincial fee rate's condition compares the applicant's e-form answer with its value."""

    EQUALS = "equals", _("is")
    NOT_EQUALS = "not_equals", _("is not")
    ONE_OF = "one_of", _("is one of")
    AT_LEAST = "at_least", _("is at least")
    AT_MOST = "at_most", _("is at most")
