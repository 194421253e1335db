import pytest

from egov.core.models import AuditEntry
from egov.identity.models import ApiToken
from egov.identity.services.tokens import api_token_create
from egov.identity.tests.factories import make_staff


@pytest.mark.django_db
def test_security_page_lists_own_tokens_without_secrets(client, staff_user):
    mine, secret = api_token_create(user=staff_user, name="Kết nối LGSP", acting_user=None)
    api_token_create(user=make_staff(), name="Của người khác", acting_user=None)
    client.force_login(staff_user)
    html = client.get("/accounts/security/").content.decode()
    assert "Kết nối LGSP" in html
    assert mine.prefix in html
    assert secret not in html
    assert "Của người khác" not in html
    assert "Bật xác thực hai bước" in html


@pytest.mark.django_db
def test_revoking_from_the_page_is_post_only_and_own_tokens_only(client, staff_user):
    mine, _ = api_token_create(user=staff_user, name="Mine", acting_user=None)
    theirs, _ = api_token_create(user=make_staff(), name="Theirs", acting_user=None)
    client.force_login(staff_user)
    response = client.get(f"/accounts/security/tokens/{mine.pk}/revoke/")  # the page holding the button
    assert (response.status_code, response["Location"]) == (302, "/accounts/security/")
    assert client.post(f"/accounts/security/tokens/{theirs.pk}/revoke/").status_code == 404
    response = client.post(f"/accounts/security/tokens/{mine.pk}/revoke/")
    assert response.status_code == 302
    assert ApiToken.objects.get(pk=mine.pk).revoked_at is not None
    assert ApiToken.objects.get(pk=theirs.pk).revoked_at is None
    assert AuditEntry.objects.get(action="identity.token_revoke").actor_id == staff_user.pk
