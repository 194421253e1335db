"""The papers step as a citizen understands it (issue 13): only papers (the procedure's notes are
guidance), each missing paper named, conditional papers asked for only when their case applies —
decided from the e-form answers or the channel where a rule says so, else asked as a yes/no question.
Also the catalogue imported from the national record, and the procedure page's count of papers."""

import json
import re
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from config.env import BASE_DIR
from egov.portal.models import Application
from egov.portal.selectors_apply import application_paper_plan
from egov.portal.tests.conftest import (
    BIRTH,
    answer_cases,
    draft_url,
    fill_form,
    image_bytes,
    paper_pks,
    pdf_bytes,
    start_draft,
    upload,
)
from egov.procedures.models import Procedure

DATA = BASE_DIR.parent / "shared" / "data" / "procedures"
FILE_INPUT = re.compile(r'<input type="file" id="paper-input-(\d+)"')


def file_inputs(html: str) -> list[int]:
    return [int(pk) for pk in FILE_INPUT.findall(html)]


def papers_page(client: Client, application: Any) -> str:
    response = client.get(draft_url(application, "giay-to/"))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def draft(owner_client: Client) -> Any:
    return start_draft(owner_client)


def test_a_father_is_asked_only_for_the_papers_that_apply_to_him(owner_client, draft):
    # given a father who filled in the birth registration form for his child
    fill_form(owner_client, draft)
    pks = paper_pks()
    # when he opens the papers step
    html = papers_page(owner_client, draft)
    # then he uploads the birth certificate and his identity paper, may add a proof of residence, and
    # is not asked for a power of attorney (he applies himself) nor postal copies (he applies online)
    assert file_inputs(html) == [pks[1], pks[5], pks[6]]
    assert "Văn bản ủy quyền" not in html
    assert "Bản sao có chứng thực các giấy tờ phải xuất trình" not in html
    # and the two cases nobody can tell from the form are asked as questions
    assert "Does this apply to you: Trẻ em bị bỏ rơi?" in html
    assert "Does this apply to you: Trẻ em sinh ra do mang thai hộ?" in html


def test_continue_names_each_missing_paper_and_each_unanswered_question(owner_client, draft):
    fill_form(owner_client, draft)
    pks = paper_pks()
    response = upload(owner_client, draft, {}, action="continue")
    html = response.content.decode()
    assert response.status_code == 400
    messages = re.findall(r'<li><a href="#([^"]+)">([^<]+)</a></li>', html)
    assert [text for _anchor, text in messages] == [
        "Answer the question: Trẻ em bị bỏ rơi?",
        "Answer the question: Trẻ em sinh ra do mang thai hộ?",
        "Attach “Giấy chứng sinh; nếu không có thì văn bản của người làm chứng xác nhận về việc sinh; nếu…”: "
        "it is required.",
        "Attach “Giấy tờ tùy thân: hộ chiếu, thẻ căn cước, căn cước điện tử hoặc giấy tờ khác có ảnh còn…”: "
        "it is required.",
    ]
    assert [anchor for anchor, _text in messages][2:] == [f"paper-input-{pks[1]}", f"paper-input-{pks[5]}"]
    # answering "no" and attaching the two papers is enough
    answer_cases(owner_client, draft, "no")
    response = upload(
        owner_client,
        draft,
        {
            pks[1]: [("giay-chung-sinh.pdf", pdf_bytes(), "application/pdf")],
            pks[5]: [("cccd.jpg", image_bytes("JPEG"), "image/jpeg")],
        },
        action="continue",
    )
    assert response["Location"] == draft_url(draft, "kiem-tra/")


