"""Fixtures of the apply-online tests: the demo province (agencies, the 24 demo procedures with
their internal processes and e-forms, demo citizens) loaded through the real loaders, files stored
in a temporary folder, pages in English (the msgids) so assertions do not depend on translations."""

from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from egov.dossiers.tests.conftest import MONDAY_9AM, demo, travel  # noqa: F401 - fixtures
from egov.identity.models import User

BIRTH = "1.001193"
OWNER = "citizen-044085001234"  # Nguyễn Văn Bình (demo)
STRANGER = "citizen-045190002345"  # Trần Thị Ngọc Anh (demo)
DESK_OFFICER = "ttpdonghoi_ngothithanhtam"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def at_office_hours(demo: None, travel: Callable[[Any], None]) -> None:  # noqa: F811
    travel(MONDAY_9AM)


def english_client(user: User | None = None) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def owner(at_office_hours: None) -> User:
    return User.objects.get(username=OWNER)


@pytest.fixture
def stranger(at_office_hours: None) -> User:
    return User.objects.get(username=STRANGER)


@pytest.fixture
def owner_client(owner: User) -> Client:
    return english_client(owner)


@pytest.fixture
def stranger_client(stranger: User) -> Client:
    return english_client(stranger)


# --- Driving the pages -------------------------------------------------------------------------
BIRTH_ANSWERS: dict[int, dict[str, str]] = {
    1: {"authority.registry_office": "Ủy ban nhân dân phường Đồng Hới"},
    2: {
        "requester.full_name": "Nguyễn Văn Bình",
        "requester.id_document_type": "citizen_id_card",
        "requester.citizen_id": "044085001234",
        "requester.residence": "12 Trần Hưng Đạo, phường Đồng Hới, tỉnh Quảng Trị",
        "requester.relationship": "father",
        "requester.phone": "0905110001",
        "requester.email": "nguyenvanbinh@example.com",
    },
    3: {
        "child.full_name": "Nguyễn Minh An",
        "child.birth_date": "2026-10-20",
        "child.gender": "male",
        "child.ethnicity": "Kinh",
        "child.nationality": "Việt Nam",
        "child.birth_place_kind": "health_facility",
        "child.birth_facility": "Bệnh viện Hữu nghị Việt Nam - Cu Ba Đồng Hới",
        "child.birth_place": "Bệnh viện Hữu nghị Việt Nam - Cu Ba Đồng Hới, tỉnh Quảng Trị",
        "child.hometown": "Phường Đồng Hới, tỉnh Quảng Trị",
    },
    4: {
        "mother.declared": "true",
        "mother.full_name": "Trần Thị Hoa",
        "mother.birth_year": "1995",
        "mother.ethnicity": "Kinh",
        "mother.nationality": "Việt Nam",
        "mother.residence": "12 Trần Hưng Đạo, phường Đồng Hới, tỉnh Quảng Trị",
    },
    5: {
        "father.declared": "true",
        "father.full_name": "Nguyễn Văn Bình",
        "father.birth_year": "1985",
        "father.ethnicity": "Kinh",
        "father.nationality": "Việt Nam",
        "father.residence": "12 Trần Hưng Đạo, phường Đồng Hới, tỉnh Quảng Trị",
        "father.citizen_id": "044085001234",
    },
    6: {"copies.requested": "false"},
    7: {"delivery.method": "desk"},
    8: {"declaration.confirmed": "true", "declaration.signed_at": "Phường Đồng Hới, tỉnh Quảng Trị"},
}
WITH_TWO_COPIES = {6: {"copies.requested": "true", "copies.count": "2"}}


def draft_url(application: Any, page: str = "") -> str:
    return f"/ho-so-nhap/{application.public_id}/{page}"


def start_draft(client: Client) -> Any:
    """Start a birth registration and choose the Đồng Hới ward centre; returns the draft."""
    from egov.dossiers.tests.conftest import agency_of
    from egov.portal.models import Application

    response = client.post(f"/nop-ho-so/{BIRTH}/")
    assert response.status_code == 302, response.content
    application = Application.objects.latest("pk")
    assert response["Location"] == draft_url(application, "noi-nop/")
    response = client.post(draft_url(application, "noi-nop/"), {"agency": agency_of("ttpdonghoi").pk})
    assert response.status_code == 302
    assert response["Location"] == draft_url(application, "buoc/1/")
    application.refresh_from_db()
    return application


def fill_form(
    client: Client, application: Any, overrides: dict[int, dict[str, str]] | None = None, upto: int = 8
) -> None:
    """Answer the birth registration's parts 1 to ``upto`` with "Continue"."""
    answers = {**BIRTH_ANSWERS, **(overrides or {})}
    for step in sorted(answers)[:upto]:
        response = client.post(draft_url(application, f"buoc/{step}/"), {**answers[step], "action": "continue"})
        assert response.status_code == 302, (step, response.content.decode()[:3000])


def pdf_bytes(text: str = "giay to") -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (60, 80), "white").save(buffer, "PDF", title=text)
    return buffer.getvalue()


def image_bytes(kind: str = "PNG", size: tuple[int, int] = (120, 90), mode: str = "RGB") -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new(mode, size, (200, 30, 30, 128) if mode == "RGBA" else (200, 30, 30)).save(buffer, kind)
    return buffer.getvalue()


def paper_pks() -> dict[int, int]:
    """RequiredPaper pk by its order in the birth registration's current version."""
    from egov.procedures.models import Procedure, RequiredPaper

    version = Procedure.objects.get(code=BIRTH).current_version
    return dict(RequiredPaper.objects.filter(version=version).values_list("order", "pk"))


def upload(
    client: Client, application: Any, files: dict[int, list[tuple[str, bytes, str]]], action: str = "upload"
) -> Any:
    """POST files to the papers page: {paper pk: [(name, content, content type)]}."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    data: dict[str, Any] = {"action": action}
    for paper_pk, items in files.items():
        data[f"paper-{paper_pk}"] = [
            SimpleUploadedFile(name, content, content_type) for name, content, content_type in items
        ]
    return client.post(draft_url(application, "giay-to/"), data)


def attach_mandatory(client: Client, application: Any) -> None:
    pks = paper_pks()
    response = upload(
        client,
        application,
        {
            pks[1]: [("giay-chung-sinh.pdf", pdf_bytes(), "application/pdf")],
            pks[5]: [("can-cuoc.jpg", image_bytes("JPEG"), "image/jpeg")],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    answer_cases(client, application, "no")


def answer_cases(client: Client, application: Any, answer: str) -> Any:
    """Answer every yes/no question of the papers page ("Trẻ em bị bỏ rơi" …) with ``answer``."""
    from egov.portal.models import Application
    from egov.portal.selectors_apply import application_paper_plan

    plan = application_paper_plan(Application.objects.get(pk=application.pk))
    data = {"action": "answer", **{question.input_name: answer for question in plan.questions}}
    response = client.post(draft_url(application, "giay-to/"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return response
