"""Saving process templates: one transaction with the steps, audited, nothing written when refused."""

from dataclasses import replace
from decimal import Decimal

import pytest

from egov.core.errors import ApplicationError
from egov.core.models import AuditEntry
from egov.core.services.audit import audit_verify
from egov.identity.roles import Role
from egov.organisation.tests.factories import make_staff
from egov.procedures.models import Procedure
from egov.procedures.process_models import ProcessStep, ProcessTemplate
from egov.procedures.services.process import (
    ProcessTemplateInvalidError,
    process_template_create,
    process_template_data,
    process_template_set_active,
    process_template_update,
)
from egov.procedures.tests.process_fixtures import (
    Place,
    birth_fixture,  # noqa: F401 - fixture
    birth_steps,
    place_fixture,  # noqa: F401 - fixture
    step,
    template_data,
)


def test_create_saves_the_template_with_its_steps_and_audits(birth: Procedure, place: Place) -> None:
    # given
    admin = make_staff(place.pc, Role.PROVINCE_ADMIN)
    steps = (
        *birth_steps()[:1],
        replace(birth_steps()[1], agency_id=place.commune.pk, department_id=place.culture.pk),
        *birth_steps()[2:],
    )
    # when
    template = process_template_create(data=template_data(birth, steps=steps), acting_user=admin)
    # then
    saved = list(template.steps.order_by("order").values_list("order", "role", "duration", "duration_unit", "actions"))
    assert saved == [
        (1, "desk_officer", Decimal("4.00"), "working_hour", ["receive", "request_supplement", "refuse", "forward"]),
        (2, "specialist", Decimal("2.00"), "working_hour", ["forward", "send_back", "verify"]),
        (3, "leader", Decimal("1.50"), "working_hour", ["sign", "send_back"]),
        (4, "desk_officer", Decimal("0.50"), "working_hour", ["return_result"]),
    ]
    assert template.steps.get(order=2).department == place.culture
    entry = AuditEntry.objects.get(action="procedures.process_template_create")
    assert (entry.actor, entry.object_id, entry.changes["total_time"]) == (admin, str(template.pk), "1")
    assert [s["order"] for s in entry.changes["steps"]] == [1, 2, 3, 4]
    assert audit_verify() == []


def test_a_refused_template_writes_nothing(birth: Procedure) -> None:
    bad = template_data(birth, total_time=Decimal(2))  # steps make 1 day
    with pytest.raises(ProcessTemplateInvalidError):
        process_template_create(data=bad, acting_user=None)
    assert (ProcessTemplate.objects.count(), ProcessStep.objects.count(), AuditEntry.objects.count()) == (0, 0, 0)


def test_update_changes_steps_in_place_and_audits_before_and_after(birth: Procedure) -> None:
    # given
    template = process_template_create(data=template_data(birth), acting_user=None)
    step_ids = dict(template.steps.values_list("order", "pk"))
    # when: three steps instead of four (the leader signs and the desk returns in 2 h)
    new_steps = (*birth_steps()[:2], step(3, "2", role="leader", actions=("sign", "return_result")))
    updated = process_template_update(
        template_id=template.pk, data=template_data(birth, steps=new_steps, name="Quy trình rút gọn"), acting_user=None
    )
    # then
    assert updated.name == "Quy trình rút gọn"
    assert dict(updated.steps.values_list("order", "pk")) == {1: step_ids[1], 2: step_ids[2], 3: step_ids[3]}
    assert updated.steps.get(order=3).actions == ["sign", "return_result"]
    entry = AuditEntry.objects.get(action="procedures.process_template_update")
    assert (len(entry.changes["before"]["steps"]), len(entry.changes["after"]["steps"])) == (4, 3)


def test_saving_the_same_content_again_changes_nothing(birth: Procedure) -> None:
    template = process_template_create(data=template_data(birth), acting_user=None)
    count = AuditEntry.objects.count()
    process_template_update(template_id=template.pk, data=process_template_data(template), acting_user=None)
    assert AuditEntry.objects.count() == count


def test_a_refused_update_keeps_the_old_steps(birth: Procedure) -> None:
    template = process_template_create(data=template_data(birth), acting_user=None)
    broken = (*birth_steps()[:3], step(4, "3", role="desk_officer", actions=("return_result",)))
    with pytest.raises(ProcessTemplateInvalidError) as caught:
        process_template_update(template_id=template.pk, data=template_data(birth, steps=broken), acting_user=None)
    assert caught.value.code == "process_time_mismatch"
    assert process_template_data(template).steps == template_data(birth).steps
    assert not AuditEntry.objects.filter(action="procedures.process_template_update").exists()


def test_only_one_active_template_per_scope_and_period(birth: Procedure) -> None:
    first = process_template_create(data=template_data(birth), acting_user=None)
    with pytest.raises(ApplicationError) as caught:
        process_template_create(data=template_data(birth, name="Bản sao"), acting_user=None)
    assert (caught.value.code, caught.value.status) == ("process_template_overlap", 409)
    # a retired template leaves room for a new one, and cannot come back while the new one applies
    process_template_set_active(template_id=first.pk, is_active=False, acting_user=None)
    process_template_create(data=template_data(birth, name="Quy trình mới"), acting_user=None)
    with pytest.raises(ApplicationError) as again:
        process_template_set_active(template_id=first.pk, is_active=True, acting_user=None)
    assert again.value.code == "process_template_overlap"
    assert AuditEntry.objects.filter(action="procedures.process_template_deactivate").count() == 1


def test_updating_a_missing_template_is_a_404(birth: Procedure) -> None:
    with pytest.raises(ApplicationError) as caught:
        process_template_update(template_id=-1, data=template_data(birth), acting_user=None)
    assert (caught.value.code, caught.value.status) == ("process_template_not_found", 404)
