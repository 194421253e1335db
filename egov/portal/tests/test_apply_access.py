"""A draft is its citizen's alone: another citizen gets 404 on every page and every action, and
nothing changes; anonymous visitors are sent to the citizen login."""

import pytest
from django.test import Client

from egov.dossiers.models import Dossier
from egov.portal.models import Application, ApplicationFile
from egov.portal.tests.conftest import attach_mandatory, draft_url, english_client, fill_form, start_draft

PAGES = ["", "noi-nop/", "buoc/1/", "buoc/2/", "giay-to/", "kiem-tra/", "da-nop/", "xoa/"]
ACTIONS = ["noi-nop/", "buoc/1/", "giay-to/", "thanh-toan/", "nop/", "xoa/"]


@pytest.fixture
def complete_draft(owner_client: Client):
    application = start_draft(owner_client)
    fill_form(owner_client, application)
    attach_mandatory(owner_client, application)
    return application


@pytest.mark.parametrize("page", PAGES)
def test_another_citizen_cannot_see_my_draft(complete_draft, stranger_client, page):
    assert stranger_client.get(draft_url(complete_draft, page)).status_code == 404


@pytest.mark.parametrize("action", ACTIONS)
def test_another_citizen_cannot_change_or_submit_my_draft(complete_draft, stranger_client, action):
    before = Application.objects.values().get()
    response = stranger_client.post(
        draft_url(complete_draft, action), {"authority.registry_office": "X", "agency": "1", "action": "continue"}
    )
    assert response.status_code == 404
    assert Application.objects.values().get() == before
    assert Dossier.objects.count() == 0


def test_another_citizen_cannot_open_upload_or_remove_my_files(complete_draft, stranger_client):
    stored = ApplicationFile.objects.first()
    assert stored is not None
    assert stranger_client.get(draft_url(complete_draft, f"giay-to/{stored.pk}/")).status_code == 404
    assert stranger_client.post(draft_url(complete_draft, f"giay-to/{stored.pk}/xoa/")).status_code == 404
    assert ApplicationFile.objects.count() == 2


def test_my_drafts_list_shows_only_mine(complete_draft, stranger_client, owner_client):
    assert str(complete_draft.public_id) in owner_client.get("/ho-so-nhap/").content.decode()
    assert str(complete_draft.public_id) not in stranger_client.get("/ho-so-nhap/").content.decode()


@pytest.mark.parametrize("page", ["", "buoc/1/", "giay-to/", "kiem-tra/"])
def test_anonymous_visitors_are_sent_to_the_citizen_login(complete_draft, page):
    url = draft_url(complete_draft, page)
    response = english_client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/citizen/login/?next=")


def test_expired_draft_is_gone(complete_draft, owner, travel):
    from datetime import timedelta

    travel(complete_draft.expires_at - timedelta(minutes=1))
    assert english_client(owner).get(draft_url(complete_draft, "kiem-tra/")).status_code == 200
    travel(complete_draft.expires_at + timedelta(minutes=1))
    assert english_client(owner).get(draft_url(complete_draft, "kiem-tra/")).status_code == 404
