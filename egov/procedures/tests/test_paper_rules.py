"""Papers as a citizen understands them (issue 13): the importers tell papers from the notes the
national records put in the same table, mark each paper mandatory, conditional (with its case) or
optional, and a re-import or ``reclassify_papers`` fixes procedures imported before."""

import json
from functools import cache
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from config.env import BASE_DIR
from egov.core.errors import ApplicationError
from egov.core.models import AuditEntry
from egov.procedures.contracts import PaperData, ProcedureData
from egov.procedures.eforms import eform_schema_for
from egov.procedures.importers.flat_papers import parse_papers
from egov.procedures.importers.paper_rules import classify_paper
from egov.procedures.models import Procedure, RequiredPaper
from egov.procedures.services.catalogue import procedure_save

DATA = BASE_DIR.parent / "shared" / "data" / "procedures"
LABELS = Path(__file__).parent / "data" / "paper_labels.jsonl"


@cache
def records() -> dict[str, dict[str, Any]]:
    lines = (DATA / "national_catalogue_sample.jsonl").read_text(encoding="utf-8").splitlines()
    return {raw["ma_thu_tuc"]: raw for raw in map(json.loads, lines)}


def papers_of(code: str) -> list[PaperData]:
    papers, _warnings = parse_papers(records()[code]["thanh_phan_ho_so"])
    return papers


# -- the two procedures of the issue -------------------------------------------------------------


def test_birth_registration_keeps_its_papers_and_turns_the_notes_into_guidance() -> None:
    # given the national record of birth registration (33 rows under "Thành phần hồ sơ")
    rows = papers_of("1.001193")
    assert len(rows) == 33
    # when the importer reads it, then 9 rows are papers and the other 24 are notes
    papers = [row for row in rows if row.kind == "paper"]
    notes = [row for row in rows if row.kind == "note"]
    assert len(papers) == 9
    assert len(notes) == 24
    # the officer's duties, consular legalisation and the exemptions are notes, not papers
    assert all(row.kind == "note" for row in rows if row.name.startswith("Người tiếp nhận có trách nhiệm"))
    assert [row.kind for row in rows if "hợp pháp hóa lãnh sự" in row.name] == ["note"]
    assert [row.kind for row in rows if row.name.endswith("thì không phải nộp bản giấy.")] == ["note"]
    # only the birth certificate and the identity paper are asked of everyone
    assert [row.name[:15] for row in papers if row.requirement == "mandatory"] == ["Giấy chứng sinh", "Hộ chiếu/Thẻ că"]
    # the power of attorney is needed only when someone applies on the parents' behalf
    attorney = next(row for row in papers if row.name.startswith("Văn bản ủy quyền"))
    assert attorney.requirement == "conditional"
    assert attorney.condition == "trong trường hợp ủy quyền thực hiện việc đăng ký khai sinh"
    abandoned = next(row for row in papers if "bị bỏ rơi" in row.name)
    assert (abandoned.requirement, abandoned.condition) == ("conditional", "Trường hợp trẻ em bị bỏ rơi")
    # the paper declaration is for the desk and the post, the interactive e-form for online
    declaration = next(row for row in papers if row.name.startswith("Tờ khai đăng ký khai sinh"))
    assert declaration.condition_rule == {"channel": ["counter", "post"]}
    eform = next(row for row in papers if row.name.startswith("Mẫu hộ tịch điện tử tương tác"))
    assert eform.condition_rule == {"channel": ["online_partial", "online_full"]}
    postal = next(row for row in papers if row.name.startswith("Trường hợp gửi hồ sơ qua hệ thống bưu chính"))
    assert postal.condition_rule == {"channel": ["post"]}


def test_copy_of_birth_extract_has_seven_papers_and_eighteen_notes() -> None:
    rows = papers_of("2.000635")
    assert len(rows) == 25
    assert [row.kind for row in rows].count("paper") == 7
    # everyone shows an identity paper; the declaration depends on the channel, the rest on a case
    assert [row.name[:15] for row in rows if row.is_mandatory] == ["Hộ chiếu/Thẻ că"]


