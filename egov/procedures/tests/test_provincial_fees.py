"""Fees the provincial People's Council sets: never free, charged from the province's table while a
rate is in force, pending (confirmed at the desk) otherwise; the table is law with effective dates."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from egov.core.errors import ApplicationError
from egov.core.models import AuditEntry
from egov.organisation.tests.factories import make_user
from egov.procedures.choices import ChannelKind, TimeUnit
from egov.procedures.contracts import ChannelData, ProcedureData
from egov.procedures.fees import PendingFee, fees_for, is_council_set, published_fees
from egov.procedures.models import Channel, Procedure, ProvincialFee
from egov.procedures.services.catalogue import procedure_save
from egov.procedures.services.provincial_fees import provincial_fee_save
from egov.procedures.tests.test_fee_names import national_fee_items, records

pytestmark = pytest.mark.django_db
COUNCIL_TEXT = (
    "Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh, thành phố trực thuộc Trung ương quyết định. Miễn lệ phí cho "
    "người thuộc gia đình có công với cách mạng; người thuộc hộ nghèo; người khuyết tật."
)
COPY = {"amount": "8000", "currency": "VND", "description": "Phí cấp bản sao trích lục", "per": "copies.count"}


def marital_status(fees: tuple[dict[str, Any], ...], *, fee_text: str = "") -> Procedure:
    channels = tuple(
        ChannelData(kind, Decimal(3), TimeUnit.WORKING_DAY, fees=fees, fee_text=fee_text)
        for kind in (ChannelKind.COUNTER, ChannelKind.ONLINE_PARTIAL)
    )
    data = ProcedureData(
        code="1.004873",
        name="Thủ tục cấp Giấy xác nhận tình trạng hôn nhân",
        field_name="Hộ tịch",
        level_codes=("commune",),
        channels=channels,
        source="test",
    )
    return procedure_save(data=data, acting_user=None).procedure


def channel_of(procedure: Procedure, kind: str = ChannelKind.COUNTER) -> Channel:
    return Channel.objects.select_related("version").get(version=procedure.current_version, kind=kind)


def rate(procedure: Procedure, **values: object) -> ProvincialFee:
    fields: dict[str, object] = {
        "procedure": procedure,
        "name": "Lệ phí cấp Giấy xác nhận tình trạng hôn nhân",
        "amount": 15000,
        "effective_from": date(2026, 1, 1),
        "resolution_number": "25/2025/NQ-HĐND",
    }
    return provincial_fee_save(fee=ProvincialFee(**(fields | values)), acting_user=None)


def test_the_national_records_say_the_council_sets_the_fee() -> None:
    # 1.004873 as the national database publishes it: "Miễn phí" with the Council's sentence
    items = national_fee_items("1.004873")
    assert items[0]["amount"] == "0"
    assert is_council_set(items[0]["description"])
    assert is_council_set("theo Nghị quyết số 15/2025/NQ-HĐND tỉnh")
    assert not is_council_set("Phí cấp bản sao trích lục hộ tịch (Thông tư 281/2016/TT-BTC)")
    council = sum(
        1 for code in records() for item in national_fee_items(code) if is_council_set(str(item.get("description")))
    )
    assert council > 100  # a real share of the catalogue, not an exception


def test_with_no_rate_in_force_the_fee_is_pending_never_free() -> None:
    # given the national record's "Miễn phí (Mức lệ phí cụ thể do HĐND … quyết định …)"
    procedure = marital_status(({"amount": "0", "currency": "VND", "description": COUNCIL_TEXT}, COPY))
    channel = channel_of(procedure)
    # when quoted and published
    quote = fees_for(channel, {"copies": {"count": 2}}, on=date(2026, 3, 2))
    shown = published_fees(channel, on=date(2026, 3, 2))
    # then nothing is charged for it online, and it is named as pending
    assert [(line.description, line.amount) for line in quote.lines] == [("Phí cấp bản sao trích lục", 16000)]
    assert quote.pending == (PendingFee("Lệ phí cấp Giấy xác nhận tình trạng hôn nhân", COUNCIL_TEXT),)
    council = [fee for fee in shown if fee.council_set]
    assert [(fee.name, fee.amount) for fee in council] == [("Lệ phí cấp Giấy xác nhận tình trạng hôn nhân", None)]


def test_a_rate_in_force_is_charged_and_cited() -> None:
    # given the fee text alone says the Council sets it (no item does) and a rate from 1/1/2026
    procedure = marital_status((COPY,), fee_text="Lệ phí do Hội đồng nhân dân tỉnh quyết định")
    rate(procedure, note="Miễn cho người thuộc hộ nghèo")
    rate(procedure, name="Lệ phí (trực tuyến)", amount=7000, channel_kind=ChannelKind.ONLINE_PARTIAL)
    counter, online = channel_of(procedure), channel_of(procedure, ChannelKind.ONLINE_PARTIAL)
    # when quoted on 2 March 2026
    quote = fees_for(counter, {}, on=date(2026, 3, 2))
    # then the province's rate is a line, with its resolution; online has its own rate
    assert [(line.description, line.amount, line.resolution) for line in quote.lines] == [
        ("Lệ phí cấp Giấy xác nhận tình trạng hôn nhân", 15000, "25/2025/NQ-HĐND")
    ]
    assert quote.pending == ()
    assert [line.amount for line in fees_for(online, {}, on=date(2026, 3, 2)).lines] == [7000]
    shown = [fee for fee in published_fees(counter, on=date(2026, 3, 2)) if fee.council_set]
    assert [(fee.amount, fee.resolution, fee.note) for fee in shown] == [
        (15000, "25/2025/NQ-HĐND", "Miễn cho người thuộc hộ nghèo")
    ]
    # before the resolution's date: pending
    assert (
        fees_for(counter, {}, on=date(2025, 12, 31)).pending[0].name == "Lệ phí cấp Giấy xác nhận tình trạng hôn nhân"
    )


def test_a_new_resolution_follows_the_old_one_and_overlaps_are_refused() -> None:
    procedure = marital_status((), fee_text="Lệ phí do Hội đồng nhân dân tỉnh quyết định")
    old = rate(procedure)
    with pytest.raises(ApplicationError) as refused:
        rate(procedure, amount=20000, effective_from=date(2027, 1, 1), resolution_number="40/2026/NQ-HĐND")
    assert (refused.value.code, refused.value.status) == ("provincial_fee_overlap", 409)
    # when the old rate is ended the day before, the new one is accepted
    old.effective_to = date(2026, 12, 31)
    provincial_fee_save(fee=old, acting_user=None)
    rate(procedure, amount=20000, effective_from=date(2027, 1, 1), resolution_number="40/2026/NQ-HĐND")
    channel = channel_of(procedure)
    assert [line.amount for line in fees_for(channel, {}, on=date(2026, 12, 31)).lines] == [15000]
    assert [line.amount for line in fees_for(channel, {}, on=date(2027, 1, 1)).lines] == [20000]


def test_saves_are_audited_with_what_changed_and_bad_rates_refused() -> None:
    procedure = marital_status((), fee_text="Lệ phí do HĐND tỉnh quyết định")
    officer = make_user(username="province-admin")
    fee = provincial_fee_save(
        fee=ProvincialFee(
            procedure=procedure,
            name="  Lệ phí   xác nhận ",
            amount=15000,
            effective_from=date(2026, 1, 1),
            resolution_number="25/2025/NQ-HĐND",
        ),
        acting_user=officer,
    )
    fee.amount = 12000
    provincial_fee_save(fee=fee, acting_user=officer)
    entries = list(AuditEntry.objects.filter(object_type="procedures.provincialfee").order_by("seq"))
    assert [entry.action for entry in entries] == [
        "procedures.provincial_fee_create",
        "procedures.provincial_fee_update",
    ]
    assert entries[0].changes["name"] == [None, "Lệ phí xác nhận"]
    assert entries[1].changes == {"amount": [15000, 12000]}
    for bad in ({"effective_to": date(2025, 1, 1)}, {"per": "copies"}, {"resolution_number": ""}):
        with pytest.raises(ApplicationError) as refused:
            rate(procedure, name="Khác", **bad)
        assert refused.value.code == "provincial_fee_invalid"


# -- the admin page ----------------------------------------------------------------------------
ADMIN = "/admin/procedures/provincialfee/"


def admin_form(procedure: Procedure, **values: object) -> dict[str, object]:
    return {
        "procedure": procedure.pk,
        "channel_kind": "",
        "name": "Lệ phí cấp Giấy xác nhận tình trạng hôn nhân",
        "amount": "15000",
        "per": "",
        "unit": "",
        "effective_from": "01/01/2026",
        "effective_to": "",
        "resolution_number": "25/2025/NQ-HĐND",
        "resolution_article": "Điều 2",
        "note": "",
    } | values


def test_a_province_administrator_adds_a_rate_in_the_admin_audited() -> None:
    from django.test import Client

    from egov.identity.roles import Role
    from egov.organisation.tests.factories import make_agency, make_staff

    procedure = marital_status((), fee_text="Lệ phí do HĐND tỉnh quyết định")
    province_admin = make_staff(make_agency(), Role.PROVINCE_ADMIN, is_staff=True)
    client = Client()
    client.force_login(province_admin)
    # when
    response = client.post(f"{ADMIN}add/", admin_form(procedure))
    # then
    assert response.status_code == 302, response.content.decode()[:3000]
    fee = ProvincialFee.objects.get()
    assert (fee.amount, fee.effective_from, fee.resolution_article) == (15000, date(2026, 1, 1), "Điều 2")
    entry = AuditEntry.objects.get(action="procedures.provincial_fee_create")
    assert entry.actor_id == province_admin.pk
    assert client.get(ADMIN, {"in_force": "today"}).status_code == 200
    # an overlapping rate is refused with a message, not a 500, and nothing is saved
    refused = client.post(f"{ADMIN}add/", admin_form(procedure, amount="20000"), follow=True)
    assert refused.status_code == 200
    assert "Đã có mức thu cùng tên đang có hiệu lực" in refused.content.decode()  # the admin speaks Vietnamese
    assert ProvincialFee.objects.count() == 1
    # never deleted: a rate ends instead
    assert client.post(f"{ADMIN}{fee.pk}/delete/", {"post": "yes"}).status_code == 403


def test_who_may_open_the_fee_table() -> None:
    from django.test import Client

    from egov.organisation.tests.factories import make_agency, make_citizen, make_staff

    assert Client().get(ADMIN).status_code == 302  # anonymous: to the login page
    citizen = Client()
    citizen.force_login(make_citizen())
    assert citizen.get(ADMIN).status_code == 302  # not staff: the admin's login page
    officer = Client()
    officer.force_login(make_staff(make_agency(), is_staff=True))
    assert officer.get(ADMIN).status_code == 403


# Rates for a case of the e-form answers (Luật Phí và lệ phí 2015 Điều 10: exemptions and reductions).
MARRIAGE = "Lệ phí cấp Giấy xác nhận tình trạng hôn nhân"
AGAIN = {"field": "request.kind", "operator": "equals", "value": "again", "label": "Cấp lại"}
POOR = {"field": "applicant.poor_household", "operator": "equals", "value": "true", "label": "Người thuộc hộ nghèo"}


def case(spec: dict[str, str]) -> dict[str, str]:
    return {f"condition_{key}": value for key, value in spec.items()}


def test_a_rate_for_a_case_replaces_the_general_one_when_the_answers_say_so() -> None:
    # given the general rate, a lower one for a re-issue and an exemption for the poor household
    procedure = marital_status((), fee_text="Lệ phí do Hội đồng nhân dân tỉnh quyết định")
    rate(procedure)
    rate(procedure, amount=8000, **case(AGAIN))
    rate(procedure, amount=0, **case(POOR))
    channel, day = channel_of(procedure), date(2026, 3, 2)

    def charged(answers: dict[str, Any]) -> list[tuple[str, int, str]]:
        return [(line.description, line.amount, line.condition) for line in fees_for(channel, answers, on=day).lines]

    # a first request, or no answer about the case: the general rate, no case named
    assert charged({"request": {"kind": "first"}}) == [(MARRIAGE, 15000, "")]
    assert charged({}) == [(MARRIAGE, 15000, "")]
    # a re-issue: the lower rate, its case named
    assert charged({"request": {"kind": "again"}}) == [(MARRIAGE, 8000, "Cấp lại")]
    # the poor household, as a yes/no answer: exempted, shown with its case, nothing to pay
    quote = fees_for(channel, {"applicant": {"poor_household": True}, "request": {"kind": "again"}}, on=day)
    assert [(line.amount, line.condition, line.exempted) for line in quote.lines] == [(0, "Người thuộc hộ nghèo", True)]
    assert quote.total == 0
    # the procedure page names each case
    shown = [(fee.amount, fee.condition) for fee in published_fees(channel, on=day) if fee.council_set]
    assert shown == [(15000, ""), (8000, "Cấp lại"), (0, "Người thuộc hộ nghèo")]


def test_cases_on_counts_and_choices() -> None:
    # given a copy fee, cheaper per copy from the third copy, and a choice among several values
    procedure = marital_status((), fee_text="Phí do HĐND tỉnh quyết định")
    copy = "Phí cấp bản sao"
    rate(procedure, name=copy, amount=8000, per="copies.count")
    three = {"field": "copies.count", "operator": "at_least", "value": "3", "label": "Từ 3 bản trở lên"}
    rate(procedure, name=copy, amount=5000, per="copies.count", **case(three))
    kinds = {"field": "record.kind", "operator": "one_of", "value": "marriage; divorce", "label": "Hôn nhân"}
    rate(procedure, name="Phí tra cứu sổ", amount=3000, **case(kinds))
    channel, day = channel_of(procedure), date(2026, 3, 2)

    def charged(answers: dict[str, Any]) -> list[tuple[str, int, int, str]]:
        quote = fees_for(channel, answers, on=day)
        return [(line.description, line.quantity, line.amount, line.condition) for line in quote.lines]

    assert charged({"copies": {"count": 2}}) == [(copy, 2, 16000, "")]
    assert charged({"copies": {"count": "3"}, "record": {"kind": "Divorce"}}) == [
        (copy, 3, 15000, "Từ 3 bản trở lên"),
        ("Phí tra cứu sổ", 1, 3000, "Hôn nhân"),
    ]
    assert charged({"copies": {"count": "many"}, "record": {"kind": "birth"}}) == []  # no count, no other case


def test_rates_without_a_case_are_unchanged_and_cases_are_checked_and_audited() -> None:
    procedure = marital_status((), fee_text="Lệ phí do Hội đồng nhân dân tỉnh quyết định")
    officer = make_user(username="province-admin")
    general = rate(procedure)
    # a second general rate of the same name in the same period is still refused; a case beside it is not
    with pytest.raises(ApplicationError) as refused:
        rate(procedure, amount=9000)
    assert refused.value.code == "provincial_fee_overlap"
    again = provincial_fee_save(
        fee=ProvincialFee(
            procedure=procedure,
            name=MARRIAGE,
            amount=8000,
            effective_from=date(2026, 1, 1),
            resolution_number="25/2025/NQ-HĐND",
            **case(AGAIN),
        ),
        acting_user=officer,
    )
    entry = AuditEntry.objects.get(action="procedures.provincial_fee_create", object_id=str(again.pk))
    assert entry.changes["condition_label"] == [None, "Cấp lại"]
    assert entry.changes["condition_field"] == [None, "request.kind"]
    # the same case twice in one period is refused
    with pytest.raises(ApplicationError) as refused:
        rate(procedure, amount=7000, **case(AGAIN))
    assert refused.value.code == "provincial_fee_overlap"
    # a case must name its field, its operator, its value (a number to compare counts) and its words
    for broken, field in (
        ({**AGAIN, "field": "kind"}, "condition_field"),
        ({**AGAIN, "operator": ""}, "condition_operator"),
        ({**AGAIN, "label": " "}, "condition_label"),
        ({**AGAIN, "operator": "at_least", "value": "ba"}, "condition_value"),
    ):
        with pytest.raises(ApplicationError) as refused:
            rate(procedure, name="Lệ phí khác", **case(broken))
        assert refused.value.code == "provincial_fee_invalid"
        assert field in (refused.value.fields or {}), (broken, refused.value.fields)
    # a rate without a case is charged as before, whatever the answers
    assert [line.amount for line in fees_for(channel_of(procedure), {"x": {"y": 1}}, on=date(2026, 3, 2)).lines] == [
        general.amount
    ]
