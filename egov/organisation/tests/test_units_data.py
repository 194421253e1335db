"""The shipped data file, loaded in full once for this module: counts, idempotency, speed, agreement
with the reference copy in ``../shared`` and mappings checked by hand against the source."""

import importlib.util
import sqlite3
from collections.abc import Iterator

import pytest
from django.db import transaction
from django.db.models import Count, Q, QuerySet

from config.env import BASE_DIR
from egov.core.models import AuditEntry
from egov.organisation.models import AdministrativeUnit, UnitSuccession
from egov.organisation.services.units import DATA_FILE, LoadResult, admin_units_load
from egov.organisation.unit_selectors import unit_current_for_legacy

REFERENCE = BASE_DIR.parent / "shared" / "data" / "admin_units"


@pytest.fixture(scope="module")
def loaded_units(django_db_setup, django_db_blocker) -> Iterator[LoadResult]:
    """Load the full file once, inside a transaction rolled back after the module: every test runs in
    a savepoint within it, and no other module ever sees these rows."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            result = admin_units_load()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield result
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


def parent(unit: AdministrativeUnit) -> AdministrativeUnit:
    assert unit.parent is not None
    return unit.parent


def current(level: str) -> QuerySet[AdministrativeUnit]:
    return AdministrativeUnit.objects.filter(level=level, valid_from="2025-07-01", valid_to=None)


def legacy(level: str) -> QuerySet[AdministrativeUnit]:
    return AdministrativeUnit.objects.filter(level=level, valid_from=None, valid_to="2025-06-30")


@pytest.mark.django_db
def test_full_load_counts(loaded_units):
    # then: 34 + 3,321 current; 63 + 696 + 10,035 legacy
    assert (loaded_units.units_created, loaded_units.units_updated, loaded_units.units_unchanged) == (14_149, 0, 0)
    assert loaded_units.successions_created == 10_665
    assert (current("province").count(), current("commune").count(), current("district").count()) == (34, 3_321, 0)
    assert (legacy("province").count(), legacy("district").count(), legacy("commune").count()) == (63, 696, 10_035)
    assert AdministrativeUnit.objects.count() == 14_149
    assert UnitSuccession.objects.count() == 10_665
    assert UnitSuccession.objects.filter(is_partial=True).count() == 1_033
    assert AuditEntry.objects.get(action="organisation.admin_units_load").changes["units_created"] == 14_149


@pytest.mark.django_db
def test_current_types_and_parents(loaded_units):
    communes = current("commune")
    assert _count_by_type(communes) == {
        "Xã": 2_621,
        "Phường": 687,
        "Đặc khu": 13,
    }
    assert _count_by_type(current("province")) == {"Tỉnh": 28, "Thành phố": 6}
    assert not communes.exclude(parent__level="province", parent__valid_from="2025-07-01").exists()
    assert not legacy("commune").exclude(parent__level="district", parent__valid_to="2025-06-30").exists()
    assert not legacy("district").exclude(parent__level="province", parent__valid_to="2025-06-30").exists()


def _count_by_type(units: QuerySet[AdministrativeUnit]) -> dict[str, int]:
    return dict(units.values_list("unit_type").annotate(n=Count("id")).order_by().values_list("unit_type", "n"))


@pytest.mark.django_db
def test_reload_of_the_full_file_changes_nothing(loaded_units):
    # when (its speed is measured in bench/admin_units.py, not asserted here)
    result = admin_units_load()
    # then
    assert (result.units_created, result.units_updated, result.units_unchanged) == (0, 0, 14_149)
    assert (result.successions_created, result.successions_updated, result.successions_unchanged) == (0, 0, 10_665)
    assert AuditEntry.objects.filter(action="organisation.admin_units_load").count() == 1


@pytest.mark.django_db
def test_old_ward_of_quang_binh_is_now_a_ward_of_quang_tri(loaded_units):
    # given: old 18853 Phường Hải Thành, TP Đồng Hới, Quảng Bình (legacy_to_2025_mapping.json:
    # tinhquangtri → phuongdonghoi ← tinhquangbinh_thanhphodonghoi_phuonghaithanh)
    old = legacy("commune").get(code="18853")
    assert (old.name, parent(old).name, parent(parent(old)).name) == (
        "Phường Hải Thành",
        "Thành phố Đồng Hới",
        "Tỉnh Quảng Bình",
    )
    # then
    succession = UnitSuccession.objects.get(predecessor=old)
    assert (succession.successor.code, succession.successor.name, succession.is_partial) == (
        "18880",
        "Phường Đồng Hới",
        False,
    )
    assert (parent(succession.successor).code, parent(succession.successor).name) == ("44", "Tỉnh Quảng Trị")
    # and the old unit that had the same code 18880 (Đức Ninh Đông) also went into it
    assert UnitSuccession.objects.get(predecessor=legacy("commune").get(code="18880")).successor == succession.successor


@pytest.mark.django_db
def test_split_ward_has_one_partial_succession_per_new_ward(loaded_units):
    # given: old 00634 Phường Đại Mỗ (Nam Từ Liêm, Hà Nội) was split among five new wards
    successions = UnitSuccession.objects.filter(predecessor=legacy("commune").get(code="00634"))
    # then
    assert sorted((s.successor.code, s.successor.name, s.is_partial) for s in successions) == [
        ("00622", "Phường Xuân Phương", True),
        ("00634", "Phường Tây Mỗ", True),
        ("00637", "Phường Đại Mỗ", True),
        ("09556", "Phường Hà Đông", True),
        ("09886", "Phường Dương Nội", True),
    ]


@pytest.mark.django_db
def test_every_split_ward_has_exactly_one_default_successor(loaded_units):
    split = (
        UnitSuccession.objects.filter(is_partial=True, predecessor__level="commune")
        .values("predecessor_id")
        .annotate(links=Count("id"), defaults=Count("id", filter=Q(is_default=True)))
    )
    assert len(split) == 471
    assert {row["defaults"] for row in split} == {1}


@pytest.mark.django_db
def test_old_address_of_a_split_ward_resolves_to_its_default_successor(loaded_units):
    # given old Phường Đại Mỗ, split in five; the source names the new Phường Đại Mỗ as default
    matches = unit_current_for_legacy("00634", "commune")
    # then
    assert [m.unit.name for m in matches if m.is_default] == ["Phường Đại Mỗ"]
    assert len(matches) == 5


@pytest.mark.parametrize(
    ("old_code", "new_code", "new_name"),
    [
        ("44", "44", "Tỉnh Quảng Trị"),  # Quảng Bình
        ("45", "44", "Tỉnh Quảng Trị"),  # Quảng Trị
        ("77", "79", "Thành phố Hồ Chí Minh"),  # Bà Rịa - Vũng Tàu
        ("35", "37", "Tỉnh Ninh Bình"),  # Hà Nam
        ("01", "01", "Thành phố Hà Nội"),
    ],
)
@pytest.mark.django_db
def test_old_province_goes_whole_into_its_new_province(loaded_units, old_code, new_code, new_name):
    succession = UnitSuccession.objects.get(predecessor=legacy("province").get(code=old_code))
    assert (succession.successor.code, succession.successor.name, succession.is_partial) == (new_code, new_name, False)
    assert succession.effective_date.isoformat() == "2025-07-01"


@pytest.mark.django_db
def test_island_district_without_communes_becomes_a_special_zone(loaded_units):
    succession = UnitSuccession.objects.get(predecessor=legacy("district").get(code="755"))
    assert (succession.predecessor.name, succession.successor.name, parent(succession.successor).code) == (
        "Huyện Côn Đảo",
        "Đặc khu Côn Đảo",
        "79",
    )


@pytest.mark.django_db
def test_current_units_agree_with_the_reference_sqlite(loaded_units):
    # given
    with sqlite3.connect(f"file:{REFERENCE / 'admin_units_2025.sqlite'}?mode=ro", uri=True) as db:
        communes = {
            code: (name, province)
            for code, name, province in db.execute("SELECT wardCode, ward, provinceCode FROM admin_units")
        }
        provinces = dict(db.execute("SELECT DISTINCT provinceCode, province FROM admin_units"))
    # then
    assert {u.code: (u.name, parent(u).code) for u in current("commune").select_related("parent")} == communes
    assert dict(current("province").values_list("code", "name")) == provinces


@pytest.mark.django_db
def test_legacy_communes_agree_with_the_reference_sqlite(loaded_units):
    # given: the build only normalises the casing of a leading type word ("Thị Trấn" → "Thị trấn")
    with sqlite3.connect(f"file:{REFERENCE / 'admin_units_2025.sqlite'}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT wardCode, ward, districtCode FROM admin_units_legacy WHERE wardCode != ''")
        reference = {code: (name.casefold(), district) for code, name, district in rows}
    # then
    loaded = {u.code: (u.name.casefold(), parent(u).code) for u in legacy("commune").select_related("parent")}
    assert loaded == reference


def test_shipped_file_is_exactly_what_the_build_script_makes():
    # given
    script = BASE_DIR / "scripts" / "build_admin_units.py"
    spec = importlib.util.spec_from_file_location("build_admin_units", script)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    # when
    data, _fixes = module.build(REFERENCE)
    # then
    assert data == DATA_FILE.read_bytes()
