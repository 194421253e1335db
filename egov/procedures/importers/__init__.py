"""Importers of the procedure catalogue: read a source into ``ParsedRecord``s for ``procedures_import``.

The format is detected from the path:

- ``*.jsonl``: the national catalogue's detail records (``national_catalogue``);
- a directory of ``*.json``, or one ``.json`` with ``metadata``/``content``/``tables``: the structured
  records of the national database's Word exports (``defence_structured``);
- ``*.xlsx``: a list export of the national database (``national_list``, merge records).
"""

import json
from collections.abc import Iterator
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from egov.core.errors import ApplicationError
from egov.procedures.importers.common import ParsedRecord
from egov.procedures.importers.defence_structured import SOURCE as STRUCTURED
from egov.procedures.importers.defence_structured import is_structured, read_structured
from egov.procedures.importers.national_catalogue import SOURCE as NATIONAL_CATALOGUE
from egov.procedures.importers.national_catalogue import read_national_catalogue
from egov.procedures.importers.national_list import SOURCE as NATIONAL_LIST
from egov.procedures.importers.national_list import read_national_list

__all__ = ["NATIONAL_CATALOGUE", "NATIONAL_LIST", "STRUCTURED", "ParsedRecord", "detect_format", "read_records"]


def detect_format(path: Path) -> str:
    """The importer for ``path``; ``ApplicationError`` (import_format_unknown) when there is none."""
    if path.is_dir():
        if any(path.glob("*.json")):
            return STRUCTURED
    elif path.is_file():
        suffix = path.suffix.lower()
        if suffix == ".jsonl":
            return NATIONAL_CATALOGUE
        if suffix == ".xlsx":
            return NATIONAL_LIST
        if suffix == ".json" and _is_structured_file(path):
            return STRUCTURED
    else:
        raise ApplicationError(_("There is no file or directory at this path."), code="import_path_missing", status=404)
    raise ApplicationError(
        _(
            "Unknown import format: give a .jsonl file of national catalogue records, a directory of "
            "structured .json records (or one of them), or an .xlsx list export."
        ),
        code="import_format_unknown",
    )


def _is_structured_file(path: Path) -> bool:
    try:
        return is_structured(json.loads(path.read_text(encoding="utf-8")))
    except (json.JSONDecodeError, UnicodeDecodeError):
        return False


def read_records(path: Path, source: str) -> Iterator[ParsedRecord]:
    readers = {
        NATIONAL_CATALOGUE: read_national_catalogue,
        STRUCTURED: read_structured,
        NATIONAL_LIST: read_national_list,
    }
    return readers[source](path)
