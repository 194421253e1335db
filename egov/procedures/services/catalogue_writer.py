"""Internals of the catalogue's write path, shared by ``procedure_save`` and ``procedures_import``.

``CatalogueWriter.prepare`` validates a ``ProcedureData`` completely and builds the unsaved rows, so a
record that cannot be stored is refused before anything is written. ``queue`` collects prepared
versions; ``flush`` writes them in bulk (new procedures, retired versions, new versions, their child
rows, the procedures' search columns: one statement per table per batch), then audits each one.
That is what makes an import of thousands of procedures take seconds.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import connection, models
from django.utils.text import format_lazy, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from egov.core import clock
from egov.core.errors import ApplicationError
from egov.core.pagecache import invalidate
from egov.core.services.audit import audit_record
from egov.core.text import fold
from egov.organisation.facade import agency_get_by_code
from egov.procedures.choices import ChannelKind, PaperKind, PaperRequirement, TimeUnit, VersionStatus
from egov.procedures.contracts import ChannelData, PaperData, ProcedureData
from egov.procedures.eforms.meta import eform_schema_check
from egov.procedures.eforms.structure import all_fields
from egov.procedures.models import (
    Channel,
    ImplementingLevel,
    LegalBasis,
    Procedure,
    ProcedureField,
    ProcedureVersion,
    RequiredPaper,
)
from egov.procedures.services.catalogue_data import changed_keys
from egov.procedures.services.search_index import procedures_index

if TYPE_CHECKING:
    from egov.identity.models import User

CODE_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._\-]{0,29}$")
_AMOUNT_RE = re.compile(r"^\d{1,15}(?:\.\d{1,4})?$")
_ONLINE = frozenset({ChannelKind.ONLINE_PARTIAL, ChannelKind.ONLINE_FULL})
_VERSION_EXCLUDE = ["procedure", "field", "levels", "local_agencies", "content_hash"]
_SEARCH_COLUMNS = ["current_version", "name", "name_folded", "field", "search_text", "has_online", "has_full_online"]
_LevelLink = ProcedureVersion.levels.through
_AgencyLink = ProcedureVersion.local_agencies.through
_BATCH = 500


@dataclass
class Prepared:
    """A validated ``ProcedureData`` as unsaved rows."""

    data: ProcedureData
    field_name: str
    level_ids: list[int]
    agency_ids: list[int]
    version: ProcedureVersion
    channels: list[Channel]
    papers: list[RequiredPaper]
    legal_bases: list[LegalBasis]


@dataclass
class Written:
    """A queued version; after ``flush`` its procedure and version are saved."""

    prepared: Prepared
    digest: str
    procedure: Procedure
    current: ProcedureVersion | None
    number: int
    old_data: ProcedureData | None
    audit_extra: dict[str, Any]
    outcome: str

    @property
    def version(self) -> ProcedureVersion:
        return self.prepared.version


@dataclass
class CatalogueWriter:
    """Caches fields, levels and agencies across the saves of one transaction."""

    fields: dict[str, ProcedureField] = field(default_factory=dict)
    levels: dict[str, int] = field(default_factory=dict)
    agencies: dict[str, int | None] = field(default_factory=dict)
    queued: list[Written] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.levels = dict(ImplementingLevel.objects.values_list("code", "pk"))

    # -- validation -------------------------------------------------------------------------

    def prepare(self, data: ProcedureData, *, current: ProcedureVersion | None = None) -> Prepared:
        """Check everything, build the rows; ``ApplicationError`` (procedure_invalid) lists the problems."""
        problems: dict[str, list[str]] = {}

        def problem(key: str, message: str) -> None:
            problems.setdefault(key, []).append(str(message))

        if not CODE_RE.match(data.code.strip()):
            problem("code", _("A procedure code has 1 to 30 letters, digits, dots or dashes (e.g. 1.001193)."))
        if not data.name.strip():
            problem("name", _("A procedure needs a name."))
        field_name = " ".join(data.field_name.split())
        if len(field_name) > 255:
            problem("field_name", _("A field name has at most 255 characters."))
        unknown_levels = sorted(set(data.level_codes) - set(self.levels))
        if unknown_levels:
            problem("level_codes", _("Unknown implementing level: %(codes)s.") % {"codes": ", ".join(unknown_levels)})
        agency_ids: list[int] = []
        for agency_code in sorted(set(data.local_agency_codes)):
            agency_id = self._agency_id(agency_code)
            if agency_id is None:
                problem("local_agency_codes", _("There is no agency with code %(code)s.") % {"code": agency_code})
            else:
                agency_ids.append(agency_id)
        for index, result in enumerate(data.results):
            if not isinstance(result.get("name"), str) or not result["name"].strip():
                problem(f"results[{index}]", _("A result needs a name."))
        if data.form_schema is not None and (current is None or current.form_schema != data.form_schema):
            eform_schema_check(data.form_schema)  # raises its own bilingual error, per JSON pointer
        version = _version_row(data)
        _clean(version, "", problem, exclude=_VERSION_EXCLUDE)
        channels = [_channel_row(index, channel, problem) for index, channel in enumerate(data.channels)]
        papers = [_paper_row(index, paper, problem, data.form_schema) for index, paper in enumerate(data.papers)]
        bases: list[LegalBasis] = []
        for index, basis in enumerate(data.legal_bases):
            number, title = basis.document_number.strip(), basis.title.strip()
            if not number and not title:
                problem(f"legal_bases[{index}]", _("A legal basis needs a number or a title."))
            if len(number) > 255:
                problem(f"legal_bases[{index}].document_number", _("At most 255 characters."))
            bases.append(LegalBasis(order=index, document_number=number, title=title))
        if problems:
            raise ApplicationError(
                format_lazy(
                    gettext_lazy("The procedure data is not valid: {problems}"),
                    problems="; ".join(f"{key}: {' '.join(messages)}" for key, messages in problems.items()),
                ),
                code="procedure_invalid",
                fields=problems,
            )
        return Prepared(
            data=data,
            field_name=field_name,
            level_ids=sorted({self.levels[code] for code in data.level_codes}),
            agency_ids=agency_ids,
            version=version,
            channels=channels,
            papers=papers,
            legal_bases=bases,
        )

    def _agency_id(self, code: str) -> int | None:
        if code not in self.agencies:
            summary = agency_get_by_code(code)
            self.agencies[code] = summary.id if summary is not None else None
        return self.agencies[code]

    # -- writing ----------------------------------------------------------------------------

    def queue(
        self,
        *,
        prepared: Prepared,
        digest: str,
        procedure: Procedure | None,
        current: ProcedureVersion | None,
        number: int,
        old_data: ProcedureData | None = None,
        audit_extra: dict[str, Any] | None = None,
    ) -> Written:
        """Queue ``prepared`` as version ``number`` of ``procedure`` (a new one when None)."""
        outcome = "created" if procedure is None else "updated"
        if procedure is None:
            procedure = Procedure(code=prepared.data.code.strip())
        written = Written(prepared, digest, procedure, current, number, old_data, audit_extra or {}, outcome)
        self.queued.append(written)
        return written

    def flush(self, *, acting_user: User | None) -> list[Written]:
        """Write everything queued, in bulk, and audit each procedure created or updated."""
        queued, self.queued = self.queued, []
        for start in range(0, len(queued), _BATCH):
            self._write_batch(queued[start : start + _BATCH], acting_user)
        if queued:
            invalidate("catalogue")  # bulk writes send no signals
        return queued

    def _write_batch(self, batch: list[Written], acting_user: User | None) -> None:
        today, now = clock.today(), clock.now()
        for item in batch:
            _fill_search(item.procedure, item.prepared, self.field_for(item.prepared.field_name))
        Procedure.objects.bulk_create([item.procedure for item in batch if item.procedure.pk is None])
        self._retire([item for item in batch if item.current is not None], today, now)
        for item in batch:
            version = item.version
            version.procedure = item.procedure
            version.number = item.number
            version.valid_from = item.prepared.data.valid_from or today
            version.field = item.procedure.field
            version.content_hash = item.digest
        _insert_with_ids(ProcedureVersion, [item.version for item in batch])
        children: dict[type[models.Model], list[Any]] = defaultdict(list)
        for item in batch:
            version = item.version
            rows: list[Channel | RequiredPaper | LegalBasis] = [
                *item.prepared.channels,
                *item.prepared.papers,
                *item.prepared.legal_bases,
            ]
            for row in rows:
                row.version = version
                children[type(row)].append(row)
            children[_LevelLink] += [
                _LevelLink(procedureversion_id=version.pk, implementinglevel_id=level)
                for level in item.prepared.level_ids
            ]
            children[_AgencyLink] += [
                _AgencyLink(procedureversion_id=version.pk, agency_id=agency) for agency in item.prepared.agency_ids
            ]
        for model, rows in children.items():
            model._default_manager.bulk_create(rows, batch_size=_BATCH)
        # bulk_update builds a CASE per column and row, slower than one UPDATE per changed procedure;
        # the new procedures all point at their only version: one UPDATE for the batch.
        new_ids = []
        for item in batch:
            item.procedure.current_version = item.version
            if item.outcome == "created":
                new_ids.append(item.procedure.pk)
            else:
                item.procedure.save(update_fields=[*_SEARCH_COLUMNS, "updated_at"])
        latest = ProcedureVersion.objects.filter(procedure=models.OuterRef("pk")).order_by("-number").values("pk")[:1]
        Procedure.objects.filter(pk__in=new_ids).update(current_version=models.Subquery(latest), updated_at=now)
        for item in batch:
            _audit(item, acting_user)
        procedures_index(item.procedure.pk for item in batch)

    @staticmethod
    def _retire(items: list[Written], today: date, now: Any) -> None:
        """The current version ends the day the new one starts (the day before, for a future start)."""
        by_end: dict[date, list[int]] = defaultdict(list)
        for item in items:
            current = item.current
            if current is None or current.status != VersionStatus.PUBLISHED:
                continue
            starts = item.prepared.data.valid_from or today
            ends = starts - timedelta(days=1) if starts > today else today
            if current.valid_from is not None:
                ends = max(ends, current.valid_from)
            by_end[ends].append(current.pk)
        for ends, ids in by_end.items():
            ProcedureVersion.objects.filter(pk__in=ids).update(
                status=VersionStatus.RETIRED, valid_to=ends, updated_at=now
            )

    def field_for(self, name: str) -> ProcedureField | None:
        if not name:
            return None
        if name not in self.fields:
            found = ProcedureField.objects.filter(name=name).first()
            if found is None:
                found = ProcedureField(name=name, name_folded=fold(name), code=_field_code(name))
                found.save()
            self.fields[name] = found
        return self.fields[name]

    @staticmethod
    def refresh_field_search(field_row: ProcedureField) -> None:
        """Recompute the search text of the procedures of a renamed field."""
        procedures = Procedure.objects.filter(current_version__field=field_row).select_related("current_version")
        for procedure in procedures:
            version = procedure.current_version
            assert version is not None  # noqa: S101 - filtered on it
            procedure.search_text = search_text(
                procedure.code, version.name, field_row.name, version.competent_agency, version.implementing_agency
            )
            procedure.save(update_fields=["search_text", "updated_at"])
        procedures_index(procedure.pk for procedure in procedures)


def search_text(code: str, name: str, field_name: str, competent: str, implementing: str) -> str:
    """What search matches: folded code, name, field and agencies (``egov.core.text.fold``)."""
    return fold(" ".join(part for part in (code, name, field_name, competent, implementing) if part))


def _fill_search(procedure: Procedure, prepared: Prepared, field_row: ProcedureField | None) -> None:
    data, name = prepared.data, prepared.version.name
    procedure.name = name
    procedure.name_folded = fold(name)
    procedure.field = field_row
    procedure.search_text = search_text(
        procedure.code, name, field_row.name if field_row else "", data.competent_agency, data.implementing_agency
    )
    kinds = {channel.kind for channel in data.channels}
    procedure.has_online = bool(kinds & _ONLINE)
    procedure.has_full_online = ChannelKind.ONLINE_FULL in kinds


def _insert_with_ids(model: type[models.Model], rows: list[Any]) -> None:
    if connection.features.can_return_rows_from_bulk_insert:
        model._default_manager.bulk_create(rows, batch_size=_BATCH)
    else:  # pragma: no cover - every supported database returns the new ids
        for row in rows:
            row.save()


def _audit(item: Written, acting_user: User | None) -> None:
    data = item.prepared.data
    changes: dict[str, Any] = {"version": item.number, "source": data.source, "content_hash": item.digest}
    if item.current is not None:
        changes["previous_version"] = item.current.number
    if item.old_data is not None:
        changes["changed"] = changed_keys(item.old_data, data)
    changes.update(item.audit_extra)
    audit_record(
        actor=acting_user,
        action=f"procedures.procedure_{'create' if item.outcome == 'created' else 'update'}",
        obj=item.procedure,
        changes=changes,
    )


def _field_code(name: str) -> str:
    base = slugify(fold(name))[:90] or "field"
    code, suffix = base, 2
    while ProcedureField.objects.filter(code=code).exists():
        code, suffix = f"{base}-{suffix}", suffix + 1
    return code


def _version_row(data: ProcedureData) -> ProcedureVersion:
    return ProcedureVersion(
        number=1,
        status=VersionStatus.PUBLISHED,
        valid_from=data.valid_from,
        name=data.name.strip(),
        procedure_type=data.procedure_type,
        decision_number=data.decision_number,
        competent_agency=data.competent_agency,
        implementing_agency=data.implementing_agency,
        authorised_agency=data.authorised_agency,
        coordinating_agencies=data.coordinating_agencies,
        target_applicants=data.target_applicants,
        submission_address=data.submission_address,
        steps=data.steps,
        conditions=data.conditions,
        results=[dict(result) for result in data.results],
        related_procedures=data.related_procedures,
        form_schema=data.form_schema,
        source=data.source,
        source_url=data.source_url,
    )


def _channel_row(index: int, data: ChannelData, problem: Any) -> Channel:
    prefix = f"channels[{index}]."
    time = data.processing_time
    if time is not None and (time < 0 or time >= 1_000_000 or time != time.quantize(Decimal("0.01"))):
        problem(prefix + "processing_time", _("A processing time is a number from 0 to 999999.99."))
    for fee_index, fee in enumerate(data.fees):
        amount = fee.get("amount")
        if not isinstance(amount, str) or not _AMOUNT_RE.match(amount):
            problem(f"{prefix}fees[{fee_index}]", _("A fee amount is a number written with digits."))
        currency = fee.get("currency")
        if not isinstance(currency, str) or len(currency) != 3:
            problem(f"{prefix}fees[{fee_index}]", _("A fee currency is a 3-letter code such as VND."))
    # Checked by hand, not with clean_fields: an import prepares thousands of channels.
    if data.kind not in ChannelKind.values:
        problem(prefix + "kind", _("Unknown submission channel."))
    if data.time_unit not in TimeUnit.values:
        problem(prefix + "time_unit", _("Unknown time unit."))
    return Channel(
        kind=data.kind,
        processing_time=time,
        time_unit=data.time_unit,
        processing_time_text=data.processing_time_text,
        fees=[dict(fee) for fee in data.fees],
        fee_text=data.fee_text,
        description=data.description,
    )


def _paper_row(index: int, paper: PaperData, problem: Any, form_schema: dict[str, Any] | None) -> RequiredPaper:
    prefix = f"papers[{index}]."
    name = paper.name.strip()
    if not name:
        problem(prefix + "name", _("A required paper needs a name."))
    for attribute, limit in (("group", 500), ("quantity_text", 255), ("template_name", 255)):
        if len(getattr(paper, attribute)) > limit:
            problem(prefix + attribute, _("At most %(limit)s characters.") % {"limit": limit})
    for attribute in ("originals", "copies"):
        if not 0 <= getattr(paper, attribute) <= 32767:
            problem(prefix + attribute, _("A number of copies is from 0 to 32767."))
    if paper.kind not in PaperKind.values:
        problem(prefix + "kind", _("A row is a paper or a note."))
    if paper.requirement not in PaperRequirement.values:
        problem(prefix + "requirement", _("A paper is required, required in a stated case, or optional."))
    if paper.condition_rule is not None:
        if paper.requirement != PaperRequirement.CONDITIONAL:
            problem(prefix + "condition_rule", _("Only a paper required in a stated case has a condition rule."))
        elif not _is_condition_rule(paper.condition_rule, form_schema):
            problem(
                prefix + "condition_rule",
                _(
                    'A condition rule is {"channel": [channels]}, or {"field": "section.field", "equals": value} or '
                    '{"field": …, "in": [values]} naming a field of the procedure\'s e-form.'
                ),
            )
    return RequiredPaper(
        order=index,
        name=name,
        group=paper.group,
        originals=paper.originals,
        copies=paper.copies,
        quantity_text=paper.quantity_text,
        kind=paper.kind,
        requirement=paper.requirement,
        is_mandatory=paper.is_mandatory,
        condition=paper.condition,
        condition_rule=paper.condition_rule,
        template_name=paper.template_name,
    )


def _is_condition_rule(rule: Any, form_schema: dict[str, Any] | None) -> bool:
    """``{"channel": [kinds]}`` (the paper is asked through those channels only), or the e-form's
    ``visible_when`` form on a field the version's e-form has."""
    if isinstance(rule, dict) and set(rule) == {"channel"}:
        kinds = rule["channel"]
        return isinstance(kinds, list) and bool(kinds) and all(kind in ChannelKind.values for kind in kinds)
    if not isinstance(rule, dict) or not isinstance(rule.get("field"), str):
        return False
    if set(rule) not in ({"field", "equals"}, {"field", "in"}):
        return False
    if "in" in rule and not isinstance(rule["in"], list):
        return False
    if not form_schema:
        return False
    return rule["field"] in {spec.path for spec in all_fields(form_schema)}


def _clean(row: models.Model, prefix: str, problem: Any, *, exclude: list[str]) -> None:
    try:
        row.clean_fields(exclude=exclude)
    except ValidationError as exc:
        for name, errors in exc.message_dict.items():
            for message in errors:
                problem(prefix + name, message)
