"""The demo catalogue: it loads through the catalogue's write path, a second load changes nothing,
and every procedure has a valid internal process whose steps make its processing time."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from egov.core.models import AuditEntry
from egov.core.services.audit import audit_verify
from egov.organisation.demo.data import AGENCIES
from egov.organisation.demo.loader import demo_load
from egov.organisation.tests.factories import make_commune, make_province
from egov.procedures.choices import TimeUnit
from egov.procedures.demo.loader import DEMO_CODES, DEMO_PROCEDURES, catalogue_demo_exists, procedures_load_demo
from egov.procedures.demo.processes import TEMPLATES
from egov.procedures.models import Procedure, ProcedureVersion
from egov.procedures.process_models import ProcessTemplate
from egov.procedures.process_selectors import process_template_get_applicable
from egov.procedures.services.process import process_template_data
from egov.procedures.services.process_rules import steps_total_hours, to_hours, validate_template


@pytest.fixture
def province(db: None) -> None:
    province = make_province(code="44", name="Tỉnh Quảng Trị")
    for code in sorted({spec.unit_code for spec in AGENCIES if spec.unit_code != "44"}):
        make_commune(code=code, parent=province)
    demo_load()


def test_the_demo_has_the_procedures_a_province_handles_most(province: None) -> None:
    # when
    summary = procedures_load_demo()
    # then
    assert len(DEMO_CODES) == len(set(DEMO_CODES)) == 24
    assert (summary.procedures_created, summary.procedures_updated, summary.procedures_unchanged) == (24, 0, 0)
    assert (summary.templates_created, summary.templates_skipped) == (len(TEMPLATES), 0)
    birth = Procedure.objects.select_related("current_version", "field").get(code="1.001193")
    assert (birth.name, birth.field.name if birth.field else None) == ("Thủ tục đăng ký khai sinh", "Hộ tịch")
    version = birth.current_version
    assert version is not None
    assert version.source == "demo"
    assert [(c.kind, c.processing_time, c.time_unit) for c in version.channels.order_by("kind")] == [
        ("counter", Decimal("1.00"), "working_day"),
        ("online_full", Decimal("1.00"), "working_day"),
        ("post", Decimal("1.00"), "working_day"),
    ]
    assert version.results == [{"name": "Giấy khai sinh", "code": "KQ.G15.000031"}]
    assert "60/2014/QH13" in set(version.legal_bases.values_list("document_number", flat=True))
    assert set(version.local_agencies.values_list("code", flat=True)) >= {"H44.101", "H44.101.01"}
    assert catalogue_demo_exists() is True


def test_a_second_load_changes_nothing(province: None) -> None:
    procedures_load_demo()
    versions, templates, audit = (
        ProcedureVersion.objects.count(),
        ProcessTemplate.objects.count(),
        AuditEntry.objects.count(),
    )
    # when
    summary = procedures_load_demo()
    # then
    assert (summary.procedures_unchanged, summary.templates_unchanged, summary.changed) == (24, len(TEMPLATES), 0)
    assert (ProcedureVersion.objects.count(), ProcessTemplate.objects.count(), AuditEntry.objects.count()) == (
        versions,
        templates,
        audit,
    )
    assert audit_verify() == []


def test_every_demo_procedure_has_a_valid_template_that_makes_its_processing_time(province: None) -> None:
    procedures_load_demo()
    for data in DEMO_PROCEDURES:
        procedure = Procedure.objects.get(code=data.code)
        level = "commune" if "commune" in data.level_codes else "province"  # the demo province's level
        for channel in data.channels:
            template = process_template_get_applicable(
                procedure_id=procedure.pk, level_code=level, channel=channel.kind
            )
            assert template is not None, (data.code, channel.kind)
            template_data = process_template_data(template)
            steps_hours = validate_template(template_data)
            assert steps_hours == steps_total_hours(template_data.steps)
            if channel.time_unit in (TimeUnit.WORKING_DAY, TimeUnit.WORKING_HOUR):
                assert steps_hours == to_hours(channel.processing_time or Decimal(0), channel.time_unit), data.code
            else:  # in (calendar) days: the working days fit inside
                assert channel.time_unit == TimeUnit.CALENDAR_DAY
                assert steps_hours <= (channel.processing_time or 0) * 8, data.code


def test_the_birth_registration_of_dong_hoi_follows_its_own_process(province: None) -> None:
    procedures_load_demo()
    birth = Procedure.objects.get(code="1.001193")
    centre = birth.current_version.local_agencies.get(code="H44.101.01")  # type: ignore[union-attr]
    template = process_template_get_applicable(procedure_id=birth.pk, agency_id=centre.pk)
    assert template is not None
    assert template.agency is not None
    assert template.agency.code == "H44.101"
    steps = [(s.order, s.role, s.agency.code if s.agency else "", s.duration) for s in template.steps.all()]
    assert steps == [
        (1, "desk_officer", "H44.101.01", Decimal("4.00")),
        (2, "specialist", "H44.101", Decimal("2.00")),
        (3, "leader", "H44.101", Decimal("1.50")),
        (4, "desk_officer", "H44.101.01", Decimal("0.50")),
    ]


def test_the_lien_thong_example_hands_the_dossier_to_the_province_and_back(province: None) -> None:
    procedures_load_demo()
    procedure = Procedure.objects.get(code="1.012796")
    template = ProcessTemplate.objects.get(procedure=procedure, agency__code="H44.101")
    hand_offs = [(s.order, s.hand_off_agency.code) for s in template.steps.all() if s.hand_off_agency is not None]
    assert hand_offs == [(2, "H44.05"), (3, "H44.101")]


def test_without_the_organisation_demo_the_level_templates_still_load(db: None) -> None:
    summary = procedures_load_demo()
    assert summary.procedures_created == 24
    assert summary.templates_skipped == sum(
        1 for spec in TEMPLATES if spec.agency or any(s.agency or s.hand_off_to for s in spec.steps)
    )
    assert Procedure.objects.get(code="1.001193").current_version.local_agencies.count() == 0  # type: ignore[union-attr]


def test_load_demo_command_loads_the_catalogue_and_if_empty_stays_quick(db: None) -> None:
    province = make_province(code="44", name="Tỉnh Quảng Trị")
    for code in sorted({spec.unit_code for spec in AGENCIES if spec.unit_code != "44"}):
        make_commune(code=code, parent=province)
    out = StringIO()
    call_command("load_demo", "--force", "--no-dossiers", stdout=out)  # the dossiers: test_demo_dossiers.py
    assert "24 procedures" in out.getvalue()
    assert catalogue_demo_exists() is True
    again = StringIO()
    call_command("load_demo", "--force", "--if-empty", "--no-dossiers", stdout=again)
    assert again.getvalue().strip() == "Demo data already loaded; nothing to do."
