"""Applying online for a birth registration (1.001193) through the pages, as a citizen on a phone
would: start, agency, the e-form one part per page, papers, check, submit, confirmation."""

import pytest
from django.test import Client

from egov.core.models import AuditEntry
from egov.dossiers.models import Dossier, DossierFile
from egov.dossiers.tests.conftest import agency_of
from egov.identity.models import User
from egov.portal.models import Application, ApplicationStatus
from egov.portal.tests.conftest import (
    BIRTH,
    DESK_OFFICER,
    WITH_TWO_COPIES,
    attach_mandatory,
    draft_url,
    english_client,
    fill_form,
    start_draft,
)


def test_start_requires_a_citizen_login(at_office_hours):
    # given an anonymous visitor
    client = english_client()
    # when
    page = client.get(f"/nop-ho-so/{BIRTH}/")
    start = client.post(f"/nop-ho-so/{BIRTH}/")
    # then: the page says what applying involves and leads to the citizen login, and back here
    assert page.status_code == 200
    assert f'href="/accounts/citizen/login/?next=/nop-ho-so/{BIRTH}/">Log in to start</a>' in page.content.decode()
    assert "Start now" not in page.content.decode()
    assert start.status_code == 302
    assert start["Location"] == f"/accounts/citizen/login/?next=/nop-ho-so/{BIRTH}/"
    assert Application.objects.count() == 0


def test_staff_are_told_to_use_a_citizen_account(at_office_hours):
    client = english_client(User.objects.get(username=DESK_OFFICER))
    response = client.post(f"/nop-ho-so/{BIRTH}/", follow=True)
    assert response.redirect_chain == [(f"/thu-tuc/{BIRTH}/", 302)]
    assert "log in with a citizen account" in response.content.decode()
    assert Application.objects.count() == 0


def test_start_page_explains_and_the_draft_is_prefilled(owner_client: Client, owner: User):
    # when
    page = owner_client.get(f"/nop-ho-so/{BIRTH}/").content.decode()
    application = start_draft(owner_client)
    step = owner_client.get(draft_url(application, "buoc/2/")).content.decode()
    # then
    assert "Start now" in page
    assert "Giấy chứng sinh" in page  # the papers to have ready
    assert application.citizen == owner
    assert application.channel == "online_full"
    assert application.receiving_agency == agency_of("ttpdonghoi")
    assert 'name="requester.full_name" value="Nguyễn Văn Bình"' in step
    assert 'name="requester.citizen_id" value="044085001234"' in step
    assert 'name="requester.phone" value="0905110001"' in step
    assert 'name="requester.email" value="nguyenvanbinh@example.com"' in step
    assert "Part 2 of 8" in step
    entry = AuditEntry.objects.get(action="portal.application_start")
    assert (entry.actor, entry.object_id) == (owner, str(application.pk))


def test_agency_step_offers_the_centres_that_receive_online(owner_client: Client):
    owner_client.post(f"/nop-ho-so/{BIRTH}/")
    application = Application.objects.get()
    page = owner_client.get(draft_url(application, "noi-nop/")).content.decode()
    assert page.count('type="radio" name="agency"') == 6  # the six ward and commune centres
    assert "Trung tâm Phục vụ hành chính công phường Đồng Hới" in page
    assert "Ủy ban nhân dân phường Đồng Hới" not in page  # its centre receives for it
    # a made-up agency is refused
    response = owner_client.post(draft_url(application, "noi-nop/"), {"agency": "999999"})
    assert response.status_code == 400
    assert "Choose one of the agencies listed." in response.content.decode()


