"""The catalogue's one write path: versions, content hash, search columns, audit, validation."""

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import translation

from egov.core.errors import ApplicationError, NotFoundError
from egov.core.models import AuditEntry
from egov.core.services.audit import audit_verify
from egov.identity.models import User
from egov.organisation.tests.factories import make_agency, make_user
from egov.procedures.choices import ChannelKind, TimeUnit, VersionStatus
from egov.procedures.contracts import ChannelData, LegalBasisData, PaperData, ProcedureData
from egov.procedures.eforms import eform_schema_for
from egov.procedures.models import Channel, Procedure, ProcedureField, ProcedureVersion, RequiredPaper
from egov.procedures.services.catalogue import (
    content_hash,
    procedure_data_from_version,
    procedure_field_rename,
    procedure_save,
    procedure_set_active,
    procedure_set_form_schema,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db


def birth(**changes: object) -> ProcedureData:
    data = ProcedureData(
        code="1.001193",
        name="Đăng ký khai sinh",
        field_name="Hộ tịch",
        level_codes=("commune",),
        competent_agency="Ủy ban nhân dân cấp xã",
        implementing_agency="Ủy ban nhân dân xã, phường, đặc khu",
        channels=(
            ChannelData(ChannelKind.COUNTER, Decimal(1), TimeUnit.WORKING_DAY, "1 Ngày làm việc"),
            ChannelData(
                ChannelKind.ONLINE_FULL,
                Decimal("1"),
                TimeUnit.WORKING_DAY,
                fees=({"amount": "0", "currency": "VND", "description": "Lệ phí"},),
            ),
        ),
        papers=(
            PaperData("Tờ khai đăng ký khai sinh", originals=1, template_name="Mẫu tờ khai.docx"),
            PaperData("Giấy chứng sinh", originals=1),
        ),
        legal_bases=(LegalBasisData("60/2014/QH13", "Luật Hộ tịch"),),
        results=({"name": "Giấy khai sinh", "code": "KQ.G15.000001"},),
        source="test",
    )
    return replace(data, **changes)  # type: ignore[arg-type]


@pytest.fixture
def officer() -> User:
    return make_user(username="catalogue.admin")


@time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False)
def test_first_save_creates_version_one_with_its_rows_and_search_columns(officer: User) -> None:
    # when
    result = procedure_save(data=birth(), acting_user=officer)
    # then
    assert result.outcome == "created"
    procedure = Procedure.objects.get(code="1.001193")
    version = ProcedureVersion.objects.get(procedure=procedure)
    assert (version.number, version.status, version.valid_from, version.valid_to) == (
        1,
        VersionStatus.PUBLISHED,
        date(2026, 3, 2),
        None,
    )
    assert procedure.current_version_id == version.pk == result.version.pk
    assert (procedure.name, procedure.name_folded, procedure.field.name) == (  # type: ignore[union-attr]
        "Đăng ký khai sinh",
        "dang ky khai sinh",
        "Hộ tịch",
    )
    assert procedure.search_text == (
        "1.001193 dang ky khai sinh ho tich uy ban nhan dan cap xa uy ban nhan dan xa, phuong, dac khu"
    )
    assert (procedure.has_online, procedure.has_full_online) == (True, True)
    assert list(version.levels.values_list("code", flat=True)) == ["commune"]
    assert list(Channel.objects.filter(version=version).order_by("pk").values_list("kind", "processing_time")) == [
        ("counter", Decimal("1.00")),
        ("online_full", Decimal("1.00")),
    ]
    assert list(RequiredPaper.objects.filter(version=version).values_list("order", "name", "template_name")) == [
        (0, "Tờ khai đăng ký khai sinh", "Mẫu tờ khai.docx"),
        (1, "Giấy chứng sinh", ""),
    ]
    assert ProcedureField.objects.get().code == "ho-tich"
    entry = AuditEntry.objects.get(action="procedures.procedure_create")
    assert (entry.actor_id, entry.object_id) == (officer.pk, str(procedure.pk))
    assert entry.changes == {"version": 1, "source": "test", "content_hash": version.content_hash}


def test_saving_the_same_data_again_writes_nothing(officer: User) -> None:
    # given
    procedure_save(data=birth(), acting_user=officer)
    # when the same content comes again, with 1 written as 1.00
    channels = birth().channels
    again = birth(channels=(replace(channels[0], processing_time=Decimal("1.00")), channels[1]))
    result = procedure_save(data=again, acting_user=officer)
    # then
    assert result.outcome == "unchanged"
    assert ProcedureVersion.objects.count() == 1
    assert AuditEntry.objects.count() == 1


def test_a_change_makes_version_two_and_retires_version_one(officer: User) -> None:
    # given
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False):
        first = procedure_save(data=birth(), acting_user=officer).version
    # when
    with time_machine.travel(datetime(2026, 4, 10, 9, 0, tzinfo=VN), tick=False):
        result = procedure_save(data=birth(name="Thủ tục đăng ký khai sinh", papers=()), acting_user=officer)
    # then
    assert result.outcome == "updated"
    first.refresh_from_db()
    assert (first.status, first.valid_to) == (VersionStatus.RETIRED, date(2026, 4, 10))
    assert RequiredPaper.objects.filter(version=first).count() == 2  # dossiers under v1 keep their papers
    second = result.version
    assert (second.number, second.status, second.valid_from) == (2, VersionStatus.PUBLISHED, date(2026, 4, 10))
    procedure = Procedure.objects.get()
    assert (procedure.current_version_id, procedure.name_folded) == (second.pk, "thu tuc dang ky khai sinh")
    entry = AuditEntry.objects.get(action="procedures.procedure_update")
    assert entry.changes["changed"] == ["name", "papers"]
    assert (entry.changes["version"], entry.changes["previous_version"]) == (2, 1)
    assert audit_verify() == []