def test_a_case_answered_yes_asks_for_its_paper(owner_client, draft):
    fill_form(owner_client, draft)
    pks = paper_pks()
    answer_cases(owner_client, draft, "no")
    plan = application_paper_plan(Application.objects.get(pk=draft.pk))
    abandoned = next(question for question in plan.questions if question.condition == "Trẻ em bị bỏ rơi")
    owner_client.post(draft_url(draft, "giay-to/"), {"action": "answer", abandoned.input_name: "yes"})
    html = papers_page(owner_client, draft)
    assert file_inputs(html) == [pks[1], pks[2], pks[5], pks[6]]
    plan = application_paper_plan(Application.objects.get(pk=draft.pk))
    assert [slot.paper.pk for slot in plan.missing] == [pks[1], pks[2], pks[5]]
    # the check page lists it as missing, like the mandatory ones
    review = owner_client.get(draft_url(draft, "kiem-tra/")).content.decode()
    listed = review.split('id="papers-title"')[1].split("</section>")[0]
    assert listed.count(">Missing<") == 3
    assert "Biên bản về việc trẻ bị bỏ rơi" in listed
    # a question the page does not ask is refused, never a 500
    response = owner_client.post(draft_url(draft, "giay-to/"), {"action": "answer", "case-000000000000": "yes"})
    assert response.status_code == 302
    assert Application.objects.get(pk=draft.pk).paper_answers == {
        question.key: question.condition == "Trẻ em bị bỏ rơi" for question in plan.questions
    }


def test_the_power_of_attorney_follows_the_answer_who_applies(owner_client, draft):
    # given someone applying on the parents' behalf ("Người được ủy quyền" in the form)
    fill_form(owner_client, draft, {2: {**_requester(), "requester.relationship": "authorised"}})
    pks = paper_pks()
    # then the power of attorney is asked for, decided by the form, not asked as a question
    html = papers_page(owner_client, draft)
    assert pks[4] in file_inputs(html)
    assert "Does this apply to you: Khi ủy quyền" not in html


def _requester() -> dict[str, str]:
    from egov.portal.tests.conftest import BIRTH_ANSWERS

    return dict(BIRTH_ANSWERS[2])


def _import_national(*codes: str, tmp_path: Path) -> None:
    lines = (DATA / "national_catalogue_sample.jsonl").read_text(encoding="utf-8").splitlines()
    chosen = [line for line in lines if json.loads(line)["ma_thu_tuc"] in codes]
    path = tmp_path / "national.jsonl"
    path.write_text("\n".join(chosen), encoding="utf-8")
    call_command("import_procedures", str(path), stdout=StringIO())


def test_birth_registration_imported_from_the_national_record(owner_client, tmp_path):
    # given the national record of 1.001193 imported over the demo catalogue (33 rows: before issue
    # 13 the citizen met 32 upload boxes, 19 "mandatory")
    _import_national(BIRTH, tmp_path=tmp_path)
    version = Procedure.objects.get(code=BIRTH).current_version
    assert version is not None
    assert version.papers.count() == 33
    draft = start_draft(owner_client)
    fill_form(owner_client, draft)
    # when the father opens the papers step
    html = papers_page(owner_client, draft)
    # then two papers are to upload (the birth certificate and the identity paper); the interactive
    # e-form is the declaration; the paper form and postal copies are not for an online applicant
    plan = application_paper_plan(Application.objects.get(pk=draft.pk))
    assert [slot.paper.name[:15] for slot in plan.slots] == ["Giấy chứng sinh", "Hộ chiếu/Thẻ că", "Mẫu hộ tịch điệ"]
    assert len(file_inputs(html)) == 2
    assert [slot.answered_by_eform for slot in plan.slots] == [False, False, True]
    # the cases are asked once each; the officer's duties and legalisation are notes, not papers
    assert len(plan.questions) == 4
    assert len(plan.notes) == 24
    assert html.count("Người tiếp nhận có trách nhiệm") == 1  # in "Good to know", not as a paper
    assert 'id="paper-input' not in html.split("Good to know")[1]


