"""The e-form preview page: shows a procedure's form, validates a submission, stores nothing."""

from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext as _

from egov.core.models import AuditEntry
from egov.procedures.eforms import messages
from egov.procedures.models import Procedure, ProcedureVersion

from .eforms_fixtures import BIRTH_CODE, Elements, sample_schema, save_birth_registration, save_procedure

pytestmark = [pytest.mark.django_db, pytest.mark.urls("egov.procedures.tests.eforms_urls")]

URL = f"/procedures/eforms/{BIRTH_CODE}/preview/"


def flatten(data: dict[str, Any]) -> dict[str, str]:
    """Nested e-form data as the browser posts it."""
    posted: dict[str, str] = {}
    for section, values in data.items():
        for name, value in values.items():
            posted[f"{section}.{name}"] = ("true" if value else "false") if isinstance(value, bool) else str(value)
    return posted


def valid_post() -> dict[str, str]:
    from .eforms_fixtures import valid_birth_data

    posted = flatten(valid_birth_data())
    posted["declaration.confirmed"] = "true"
    return posted


def test_the_page_shows_the_current_versions_form() -> None:
    # given
    save_birth_registration()
    # when
    response = Client().get(URL)
    # then
    assert response.status_code == 200
    page = Elements(response.content.decode())
    html = response.content.decode()
    assert "<h1>Tờ khai đăng ký khai sinh</h1>" in html
    assert '<p class="page-head__lead">Thủ tục đăng ký khai sinh</p>' in html
    form = page.one("form", **{"class": "eform-page__form"})
    assert (form["method"], form["action"], form["novalidate"]) == ("post", URL, "")
    assert page.one("link", href="/static/css/eforms.css")["rel"] == "stylesheet"
    assert page.one("script", src="/static/js/eforms.js")["defer"] == ""
    assert page.one("input", id="ef-child--full_name")["name"] == "child.full_name"


def test_an_invalid_submission_comes_back_with_the_errors_at_the_fields() -> None:
    # given
    save_birth_registration()
    posted = valid_post()
    posted["requester.citizen_id"] = "999"
    del posted["child.full_name"]
    # when
    response = Client().post(URL, posted)
    # then
    assert response.status_code == 400
    page = Elements(response.content.decode())
    assert page.one("input", id="ef-requester--citizen_id")["aria-invalid"] == "true"
    assert page.one("input", id="ef-requester--citizen_id")["value"] == "999"
    assert (
        page.one("input", id="ef-child--full_name")["aria-describedby"]
        == "ef-child--full_name-help ef-child--full_name-error"
    )
    assert "Số định danh cá nhân phải có đúng 12 chữ số." in response.content.decode()
    assert "Trường này là bắt buộc." in response.content.decode()


def test_a_valid_submission_is_summarised_and_nothing_is_stored() -> None:
    # given
    save_birth_registration()
    versions, audits = ProcedureVersion.objects.count(), AuditEntry.objects.count()
    # when
    response = Client().post(URL, valid_post())
    # then
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="status"' in html
    assert "<dd>Nguyễn Minh An</dd>" in html
    assert "<dd>02/03/2026</dd>" in html
    assert Elements(html).find("form", **{"class": "eform-page__form"}) == []
    assert (ProcedureVersion.objects.count(), AuditEntry.objects.count()) == (versions, audits)


def test_posting_without_the_csrf_token_is_refused() -> None:
    # given
    save_birth_registration()
    client = Client(enforce_csrf_checks=True)
    # when
    response = client.post(URL, valid_post())
    # then
    assert response.status_code == 403


def test_posting_with_the_token_from_the_page_works() -> None:
    # given
    save_birth_registration()
    client = Client(enforce_csrf_checks=True)
    page = Elements(client.get(URL).content.decode())
    token = page.find("input", name="csrfmiddlewaretoken")[-1]["value"]
    # when
    response = client.post(URL, {**valid_post(), "csrfmiddlewaretoken": token})
    # then
    assert response.status_code == 200


def test_unknown_fields_in_a_post_are_reported() -> None:
    save_birth_registration()
    response = Client().post(URL, {**valid_post(), "child.is_admin": "1"})
    assert response.status_code == 400
    with translation.override("vi"):
        expected = f"{_('Field %(name)s') % {'name': 'child.is_admin'}}: {messages.UNKNOWN_FIELD}"
    assert expected in response.content.decode()


@pytest.mark.parametrize("code", ["9.999999", "..%2F..%2Fetc", "1.000894"])
def test_procedures_without_a_form_are_not_found(code: str) -> None:
    # given one procedure with a form, one without
    save_birth_registration()
    save_procedure("1.000894", None, name="Thủ tục đăng ký kết hôn")
    # then
    assert Client().get(f"/procedures/eforms/{code}/preview/").status_code == 404


def test_a_withdrawn_procedure_is_not_shown() -> None:
    procedure = save_birth_registration()
    Procedure.objects.filter(pk=procedure.pk).update(is_active=False)
    assert Client().get(URL).status_code == 404


def test_a_schema_stored_around_the_write_path_is_not_drawn() -> None:
    # given a broken schema written straight into the table (not through procedure_set_form_schema)
    procedure = save_procedure("1.000001", sample_schema())
    assert procedure.current_version_id is not None
    ProcedureVersion.objects.filter(pk=procedure.current_version_id).update(
        form_schema={"type": "object", "properties": {"x": 1}}
    )
    # then the page is not found rather than an error
    assert Client().get("/procedures/eforms/1.000001/preview/").status_code == 404


def test_other_methods_are_not_allowed() -> None:
    save_birth_registration()
    assert Client().put(URL).status_code == 405


def test_the_page_is_in_english_for_an_english_visitor() -> None:
    save_birth_registration()
    client = Client()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get(URL).content.decode()
    assert "<h1>Birth registration form</h1>" in html
    assert "Full name" in html