# -- each rule on its own ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "group", "originals", "rule"),
    [
        ("Cá nhân có quyền lựa chọn thực hiện thủ tục", "* Lưu ý:", 0, "note-group"),
        ("Số lượng hồ sơ: 01 (bộ)", "", 0, "note-label"),
        ("Lưu ý: Trường hợp trực tiếp nộp hồ sơ thì văn bản đề nghị bổ sung họ tên", "", 0, "note-label"),
        ("Người tiếp nhận có trách nhiệm tiếp nhận đúng, đủ hồ sơ", "", 0, "desk-duty"),
        (
            "Giấy tờ do cơ quan có thẩm quyền của nước ngoài cấp phải được hợp pháp hóa lãnh sự theo quy định, "
            "trừ trường hợp được miễn",
            "",
            0,
            "paper-rule",
        ),
        ("Đối với giấy tờ gửi kèm theo nếu người yêu cầu nộp hồ sơ theo hình thức trực tuyến:", "", 0, "heading"),
        ("Trường hợp người yêu cầu đã nộp bản điện tử thì không phải nộp bản giấy.", "", 0, "exemption"),
        (
            "Trường hợp cha, mẹ không thỏa thuận được về họ của con thì họ của con được xác định theo tập quán.",
            "",
            0,
            "case-without-paper",
        ),
        (
            "Trường hợp ủy quyền cho đơn vị bưu chính thì việc ủy quyền thực hiện theo quy định tại điểm b khoản 2",
            "",
            1,
            "case-process",
        ),
    ],
)
def test_notes_are_recognised_by_their_rule(name: str, group: str, originals: int, rule: str) -> None:
    found = classify_paper(name, group=group, originals=originals)
    assert (found.kind, found.rule) == ("note", rule)


def test_papers_and_their_requirement() -> None:
    plain = classify_paper("Đơn đề nghị cấp giấy phép theo Mẫu số 01", originals=1)
    assert (plain.kind, plain.requirement) == ("paper", "mandatory")
    case = classify_paper("Trường hợp trẻ em bị bỏ rơi thì phải có biên bản về việc trẻ bị bỏ rơi", originals=1)
    assert (case.requirement, case.condition) == ("conditional", "Trường hợp trẻ em bị bỏ rơi")
    if_any = classify_paper("Các tài liệu liên quan khác kèm theo (nếu có).", originals=1)
    assert (if_any.requirement, if_any.condition) == ("optional", "nếu có")
    # "(nếu có)" qualifying a part of the paper leaves the paper mandatory
    part = classify_paper("Bình đồ khu vực, công trình liền kề (nếu có) trên hệ tọa độ VN2000", originals=1)
    assert part.requirement == "mandatory"
    # an alternative to the same paper is not a case
    alternative = classify_paper("Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản", originals=1)
    assert alternative.requirement == "mandatory"
    grouped = classify_paper("Giấy giới thiệu", group="Trường hợp ủy quyền thực hiện thủ tục:", originals=1)
    assert (grouped.requirement, grouped.condition) == ("conditional", "Trường hợp ủy quyền thực hiện thủ tục")
    # a row that names a document and asks it of a case is a paper, even with "0 bản chính"
    postal = classify_paper("Trường hợp gửi hồ sơ qua hệ thống bưu chính thì phải gửi kèm theo bản sao có chứng thực")
    assert (postal.kind, postal.condition_rule) == ("paper", {"channel": ["post"]})


def test_hand_labelled_rows_are_read_as_labelled_by_the_importer() -> None:
    # given the rows classified by hand (bench/papers.py measures them); the importer reads each row
    labels = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()]
    assert len(labels) >= 100
    rows = {(label["code"], label["order"]): papers_of(label["code"])[label["order"]] for label in labels}
    # then the label file still describes the importer's rows, and most are read as labelled
    assert all(rows[(label["code"], label["order"])].name == label["text"] for label in labels)
    agree = sum(1 for label in labels if label["is_paper"] == (rows[(label["code"], label["order"])].kind == "paper"))
    assert agree >= len(labels) - 5


# -- storing and re-importing --------------------------------------------------------------------


def _import(tmp_path: Path, *codes: str) -> str:
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(json.dumps(records()[code], ensure_ascii=False) for code in codes), encoding="utf-8")
    out = StringIO()
    call_command("import_procedures", str(path), stdout=out)
    return out.getvalue()