def test_happy_path_creates_one_submitted_dossier_with_its_files(owner_client: Client, owner: User):
    # given
    application = start_draft(owner_client)
    fill_form(owner_client, application)
    attach_mandatory(owner_client, application)
    review = owner_client.get(draft_url(application, "kiem-tra/")).content.decode()
    assert "Nguyễn Minh An" in review
    assert "No fee to pay for this application." in review
    assert "Submit the application" in review
    # when
    response = owner_client.post(draft_url(application, "nop/"))
    # then
    assert response.status_code == 302
    assert response["Location"] == draft_url(application, "da-nop/")
    application.refresh_from_db()
    dossier = Dossier.objects.get(applicant_user=owner)
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.dossier_code == dossier.code
    assert (dossier.status, dossier.channel) == ("submitted", "online_full")
    assert dossier.receiving_agency == agency_of("ttpdonghoi")
    assert dossier.applicant_name == "Nguyễn Văn Bình"
    assert dossier.applicant_id_number == "044085001234"
    assert dossier.form_data["child"]["birth_date"] == "2026-10-20"
    assert dossier.form_data["copies"] == {"requested": False}
    assert dossier.fee_amount == 0
    assert dossier.paid_amount == 0
    assert [paper["name"][:20] for paper in dossier.papers] == [
        "Tờ khai đăng ký khai",
        "Giấy chứng sinh; nếu",
        "Giấy tờ tùy thân: hộ",
    ]
    files = list(DossierFile.objects.filter(dossier=dossier).order_by("paper_index"))
    assert [(item.name, item.paper_index, item.content_type) for item in files] == [
        ("giay-chung-sinh.pdf", 1, "application/pdf"),
        ("can-cuoc.pdf", 2, "application/pdf"),
    ]
    assert all(item.file.open("rb").read().startswith(b"%PDF-") for item in files)
    assert AuditEntry.objects.filter(action="portal.application_submit", object_id=str(application.pk)).count() == 1
    done = owner_client.get(draft_url(application, "da-nop/")).content.decode()
    assert f'id="dossier-code" aria-labelledby="code-label">{dossier.code}</p>' in done
    assert f'href="/tra-cuu/{dossier.code}/"' in done
    assert "Provisional appointment to return the result:" in done


def test_double_submit_creates_one_dossier(owner_client: Client, owner: User):
    application = start_draft(owner_client)
    fill_form(owner_client, application)
    attach_mandatory(owner_client, application)
    first = owner_client.post(draft_url(application, "nop/"))
    second = owner_client.post(draft_url(application, "nop/"))
    assert first["Location"] == second["Location"] == draft_url(application, "da-nop/")
    assert Dossier.objects.filter(applicant_user=owner).count() == 1
    assert AuditEntry.objects.filter(action="portal.application_submit").count() == 1


def test_a_submitted_draft_is_read_only(owner_client: Client):
    application = start_draft(owner_client)
    fill_form(owner_client, application)
    attach_mandatory(owner_client, application)
    owner_client.post(draft_url(application, "nop/"))
    before = Application.objects.get().form_data
    response = owner_client.post(
        draft_url(application, "buoc/1/"), {"authority.registry_office": "X", "action": "continue"}
    )
    assert response.status_code == 302
    assert response["Location"] == draft_url(application, "da-nop/")
    assert Application.objects.get().form_data == before
    assert owner_client.post(draft_url(application, "xoa/"))["Location"] == draft_url(application, "da-nop/")


def test_one_invalid_field_shows_its_error_and_keeps_the_answers(owner_client: Client):
    application = start_draft(owner_client)
    owner_client.post(
        draft_url(application, "buoc/1/"),
        {**{"authority.registry_office": "UBND phường Đồng Hới"}, "action": "continue"},
    )
    answers = {
        "requester.full_name": "Nguyễn Văn Bình",
        "requester.id_document_type": "citizen_id_card",
        "requester.citizen_id": "044085001234",
        "requester.residence": "Phường Đồng Hới",
        "requester.relationship": "father",
        "requester.phone": "12345",
    }
    # when
    response = owner_client.post(draft_url(application, "buoc/2/"), {**answers, "action": "continue"})
    # then
    html = response.content.decode()
    assert response.status_code == 400
    assert '<div class="eform-errors" role="alert"' in html
    assert '<a href="#ef-requester--phone">Applicant \u2013 Phone number: ' in html
    assert 'id="ef-requester--phone-error"' in html
    assert 'aria-invalid="true"' in html
    assert html.count("eform-errors") >= 1
    assert "ef-requester--email-error" not in html
    application.refresh_from_db()
    assert application.form_data["requester"]["phone"] == "12345"
    assert application.completed_sections == ["authority"]


