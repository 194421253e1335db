"""REST API of the one-stop engine (``/api/v1/dossiers``) and public tracking (``/api/v1/track``).

Thin: authenticate (bearer token or session + CSRF), check the caller is an officer who may see
the dossier (a dossier of another agency is 404, never 403: its existence is not disclosed), call
the engine's facade or a selector, shape the output. Every refusal is an ``ApplicationError``
turned into the bilingual error body ``{code, message, message_en, fields}``.
"""

import json
from typing import Any

from django.conf import settings
from django.http import FileResponse, HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Status
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import ValidationError

from egov.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from egov.core.pagecache import public_page
from egov.core.ratelimit import ip_key, ninja_rate_limit
from egov.dossiers import selectors
from egov.dossiers.contracts import ActionData, ApplicantData, IntakeData, ReceivedPaper, UploadedFile
from egov.dossiers.facade import Action, dossier_act, dossier_rate, dossier_receive, dossier_submit_online
from egov.dossiers.models import Dossier, DossierEvent, Rating
from egov.dossiers.schemas import (
    ActionIn,
    DossierFilter,
    DossierOut,
    DossierPageOut,
    ErrorOut,
    EventOut,
    IntakeIn,
    OnlineApplicantIn,
    OnlineIntakeIn,
    RatingIn,
    RatingOut,
    SubmittedOut,
    TrackingOut,
)
from egov.dossiers.tracking import (
    RATE_LIMIT_SCOPE,
    RATE_LIMIT_WINDOW_SECONDS,
    TRACKING_RATE,
    TrackingView,
    dossier_track,
    tracking_cache_tags,
    tracking_rate_limit,
)
from egov.identity.models import User, UserKind
from egov.organisation.facade import has_permission

router = Router(tags=["dossiers"])
track_router = Router(tags=["tracking"])

VIEW = "dossiers.view"
# Actions that store the files sent with them; files sent with any other action are refused, not dropped.
FILE_ACTIONS = frozenset({Action.SUPPLEMENT, Action.ATTACH_RESULT, Action.NOTE})


def _errors(*codes: int) -> dict[int, type[ErrorOut]]:
    return dict.fromkeys(codes, ErrorOut)


def _officer(request: HttpRequest) -> User:
    """Officers of the province's agencies (and integration accounts given a role); citizens get 403."""
    user: User = request.auth  # type: ignore[attr-defined]
    if not has_permission(user, VIEW):
        raise PermissionDeniedError(
            _("This part of the API is for officers of the province's agencies."), code="dossier.staff_only"
        )
    return user


def _visible(request: HttpRequest, code: str) -> tuple[User, Dossier]:
    user = _officer(request)
    return user, selectors.dossier_get_visible(user=user, code=code)


@router.post(
    "",
    response={201: DossierOut, **_errors(400, 401, 403, 404, 409, 422)},
    summary="Receive a dossier at the desk or by post",
    description="A one-stop desk officer of `agency_id` receives a dossier (TT 03/2025/TT-VPCP Điều 5): it gets "
    "its code and appointment and its first step starts. Channel `counter` or `post`; online dossiers come "
    "through `POST /dossiers/online` and are accepted with the `accept` action.",
)
def receive(request: HttpRequest, payload: IntakeIn) -> Status[Dossier]:
    user = _officer(request)
    applicant = payload.applicant
    data = IntakeData(
        procedure_code=payload.procedure_code,
        applicant=ApplicantData(
            full_name=applicant.full_name,
            id_number=applicant.id_number,
            kind=applicant.kind,
            address=applicant.address,
            phone=applicant.phone,
            email=applicant.email,
        ),
        channel=payload.channel,
        note=payload.note,
        **_common(payload),
    )
    return Status(201, dossier_receive(actor=user, agency_id=payload.agency_id, data=data))


def _common(payload: Any) -> dict[str, Any]:
    return {
        "subject": payload.subject,
        "papers": tuple(ReceivedPaper(**paper.model_dump()) for paper in payload.papers),
        "form_data": payload.form_data,
        "copies": payload.copies,
        "return_method": payload.return_method,
        "representative": payload.representative,
    }


