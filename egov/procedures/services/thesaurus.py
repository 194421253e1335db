"""The catalogue's thesaurus (everyday words ↔ official terms, egov/procedures/search_data/) in the
search layer: brought in after every ``migrate``, so a new release's entries arrive with it and an
administrator's edits stay (``egov.search.facade.thesaurus_seed``)."""

import json
from pathlib import Path
from typing import Any

from egov.search import facade as search

THESAURUS_FILE = Path(__file__).resolve().parents[1] / "search_data" / "thesaurus.jsonl"


def thesaurus_load(path: Path = THESAURUS_FILE) -> int:
    """Bring in the entries of ``path``; the number of versions added."""
    with path.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    return search.thesaurus_seed(rows)


def thesaurus_after_migrate(**_kwargs: Any) -> None:
    thesaurus_load()
