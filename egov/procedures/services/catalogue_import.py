"""Bulk import into the catalogue: many records, one transaction, the same rules as ``procedure_save``.

Per record: a record equal to the current version (same content hash) is "unchanged" and costs no
write; otherwise a new version is written through ``CatalogueWriter`` (child rows inserted in bulk)
and audited (one entry per created/updated procedure), then one summary entry for the whole import.
A record the write path refuses is "rejected" with the reason; the rest still import.

Merge rules, so that importing the three sources in any order, again and again, changes nothing
after the first round:

- what importers do not know is kept from the current version: the e-form schema and the province's
  own agencies that handle the procedure;
- detail records are authoritative for everything they carry, except that an empty field and
  implementing agency ("Không có thông tin": not known, not "none") keep the current value;
- list records (``merge``: code, name, field, implementing agency) only fill what the catalogue
  lacks: an unknown code becomes a procedure with just those columns, and on an existing procedure
  they fill an empty field or implementing agency; everything else (channels, papers, names read
  from detail records …) is kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, TypeVar

from django.db import models, transaction
from django.utils.translation import gettext as _

from egov.core.errors import ApplicationError
from egov.core.services.audit import audit_record
from egov.procedures.contracts import ProcedureData
from egov.procedures.importers.common import ParsedRecord
from egov.procedures.models import Procedure, ProcedureVersion
from egov.procedures.services.catalogue_data import content_hash, procedure_data_from_version, version_queryset
from egov.procedures.services.catalogue_writer import CatalogueWriter

if TYPE_CHECKING:
    from egov.identity.models import User

_CHUNK = 500
_FLUSH_EVERY = 500
_T = TypeVar("_T")


@dataclass(frozen=True)
class ImportIssue:
    ref: str
    code: str
    message: str


@dataclass
class ImportReport:
    source: str
    dry_run: bool = False
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[ImportIssue] = field(default_factory=list)
    warnings: list[ImportIssue] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "rejected": len(self.rejected),
        }


@dataclass
class _Change:
    record: ParsedRecord
    data: ProcedureData
    digest: str
    procedure: Procedure | None
    current: ProcedureVersion | None


def procedures_import(
    *, records: Iterable[ParsedRecord], source: str, acting_user: User | None, dry_run: bool = False
) -> ImportReport:
    """Import ``records`` (from ``egov.procedures.importers.read_records``) in one transaction.

    With ``dry_run`` everything is done and counted, then rolled back.
    """
    report = ImportReport(source=source, dry_run=dry_run)
    with transaction.atomic():
        accepted = _accept(list(records), report)
        changes = _changes(accepted, report)
        _write(changes, report, acting_user)
        audit_record(
            actor=acting_user,
            action="procedures.catalogue_import",
            object_type="procedures.import",
            object_id=source,
            changes={"source": source, **report.counts()},
        )
        if dry_run:
            transaction.set_rollback(True)
    return report


def _accept(records: list[ParsedRecord], report: ImportReport) -> list[ParsedRecord]:
    seen: dict[str, str] = {}
    accepted: list[ParsedRecord] = []
    for record in records:
        report.warnings.extend(ImportIssue(record.ref, record.code, warning) for warning in record.warnings)
        if record.data is None:
            report.rejected.append(ImportIssue(record.ref, record.code, record.reject_reason))
        elif record.code in seen:
            reason = _("the same code appears earlier in this source (%(ref)s)") % {"ref": seen[record.code]}
            report.rejected.append(ImportIssue(record.ref, record.code, reason))
        else:
            seen[record.code] = record.ref
            accepted.append(record)
    return accepted


def _chunks(items: list[_T]) -> Iterator[list[_T]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _changes(accepted: list[ParsedRecord], report: ImportReport) -> list[_Change]:
    codes = [record.code for record in accepted]
    procedures: dict[str, Procedure] = {}
    for chunk in _chunks(codes):
        for procedure in Procedure.objects.filter(code__in=chunk).select_related("current_version__field"):
            procedures[procedure.code] = procedure
    current_ids = [p.current_version_id for p in procedures.values() if p.current_version_id is not None]
    agency_codes = _local_agency_codes(current_ids)
    merge_ids = [procedures[r.code].current_version_id for r in accepted if r.merge and r.code in procedures]
    full = _full_versions([pk for pk in merge_ids if pk is not None])
    changes: list[_Change] = []
    for record in accepted:
        assert record.data is not None  # noqa: S101 - _accept keeps records with data only
        existing = procedures.get(record.code)
        current = existing.current_version if existing is not None else None
        if current is None:
            data = record.data
        elif record.merge:
            merged = _merged(full[current.pk], record.data)
            if merged == full[current.pk]:
                report.unchanged.append(record.code)
                continue
            data = merged
        else:
            data = replace(
                record.data,
                field_name=record.data.field_name or (current.field.name if current.field else ""),
                implementing_agency=record.data.implementing_agency or current.implementing_agency,
                form_schema=current.form_schema,
                local_agency_codes=tuple(sorted(agency_codes.get(current.pk, ()))),
            )
        digest = content_hash(data)
        if current is not None and current.content_hash == digest:
            report.unchanged.append(record.code)
            continue
        changes.append(_Change(record, data, digest, existing, current))
    return changes


def _merged(current: ProcedureData, listed: ProcedureData) -> ProcedureData:
    return replace(
        current,
        field_name=current.field_name or listed.field_name,
        implementing_agency=current.implementing_agency or listed.implementing_agency,
    )


def _local_agency_codes(version_ids: list[int]) -> dict[int, list[str]]:
    link = ProcedureVersion.local_agencies.through
    codes: dict[int, list[str]] = {}
    for chunk in _chunks(version_ids):
        for version_id, code in link.objects.filter(procedureversion_id__in=chunk).values_list(
            "procedureversion_id", "agency__code"
        ):
            codes.setdefault(version_id, []).append(code)
    return codes


def _full_versions(version_ids: list[int]) -> dict[int, ProcedureData]:
    full: dict[int, ProcedureData] = {}
    for chunk in _chunks(version_ids):
        for version in version_queryset().filter(pk__in=chunk):
            full[version.pk] = procedure_data_from_version(version)
    return full


def _write(changes: list[_Change], report: ImportReport, acting_user: User | None) -> None:
    writer = CatalogueWriter()
    old = _full_versions([change.current.pk for change in changes if change.current is not None])
    numbers = _top_numbers([change.procedure.pk for change in changes if change.procedure is not None])
    for change in changes:
        try:
            prepared = writer.prepare(change.data, current=change.current)
        except ApplicationError as exc:
            report.rejected.append(ImportIssue(change.record.ref, change.record.code, str(exc.message)))
            continue
        writer.queue(
            prepared=prepared,
            digest=change.digest,
            procedure=change.procedure,
            current=change.current,
            number=numbers.get(change.procedure.pk, 0) + 1 if change.procedure is not None else 1,
            old_data=old.get(change.current.pk) if change.current is not None else None,
            audit_extra={"import": report.source} if change.record.merge else None,
        )
    for written in writer.flush(acting_user=acting_user):
        (report.created if written.outcome == "created" else report.updated).append(written.procedure.code)


def _top_numbers(procedure_ids: list[int]) -> dict[int, int]:
    numbers: dict[int, int] = {}
    for chunk in _chunks(procedure_ids):
        rows = (
            ProcedureVersion.objects.filter(procedure_id__in=chunk)
            .values("procedure_id")
            .annotate(top=models.Max("number"))
            .values_list("procedure_id", "top")
        )
        numbers.update(dict(rows))
    return numbers
