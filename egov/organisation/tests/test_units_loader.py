"""The loader on small data files written by the tests: create, update, idempotency, audit, bad files."""

import copy
import gzip
import json
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from egov.core.errors import ApplicationError
from egov.core.models import AuditEntry
from egov.identity.models import User
from egov.organisation.models import AdministrativeUnit, UnitSuccession
from egov.organisation.services.units import admin_units_load

LOAD_ACTION = "organisation.admin_units_load"

SMALL: dict[str, Any] = {
    "format": "egov-admin-units/1",
    "unit_columns": ["code", "name", "short_name", "unit_type", "parent_code"],
    "periods": [
        {
            "id": "legacy",
            "valid_from": None,
            "valid_to": "2025-06-30",
            "levels": ["province", "district", "commune"],
            "units": {
                "province": [["44", "Tỉnh Quảng Bình", "Quảng Bình", "Tỉnh"]],
                "district": [["450", "Thành phố Đồng Hới", "Đồng Hới", "Thành phố", "44"]],
                "commune": [
                    ["18853", "Phường Hải Thành", "Hải Thành", "Phường", "450"],
                    ["18880", "Phường Đức Ninh Đông", "Đức Ninh Đông", "Phường", "450"],
                ],
            },
        },
        {
            "id": "2025",
            "valid_from": "2025-07-01",
            "valid_to": None,
            "levels": ["province", "commune"],
            "units": {
                "province": [["44", "Tỉnh Quảng Trị", "Quảng Trị", "Tỉnh"]],
                "commune": [["18880", "Phường Đồng Hới", "Đồng Hới", "Phường", "44"]],
            },
        },
    ],
    "successions": [
        {
            "effective_date": "2025-07-01",
            "from": "legacy",
            "to": "2025",
            "link_columns": [
                "predecessor_level",
                "predecessor_code",
                "successor_level",
                "successor_code",
                "is_partial",
                "is_default",
            ],
            "links": [
                ["province", "44", "province", "44", False, True],
                ["commune", "18853", "commune", "18880", False, True],
                ["commune", "18880", "commune", "18880", False, True],
            ],
        }
    ],
}


def parent(unit: AdministrativeUnit) -> AdministrativeUnit:
    assert unit.parent is not None
    return unit.parent


def write(tmp_path: Path, document: dict[str, Any], name: str = "units.json.gz") -> Path:
    path = tmp_path / name
    path.write_bytes(gzip.compress(json.dumps(document, ensure_ascii=False).encode()))
    return path


def load_counts(path: Path) -> tuple[int, int, int, int, int, int]:
    result = admin_units_load(path=path)
    return (
        result.units_created,
        result.units_updated,
        result.units_unchanged,
        result.successions_created,
        result.successions_updated,
        result.successions_unchanged,
    )


@pytest.mark.django_db
def test_first_load_creates_units_with_parents_periods_and_folded_names(tmp_path):
    # when
    assert load_counts(write(tmp_path, SMALL)) == (6, 0, 0, 3, 0, 0)
    # then
    old = AdministrativeUnit.objects.get(code="18880", level="commune", valid_to="2025-06-30")
    new = AdministrativeUnit.objects.get(code="18880", level="commune", valid_from="2025-07-01")
    assert (old.name, old.valid_from, parent(old).code, parent(old).level) == (
        "Phường Đức Ninh Đông",
        None,
        "450",
        "district",
    )
    assert (new.name, new.short_name, new.unit_type, new.valid_to) == ("Phường Đồng Hới", "Đồng Hới", "Phường", None)
    assert (parent(new).name, parent(new).valid_from) == ("Tỉnh Quảng Trị", date(2025, 7, 1))
    assert new.name_folded == "phuong dong hoi"
    assert AdministrativeUnit.objects.get(code="450").name_folded == "thanh pho dong hoi"
    succession = UnitSuccession.objects.get(predecessor__code="18853")
    assert (succession.successor_id, succession.effective_date, succession.is_partial) == (
        new.pk,
        date(2025, 7, 1),
        False,
    )


@pytest.mark.django_db
def test_load_writes_one_audit_entry_with_the_counts(tmp_path):
    # when
    admin_units_load(path=write(tmp_path, SMALL))
    # then
    entry = AuditEntry.objects.get(action=LOAD_ACTION)
    assert (entry.actor_id, entry.object_type, entry.object_id) == (
        None,
        "organisation.administrativeunit",
        "*",
    )
    assert {key: value for key, value in entry.changes.items() if key != "source_sha256"} == {
        "units_created": 6,
        "units_updated": 0,
        "units_unchanged": 0,
        "successions_created": 3,
        "successions_updated": 0,
        "successions_unchanged": 0,
    }
    assert len(entry.changes["source_sha256"]) == 64


@pytest.mark.django_db
def test_audit_entry_names_the_acting_user(tmp_path):
    # given
    user = User.objects.create_user(username="it.admin", password="a-long-password-1")
    # when
    admin_units_load(path=write(tmp_path, SMALL), acting_user=user)
    # then
    assert AuditEntry.objects.get(action=LOAD_ACTION).actor_id == user.pk


