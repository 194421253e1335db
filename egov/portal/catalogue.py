"""How the public catalogue pages present a procedure: plain-language labels, processing times
("5 ngày làm việc"), fees ("25.000 đồng"), papers grouped by case, steps as a numbered list.

Presentation only: the data come from :mod:`egov.procedures.selectors`. The pages' wording has the
gettext context "public catalogue", apart from the same English words in other apps' catalogues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.functional import Promise
from django.utils.translation import npgettext, pgettext, pgettext_lazy

from egov.procedures.choices import ChannelKind, TimeUnit
from egov.procedures.fee_names import shorten
from egov.procedures.fees import PublishedFee, published_fees
from egov.procedures.models import Channel, Procedure, ProcedureVersion, RequiredPaper
from egov.procedures.selectors import current_version_of, levels_of, online_level, primary_channel

CHANNEL_ORDER = (ChannelKind.COUNTER, ChannelKind.POST, ChannelKind.ONLINE_PARTIAL, ChannelKind.ONLINE_FULL)
CHANNEL_LABELS: dict[str, Promise] = {
    ChannelKind.COUNTER: pgettext_lazy("public catalogue", "In person at the one-stop desk"),
    ChannelKind.POST: pgettext_lazy("public catalogue", "By post"),
    ChannelKind.ONLINE_PARTIAL: pgettext_lazy("public catalogue", "Online (partial online service)"),
    ChannelKind.ONLINE_FULL: pgettext_lazy("public catalogue", "Online (full online service)"),
}
_STEP_LABEL = re.compile(r"(?im)^[ \t]*bước[ \t]*\d+[ \t]*[:.)\u2013-]?[ \t]*")


@dataclass(frozen=True)
class ProcedureRow:
    """One line of the catalogue list."""

    code: str
    name: str
    field: str
    levels: list[str]
    online: str  # full | partial | none
    processing_time: str


@dataclass(frozen=True)
class ChannelView:
    kind: str
    label: str
    processing_time: str
    fees: list[FeeView]
    description: str


@dataclass(frozen=True)
class PaperView:
    name: str
    quantity: str
    is_mandatory: bool
    requirement: str  # PaperRequirement
    condition: str
    template_name: str
    template_url: str


@dataclass(frozen=True)
class PaperGroup:
    title: str  # "" for papers every applicant brings
    papers: list[PaperView]


def format_number(value: Decimal) -> str:
    """In the active language's format, thousands grouped: 25.000 and 0,5 in Vietnamese (Django's
    Vietnamese formats do not group digits, so the grouping is asked for here)."""
    exact = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
    return numberformat.format(
        exact,
        str(get_format("DECIMAL_SEPARATOR")),
        grouping=3,
        thousand_sep=str(get_format("THOUSAND_SEPARATOR")),
        force_grouping=True,
    )


def processing_time_text(channel: Channel) -> str:
    """ "5 ngày làm việc", "4 giờ làm việc"; the published wording when no figure could be read."""
    value = channel.processing_time
    if value is None:
        return channel.processing_time_text.strip() or pgettext("public catalogue", "Not specified")
    count = 1 if value == 1 else 2  # plural form only: Vietnamese has one form
    number = format_number(value)
    if channel.time_unit == TimeUnit.UNSPECIFIED:
        # The national record gives a bare figure ("1" for 508 channels of the sample): neither a
        # unit is guessed nor the bare number shown as if it were a time.
        return pgettext("public catalogue", "As regulated (the source states “%(n)s” without a unit)") % {"n": number}
    if channel.time_unit == TimeUnit.WORKING_HOUR:
        return npgettext("public catalogue", "%(n)s working hour", "%(n)s working hours", count) % {"n": number}
    if channel.time_unit == TimeUnit.CALENDAR_DAY:
        return npgettext("public catalogue", "%(n)s day", "%(n)s days", count) % {"n": number}
    if channel.time_unit == TimeUnit.MONTH:
        return npgettext("public catalogue", "%(n)s month", "%(n)s months", count) % {"n": number}
    return npgettext("public catalogue", "%(n)s working day", "%(n)s working days", count) % {"n": number}


@dataclass(frozen=True)
class FeeView:
    """One fee as the page states it: a short line, and the published text or the Council's
    resolution behind it (shown on demand)."""

    text: str
    detail: str = ""


def fee_views(channel: Channel, *, on: date | None = None) -> list[FeeView]:
    """Each fee as "Lệ phí đăng ký khai sinh: miễn phí", "Phí cấp bản sao …: 8.000 đồng/bản"; a fee
    the provincial People's Council sets as the rate in force, or as set by the Council and confirmed
    at the desk (never "free"); the published text when no amount could be read."""
    views = [_fee_view(fee) for fee in published_fees(channel, on=on)]
    if not views and channel.fee_text.strip():
        text = channel.fee_text.strip()
        short = shorten(text)
        views = [FeeView(short, text if short != text else "")]
    return views or [FeeView(pgettext("public catalogue", "No fee information published"))]


def _money(amount: int, currency: str, unit: str) -> str:
    if amount == 0:
        return pgettext("public catalogue", "free of charge")
    money = f"{format_number(Decimal(amount))} {pgettext('currency', 'dong') if currency == 'VND' else currency}"
    return f"{money}/{unit}" if unit else money


def _fee_view(fee: PublishedFee) -> FeeView:
    if fee.council_set and fee.amount is None:
        return FeeView(
            pgettext(
                "public catalogue",
                "%(name)s: set by the provincial People's Council; the amount is confirmed at the one-stop desk",
            )
            % {"name": fee.name},
            fee.detail,
        )
    if fee.amount is None:
        return FeeView(fee.name, fee.detail)
    money = _money(fee.amount, fee.currency, fee.unit)
    if fee.council_set:
        cited = pgettext("public catalogue", "%(money)s (resolution %(number)s)") % {
            "money": money,
            "number": fee.resolution,
        }
        name = f"{fee.name} ({fee.condition})" if fee.condition else fee.name  # a rate for one case
        return FeeView(f"{name}: {cited}", fee.note)
    return FeeView(f"{fee.name}: {money}", fee.detail)


def procedure_rows(procedures: list[Procedure]) -> list[ProcedureRow]:
    rows = []
    for procedure in procedures:
        version = current_version_of(procedure)
        channel = primary_channel(list(version.channels.all()))
        rows.append(
            ProcedureRow(
                code=procedure.code,
                name=procedure.name,
                field=procedure.field.name if procedure.field else "",
                levels=[level.name for level in levels_of(version)],
                online=online_level(procedure),
                processing_time=processing_time_text(channel) if channel else "",
            )
        )
    return rows


def channel_views(version: ProcedureVersion) -> list[ChannelView]:
    channels = sorted(version.channels.all(), key=lambda channel: _order(channel.kind))
    return [
        ChannelView(
            kind=channel.kind,
            label=str(CHANNEL_LABELS.get(channel.kind, channel.get_kind_display())),
            processing_time=processing_time_text(channel),
            fees=fee_views(channel),
            description=channel.description.strip(),
        )
        for channel in channels
    ]


def _order(kind: str) -> int:
    return CHANNEL_ORDER.index(kind) if kind in CHANNEL_ORDER else len(CHANNEL_ORDER)  # type: ignore[arg-type]


def paper_groups(version: ProcedureVersion) -> list[PaperGroup]:
    """Papers in published order, grouped by the case they belong to ("Trường hợp …"); the notes of
    the national record are not papers (``paper_notes``)."""
    groups: list[PaperGroup] = []
    for paper in version.papers.all():
        if not paper.is_paper:
            continue
        title = paper.group.strip().lstrip("*").strip().rstrip(":").strip()
        if not title and groups:  # papers for every case, listed after the cases
            title = pgettext("public catalogue", "Other papers")
        if not groups or groups[-1].title != title:
            groups.append(PaperGroup(title=title, papers=[]))
        groups[-1].papers.append(_paper_view(paper))
    return groups


def paper_notes(version: ProcedureVersion) -> list[str]:
    """The notes the national record lists among the papers (how the desk checks them, exemptions,
    foreign papers): guidance, in published order."""
    return [paper.name.strip() for paper in version.papers.all() if not paper.is_paper]


def _paper_view(paper: RequiredPaper) -> PaperView:
    parts = []
    if paper.originals:
        parts.append(
            npgettext("public catalogue", "%(n)s original", "%(n)s originals", paper.originals) % {"n": paper.originals}
        )
    if paper.copies:
        parts.append(npgettext("public catalogue", "%(n)s copy", "%(n)s copies", paper.copies) % {"n": paper.copies})
    stated = paper.quantity_text.strip()
    if not parts and re.search(r"\d", stated) and not re.search(r"[1-9]", stated):
        stated = ""  # "0 bản chính": nothing to hand in (a paper to show, or a note)
    return PaperView(
        name=paper.name.strip(),
        quantity=", ".join(parts) or stated,
        is_mandatory=paper.is_mandatory,
        requirement=paper.requirement,
        condition=paper.condition.strip(),
        template_name=paper.template_name.strip(),
        template_url=paper.template_file.url if paper.template_file else "",
    )


@dataclass(frozen=True)
class StepsView:
    intro: str  # text before "Bước 1", or the whole text when it is not numbered
    items: list[str]


def steps_view(steps: str) -> StepsView:
    """The steps as separate items when the text numbers them ("Bước 1: …"), else one block."""
    text = steps.strip()
    labels = list(_STEP_LABEL.finditer(text))
    if len(labels) < 2:
        return StepsView(intro=text, items=[])
    items = []
    for index, label in enumerate(labels):
        end = labels[index + 1].start() if index + 1 < len(labels) else len(text)
        body = text[label.end() : end].strip()
        if body:
            items.append(body)
    return StepsView(intro=text[: labels[0].start()].strip(), items=items)


def results_of(version: ProcedureVersion) -> list[dict[str, str]]:
    results = []
    for result in version.results or []:
        if isinstance(result, dict) and str(result.get("name", "")).strip():
            results.append({"name": str(result["name"]).strip(), "code": str(result.get("code", "")).strip()})
    return results


@dataclass(frozen=True)
class Summary:
    times: list[str]
    fees: list[str]  # the short lines; the channels' section has the details


def summary_of(channels: list[ChannelView]) -> Summary:
    """The page's "in short" box: one time and one fee list when every channel has the same,
    otherwise each channel's, named (online is often faster or cheaper)."""
    if not channels:
        return Summary(times=[], fees=[])
    if len({channel.processing_time for channel in channels}) == 1:
        times = [channels[0].processing_time]
    else:
        times = [f"{channel.processing_time} ({channel.label})" for channel in channels]
    if len({tuple(channel.fees) for channel in channels}) == 1:
        fees = [fee.text for fee in channels[0].fees]
    else:
        fees = [f"{'; '.join(fee.text for fee in channel.fees)} ({channel.label})" for channel in channels]
    return Summary(times=times, fees=fees)
