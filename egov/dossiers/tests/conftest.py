"""Fixtures of the one-stop engine tests: the demo province (agencies, staff of every role, the
24 demo procedures with their internal processes), loaded through the real loaders once per test
process and replayed row for row in the other tests (``egov/core/tests/snapshots.py``)."""

import importlib
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
import time_machine
from django.apps import apps as django_apps

from egov.core.tests.snapshots import load_once
from egov.dossiers.contracts import ApplicantData, IntakeData, ReceivedPaper
from egov.dossiers.demo_result_templates import result_templates_load_demo
from egov.dossiers.models import Dossier
from egov.dossiers.services.intake import dossier_receive
from egov.identity.models import User
from egov.organisation.demo.data import AGENCIES
from egov.organisation.demo.loader import demo_load
from egov.organisation.models import Agency
from egov.organisation.tests.factories import make_commune, make_province
from egov.procedures.demo.loader import procedures_load_demo
from egov.workflow.facade import VIETNAM_TZ

# A Monday morning in office hours, far from holidays.
MONDAY_9AM = datetime(2026, 11, 2, 9, 0, tzinfo=VIETNAM_TZ)


# The flush after each transactional test drops the rows these migrations seed; their seeds are idempotent.
SEEDING_MIGRATIONS = (
    "egov.procedures.migrations.0002_seed_implementing_levels",
    "egov.workflow.migrations.0002_seed_announced_calendars",
    "egov.dossiers.migrations.0002_legal_rules",
)


def reseed() -> None:
    """Put back the rows migrations seed (for tests on a flushed, transactional database)."""
    for module in SEEDING_MIGRATIONS:
        importlib.import_module(module).seed(django_apps, None)


def demo_province_load() -> None:
    """The province, its communes, the organisation demo and the demo catalogue (with its result
    templates): the real loaders."""
    province = make_province(code="44", name="Tỉnh Quảng Trị")
    for code in sorted({spec.unit_code for spec in AGENCIES if spec.unit_code != "44"}):
        make_commune(code=code, parent=province)
    demo_load()
    procedures_load_demo()
    result_templates_load_demo()


@pytest.fixture
def demo(db: Any) -> None:
    """What ``demo_province_load()`` writes: run once per test process, its rows replayed afterwards."""
    load_once("dossiers.demo", demo_province_load)


@pytest.fixture
def travel() -> Any:
    """Move the clock: ``travel(datetime)`` (the clock stands still there) until the test ends."""
    travellers: list[Any] = []

    def _to(moment: datetime) -> None:
        if travellers:
            travellers.pop().stop()
        traveller = time_machine.travel(moment, tick=False)
        traveller.start()
        travellers.append(traveller)

    yield _to
    if travellers:
        travellers.pop().stop()


def user(username: str) -> User:
    return User.objects.get(username=username)


def agency(code: str) -> Agency:
    return Agency.objects.get(code=code)


def agency_of(key: str) -> Agency:
    spec = next(s for s in AGENCIES if s.key == key)
    return Agency.objects.get(code=spec.code)


def birth_intake(**overrides: Any) -> IntakeData:
    values: dict[str, Any] = {
        "procedure_code": "1.001193",
        "applicant": ApplicantData(
            full_name="Nguyễn Văn Bình",
            id_number="044085001234",
            address="Phường Đồng Hới, tỉnh Quảng Trị",
            phone="0905110001",
            email="nguyenvanbinh@example.com",
        ),
        "subject": "Đăng ký khai sinh cho con",
        "papers": (ReceivedPaper(name="Tờ khai đăng ký khai sinh", originals=1),),
    }
    values.update(overrides)
    return IntakeData(**values)


ReceiveFn = Callable[..., Dossier]


@pytest.fixture
def receive_birth(demo: None) -> ReceiveFn:
    """A desk officer of the Đồng Hới ward centre receives a birth registration."""

    def _receive(**overrides: Any) -> Dossier:
        return dossier_receive(
            actor=user("ttpdonghoi_ngothithanhtam"),
            agency_id=agency_of("ttpdonghoi").pk,
            data=birth_intake(**overrides),
        )

    return _receive
