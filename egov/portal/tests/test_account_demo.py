"""The demo citizen: after ``load_demo``, Lê Thị Thu Hà logs in and finds dossiers in every state a
citizen meets, one waiting for her papers and one with a signed result to download, and in her inbox
the notices the engine sent her at each step of their history."""

# ruff: noqa: F811 - the fixtures of the one-stop engine's tests are imported by name

from io import StringIO
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.test import Client

from egov.core.models import AuditEntry
from egov.dossiers import demo_citizen
from egov.dossiers.demo import dossiers_load_demo
from egov.dossiers.demo_citizen import demo_citizen_load
from egov.dossiers.models import Dossier, DossierEvent, DossierFile
from egov.dossiers.tests.conftest import demo  # noqa: F401 - a fixture
from egov.notifications.models import Delivery, Notification
from egov.signing.demo import signing_load_demo


def test_the_demo_citizen_logs_in_and_sees_her_dossiers(
    demo: None,
    settings: Any,
    tmp_path: Path,
) -> None:
    # given the demo with its certificates and dossiers
    settings.MEDIA_ROOT = str(tmp_path)
    settings.EGOV_CALENDAR_REVALIDATE_SECONDS = 3600
    signing_load_demo()
    dossiers_load_demo()
    # when the demo citizen is loaded (twice: the second time changes nothing)
    summary = demo_citizen_load()
    again = demo_citizen_load()
    # then she owns dossiers in each state, with her own details
    assert summary.created
    assert not again.created
    assert again.dossiers == summary.dossiers
    statuses = {status for _code, status in summary.dossiers}
    assert {"submitted", "processing", "waiting_supplement", "resolved", "returned"} <= statuses
    mine = Dossier.objects.filter(applicant_user__citizen_id=demo_citizen.CITIZEN_ID)
    assert set(mine.values_list("applicant_name", "applicant_phone").distinct()) == {("Lê Thị Thu Hà", "0912345678")}
    assert AuditEntry.objects.filter(action="dossiers.demo_citizen_load").count() == 1
    # what the applicant did in their history is hers too, not the previous demo citizen's
    citizens_acting = DossierEvent.objects.filter(dossier__in=mine, actor__kind="citizen")
    assert citizens_acting.exists()
    assert set(citizens_acting.values_list("actor__citizen_id", "actor_label").distinct()) == {
        (demo_citizen.CITIZEN_ID, "Lê Thị Thu Hà")
    }
    assert "DemoQT@2026" in summary.describe()
    # her inbox holds the notices of their history: one per event told to an applicant, sent at its moment
    inbox = Notification.objects.filter(recipient__citizen_id=demo_citizen.CITIZEN_ID)
    kinds = set(inbox.values_list("kind", flat=True))
    assert {"dossier.submitted", "dossier.accepted", "dossier.supplement", "dossier.resolved"} <= kinds
    assert "dossier.returned" in kinds
    for code, _status in summary.dossiers:
        told = inbox.filter(link=f"/ca-nhan/ho-so/{code}/")
        assert told.exists(), code
        moments = set(DossierEvent.objects.filter(dossier__code=code).values_list("occurred_at", flat=True))
        assert set(told.values_list("created_at", flat=True)) <= moments, code
        assert all("Lê Thị Thu Hà" in letter for letter in told.values_list("letter", flat=True)), code
    links = [f"/ca-nhan/ho-so/{code}/" for code, _status in summary.dossiers]
    assert not Notification.objects.filter(link__in=links).exclude(recipient__citizen_id=demo_citizen.CITIZEN_ID)
    assert Delivery.objects.filter(notification__in=inbox, address=demo_citizen.EMAIL).count() == inbox.count()
    # she logs in with her phone number and the demo password
    client = Client()
    response = client.post(
        "/accounts/citizen/login/",
        {"identifier": demo_citizen.PHONE, "password": "DemoQT@2026", "next": "/ca-nhan/ho-so/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/ca-nhan/ho-so/"
    listing = client.get("/ca-nhan/ho-so/")
    assert listing.context["page"].count == len(summary.dossiers)
    assert listing.context["page"].counts["supplement"] >= 1
    # the result ready is signed, and she can download it
    resolved = mine.get(status="resolved")
    signed = DossierFile.objects.get(dossier=resolved, is_signed=True)
    page = client.get(f"/ca-nhan/ho-so/{resolved.code}/")
    assert [f.id for f in page.context["dossier"].results] == [signed.pk]
    assert client.get(f"/ca-nhan/ho-so/{resolved.code}/tep/{signed.pk}/").status_code == 200
    # the dossier waiting for her papers offers the upload form
    waiting = mine.get(status="waiting_supplement")
    assert f"/ca-nhan/ho-so/{waiting.code}/bo-sung/" in client.get(f"/ca-nhan/ho-so/{waiting.code}/").content.decode()
    # and her inbox lists the notices, unread, the request for her papers among them
    inbox_page = client.get("/ca-nhan/thong-bao/").content.decode()
    assert f"/ca-nhan/ho-so/{waiting.code}/" in inbox_page
    assert client.get("/ca-nhan/thong-bao/?unread=1").status_code == 200


def test_load_demo_prints_the_citizen_login(demo: None, settings: Any, tmp_path: Path) -> None:
    # given the province and catalogue loaded (the fixture), the command adds certificates, dossiers, the citizen
    settings.MEDIA_ROOT = str(tmp_path)
    settings.EGOV_CALENDAR_REVALIDATE_SECONDS = 3600
    out = StringIO()
    call_command("load_demo", "--if-empty", "--force", stdout=out)
    assert "Demo citizen Lê Thị Thu Hà" in out.getvalue()
    assert "0912345678" in out.getvalue()
