"""The catalogue's admin: edits make audited versions through the services; history is read-only."""

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from egov.core.models import AuditEntry
from egov.identity.models import User
from egov.identity.roles import Role
from egov.organisation.tests.factories import make_agency, make_staff, make_user
from egov.procedures.choices import ChannelKind, TimeUnit
from egov.procedures.contracts import ChannelData, PaperData, ProcedureData
from egov.procedures.models import Channel, ImplementingLevel, Procedure, ProcedureField, ProcedureVersion
from egov.procedures.services.catalogue import procedure_save

pytestmark = pytest.mark.django_db
BASE = "/admin/procedures"


@pytest.fixture
def superuser() -> User:
    return make_user(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def birth() -> Procedure:
    data = ProcedureData(
        code="1.001193",
        name="Đăng ký khai sinh",
        field_name="Hộ tịch",
        level_codes=("commune",),
        implementing_agency="Ủy ban nhân dân cấp xã",
        channels=(ChannelData(ChannelKind.COUNTER, Decimal(1), TimeUnit.WORKING_DAY, fee_text="Miễn lệ phí"),),
        papers=(PaperData("Tờ khai đăng ký khai sinh", originals=1),),
        source="test",
    )
    return procedure_save(data=data, acting_user=None).procedure


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def posted_form(response: Any) -> dict[str, Any]:
    """What the change page would post back unchanged (main form and inline management forms)."""
    form = response.context["adminform"].form
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is not None and not field.disabled:
            data[name] = list(value) if isinstance(value, list | tuple) else value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for form_ in formset.forms:
            data[f"{form_.prefix}-id"] = form_.instance.pk
            data[f"{form_.prefix}-procedure"] = form_.instance.procedure_id
    return data


def test_editing_makes_version_two_through_the_write_path(superuser: User, birth: Procedure) -> None:
    # given
    client = client_for(superuser)
    url = f"{BASE}/procedure/{birth.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    assert "Tờ khai đăng ký khai sinh" in page.content.decode()  # papers shown as published
    data = posted_form(page)
    assert data["name"] == "Đăng ký khai sinh"
    # when
    data["name"] = "Thủ tục đăng ký khai sinh"
    response = client.post(url, data)
    # then
    assert response.status_code == 302, response.content.decode()[:2000]
    birth.refresh_from_db()
    version = birth.current_version
    assert version is not None
    assert (version.number, version.name, version.source) == (2, "Thủ tục đăng ký khai sinh", "admin")
    assert Channel.objects.filter(version=version).count() == 1  # kept from version 1
    entry = AuditEntry.objects.get(action="procedures.procedure_update")
    assert (entry.actor_id, entry.changes["changed"]) == (superuser.pk, ["name", "source"])


def test_saving_without_changes_makes_no_version(superuser: User, birth: Procedure) -> None:
    client = client_for(superuser)
    url = f"{BASE}/procedure/{birth.pk}/change/"
    response = client.post(url, posted_form(client.get(url)))
    assert response.status_code == 302
    assert ProcedureVersion.objects.filter(procedure=birth).count() == 1


def test_adding_a_procedure(superuser: User) -> None:
    client = client_for(superuser)
    data = posted_form(client.get(f"{BASE}/procedure/add/"))
    data.update({"code": "1.000656", "name": "Đăng ký khai tử", "field_name": "Hộ tịch", "level_codes": ["commune"]})
    response = client.post(f"{BASE}/procedure/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    procedure = Procedure.objects.get(code="1.000656")
    assert procedure.current_version is not None
    assert list(procedure.current_version.levels.values_list("code", flat=True)) == ["commune"]
    assert AuditEntry.objects.get(action="procedures.procedure_create").actor_id == superuser.pk


def test_an_invalid_edit_is_refused_and_nothing_changes(superuser: User, birth: Procedure) -> None:
    client = client_for(superuser)
    url = f"{BASE}/procedure/{birth.pk}/change/"
    data = posted_form(client.get(url))
    data["name"] = ""
    response = client.post(url, data)
    assert response.status_code == 200  # the form shows its error
    assert ProcedureVersion.objects.filter(procedure=birth).count() == 1


def test_search_ignores_accents(superuser: User, birth: Procedure) -> None:
    page = client_for(superuser).get(f"{BASE}/procedure/", {"q": "dang ky khai sinh"})
    assert "1.001193" in page.content.decode()


def test_withdraw_action_and_no_delete(superuser: User, birth: Procedure) -> None:
    client = client_for(superuser)
    response = client.post(f"{BASE}/procedure/", {"action": "withdraw", "_selected_action": [birth.pk], "index": 0})
    assert response.status_code == 302
    birth.refresh_from_db()
    assert birth.is_active is False
    assert AuditEntry.objects.filter(action="procedures.procedure_deactivate").count() == 1
    assert client.post(f"{BASE}/procedure/{birth.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Procedure.objects.count() == 1


def test_versions_are_read_only(superuser: User, birth: Procedure) -> None:
    client = client_for(superuser)
    version = birth.current_version
    assert version is not None
    page = client.get(f"{BASE}/procedureversion/{version.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    response = client.post(f"{BASE}/procedureversion/{version.pk}/change/", {"name": "Khác"})
    assert response.status_code == 403
    version.refresh_from_db()
    assert version.name == "Đăng ký khai sinh"


def test_renaming_a_field_and_changing_a_level_are_audited(superuser: User, birth: Procedure) -> None:
    client = client_for(superuser)
    field = ProcedureField.objects.get()
    response = client.post(f"{BASE}/procedurefield/{field.pk}/change/", {"name": "Hộ tịch, quốc tịch"})
    assert response.status_code == 302
    assert ProcedureField.objects.get().name == "Hộ tịch, quốc tịch"
    level = ImplementingLevel.objects.get(code="district")
    response = client.post(
        f"{BASE}/implementinglevel/{level.pk}/change/",
        {"name": "Cấp huyện", "valid_from": "", "valid_to": "2025-06-30"},
    )
    assert response.status_code == 302
    assert ImplementingLevel.objects.get(code="district").name == "Cấp huyện"
    assert {
        e.action for e in AuditEntry.objects.filter(action__in=["procedures.field_rename", "procedures.level_update"])
    } == {
        "procedures.field_rename",
        "procedures.level_update",
    }


def test_staff_without_rights_cannot_see_or_edit_the_catalogue(birth: Procedure) -> None:
    officer = make_staff(make_agency(), Role.SPECIALIST, is_staff=True)
    client = client_for(officer)
    assert client.get(f"{BASE}/procedure/").status_code == 403
    response = client.post(f"{BASE}/procedure/{birth.pk}/change/", {"name": "Bị sửa"})
    assert response.status_code == 403
    assert ProcedureVersion.objects.filter(procedure=birth).count() == 1


def test_province_administrator_may_edit(birth: Procedure) -> None:
    province_admin = make_staff(make_agency(), Role.PROVINCE_ADMIN, is_staff=True)
    assert client_for(province_admin).get(f"{BASE}/procedure/{birth.pk}/change/").status_code == 200
