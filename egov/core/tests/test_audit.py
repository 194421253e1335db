import pytest
from django.core.management import call_command

from egov.core.models import AuditEntry
from egov.core.services.audit import audit_record, audit_verify


@pytest.mark.django_db
def test_chain_verifies_when_untouched():
    for i in range(5):
        audit_record(actor=None, action="core.test", object_type="x", object_id=i, changes={"i": i})
    assert audit_verify() == []
    assert list(AuditEntry.objects.values_list("seq", flat=True)) == [1, 2, 3, 4, 5]


@pytest.mark.django_db
def test_edited_row_is_detected():
    for i in range(3):
        audit_record(actor=None, action="core.test", object_type="x", object_id=i, changes={"i": i})
    AuditEntry.objects.filter(seq=2).update(action="core.forged")
    problems = audit_verify()
    assert [p.seq for p in problems] == [2]


@pytest.mark.django_db
def test_edited_changes_are_detected():
    for i in range(3):
        audit_record(actor=None, action="core.test", object_type="x", object_id=i, changes={"i": i})
    AuditEntry.objects.filter(seq=1).update(changes={"i": 99})
    assert [p.seq for p in audit_verify()] == [1]


@pytest.mark.django_db
def test_deleted_rows_are_detected_in_middle_and_at_end():
    for i in range(4):
        audit_record(actor=None, action="core.test", object_type="x", object_id=i)
    AuditEntry.objects.filter(seq=2).delete()
    AuditEntry.objects.filter(seq=4).delete()
    problems = audit_verify()
    assert any("missing entries 2..2" in p.problem for p in problems)
    assert any("newest entries deleted" in p.problem for p in problems)


@pytest.mark.django_db
def test_verify_audit_command_exits_non_zero_on_tampering(capsys):
    audit_record(actor=None, action="core.test", object_type="x", object_id=1)
    call_command("verify_audit")
    AuditEntry.objects.filter(seq=1).update(object_id="2")
    with pytest.raises(SystemExit) as exc:
        call_command("verify_audit")
    assert exc.value.code == 1
