"""Reclassify the papers of procedures already imported: what ``manage.py reclassify_papers`` does.

Procedures imported before the importers told papers from notes (issue 13) keep every row of
"Thành phần hồ sơ" as a paper. Re-importing the source fixes them (the content hash changes, a new
version is written); when the source is not at hand, this runs the same classifier
(``egov.procedures.importers.paper_rules``) over the stored rows of every current version that came
from an importer, and saves the changed ones as new versions through ``procedures_import`` (one
transaction, each procedure audited, unchanged ones left alone). Demo and hand-made versions are not
touched: their papers were written by people.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from egov.procedures.contracts import PaperData
from egov.procedures.importers import NATIONAL_CATALOGUE, STRUCTURED, ParsedRecord
from egov.procedures.importers.paper_rules import classify_paper
from egov.procedures.models import Procedure
from egov.procedures.services.catalogue_data import procedure_data_from_version, version_queryset
from egov.procedures.services.catalogue_import import ImportReport, procedures_import

if TYPE_CHECKING:
    from egov.identity.models import User

SOURCE = "reclassify_papers"
IMPORTED_SOURCES = (NATIONAL_CATALOGUE, STRUCTURED)


def _reclassified(paper: PaperData) -> PaperData:
    found = classify_paper(paper.name, group=paper.group, originals=paper.originals, copies=paper.copies)
    return replace(
        paper,
        kind=found.kind,
        requirement=found.requirement,
        condition=found.condition[:2000],
        condition_rule=found.condition_rule,
    )


def procedures_reclassify_papers(*, acting_user: User | None, dry_run: bool = False) -> ImportReport:
    """New versions for the imported procedures whose papers the classifier reads differently."""
    current_ids = Procedure.objects.filter(current_version__isnull=False).values("current_version_id")
    versions = version_queryset().filter(pk__in=current_ids, source__in=IMPORTED_SOURCES).order_by("procedure__code")
    records = []
    for version in versions:
        data = procedure_data_from_version(version)
        data = replace(data, papers=tuple(_reclassified(paper) for paper in data.papers))
        records.append(ParsedRecord(ref=data.code, code=data.code, data=data))
    return procedures_import(records=records, source=SOURCE, acting_user=acting_user, dry_run=dry_run)
