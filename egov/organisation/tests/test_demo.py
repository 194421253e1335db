from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from egov.core.models import AuditEntry
from egov.core.services.audit import audit_verify
from egov.identity.models import User, UserKind
from egov.identity.roles import Role
from egov.organisation.demo.data import AGENCIES, CITIZENS, DEMO_PASSWORD, POSITIONS, STAFF
from egov.organisation.models import Agency, AgencyLegacyCode, Department, Position, StaffMember, StaffRoleAssignment
from egov.organisation.tests.factories import make_commune, make_province

COMMUNE_CODES = sorted({spec.unit_code for spec in AGENCIES if spec.unit_code != "44"})


@pytest.fixture
def units(db):
    province = make_province(code="44", name="Tỉnh Quảng Trị")
    for code in COMMUNE_CODES:
        make_commune(code=code, parent=province)
    return province


def _load(*args: str) -> str:
    """The real command; the tests below but the first skip the demo dossiers (test_demo_dossiers.py
    covers them), which are most of its time."""
    out = StringIO()
    call_command("load_demo", "--force", *args, stdout=out)
    return out.getvalue()


def test_load_demo_builds_the_province(units):
    # when
    output = _load()
    # then
    assert Agency.objects.count() == len(AGENCIES) == 23
    assert Department.objects.count() == sum(len(spec.departments) for spec in AGENCIES)
    assert Position.objects.count() == len(POSITIONS)
    assert StaffMember.objects.count() == len(STAFF)
    # the organisation's ten citizens, and the portal's demo citizen with her own dossiers (Lê Thị Thu Hà)
    assert User.objects.filter(kind=UserKind.CITIZEN).count() == len(CITIZENS) + 1 == 11
    assert User.objects.filter(citizen_id="045192003344").exists()
    assert "23 agencies" in output
    root = Agency.objects.get(code="H44")
    assert (root.administrative_unit, root.parent_id) == (units, None)
    assert AgencyLegacyCode.objects.get(agency=root).code == "000.00.00.H44"
    centre = Agency.objects.select_related("parent").get(code="H44.101.01")
    assert centre.parent is not None
    assert centre.parent.code == "H44.101"


def test_every_role_is_held_and_every_account_logs_in_with_the_demo_password(units):
    _load("--no-dossiers")
    held = set(StaffRoleAssignment.objects.values_list("role", flat=True))
    assert held == {role.value for role in Role if role != Role.CITIZEN}
    agency_roles = {"desk_officer", "specialist", "leader", "clerk", "agency_admin"}
    for codes in (["H44.02"], ["H44.04"], ["H44.101", "H44.101.01"]):  # a ward with its one-stop centre
        there = StaffRoleAssignment.objects.filter(staff_member__agency__code__in=codes)
        assert set(there.values_list("role", flat=True)) == agency_roles
    user = User.objects.get(username="stp_ngovantuan")
    assert user.check_password(DEMO_PASSWORD)
    assert user.is_staff is True  # an agency administrator may open the admin
    assert User.objects.get(username="stp_phamthimai").is_staff is False
    citizen = User.objects.get(citizen_id="044085001234")
    assert (citizen.kind, citizen.check_password(DEMO_PASSWORD)) == ("citizen", True)


def test_load_demo_is_idempotent_and_audited(units):
    _load("--no-dossiers")
    audit_count = AuditEntry.objects.count()
    output = _load("--no-dossiers")
    assert "0 agencies" in output
    assert AuditEntry.objects.count() == audit_count
    assert audit_verify() == []
    assert AuditEntry.objects.filter(action="organisation.demo_load").count() == 1


def test_if_empty_skips_when_loaded(units):
    _load("--no-dossiers")
    assert _load("--if-empty", "--no-dossiers").strip() == "Demo data already loaded; nothing to do."


def test_refuses_without_debug_unless_forced(units, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo", stdout=StringIO())
    assert not Agency.objects.exists()


def test_missing_units_are_reported(db):
    make_province(code="44")  # the province but none of the communes
    with pytest.raises(CommandError, match="18880"):
        _load()
    assert not Agency.objects.exists()


def test_demo_accounts_prints_logins(units):
    _load("--no-dossiers")
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    text = out.getvalue()
    assert f"password for all: {DEMO_PASSWORD}" in text
    assert "/accounts/login/" in text
    assert "/accounts/citizen/login/" in text
    assert "stp_ngovantuan" in text
    assert "044085001234 / 0905110001" in text
    assert sum(1 for line in text.splitlines() if line.strip().startswith(("ubndt_", "stp_", "sxd_"))) == 19


def test_demo_accounts_without_demo(db):
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    assert out.getvalue().strip() == "No demo accounts found. Run: manage.py load_demo"