def test_save_and_continue_later_keeps_the_answers(owner_client: Client, owner: User):
    application = start_draft(owner_client)
    fill_form(owner_client, application, upto=2)
    partial = {"child.full_name": "Nguyễn Minh An", "child.birth_date": "2026-10-20", "action": "save"}
    # when
    response = owner_client.post(draft_url(application, "buoc/3/"), partial, follow=True)
    # then: told how to come back, and the draft is listed
    html = response.content.decode()
    assert response.redirect_chain == [("/ho-so-nhap/", 302)]
    assert "Your answers are saved. To continue later" in html
    assert draft_url(application) in html
    # a new session, later: the draft opens where the citizen stopped, with the answers typed
    later = english_client(owner)
    resume = later.get(draft_url(application))
    assert resume["Location"] == draft_url(application, "buoc/3/")
    page = later.get(resume["Location"]).content.decode()
    assert 'name="child.full_name" value="Nguyễn Minh An"' in page
    assert 'name="child.birth_date" value="2026-10-20"' in page
    assert "eform-errors" not in page  # saving for later does not scold


def test_submit_sends_back_to_the_first_invalid_part(owner_client: Client):
    application = start_draft(owner_client)
    fill_form(owner_client, application, upto=7)
    owner_client.post(draft_url(application, "buoc/8/"), {"declaration.signed_at": "Đồng Hới", "action": "save"})
    attach_mandatory(owner_client, application)
    response = owner_client.post(draft_url(application, "nop/"))
    assert response["Location"] == draft_url(application, "buoc/8/") + "?return_to=review"
    assert Dossier.objects.count() == 0
    page = owner_client.get(response["Location"]).content.decode()
    assert "Tick the box to confirm this statement." in page  # says what is wrong there
    assert 'name="return_to" value="review"' in page


def test_missing_papers_block_submission(owner_client: Client):
    application = start_draft(owner_client)
    fill_form(owner_client, application)
    assert owner_client.post(draft_url(application, "nop/"))["Location"] == draft_url(application, "giay-to/")
    assert Dossier.objects.count() == 0


def test_unpaid_fee_blocks_submission(owner_client: Client):
    application = start_draft(owner_client)
    fill_form(owner_client, application, overrides=WITH_TWO_COPIES)
    attach_mandatory(owner_client, application)
    review = owner_client.get(draft_url(application, "kiem-tra/")).content.decode()
    assert "16,000" in review
    assert "Not paid yet" in review
    assert "Submit the application" not in review
    response = owner_client.post(draft_url(application, "nop/"), follow=True)
    assert response.redirect_chain == [(draft_url(application, "kiem-tra/"), 302)]
    assert "Pay the fees before submitting" in response.content.decode()
    assert Dossier.objects.count() == 0
    assert Application.objects.get().status == ApplicationStatus.DRAFT


def test_delete_a_draft(owner_client: Client):
    application = start_draft(owner_client)
    attach_mandatory(owner_client, application)
    response = owner_client.post(draft_url(application, "xoa/"))
    assert response["Location"] == "/ho-so-nhap/"
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ABANDONED
    assert application.form_data == {}
    assert application.files.count() == 0
    assert owner_client.get(draft_url(application, "kiem-tra/")).status_code == 404


@pytest.mark.parametrize("code", ["9.999999", "../etc"])
def test_unknown_procedure_is_404(owner_client: Client, code: str):
    assert owner_client.get(f"/nop-ho-so/{code}/").status_code == 404


def test_only_the_parts_own_fields_are_stored_and_size_is_bounded(owner_client: Client):
    application = start_draft(owner_client)
    forged = {"authority.registry_office": "UBND", "authority.extra": "x", "child.full_name": "Y", "action": "save"}
    owner_client.post(draft_url(application, "buoc/1/"), forged)
    application.refresh_from_db()
    assert application.form_data["authority"] == {"registry_office": "UBND"}
    assert "full_name" not in application.form_data["child"]
    huge = {"authority.registry_office": "A" * 200_000, "action": "save"}
    response = owner_client.post(draft_url(application, "buoc/1/"), huge, follow=True)
    assert "The answers are too long to be saved." in response.content.decode()
    application.refresh_from_db()
    assert application.form_data["authority"] == {"registry_office": "UBND"}