@router.post(
    "/online",
    response={201: SubmittedOut, **_errors(400, 401, 403, 404, 409, 422)},
    summary="Submit a dossier online (citizen accounts)",
    description="The logged-in citizen is the applicant: name and ID number come from the verified account. "
    "The dossier gets its code and a provisional appointment; the clock starts when the desk accepts it.",
)
def submit_online(request: HttpRequest, payload: OnlineIntakeIn) -> Status[Dossier]:
    user: User = request.auth  # type: ignore[attr-defined]
    if user.kind != UserKind.CITIZEN:
        raise PermissionDeniedError(_("Only citizen accounts submit dossiers online."), code="dossier.citizen_only")
    contact = payload.applicant or OnlineApplicantIn(address="", phone="", email="")
    applicant = ApplicantData(
        full_name=user.full_name or user.get_full_name() or user.username,
        id_number=user.citizen_id or "",
        address=contact.address,
        phone=contact.phone or user.phone,
        email=contact.email or user.email,
        user_id=user.pk,
    )
    data = IntakeData(
        procedure_code=payload.procedure_code, applicant=applicant, channel=payload.channel, **_common(payload)
    )
    return Status(201, dossier_submit_online(applicant_user=user, agency_id=payload.agency_id, data=data))


@router.get(
    "",
    response={200: DossierPageOut, **_errors(401, 403, 404, 422)},
    summary="List dossiers of a worklist, with filters",
    description="`worklist`: to_receive, mine (steps the officer took or was given), department (steps waiting "
    "unclaimed for a role the officer holds; a leader's: every unclaimed step of the agencies they lead), due_soon, "
    "overdue, waiting, finished or all (default), "
    f"most urgent first. `count` is capped at {selectors.COUNT_CAP + 1} (meaning “more than "
    f"{selectors.COUNT_CAP}”).",
)
def list_dossiers(request: HttpRequest, params: Query[DossierFilter]) -> dict[str, Any]:
    user = _officer(request)
    filters = selectors.DossierFilters(
        **params.model_dump(exclude={"worklist", "limit", "offset"}),
    )
    qs = selectors.dossier_worklist(user=user, worklist=params.worklist, filters=filters)
    items = list(
        qs.select_related("procedure_version", "handling_agency")[params.offset : params.offset + params.limit]
    )
    return {"count": selectors.capped_count(qs), "limit": params.limit, "offset": params.offset, "items": items}


@router.get(
    "/{code}",
    response={200: DossierOut, **_errors(401, 403, 404)},
    summary="One dossier: summary, steps, files, allowed actions, version",
    description="404 when no dossier has the code or it is not visible to you (its agencies are not yours).",
)
def get_dossier(request: HttpRequest, code: str) -> Dossier:
    return _visible(request, code)[1]


@router.get(
    "/{code}/events",
    response={200: list[EventOut], **_errors(401, 403, 404)},
    summary="The dossier's full timeline (staff view)",
    description="Every recorded change, oldest first; `public` marks the rows the applicant's timeline shows.",
)
def list_events(request: HttpRequest, code: str) -> list[DossierEvent]:
    return selectors.dossier_timeline(dossier=_visible(request, code)[1])


_ACTION_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": ActionIn.model_json_schema()},
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["data"],
                "properties": {
                    "data": {"type": "string", "description": "the same JSON object as the application/json body"},
                    "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                },
            }
        },
    },
}


@router.post(
    "/{code}/actions/{action}",
    response={200: DossierOut, **_errors(400, 401, 403, 404, 409, 422)},
    summary="Act on a dossier (one transition of the engine)",
    description="`action`: accept, reject, claim, assign, forward, approve, sign, send_back, request_supplement, "
    "supplement, request_obligation, fulfil_obligation, refuse, extend, withdraw, draft_result, attach_result, submit_result, approve_result, "
    "return_draft, sign_result, return_result, transfer_out, note. The result: drafted from a template "
    "(`draft_result` with `template_id`, then `values`) or uploaded (`attach_result`), submitted, approved by "
    "the signer, then signed with `draft_id`, `digest` and `confirmation` (password or authenticator code). Send `version` as read (a stale one is 409 `dossier.conflict`); an action not possible "
    "in the current status is 409 `dossier.illegal_transition`.\n\n"
    "Body: `application/json` (ActionIn), or — to send files with `supplement`, `attach_result` or `note` — "
    "`multipart/form-data` with a `data` part holding the same JSON object and one `files` part per file "
    "(PDF, JPG or PNG, checked by content).",
    openapi_extra={"requestBody": _ACTION_BODY},
)
def act(request: HttpRequest, code: str, action: str) -> Dossier:
    user, dossier = _visible(request, code)
    payload, files = _action_input(request)
    if files and action not in FILE_ACTIONS:
        raise ApplicationError(
            _("This action takes no files."),
            code="dossier.files_not_accepted",
            fields={"files": [_("Remove the files.")]},
        )
    data = ActionData(
        version=payload.version,
        note=payload.note,
        reasons=tuple(payload.reasons),
        task_id=payload.task_id,
        assignee_id=payload.assignee_id,
        new_due_date=payload.new_due_date,
        return_method=payload.return_method,
        target=payload.target,
        files=files,
        draft_id=payload.draft_id,
        template_id=payload.template_id,
        values=dict(payload.values),
        digest=payload.digest,
        confirmation=payload.confirmation,
    )
    return dossier_act(actor=user, code=dossier.code, action=action, data=data)


