"""The audit log reads in plain language: actions by name (Vietnamese; English when chosen), details
as labelled fields rather than raw JSON, and the client address of each change."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from egov.console.audit_display import ACTION_LABELS, action_label, detail_rows, is_labelled
from egov.core.services.audit import audit_client_address_reset, audit_client_address_set, audit_record
from egov.identity.models import User
from egov.organisation.models import Agency

LIST = "/staff/audit/"
EGOV = Path(__file__).resolve().parents[2]
# action="app.verb" and action=f"app.prefix_{verb}" in the services (tests excluded).
LITERAL = re.compile(r"""action\s*=\s*"([a-z_]+\.[a-z_]+)\"""")
TEMPLATED = re.compile(r"""action\s*=\s*f"([a-z_]+\.[a-z_]*)\{""")


def _source_codes() -> tuple[set[str], set[str]]:
    literal, templated = set(), set()
    for path in EGOV.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        literal.update(LITERAL.findall(text))
        templated.update(TEMPLATED.findall(text))
    return literal, templated


def test_every_action_the_services_record_has_a_plain_language_name():
    literal, templated = _source_codes()
    assert len(literal) > 60
    assert sorted(code for code in literal if not is_labelled(code)) == []
    # the codes built from a verb: each verb of the family is labelled
    assert templated == {"dossiers.", "signing.certificate_", "procedures.procedure_"}
    for verb in ("revoke", "suspend", "reactivate"):
        assert is_labelled(f"signing.certificate_{verb}")
    for verb in ("create", "update"):
        assert is_labelled(f"procedures.procedure_{verb}")


@pytest.fixture
def vietnamese():
    """The names are read in the active language: Vietnamese here, whatever a test before left active."""
    with translation.override("vi"):
        yield


def test_dossier_actions_are_named_by_the_engine_and_unknown_codes_still_read_as_words(vietnamese):
    assert action_label("dossiers.accept") == "Hồ sơ: Tiếp nhận"
    assert action_label("dossiers.submit") == "Nộp hồ sơ trực tuyến"
    assert action_label("identity.login") == "Đăng nhập"
    assert action_label("exchange.package_send") == "Package send"
    assert len(ACTION_LABELS) == len(set(ACTION_LABELS))


def test_details_become_labelled_rows_with_before_and_after(vietnamese):
    rows = detail_rows(
        "organisation.agency_update",
        {"phone": ["", "0233 3 852 000"], "is_active": [True, False], "ip": "203.113.131.7"},
    )
    assert [(row.label, row.value) for row in rows] == [
        ("Điện thoại", "— → 0233 3 852 000"),
        ("Đang dùng", "Có → Không"),
        ("Địa chỉ máy khách", "203.113.131.7"),
    ]
    dossier = detail_rows("dossiers.accept", {"status": ["submitted", "processing"], "version": 2})
    assert dossier[0].value == "Nộp trực tuyến, chờ kiểm tra → Đang giải quyết"
    nested = detail_rows("identity.login", {"details": {"login": "a", "kind": "staff"}, "reasons": ["x", "y"]})
    assert [(row.label, row.value, row.depth) for row in nested] == [
        ("Details", "", 0),
        ("Tên đăng nhập", "a", 1),
        ("Loại", "staff", 1),
        ("Lý do", "x; y", 0),
    ]


@pytest.fixture
def entry(auditor: User, justice_department: Agency):
    token = audit_client_address_set("2402:800:6340::15")
    try:
        return audit_record(
            actor=auditor,
            action="organisation.agency_update",
            obj=justice_department,
            agency_id=justice_department.pk,
            changes={"phone": ["", "0233 3 852 000"], "name": ["Sở Tư pháp", "Sở Tư pháp tỉnh Quảng Trị"]},
        )
    finally:
        audit_client_address_reset(token)


def test_the_list_names_the_action_and_shows_the_client_address(client: Client, auditor: User, entry) -> None:
    client.force_login(auditor)
    page = client.get(LIST).content.decode()
    assert "Thay đổi thông tin cơ quan" in page
    assert "2402:800:6340::15" in page
    assert "<code>organisation.agency_update</code>" not in page  # the code is no longer the label


def test_the_detail_page_shows_fields_not_json_in_english_too(client: Client, auditor: User, entry) -> None:
    client.force_login(auditor)
    page = client.get(f"/staff/audit/{entry.seq}/").content.decode()
    assert "Thay đổi thông tin cơ quan" in page
    assert "Địa chỉ máy khách" in page
    assert "2402:800:6340::15" in page
    assert "Sở Tư pháp → Sở Tư pháp tỉnh Quảng Trị" in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(f"/staff/audit/{entry.seq}/").content.decode()
    assert "Agency changed" in page
    assert "Client address" in page
    assert "<dt>Phone</dt>" in page or "Phone</th>" in page
