"""“Hồ sơ của tôi”: a citizen sees and acts on their own dossiers only, through the one-stop engine."""

# ruff: noqa: F811 - the fixtures of the one-stop engine's tests are imported by name

from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from egov.dossiers.contracts import ApplicantData, IntakeData, PaymentRecord, UploadedFile
from egov.dossiers.facade import ActionData, dossier_act, dossier_submit_online
from egov.dossiers.models import Dossier, DossierEvent, DossierFile, DossierPause
from egov.dossiers.tests.conftest import (  # noqa: F401 - demo and travel are fixtures
    MONDAY_9AM,
    agency_of,
    demo,
    travel,
    user,
)
from egov.identity.models import User
from egov.identity.services.citizens import citizen_register
from egov.workflow.facade import working_time_between

LIST = "/ca-nhan/ho-so/"
DESK = "ttpdonghoi_ngothithanhtam"
SPECIALIST = "pdonghoi_tranvandung"
PDF = b"%PDF-1.4\n% scan\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


def citizen(name: str, citizen_id: str, phone: str) -> User:
    return citizen_register(full_name=name, citizen_id=citizen_id, phone=phone, email="", password="DemoQT@2026")


@pytest.fixture
def ha(demo: None) -> User:
    return citizen("Lê Thị Thu Hà", "045192003344", "0912345678")


@pytest.fixture
def binh(demo: None) -> User:
    return User.objects.get(citizen_id="044085001234")  # a citizen of the demo province


def submit(owner: User) -> Dossier:
    data = IntakeData(
        procedure_code="1.001193",
        channel="online_full",
        applicant=ApplicantData(full_name=owner.full_name, id_number=owner.citizen_id or "", user_id=owner.pk),
    )
    scan = UploadedFile("To-khai.pdf", PDF, "application/pdf", 0)
    return dossier_submit_online(applicant_user=owner, agency_id=agency_of("ttpdonghoi").pk, data=data, files=(scan,))


def act(username: str, dossier: Dossier, action: str, **data: Any) -> Dossier:
    return dossier_act(actor=user(username), code=dossier.code, action=action, data=ActionData(**data))


def waiting_for_papers(owner: User) -> Dossier:
    """Accepted by the desk (the clock runs), then sent back for a missing paper (the clock stops)."""
    dossier = act(DESK, submit(owner), "accept")
    return act(DESK, dossier, "request_supplement", reasons=("Bản sao giấy chứng nhận kết hôn của cha mẹ",))


def login(client: Client, who: User) -> Client:
    client.force_login(who)
    return client