@pytest.mark.django_db
def test_second_load_changes_nothing_and_writes_no_audit_entry(tmp_path):
    # given
    path = write(tmp_path, SMALL)
    admin_units_load(path=path)
    before = list(AdministrativeUnit.objects.values_list("id", "name", "parent_id", "name_folded"))
    # when
    counts = load_counts(path)
    # then
    assert counts == (0, 0, 6, 0, 0, 3)
    assert list(AdministrativeUnit.objects.values_list("id", "name", "parent_id", "name_folded")) == before
    assert AuditEntry.objects.filter(action=LOAD_ACTION).count() == 1


@pytest.mark.django_db
def test_changed_name_and_partial_flag_are_updated_in_place(tmp_path):
    # given
    admin_units_load(path=write(tmp_path, SMALL))
    unit_id = AdministrativeUnit.objects.get(code="18880", valid_from="2025-07-01").pk
    changed = copy.deepcopy(SMALL)
    changed["periods"][1]["units"]["commune"][0][1] = "Phường Đồng Hới Mới"
    changed["successions"][0]["links"][1][4] = True
    # when
    counts = load_counts(write(tmp_path, changed, "changed.json.gz"))
    # then
    assert counts == (0, 1, 5, 0, 1, 2)
    unit = AdministrativeUnit.objects.get(pk=unit_id)
    assert (unit.name, unit.name_folded) == ("Phường Đồng Hới Mới", "phuong dong hoi moi")
    assert UnitSuccession.objects.get(predecessor__code="18853").is_partial is True
    assert AuditEntry.objects.filter(action=LOAD_ACTION).count() == 2


@pytest.mark.django_db
def test_missing_file_is_refused(tmp_path):
    # when
    with pytest.raises(ApplicationError) as exc:
        admin_units_load(path=tmp_path / "absent.json.gz")
    # then
    assert (exc.value.code, exc.value.status) == ("admin_units_file_missing", 400)
    assert AdministrativeUnit.objects.count() == 0


@pytest.mark.parametrize(
    ("mutate", "detail"),
    [
        (lambda d: d.update(format="other/2"), "format must be"),
        (lambda d: d["periods"][0]["units"]["commune"][0].__setitem__(4, "999"), "unknown parent 999"),
        (lambda d: d["periods"][0]["units"]["commune"].append(d["periods"][0]["units"]["commune"][0]), "duplicate"),
        (
            lambda d: d["successions"][0]["links"].append(["commune", "00001", "commune", "18880", False, True]),
            "unknown unit",
        ),
        (lambda d: d["periods"][1]["levels"].append("hamlet"), "unknown level"),
        (lambda d: d["periods"][1].pop("valid_from"), "KeyError"),
        (lambda d: d["periods"][1]["units"]["province"][0].__setitem__(2, None), "must be text"),
    ],
)
@pytest.mark.django_db
def test_invalid_file_is_refused_and_nothing_is_written(tmp_path, mutate, detail):
    # given
    document = copy.deepcopy(SMALL)
    mutate(document)
    # when
    with pytest.raises(ApplicationError) as exc:
        admin_units_load(path=write(tmp_path, document))
    # then
    assert exc.value.code == "admin_units_file_invalid"
    assert detail in exc.value.fields["detail"]
    assert (AdministrativeUnit.objects.count(), UnitSuccession.objects.count()) == (0, 0)
    assert not AuditEntry.objects.filter(action=LOAD_ACTION).exists()


@pytest.mark.django_db
def test_corrupt_gzip_is_refused(tmp_path):
    # given
    path = tmp_path / "broken.json.gz"
    path.write_bytes(gzip.compress(b'{"format": "egov-admin-units/1"')[:-8])
    # when
    with pytest.raises(ApplicationError) as exc:
        admin_units_load(path=path)
    # then
    assert exc.value.code == "admin_units_file_invalid"


@pytest.mark.django_db
def test_command_reports_counts_and_is_idempotent(tmp_path):
    # given
    path = write(tmp_path, SMALL)
    first, second = StringIO(), StringIO()
    # when
    call_command("load_admin_units", path=str(path), stdout=first)
    call_command("load_admin_units", path=str(path), stdout=second)
    # then
    assert "Units: 6 created, 0 updated, 0 unchanged. Successions: 3 created, 0 updated, 0 unchanged." in (
        first.getvalue()
    )
    assert "Units: 0 created, 0 updated, 6 unchanged. Successions: 0 created, 0 updated, 3 unchanged." in (
        second.getvalue()
    )
    assert "nothing changed" in second.getvalue()


@pytest.mark.django_db
def test_command_fails_cleanly_on_a_bad_file(tmp_path):
    # when
    with pytest.raises(CommandError, match="does not exist"):
        call_command("load_admin_units", path=str(tmp_path / "absent.json.gz"), stdout=StringIO())
    # then
    assert AdministrativeUnit.objects.count() == 0
