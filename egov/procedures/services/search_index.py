"""The catalogue in the search index (ADR 0007): every public procedure is an entry of the
"procedures" collection, keyed by its national code, written in the transaction that changes it.

What a citizen may type is spread over: the name (title); the results it gives — "giấy khai sinh",
"giấy chứng nhận quyền sử dụng đất" are what people ask for (aliases); the field, the levels and the
agencies (context).
"""

from collections.abc import Iterable

from egov.procedures.choices import VersionStatus
from egov.procedures.models import Procedure
from egov.search import facade as search

COLLECTION = "procedures"


def procedures_index(procedure_ids: Iterable[int]) -> None:
    """Index again the procedures ``procedure_ids`` as they are now; those no longer public leave the index."""
    ids = list(procedure_ids)
    if not ids:
        return
    procedures = (
        Procedure.objects.filter(pk__in=ids)
        .select_related("current_version", "field")
        .prefetch_related("current_version__levels")
    )
    gone: list[str] = []
    documents: list[search.Document] = []
    for procedure in procedures:
        version = procedure.current_version
        if not procedure.is_active or version is None or version.status != VersionStatus.PUBLISHED:
            gone.append(procedure.code)
            continue
        results = " ".join(str(item.get("name", "")) for item in version.results if isinstance(item, dict))
        context = [
            procedure.field.name if procedure.field else "",
            version.competent_agency,
            version.implementing_agency,
        ]
        context += [level.name for level in version.levels.all()]
        documents.append(search.Document(procedure.code, version.name, results, " ".join(context)))
    search.index_many(COLLECTION, documents)
    if gone:
        search.remove(COLLECTION, gone)


def procedures_reindex_all() -> int:
    """Index the whole catalogue again (after a change of the analysis); the number of procedures."""
    ids = list(Procedure.objects.values_list("pk", flat=True))
    for start in range(0, len(ids), 500):
        procedures_index(ids[start : start + 500])
    public = set(Procedure.objects.filter(is_active=True, current_version__isnull=False).values_list("code", flat=True))
    search.remove_except(COLLECTION, public)
    return len(ids)
