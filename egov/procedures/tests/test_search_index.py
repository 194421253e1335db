"""The catalogue in the search index: what the public may see is there, nothing else, after any write."""

import io

import pytest
from django.core.management import call_command

from egov.procedures.models import Procedure
from egov.procedures.selectors import procedure_search
from egov.procedures.services.catalogue import procedure_set_active
from egov.procedures.tests.search_data import Row, make_procedure, make_sample
from egov.search.models import SearchEntry

pytestmark = pytest.mark.django_db


def _codes(q: str) -> list[str]:
    return [p.code for p in procedure_search(q=q, limit=100).items]


def test_deactivating_a_procedure_takes_it_out_of_search_and_back(db: None) -> None:
    make_sample()
    assert _codes("khai tu")[0] == "1.000656"
    procedure_set_active(code="1.000656", is_active=False, acting_user=None)
    assert "1.000656" not in _codes("khai tu")
    procedure_set_active(code="1.000656", is_active=True, acting_user=None)
    assert _codes("khai tu")[0] == "1.000656"


def test_the_results_a_procedure_gives_are_searched_too(db: None) -> None:
    make_procedure(Row("9.000001", "Thủ tục đăng ký khai tử", "Hộ tịch"), detail={"version": {"results": [
        {"name": "Trích lục khai tử", "code": "KQ.1"}
    ]}})  # fmt: skip
    assert _codes("trich luc khai tu") == ["9.000001"]


def test_search_reindex_rebuilds_the_index_from_the_catalogue(db: None) -> None:
    make_sample()
    SearchEntry.objects.all().delete()
    SearchEntry.objects.create(collection="procedures", key="0.000000", title="stale")
    assert _codes("khai sinh") == []
    call_command("search_reindex", stdout=io.StringIO())
    assert _codes("khai sinh")[0] == "1.001193"
    public = Procedure.objects.filter(is_active=True).count()
    assert SearchEntry.objects.filter(collection="procedures").count() == public
