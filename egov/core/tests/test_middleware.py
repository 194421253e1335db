import pytest
from django.conf import settings
from django.test import Client


@pytest.mark.django_db
def test_english_browser_still_gets_vietnamese_by_default(client: Client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert response["Content-Language"] == "vi"


@pytest.mark.django_db
def test_language_chosen_with_the_switch_is_kept(client: Client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="vi")
    assert response["Content-Language"] == "en"
