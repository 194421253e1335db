"""Uploading the required papers of a draft: types read from the content, size and count limits,
photos made into PDF, a message naming each refused file, removal."""

from typing import Any

import pytest
from django.test import Client

from egov.portal.models import ApplicationFile
from egov.portal.tests.conftest import (
    answer_cases,
    draft_url,
    fill_form,
    image_bytes,
    paper_pks,
    pdf_bytes,
    start_draft,
    upload,
)

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


@pytest.fixture
def draft(owner_client: Client):
    return start_draft(owner_client)


def stored_files(settings) -> list[Any]:
    from pathlib import Path

    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("virus.exe", EXE, "application/octet-stream"),
        ("ghi-chu.pdf", "Đây là một tệp văn bản".encode(), "application/pdf"),  # text renamed .pdf
        ("giay-chung-sinh.pdf", EXE, "application/pdf"),  # a program renamed .pdf
    ],
)
def test_a_file_that_is_not_pdf_jpg_or_png_is_refused_by_name(
    owner_client, draft, settings, name, content, content_type
):
    paper = paper_pks()[1]
    # when
    response = upload(owner_client, draft, {paper: [(name, content, content_type)]})
    # then
    html = response.content.decode()
    assert response.status_code == 400
    assert f"The file “{name}” is not a PDF, JPG or PNG file." in html
    assert f'<a href="#paper-input-{paper}">' in html  # the summary links to the file input
    assert f'id="paper-input-{paper}-error"' in html
    assert ApplicationFile.objects.count() == 0
    assert stored_files(settings) == []


def test_a_file_over_the_size_limit_is_refused_and_nothing_is_stored(owner_client, draft, settings):
    settings.PORTAL_UPLOAD_MAX_BYTES = 1024 * 1024
    big = pdf_bytes() + b"%" * (1024 * 1024) + b"\n%%EOF\n"
    response = upload(owner_client, draft, {paper_pks()[1]: [("scan-lon.pdf", big, "application/pdf")]})
    assert response.status_code == 400
    assert "The file “scan-lon.pdf” is larger than 1 MB." in response.content.decode()
    assert ApplicationFile.objects.count() == 0
    assert stored_files(settings) == []


@pytest.mark.parametrize(("kind", "mode", "name"), [("PNG", "RGBA", "anh.png"), ("JPEG", "RGB", "anh.jpg")])
def test_a_photo_becomes_a_pdf(owner_client, draft, kind, mode, name):
    response = upload(
        owner_client, draft, {paper_pks()[5]: [(name, image_bytes(kind, (1600, 1200), mode), f"image/{kind.lower()}")]}
    )
    assert response.status_code == 302
    stored = ApplicationFile.objects.get()
    content = stored.file.open("rb").read()
    assert content.startswith(b"%PDF-")
    assert b"%%EOF" in content[-64:]
    assert (stored.original_name, stored.converted_from_image, stored.content_type) == (name, True, "application/pdf")
    assert stored.size == len(content)
    page = owner_client.get(draft_url(draft, "giay-to/")).content.decode()
    assert "photo made into PDF" in page
    download = owner_client.get(draft_url(draft, f"giay-to/{stored.pk}/"))
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_good_files_are_kept_when_another_is_refused(owner_client, draft):
    pks = paper_pks()
    response = upload(
        owner_client,
        draft,
        {pks[1]: [("giay-chung-sinh.pdf", pdf_bytes(), "application/pdf")], pks[5]: [("cccd.exe", EXE, "image/jpeg")]},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "“giay-chung-sinh.pdf” was added." in html
    assert "The file “cccd.exe” is not a PDF, JPG or PNG file." in html
    assert list(ApplicationFile.objects.values_list("original_name", flat=True)) == ["giay-chung-sinh.pdf"]


def test_damaged_photo_and_cut_pdf_are_refused(owner_client, draft):
    pks = paper_pks()
    response = upload(
        owner_client,
        draft,
        {
            pks[1]: [("cut.pdf", pdf_bytes()[:-40], "application/pdf")],
            pks[5]: [("broken.jpg", b"\xff\xd8\xff\xe0garbage", "image/jpeg")],
        },
    )
    html = response.content.decode()
    assert "The PDF file “cut.pdf” is incomplete or damaged." in html
    assert "The photo “broken.jpg” could not be read" in html
    assert ApplicationFile.objects.count() == 0


def test_a_photo_with_too_many_pixels_is_refused(owner_client, draft, settings):
    settings.PORTAL_IMAGE_MAX_PIXELS = 1_000_000
    response = upload(
        owner_client, draft, {paper_pks()[5]: [("huge.png", image_bytes("PNG", (2000, 1000)), "image/png")]}
    )
    assert "The photo “huge.png” has too many pixels (more than 1 million)." in response.content.decode()
    assert ApplicationFile.objects.count() == 0


def test_files_per_paper_are_limited(owner_client, draft, settings):
    settings.PORTAL_UPLOAD_MAX_FILES_PER_PAPER = 2
    files = [(f"trang-{n}.pdf", pdf_bytes(), "application/pdf") for n in range(3)]
    response = upload(owner_client, draft, {paper_pks()[1]: files})
    assert "The file “trang-2.pdf” was not added: at most 2 files for one paper." in response.content.decode()
    assert ApplicationFile.objects.count() == 2


def test_remove_a_file(owner_client, draft, settings, django_capture_on_commit_callbacks):
    upload(owner_client, draft, {paper_pks()[1]: [("sai.pdf", pdf_bytes(), "application/pdf")]})
    stored = ApplicationFile.objects.get()
    assert len(stored_files(settings)) == 1
    with django_capture_on_commit_callbacks(execute=True):  # the stored file goes once the removal commits
        response = owner_client.post(draft_url(draft, f"giay-to/{stored.pk}/xoa/"), follow=True)
    assert "“sai.pdf” was removed." in response.content.decode()
    assert ApplicationFile.objects.count() == 0
    assert stored_files(settings) == []


def test_continue_needs_every_mandatory_paper(owner_client, draft):
    fill_form(owner_client, draft)
    pks = paper_pks()
    response = upload(
        owner_client, draft, {pks[1]: [("giay-chung-sinh.pdf", pdf_bytes(), "application/pdf")]}, action="continue"
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert (
        f'<a href="#paper-input-{pks[5]}">Attach “Giấy tờ tùy thân: hộ chiếu, thẻ căn cước, căn cước điện tử hoặc '
        "giấy tờ khác có ảnh còn…”: it is required.</a>"
    ) in html
    assert f"paper-input-{pks[0]}" not in html  # the declaration is the e-form: nothing to upload
    answer_cases(owner_client, draft, "no")
    response = upload(
        owner_client, draft, {pks[5]: [("cccd.jpg", image_bytes("JPEG"), "image/jpeg")]}, action="continue"
    )
    assert response["Location"] == draft_url(draft, "kiem-tra/")


def test_a_paper_the_procedure_does_not_ask_for_is_refused(owner_client, draft):
    declaration = paper_pks()[0]  # answered by the e-form: it has no file input
    response = upload(owner_client, draft, {declaration: [("to-khai.pdf", pdf_bytes(), "application/pdf")]})
    assert response.status_code == 302
    assert "This procedure asks for no such paper." in owner_client.get(response["Location"]).content.decode()
    assert ApplicationFile.objects.count() == 0