def test_a_version_with_a_future_start_ends_the_current_one_the_day_before(officer: User) -> None:
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False):
        first = procedure_save(data=birth(), acting_user=officer).version
        procedure_save(data=birth(valid_from=date(2026, 7, 1), papers=()), acting_user=officer)
    first.refresh_from_db()
    assert first.valid_to == date(2026, 6, 30)


def test_stored_version_reads_back_as_the_same_data(officer: User) -> None:
    data = birth()
    version = procedure_save(data=data, acting_user=officer).version
    read = procedure_data_from_version(ProcedureVersion.objects.get(pk=version.pk))
    assert read == data
    assert content_hash(read) == version.content_hash


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"code": "1.001 193"}, "code"),
        ({"name": "  "}, "name"),
        ({"level_codes": ("village",)}, "level_codes"),
        ({"local_agency_codes": ("NO-SUCH-AGENCY",)}, "local_agency_codes"),
        ({"source_url": "not a url"}, "source_url"),
        ({"papers": (PaperData(""),)}, "papers[0].name"),
        ({"legal_bases": (LegalBasisData(""),)}, "legal_bases[0]"),
        ({"results": ({"name": "", "code": "KQ"},)}, "results[0]"),
        (
            {"channels": (ChannelData(ChannelKind.COUNTER, Decimal("1.005"), TimeUnit.WORKING_DAY),)},
            "channels[0].processing_time",
        ),
        (
            {"channels": (ChannelData(ChannelKind.COUNTER, None, TimeUnit.WORKING_DAY, fees=({"amount": "1.000đ"},)),)},
            "channels[0].fees[0]",
        ),
    ],
)
def test_invalid_data_is_refused_and_nothing_is_written(officer: User, changes: dict[str, object], key: str) -> None:
    with pytest.raises(ApplicationError) as refused:
        procedure_save(data=birth(**changes), acting_user=officer)
    assert refused.value.code == "procedure_invalid"
    assert key in refused.value.fields
    assert (Procedure.objects.count(), ProcedureField.objects.count(), AuditEntry.objects.count()) == (0, 0, 0)


def test_local_agencies_are_linked_by_their_code(officer: User) -> None:
    agency = make_agency(code="H01.39")
    version = procedure_save(data=birth(local_agency_codes=("H01.39",)), acting_user=officer).version
    assert list(version.local_agencies.all()) == [agency]


def test_fields_with_the_same_slug_get_distinct_codes(officer: User) -> None:
    procedure_save(data=birth(), acting_user=officer)
    procedure_save(data=birth(code="1.000656", field_name="Hộ Tịch"), acting_user=officer)
    assert list(ProcedureField.objects.order_by("code").values_list("code", "name")) == [
        ("ho-tich", "Hộ tịch"),
        ("ho-tich-2", "Hộ Tịch"),
    ]


def test_form_schema_is_checked_and_saved_as_a_new_version(officer: User) -> None:
    # given
    procedure_save(data=birth(), acting_user=officer)
    schema = eform_schema_for("1.001193")
    assert schema is not None
    # when
    version = procedure_set_form_schema(code="1.001193", schema=schema, acting_user=officer)
    # then
    assert (version.number, version.form_schema) == (2, schema)
    assert procedure_set_form_schema(code="1.001193", schema=schema, acting_user=officer).pk == version.pk
    with pytest.raises(ApplicationError) as refused:
        procedure_set_form_schema(code="1.001193", schema={"type": "string"}, acting_user=officer)
    assert refused.value.code == "eform_schema_invalid"
    assert procedure_set_form_schema(code="1.001193", schema=None, acting_user=officer).form_schema is None
    assert ProcedureVersion.objects.count() == 3


def test_form_schema_of_an_unknown_procedure(officer: User) -> None:
    with pytest.raises(NotFoundError):
        procedure_set_form_schema(code="9.999999", schema=None, acting_user=officer)


def test_deactivating_keeps_versions_and_is_audited(officer: User) -> None:
    procedure_save(data=birth(), acting_user=officer)
    procedure = procedure_set_active(code="1.001193", is_active=False, acting_user=officer)
    assert procedure.is_active is False
    assert ProcedureVersion.objects.filter(procedure=procedure).count() == 1
    assert AuditEntry.objects.filter(action="procedures.procedure_deactivate").count() == 1
    procedure_set_active(code="1.001193", is_active=False, acting_user=officer)
    assert AuditEntry.objects.filter(action="procedures.procedure_deactivate").count() == 1


def test_renaming_a_field_refreshes_search_text(officer: User) -> None:
    procedure_save(data=birth(), acting_user=officer)
    field = ProcedureField.objects.get()
    procedure_field_rename(field_id=field.pk, name="Hộ tịch - Quốc tịch", acting_user=officer)
    field.refresh_from_db()
    assert (field.code, field.name_folded) == ("ho-tich", "ho tich - quoc tich")
    assert "ho tich - quoc tich" in Procedure.objects.get().search_text
    assert AuditEntry.objects.get(action="procedures.field_rename").changes == {
        "name": ["Hộ tịch", "Hộ tịch - Quốc tịch"]
    }


def test_renaming_a_field_to_a_taken_name_is_refused(officer: User) -> None:
    procedure_save(data=birth(), acting_user=officer)
    procedure_save(data=birth(code="1.000656", field_name="Chứng thực"), acting_user=officer)
    field = ProcedureField.objects.get(name="Hộ tịch")
    with translation.override("en"), pytest.raises(ApplicationError) as refused:
        procedure_field_rename(field_id=field.pk, name="Chứng thực", acting_user=officer)
    assert (refused.value.code, refused.value.status) == ("field_name_taken", 409)
