"""What the engine tells people: the officer a step lands on, and the applicant (through the
notifications app, in the same transaction as the change, deduplicated per event)."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from egov.dossiers.models import Dossier, DossierTask
from egov.notifications.facade import NoticeData, notify

_APPLICANT_TITLES = {
    "resolved": _("The result of dossier {code} is ready"),
    "refused": _("Dossier {code}: the request was refused; the notice with the reasons is ready"),
    "supplement": _("Dossier {code}: please supplement your dossier"),
    "obligation": _("Dossier {code}: please fulfil the financial obligations"),
    "extended": _("Dossier {code}: apology and new appointment"),
    "rejected": _("Dossier {code} was not accepted"),
    "accepted": _("Dossier {code} was received"),
}


def staff_link(dossier: Dossier) -> str:
    return f"/staff/dossiers/{dossier.code}/"


def tell_assignee(task: DossierTask) -> None:
    if task.assignee_id is None:
        return
    with override("vi"):
        title = str(format_lazy(_("Dossier {code}: {step}"), code=task.dossier.code, step=task.name))
    notify(
        recipient_ids=[task.assignee_id],
        notice=NoticeData(
            kind="dossier.assigned",
            title=title,
            link=staff_link(task.dossier),
            dedupe_key=f"dossier-task-assigned:{task.pk}:{task.assignee_id}",
        ),
    )


def tell_applicant(dossier: Dossier, *, kind: str) -> None:
    if dossier.applicant_user_id is None:
        return
    with override("vi"):
        title = str(format_lazy(_APPLICANT_TITLES[kind], code=dossier.code))
    notify(
        recipient_ids=[dossier.applicant_user_id],
        notice=NoticeData(
            kind=f"dossier.{kind}",
            title=title,
            link=f"/tra-cuu/{dossier.code}/",
            dedupe_key=f"dossier-{kind}:{dossier.pk}:{dossier.version}",
            email=True,
        ),
    )
