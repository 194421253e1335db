"""The e-form schemas shipped with the product, one file per national procedure code."""

import copy
import functools
import json
import re
from pathlib import Path

from egov.procedures.eforms.meta import eform_schema_check
from egov.procedures.eforms.spec import JSONDict

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
# National codes (1.001193) and local ones (1.001193.000.00.00.H44): no slashes, no "..".
_CODE = re.compile(r"^[0-9A-Za-z]+(?:[.\-][0-9A-Za-z]+){0,10}$")


def eform_schema_codes() -> list[str]:
    """Procedure codes that have a shipped schema, sorted."""
    return sorted(path.stem for path in SCHEMA_DIR.glob("*.json"))


def eform_schema_for(code: str) -> JSONDict | None:
    """The shipped schema of a procedure (a fresh copy: callers may change it), or None.
    A shipped schema that fails meta-validation raises: it is a bug, caught by the tests."""
    if not _CODE.match(code or ""):
        return None
    schema = _load(code)
    return copy.deepcopy(schema) if schema is not None else None


@functools.cache
def _load(code: str) -> JSONDict | None:
    path = SCHEMA_DIR / f"{code}.json"
    if not path.is_file():
        return None
    schema: JSONDict = json.loads(path.read_text(encoding="utf-8"))
    eform_schema_check(schema)
    return schema