def test_procedure_page_counts_only_papers_and_shows_the_notes_as_guidance(client, demo, tmp_path):
    _import_national(BIRTH, tmp_path=tmp_path)
    html = client.get(f"/thu-tuc/{BIRTH}/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert 'Giấy tờ cần chuẩn bị <span class="procedure__count">(9)</span>' in html
    assert html.count('<li class="paper">') == 9
    notes = html.split('id="paper-notes"')[1].split("</section>")[0]
    assert notes.count("<li>") == 24
    assert "hợp pháp hóa lãnh sự" in notes
    start = client.get(f"/nop-ho-so/{BIRTH}/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Giấy tờ cần chuẩn bị (9)" in start


@pytest.mark.parametrize(("relationship", "asked"), [("self", False), ("authorised", True)])
def test_copies_of_an_extract_ask_for_a_power_of_attorney_only_from_someone_authorised(
    owner_client, relationship, asked
):
    # given a citizen asking for copies of a civil-status extract (2.000635), whose form says who applies
    from egov.dossiers.tests.conftest import agency_of
    from egov.portal.tests.test_apply_fees import COPY_ANSWERS, COPY_EXTRACT

    assert owner_client.post(f"/nop-ho-so/{COPY_EXTRACT}/").status_code == 302
    draft = Application.objects.latest("pk")
    owner_client.post(draft_url(draft, "noi-nop/"), {"agency": agency_of("ttpdonghoi").pk})
    answers = {**COPY_ANSWERS, 2: {**COPY_ANSWERS[2], "requester.relationship": relationship}}
    for step, values in sorted(answers.items()):
        response = owner_client.post(draft_url(draft, f"buoc/{step}/"), {**values, "action": "continue"})
        assert response.status_code == 302, (step, response.content.decode()[:3000])
    # when she opens the papers step
    html = papers_page(owner_client, draft)
    plan = application_paper_plan(Application.objects.get(pk=draft.pk))
    # then the power of attorney follows her answer: never asked as a question the form answered
    assert plan.questions == []
    assert "Does this apply to you: Khi ủy quyền" not in html
    assert any("Văn bản ủy quyền" in slot.paper.name for slot in plan.slots) is asked


def test_the_desk_reads_the_answers_about_papers_on_the_staff_dossier_page(owner_client, draft):
    from egov.dossiers.models import Dossier
    from egov.identity.models import User
    from egov.portal.tests.conftest import DESK_OFFICER, english_client

    # given a father who answered "yes" to the abandoned-child case (and attached its record) and "no" to surrogacy
    fill_form(owner_client, draft)
    pks = paper_pks()
    answer_cases(owner_client, draft, "no")
    plan = application_paper_plan(Application.objects.get(pk=draft.pk))
    abandoned = next(question for question in plan.questions if question.condition == "Trẻ em bị bỏ rơi")
    surrogacy = next(question for question in plan.questions if question.condition != "Trẻ em bị bỏ rơi")
    owner_client.post(draft_url(draft, "giay-to/"), {"action": "answer", abandoned.input_name: "yes"})
    pdf = [("giay.pdf", pdf_bytes(), "application/pdf")]
    assert upload(owner_client, draft, {pks[1]: pdf, pks[2]: pdf, pks[5]: pdf}).status_code == 302
    # when he submits
    assert owner_client.post(draft_url(draft, "nop/"))["Location"] == draft_url(draft, "da-nop/")
    dossier = Dossier.objects.get(code=Application.objects.get(pk=draft.pk).dossier_code)
    # then the dossier keeps each question, its answer and the papers it concerns
    assert dossier.paper_cases == [
        {"question": abandoned.condition, "answer": True, "papers": [p.name for p in abandoned.papers]},
        {"question": surrogacy.condition, "answer": False, "papers": [p.name for p in surrogacy.papers]},
    ]
    # and the desk reads them on the dossier page: the question, the answer, what it made required or not needed
    html = english_client(User.objects.get(username=DESK_OFFICER)).get(f"/staff/dossiers/{dossier.code}/").text
    section = html.split('id="paper-cases-title"')[1].split("</section>")[0]
    assert "The applicant's answers about papers" in html
    yes_part, no_part = section.split(surrogacy.condition)
    assert abandoned.condition in yes_part
    assert ">Yes<" in yes_part
    assert "Required because of this answer:" in yes_part
    assert "Biên bản về việc trẻ bị bỏ rơi" in yes_part
    assert ">No<" in no_part
    assert "Not needed because of this answer:" in no_part
    assert all(p.name in no_part for p in surrogacy.papers)
