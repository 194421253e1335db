"""Delivery status in the Django admin: read-only, only with the permission, failed ones sent again."""

from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from egov.core.services.outbox import outbox_drain
from egov.identity.models import User, UserKind
from egov.notifications.models import Delivery, DeliveryStatus
from egov.notifications.tests.factories import CODE, EMAIL, tell
from egov.notifications.tests.smtp import SmtpSink

pytestmark = pytest.mark.django_db
LIST = "/admin/notifications/delivery/"


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def root(db: Any) -> User:
    return User.objects.create_superuser(username="root", password="x" * 12, email="root@example.vn")


def test_the_delivery_status_is_listed_and_searchable_by_dossier_code(root: User) -> None:
    tell("supplement", email="binh@", phone="0905110001")  # the e-mail address is invalid
    page = login(root).get(LIST, {"q": CODE})
    assert page.status_code == 200
    assert list(page.context["cl"].result_list) == list(Delivery.objects.order_by("-created_at", "-id"))
    detail = login(root).get(f"{LIST}{Delivery.objects.get(channel='email').pk}/change/")
    assert "invalid address" in detail.text
    assert login(root).get(f"{LIST}add/").status_code == 403


def test_staff_without_the_permission_do_not_see_citizens_addresses(db: Any) -> None:
    officer = User.objects.create_user(username="an.nv", password="x" * 12, kind=UserKind.STAFF, is_staff=True)
    tell("supplement")
    assert login(officer).get(LIST).status_code == 403
    officer.user_permissions.add(Permission.objects.get(codename="view_delivery"))
    officer = User.objects.get(pk=officer.pk)  # drop the permission cache
    assert login(officer).get(LIST).status_code == 200


def test_a_failed_delivery_is_sent_again_from_the_admin(root: User, smtp: SmtpSink) -> None:
    smtp.refusals[EMAIL] = "550 5.2.1 Mailbox disabled"
    tell("supplement", phone="")
    outbox_drain()
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED
    del smtp.refusals[EMAIL]
    response = login(root).post(LIST, {"action": "send_again", "_selected_action": [delivery.pk]})
    assert response.status_code == 302
    outbox_drain()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT
    assert len(smtp.accepted) == 1
