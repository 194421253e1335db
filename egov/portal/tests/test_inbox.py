"""The citizen's inbox (/ca-nhan/thong-bao/): the messages sent by e-mail/SMS are there too, read/unread,
the count in the header, opening marks read, paged, only the owner's; the confirmation page's promise."""

# ruff: noqa: F811 - the fixtures of the one-stop engine's tests are imported by name

from typing import Any

import pytest
from django.test import Client

from egov.dossiers.contracts import ApplicantData, IntakeData, UploadedFile
from egov.dossiers.facade import dossier_submit_online
from egov.dossiers.models import Dossier
from egov.dossiers.tests.conftest import agency_of, demo, travel  # noqa: F401 - fixtures
from egov.identity.models import User
from egov.identity.services.citizens import citizen_register
from egov.notifications.facade import NoticeData, notify, unread_count
from egov.notifications.models import Notification
from egov.portal.tests.conftest import english_client

INBOX = "/ca-nhan/thong-bao/"
PDF = b"%PDF-1.4\n% scan\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def ha(demo: None) -> User:
    return citizen_register(
        full_name="Lê Thị Thu Hà", citizen_id="045192003344", phone="0912345678", email="", password="DemoQT@2026"
    )


@pytest.fixture
def binh(demo: None) -> User:
    return User.objects.get(citizen_id="044085001234")


def submit(owner: User) -> Dossier:
    data = IntakeData(
        procedure_code="1.001193",
        channel="online_full",
        applicant=ApplicantData(full_name=owner.full_name, id_number=owner.citizen_id or "", user_id=owner.pk),
    )
    scan = UploadedFile("To-khai.pdf", PDF, "application/pdf", 0)
    return dossier_submit_online(applicant_user=owner, agency_id=agency_of("ttpdonghoi").pk, data=data, files=(scan,))


def test_the_message_sent_on_submission_is_in_the_inbox_with_its_whole_letter_and_the_header_count(
    ha: User,
) -> None:
    dossier = submit(ha)
    client = english_client(ha)

    page = client.get(INBOX)

    assert page.status_code == 200
    notice = Notification.objects.get(recipient=ha)
    assert dossier.code in notice.title
    assert notice.title in page.text
    assert f'href="{INBOX}{notice.pk}/"' in page.text
    header = page.text.split('class="header-tools"', 1)[1].split("</header>", 1)[0]
    assert 'class="header-inbox__count">1<' in header
    # the whole letter, as e-mailed, is kept even though Hà's account has no e-mail address
    assert f"Kính gửi Ông/Bà {ha.full_name}" in notice.letter


def test_opening_a_message_marks_it_read_and_links_to_its_dossier(ha: User) -> None:
    dossier = submit(ha)
    client = english_client(ha)
    notice = Notification.objects.get(recipient=ha)

    page = client.get(f"{INBOX}{notice.pk}/")

    assert page.status_code == 200
    assert unread_count(user_id=ha.pk) == 0
    assert f'href="/ca-nhan/ho-so/{dossier.code}/"' in page.text
    assert "Kính gửi Ông/Bà" in page.text
    assert 'class="header-inbox__count"' not in client.get(INBOX).text


def test_another_citizens_message_is_404_and_marking_all_read_touches_only_mine(ha: User, binh: User) -> None:
    submit(ha)
    notice = Notification.objects.get(recipient=ha)
    intruder = english_client(binh)

    assert intruder.get(f"{INBOX}{notice.pk}/").status_code == 404
    assert intruder.post(f"{INBOX}da-doc/").status_code == 302
    assert notice.title not in intruder.get(INBOX).text

    notice.refresh_from_db()
    assert notice.read_at is None


def test_anonymous_visitors_log_in_first_and_officers_are_refused(ha: User) -> None:
    submit(ha)
    notice = Notification.objects.get(recipient=ha)
    for url in (INBOX, f"{INBOX}{notice.pk}/"):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/citizen/login/?next=")
    officer = english_client(User.objects.get(username="ttpdonghoi_ngothithanhtam"))
    assert officer.get(INBOX).status_code == 403
    assert officer.get(f"{INBOX}{notice.pk}/").status_code == 403


def test_mark_all_read_is_a_post_and_its_address_answers_a_get_with_the_inbox(ha: User) -> None:
    submit(ha)
    client = english_client(ha)

    assert client.get(f"{INBOX}da-doc/")["Location"] == INBOX
    assert unread_count(user_id=ha.pk) == 1
    response = client.post(f"{INBOX}da-doc/", follow=True)
    assert response.status_code == 200
    assert unread_count(user_id=ha.pk) == 0
    assert "All your messages are marked as read." in response.text


def test_the_inbox_is_paged_newest_first_and_filters_unread(ha: User) -> None:
    for number in range(1, 26):
        notify(
            recipient_ids=[ha.pk], notice=NoticeData(kind="test", title=f"Tin số {number:02d}", dedupe_key=str(number))
        )
    Notification.objects.filter(recipient=ha, title="Tin số 25").update(created_at="2030-01-01T00:00:00Z")
    client = english_client(ha)

    first, second = client.get(INBOX), client.get(f"{INBOX}?page=2")

    assert first.text.index("Tin số 25") < first.text.index("Tin số 24")
    assert "Tin số 05" not in first.text
    assert "Tin số 05" in second.text
    assert "Showing 21\N{EN DASH}25 of 25" in second.text
    Notification.objects.filter(recipient=ha).exclude(title="Tin số 03").update(read_at="2030-01-02T00:00:00Z")
    unread = client.get(f"{INBOX}?unread=1").text
    assert "Tin số 03" in unread
    assert "Tin số 04" not in unread


def test_the_confirmation_page_links_the_inbox_it_promises(ha: User) -> None:
    from egov.portal.models import Application

    dossier = submit(ha)
    application = Application.objects.create(
        citizen=ha,
        procedure=dossier.procedure_version.procedure,
        procedure_version=dossier.procedure_version,
        receiving_agency=dossier.receiving_agency,
        channel="online_full",
        status="submitted",
        dossier_code=dossier.code,
        submitted_at=dossier.submitted_at,
        expires_at="2099-01-01T00:00:00Z",
    )

    page = english_client(ha).get(f"/ho-so-nhap/{application.public_id}/da-nop/")

    assert page.status_code == 200
    body = page.text.split('id="next-title"', 1)[1]
    assert f'href="{INBOX}"' in body