def _as_imported_before(code: str) -> ProcedureData:
    """What the importer stored before issue 13: every row a paper."""
    from egov.procedures.importers.national_catalogue import national_record

    data = national_record(records()[code], ref="x").data
    assert data is not None
    old = tuple(
        PaperData(
            name=paper.name,
            originals=paper.originals,
            copies=paper.copies,
            quantity_text=paper.quantity_text,
            group=paper.group,
            template_name=paper.template_name,
        )
        for paper in data.papers
    )
    return ProcedureData(**{**data.__dict__, "papers": old})


@pytest.mark.django_db
def test_reimport_fixes_papers_imported_before_and_is_then_unchanged(tmp_path: Path) -> None:
    # given 1.001193 stored as the importer did before: 33 papers
    procedure_save(data=_as_imported_before("1.001193"), acting_user=None)
    procedure = Procedure.objects.get(code="1.001193")
    assert RequiredPaper.objects.filter(version=procedure.current_version, kind="paper").count() == 33
    # when the national record is imported again
    text = _import(tmp_path, "1.001193")
    # then a new version holds 9 papers and 24 notes, audited as an update
    assert "Created: 0, updated: 1, unchanged: 0" in text
    procedure.refresh_from_db()
    rows = RequiredPaper.objects.filter(version=procedure.current_version)
    assert rows.filter(kind="paper").count() == 9
    assert rows.filter(kind="note").count() == 24
    assert rows.filter(is_mandatory=True).count() == 2
    assert AuditEntry.objects.filter(action="procedures.procedure_update", object_id=str(procedure.pk)).exists()
    # and a second import changes nothing
    assert "Created: 0, updated: 0, unchanged: 1" in _import(tmp_path, "1.001193")


@pytest.mark.django_db
def test_reclassify_papers_fixes_imported_procedures_without_the_source() -> None:
    # given two procedures imported before, and a demo-like one written by hand
    procedure_save(data=_as_imported_before("1.001193"), acting_user=None)
    procedure_save(data=_as_imported_before("2.000635"), acting_user=None)
    procedure_save(
        data=ProcedureData(code="9.000001", name="Thủ tục viết tay", source="admin", papers=(PaperData("Lưu ý: x"),)),
        acting_user=None,
    )
    # when the papers are reclassified (a dry run first saves nothing)
    out = StringIO()
    call_command("reclassify_papers", "--dry-run", stdout=out)
    assert "Updated: 2, unchanged: 0" in out.getvalue()
    assert RequiredPaper.objects.filter(kind="note").count() == 0
    call_command("reclassify_papers", stdout=StringIO())
    # then the imported ones are fixed and the hand-written one is left as it was
    counts = {
        code: RequiredPaper.objects.filter(
            version__procedure__code=code, version__status="published", kind="paper"
        ).count()
        for code in ("1.001193", "2.000635", "9.000001")
    }
    assert counts == {"1.001193": 9, "2.000635": 7, "9.000001": 1}
    again = StringIO()
    call_command("reclassify_papers", stdout=again)
    assert "Updated: 0, unchanged: 2" in again.getvalue()


@pytest.mark.django_db
def test_a_condition_rule_must_name_a_field_of_the_eform() -> None:
    schema = eform_schema_for("1.001193")
    attorney = PaperData(
        "Văn bản ủy quyền",
        requirement="conditional",
        condition="Khi ủy quyền cho người khác",
        condition_rule={"field": "requester.relationship", "equals": "authorised"},
    )
    data = ProcedureData(code="1.001193", name="Thủ tục đăng ký khai sinh", form_schema=schema, papers=(attorney,))
    procedure_save(data=data, acting_user=None)
    stored = RequiredPaper.objects.get(version__procedure__code="1.001193")
    assert stored.condition_rule == {"field": "requester.relationship", "equals": "authorised"}
    assert stored.is_mandatory is False
    wrong = PaperData(
        "Văn bản ủy quyền", requirement="conditional", condition_rule={"field": "nobody.knows", "equals": 1}
    )
    with pytest.raises(ApplicationError) as refused:
        procedure_save(
            data=ProcedureData(code="1.001193", name="x", form_schema=schema, papers=(wrong,)), acting_user=None
        )
    assert refused.value.code == "procedure_invalid"
    assert "papers[0].condition_rule" in (refused.value.fields or {})
