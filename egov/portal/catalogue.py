"""How the public catalogue pages present a procedure: plain-language labels, processing times
("5 ngày làm việc"), fees ("25.000 đồng"), papers grouped by case, steps as a numbered list.

Presentation only: the data come from :mod:`egov.procedures.selectors`. The pages' wording has the
gettext context "public catalogue", apart from the same English words in other apps' catalogues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.functional import Promise
from django.utils.translation import npgettext, pgettext, pgettext_lazy

from egov.core.text import fold
from egov.procedures.choices import ChannelKind, TimeUnit
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
    fees: list[str]
    description: str


@dataclass(frozen=True)
class PaperView:
    name: str
    quantity: str
    is_mandatory: bool
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
    if channel.time_unit == TimeUnit.UNSPECIFIED:  # the national record gives a bare figure
        return pgettext("public catalogue", "%(n)s (unit not stated)") % {"n": number}
    if channel.time_unit == TimeUnit.WORKING_HOUR:
        return npgettext("public catalogue", "%(n)s working hour", "%(n)s working hours", count) % {"n": number}
    if channel.time_unit == TimeUnit.CALENDAR_DAY:
        return npgettext("public catalogue", "%(n)s day", "%(n)s days", count) % {"n": number}
    if channel.time_unit == TimeUnit.MONTH:
        return npgettext("public catalogue", "%(n)s month", "%(n)s months", count) % {"n": number}
    return npgettext("public catalogue", "%(n)s working day", "%(n)s working days", count) % {"n": number}


def fee_lines(channel: Channel) -> list[str]:
    """Each fee as "Lệ phí: 8.000 đồng"; the published text when amounts could not be read."""
    lines = [_fee_line(fee) for fee in channel.fees or [] if isinstance(fee, dict)]
    lines = [line for line in lines if line]
    if not lines and channel.fee_text.strip():
        lines = [channel.fee_text.strip()]
    return lines or [pgettext("public catalogue", "No fee information published")]


# Descriptions that say nothing ("Không có": none) are left out.
_EMPTY_DESCRIPTIONS = frozenset({"khong", "khong co", "khong co thong tin", "khong quy dinh"})
_LABEL_LENGTH = 30  # "Lệ phí", "Phí thẩm định": a label; longer text is an explanation


def _fee_line(fee: dict[str, Any]) -> str:
    """ "Lệ phí: 8.000 đồng" for a short label, "Miễn phí (Mức thu do HĐND tỉnh quyết định…)" for an
    explanation, the description alone when the amount could not be read."""
    description = str(fee.get("description") or "").strip().rstrip(":").strip()
    if fold(description).strip(" .") in _EMPTY_DESCRIPTIONS:
        description = ""
    amount = _decimal(fee.get("amount"))
    if amount is None:
        return description
    is_label = bool(description) and len(description) <= _LABEL_LENGTH and not description.startswith("(")
    if amount == 0:
        money = (
            pgettext("public catalogue", "free of charge")
            if is_label
            else pgettext("public catalogue", "Free of charge")
        )
    else:
        currency = str(fee.get("currency") or "VND").strip().upper()
        unit = pgettext("currency", "dong") if currency == "VND" else currency
        money = f"{format_number(amount)} {unit}"
    if not description:
        return money
    if is_label:
        return f"{description}: {money}"
    explanation = description[1:-1] if description.startswith("(") and description.endswith(")") else description
    return f"{money} ({explanation})"


def _decimal(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return None
    return amount if amount.is_finite() and amount >= 0 else None


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
            fees=fee_lines(channel),
            description=channel.description.strip(),
        )
        for channel in channels
    ]


def _order(kind: str) -> int:
    return CHANNEL_ORDER.index(kind) if kind in CHANNEL_ORDER else len(CHANNEL_ORDER)  # type: ignore[arg-type]


def paper_groups(version: ProcedureVersion) -> list[PaperGroup]:
    """Papers in published order, grouped by the case they belong to ("Trường hợp …")."""
    groups: list[PaperGroup] = []
    for paper in version.papers.all():
        title = paper.group.strip().lstrip("*").strip().rstrip(":").strip()
        if not title and groups:  # papers for every case, listed after the cases
            title = pgettext("public catalogue", "Other papers")
        if not groups or groups[-1].title != title:
            groups.append(PaperGroup(title=title, papers=[]))
        groups[-1].papers.append(_paper_view(paper))
    return groups


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
    fees: list[str]


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
        fees = channels[0].fees
    else:
        fees = [f"{'; '.join(channel.fees)} ({channel.label})" for channel in channels]
    return Summary(times=times, fees=fees)