def page(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.content.decode()[:2000]
    return str(response.content.decode())


def test_anonymous_visitors_are_sent_to_the_citizen_login(client: Client, db: None) -> None:
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/citizen/login/?next=/ca-nhan/ho-so/"


def test_an_officer_is_refused_with_an_explanation(client: Client, demo: None) -> None:
    # when an officer opens the citizen's pages
    response = login(client, user(DESK)).get(LIST)
    # then
    assert response.status_code == 403
    assert "portal/account/citizens_only.html" in [t.name for t in response.templates]
    assert 'href="/staff/"' in response.content.decode()


def test_the_list_shows_my_dossiers_only_with_their_state(client: Client, ha: User, binh: User, travel: Any) -> None:
    # given two dossiers of Hà (one waiting for her papers) and one of Bình
    travel(MONDAY_9AM)
    mine = submit(ha)
    waiting = waiting_for_papers(ha)
    other = submit(binh)
    # when
    response = login(client, ha).get(LIST)
    # then
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="/ca-nhan/ho-so/{mine.code}/"' in html
    assert f'href="/ca-nhan/ho-so/{waiting.code}/"' in html
    assert other.code not in html
    assert response.context["page"].counts == {"in_progress": 1, "supplement": 1, "result": 0, "closed": 0, "all": 2}
    statuses = {item["row"].code: (item["row"].status, item["tone"]) for item in response.context["rows"]}
    assert statuses == {mine.code: ("submitted", ""), waiting.code: ("waiting_supplement", "warning")}
    # the menu offers the list to a citizen
    assert 'href="/ca-nhan/ho-so/" aria-current="page"' in html


def test_the_list_filters_by_group_and_explains_a_bad_filter(client: Client, ha: User, travel: Any) -> None:
    travel(MONDAY_9AM)
    submitted = submit(ha)
    waiting = waiting_for_papers(ha)
    login(client, ha)
    # when filtering on "papers needed"
    html = page(client, f"{LIST}?status=supplement")
    # then
    assert waiting.code in html
    assert submitted.code not in html
    assert 'href="/ca-nhan/ho-so/?status=supplement" aria-current="page"' in html
    # an unknown filter shows everything with the reason, as a 400
    response = client.get(f"{LIST}?status=nonsense")
    assert response.status_code == 400
    assert {row.code for row in response.context["page"].rows} == {submitted.code, waiting.code}
    assert 'role="alert"' in response.content.decode()


def test_another_citizen_gets_404_for_the_page_its_files_and_every_action(
    client: Client, ha: User, binh: User, travel: Any
) -> None:
    # given Hà's dossier with her scanned form
    travel(MONDAY_9AM)
    dossier = waiting_for_papers(ha)
    paper = DossierFile.objects.get(dossier=dossier)
    base = f"{LIST}{dossier.code}/"
    # when Bình tries every address of it
    login(client, binh)
    assert client.get(base).status_code == 404
    assert client.get(f"{base}tep/{paper.pk}/").status_code == 404
    assert client.get(f"{base}rut/").status_code == 404
    upload = SimpleUploadedFile("giay.pdf", PDF, "application/pdf")
    assert client.post(f"{base}bo-sung/", {"version": dossier.version, "papers": upload}).status_code == 404
    assert client.post(f"{base}rut/", {"version": dossier.version, "reason": "x"}).status_code == 404
    assert client.post(f"{base}danh-gia/", {"version": dossier.version, "score": 5}).status_code == 404
    # then nothing changed
    fresh = Dossier.objects.get(pk=dossier.pk)
    assert (fresh.status, fresh.version) == ("waiting_supplement", dossier.version)
    assert DossierFile.objects.filter(dossier=dossier).count() == 1
    # while Hà opens both
    login(client, ha)
    assert client.get(base).status_code == 200
    download = client.get(f"{base}tep/{paper.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF  # type: ignore[attr-defined]
    assert "no-store" in download["Cache-Control"]


def test_sending_the_missing_papers_resumes_the_clock(client: Client, ha: User, travel: Any) -> None:
    # given a dossier waiting for Hà's papers since Monday 9:00
    travel(MONDAY_9AM)
    dossier = waiting_for_papers(ha)
    due_before = dossier.due_at
    login(client, ha)
    html = page(client, f"{LIST}{dossier.code}/")
    assert "Bản sao giấy chứng nhận kết hôn của cha mẹ" in html
    assert f'action="/ca-nhan/ho-so/{dossier.code}/bo-sung/"' in html
    assert 'enctype="multipart/form-data"' in html
    # when she sends them two office hours later
    travel(MONDAY_9AM + timedelta(hours=2))
    upload = SimpleUploadedFile("Giay chung nhan ket hon.pdf", PDF, "application/pdf")
    response = client.post(f"{LIST}{dossier.code}/bo-sung/", {"version": dossier.version, "papers": upload})
    # then the dossier is processed again, its appointment moved by the time it waited
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}{dossier.code}/"
    fresh = Dossier.objects.get(pk=dossier.pk)
    assert fresh.status == "processing"
    assert DossierPause.objects.get(dossier=dossier).ended_at is not None
    assert fresh.paused_seconds == 2 * 3600
    assert fresh.due_at is not None
    assert due_before is not None
    assert working_time_between(due_before, fresh.due_at) == timedelta(hours=2)
    supplement = DossierFile.objects.get(dossier=dossier, kind="supplement")
    assert supplement.uploaded_by == ha
    assert DossierEvent.objects.filter(dossier=dossier, action="supplement", actor=ha).count() == 1
    html = page(client, f"{LIST}{dossier.code}/")
    assert f'href="/ca-nhan/ho-so/{dossier.code}/tep/{supplement.pk}/"' in html
    assert "bo-sung/" not in html  # nothing more to send


def test_a_rejected_file_or_a_stale_page_changes_nothing(client: Client, ha: User, travel: Any) -> None:
    travel(MONDAY_9AM)
    dossier = waiting_for_papers(ha)
    login(client, ha)
    url = f"{LIST}{dossier.code}/bo-sung/"
    # a text file: refused with the engine's reason next to the field
    text = SimpleUploadedFile("ghi-chu.txt", b"hello", "text/plain")
    response = client.post(url, {"version": dossier.version, "papers": text})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'href="#id_papers"' in html
    assert "ghi-chu.txt" in html
    # no file chosen
    assert client.post(url, {"version": dossier.version}).status_code == 400
    # a page older than the last change: a conflict
    upload = SimpleUploadedFile("giay.pdf", PDF, "application/pdf")
    assert client.post(url, {"version": dossier.version - 1, "papers": upload}).status_code == 409
    # then
    fresh = Dossier.objects.get(pk=dossier.pk)
    assert (fresh.status, fresh.version) == ("waiting_supplement", dossier.version)
    assert not DossierFile.objects.filter(dossier=dossier, kind="supplement").exists()


def test_withdrawing_asks_for_confirmation_and_a_reason(client: Client, ha: User, travel: Any) -> None:
    travel(MONDAY_9AM)
    dossier = act(DESK, submit(ha), "accept")
    login(client, ha)
    detail = page(client, f"{LIST}{dossier.code}/")
    assert f'href="/ca-nhan/ho-so/{dossier.code}/rut/"' in detail
    # the confirmation page changes nothing
    confirm = page(client, f"{LIST}{dossier.code}/rut/")
    assert 'name="reason"' in confirm
    assert Dossier.objects.get(pk=dossier.pk).status == "processing"
    # without a reason: asked again
    response = client.post(f"{LIST}{dossier.code}/rut/", {"version": dossier.version, "reason": " "})
    assert response.status_code == 400
    assert Dossier.objects.get(pk=dossier.pk).status == "processing"
    # with a reason: withdrawn, the reason recorded
    response = client.post(f"{LIST}{dossier.code}/rut/", {"version": dossier.version, "reason": "Đã nộp nhầm thủ tục"})
    assert response.status_code == 302
    assert Dossier.objects.get(pk=dossier.pk).status == "withdrawn"
    event = DossierEvent.objects.get(dossier=dossier, action="withdraw")
    assert (event.actor, event.note) == (ha, "Đã nộp nhầm thủ tục")
    # and the page no longer offers it
    assert "/rut/" not in page(client, f"{LIST}{dossier.code}/")
    assert client.get(f"{LIST}{dossier.code}/rut/").status_code == 302


def test_fees_paid_or_not_and_the_form_answers_are_shown(client: Client, ha: User, travel: Any) -> None:
    # given a birth registration with two copies of the extract (16,000 đồng), not paid, and one paid
    travel(MONDAY_9AM)
    answers = {"child": {"full_name": "Lê Minh An"}, "copies": {"requested": True, "count": 2}}
    data = IntakeData(
        procedure_code="1.001193",
        channel="online_full",
        applicant=ApplicantData(full_name=ha.full_name, id_number=ha.citizen_id or "", user_id=ha.pk),
        form_data=answers,
        fee_amount=16000,
    )
    unpaid = dossier_submit_online(applicant_user=ha, agency_id=agency_of("ttpdonghoi").pk, data=data)
    paid_at = MONDAY_9AM - timedelta(minutes=5)
    paid = dossier_submit_online(
        applicant_user=ha,
        agency_id=agency_of("ttpdonghoi").pk,
        data=replace(data, payment=PaymentRecord(reference="TT260001", amount=16000, paid_at=paid_at)),
    )
    login(client, ha)
    # then the list says which is paid
    rows = {item["row"].code: item for item in client.get(LIST).context["rows"]}
    assert (rows[unpaid.code]["row"].is_paid, rows[paid.code]["row"].is_paid) == (False, True)
    assert rows[unpaid.code]["fee"] == rows[paid.code]["fee"]
    assert "16.000" in rows[unpaid.code]["fee"]
    # and the dossier page shows the payment reference and her answers
    html = page(client, f"{LIST}{paid.code}/")
    assert "TT260001" in html
    assert "Lê Minh An" in html
    assert 'class="badge badge--success"' in html
    assert 'class="badge badge--warning"' in page(client, f"{LIST}{unpaid.code}/")


def test_the_dossier_page_and_public_tracking_show_the_same_timeline(client: Client, ha: User, travel: Any) -> None:
    travel(MONDAY_9AM)
    dossier = waiting_for_papers(ha)
    mine = page(login(client, ha), f"{LIST}{dossier.code}/")
    public = page(Client(), f"/tra-cuu/{dossier.code}/")
    for html in (mine, public):
        assert html.count('class="tracking-timeline__item"') == 3  # submitted, received, supplement asked