def _action_input(request: HttpRequest) -> tuple[ActionIn, tuple[UploadedFile, ...]]:
    """JSON body, or multipart with a ``data`` JSON part and ``files`` parts."""
    files: tuple[UploadedFile, ...] = ()
    if request.content_type == "multipart/form-data":
        raw: str | bytes = request.POST.get("data", "")
        max_bytes, max_files = settings.EGOV_DOSSIER_UPLOAD_MAX_BYTES, settings.EGOV_DOSSIER_UPLOAD_MAX_FILES
        # Read at most one byte past the limits: the engine refuses with its own message, memory stays bounded.
        files = tuple(
            UploadedFile(name=item.name or "", content=item.read(max_bytes + 1), content_type=item.content_type or "")
            for item in request.FILES.getlist("files")[: max_files + 1]
        )
    else:
        raw = request.body
    try:
        payload = json.loads(raw or "{}")
    except ValueError:
        payload = None
    if not isinstance(payload, dict):
        raise ApplicationError(_("The request body is not a valid JSON object."), code="invalid_json")
    try:
        return ActionIn.model_validate(payload), files
    except ValidationError as exc:
        details = exc.errors(include_url=False, include_context=False, include_input=False)
        raise NinjaValidationError([dict(detail) for detail in details]) from exc


@router.post(
    "/{code}/rating",
    response={201: RatingOut, **_errors(400, 401, 403, 404, 409, 422)},
    summary="Record the applicant's satisfaction (once the result is ready)",
    description="The desk of the receiving agency records the applicant's rating, 1 to 5, once per dossier.",
)
def rate(request: HttpRequest, code: str, payload: RatingIn) -> Status[Rating]:
    user, dossier = _visible(request, code)
    return Status(201, dossier_rate(actor=user, code=dossier.code, score=payload.score, comment=payload.comment))


@router.get(
    "/{code}/files/{file_id}",
    response=_errors(401, 403, 404),
    url_name="dossier_file",
    summary="Download a file of the dossier",
    description="The stored file (PDF, JPG or PNG) as an attachment; 404 when the dossier is not visible to you.",
    openapi_extra={"responses": {200: {"description": "the file", "content": {"application/octet-stream": {}}}}},
)
def download_file(request: HttpRequest, code: str, file_id: int) -> FileResponse:
    dossier = _visible(request, code)[1]
    item = selectors.dossier_file_get(dossier=dossier, file_id=file_id)
    try:
        handle = item.file.open("rb")
    except OSError as exc:
        raise NotFoundError(_("The file is no longer in storage."), code="dossier.file_missing") from exc
    response = FileResponse(handle, as_attachment=True, filename=item.name, content_type=item.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@track_router.get(
    "/{code}",
    auth=None,
    response={200: TrackingOut, **_errors(400, 404, 429)},
    summary="Public tracking of a dossier by its code",
    description="For whoever holds the code (printed on the receipt): status with its national code, the "
    "appointment, the steps passed. No personal data beyond the applicant's masked name. Rate-limited per client "
    "(`DOSSIER_TRACKING_RATE_LIMIT` lookups a minute, default 60).",
)
@ninja_rate_limit(RATE_LIMIT_SCOPE, limit=tracking_rate_limit, window=RATE_LIMIT_WINDOW_SECONDS, key=ip_key)
def track(request: HttpRequest, code: str) -> TrackingView:
    public_page(request, tags=tracking_cache_tags(code), rate=TRACKING_RATE)
    return dossier_track(code=code)
