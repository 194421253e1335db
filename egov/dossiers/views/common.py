"""Small helpers shared by the staff pages: loading a dossier for the officer, tones of badges."""

from datetime import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.functional import cached_property

from egov.core.errors import ApplicationError, NotFoundError
from egov.dossiers.choices import DossierStatus, Timeliness
from egov.dossiers.models import Dossier
from egov.dossiers.selectors import COUNT_CAP, capped_count, dossier_get_visible
from egov.procedures.choices import ChannelKind

STATUS_TONES = {
    DossierStatus.SUBMITTED: "info",
    DossierStatus.REJECTED: "danger",
    DossierStatus.PROCESSING: "info",
    DossierStatus.WAITING_SUPPLEMENT: "warning",
    DossierStatus.WAITING_OBLIGATION: "warning",
    DossierStatus.RESOLVED: "success",
    DossierStatus.RETURNED: "success",
    DossierStatus.WITHDRAWN: "neutral",
}
TIMELINESS_TONES = {Timeliness.EARLY: "success", Timeliness.ON_TIME: "success", Timeliness.LATE: "danger"}


def status_tone(status: str) -> str:
    return str(STATUS_TONES.get(DossierStatus(status), "neutral")) if status in DossierStatus.values else "neutral"


def due_tone(due: datetime | None, now: datetime, horizon: datetime) -> str:
    """Red once passed, amber inside the warning horizon."""
    if due is None:
        return ""
    if due < now:
        return "danger"
    return "warning" if due <= horizon else ""


def channel_label(channel: str) -> str:
    return str(ChannelKind(channel).label) if channel in ChannelKind.values else channel


def load_dossier(request: HttpRequest, code: str) -> Dossier:
    """The dossier if the officer's agencies may see it; 404 otherwise (its existence does not leak)."""
    try:
        return dossier_get_visible(user=request.user, code=code)
    except NotFoundError as exc:
        raise Http404(str(exc)) from exc


def add_service_errors(form: forms.Form, exc: ApplicationError, aliases: dict[str, str] | None = None) -> None:
    """Put the engine's field errors on the form's fields (the rest stays in the page's alert)."""
    names = {"files": "attachments", **(aliases or {})}
    for name, errors in exc.fields.items():
        target = names.get(name, name)
        if target in form.fields:
            for error in errors:
                form.add_error(target, str(error))


class CappedPaginatorMixin:
    """A paginator that never counts past ``COUNT_CAP`` rows (the last pages of a province's archive
    are reached by narrowing the filters)."""

    object_list: Any

    @cached_property
    def count(self) -> int:
        if isinstance(self.object_list, QuerySet):
            return capped_count(self.object_list)
        return len(self.object_list)  # a list, or the capped size of a task-ordered worklist


def is_capped(count: int) -> bool:
    return count > COUNT_CAP
