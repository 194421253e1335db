"""The province's fee table (``ProvincialFee``): rates the provincial People's Council sets, as law
with effective dates (Luật Phí và lệ phí 97/2015/QH13 Điều 21 khoản 2; TT 85/2019/TT-BTC).

A rate is never deleted: a new resolution is a new row from its date, and the old row gets the day
before as its end, so a dossier received earlier keeps the rate it was charged. Two rates with the
same name and the same case (condition on the e-form answers, or none) for the same procedure and
channel cannot be in force on the same day; a rate for a case beside the general one is the
resolution's exemption or reduction for that case. Every save is
audited with what changed, in the same transaction.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from egov.core.errors import ApplicationError
from egov.core.services.audit import audit_record
from egov.core.text import fold
from egov.procedures.models import Procedure, ProvincialFee

if TYPE_CHECKING:
    from egov.identity.models import User

_AUDITED = (
    "procedure_id",
    "channel_kind",
    "name",
    "amount",
    "per",
    "unit",
    "effective_from",
    "effective_to",
    "resolution_number",
    "resolution_article",
    "note",
    "condition_field",
    "condition_operator",
    "condition_value",
    "condition_label",
)


def _value(fee: ProvincialFee, name: str) -> Any:
    value = getattr(fee, name)
    return value.isoformat() if isinstance(value, date) else value


def _overlapping(fee: ProvincialFee) -> bool:
    """Another rate of the same name, procedure and channel is in force on a day of this one's period."""
    others = ProvincialFee.objects.filter(procedure_id=fee.procedure_id, channel_kind=fee.channel_kind).exclude(
        pk=fee.pk
    )
    if fee.effective_to is not None:
        others = others.filter(effective_from__lte=fee.effective_to)
    others = others.filter(Q(effective_to__isnull=True) | Q(effective_to__gte=fee.effective_from))
    return any(fold(other.name) == fold(fee.name) and _case(other) == _case(fee) for other in others)


def _case(fee: ProvincialFee) -> tuple[str, str, str]:
    condition = fee.condition
    if condition is None:
        return ("", "", "")
    return (condition.field, condition.operator, fold(condition.value))


@transaction.atomic
def provincial_fee_save(*, fee: ProvincialFee, acting_user: User | None) -> ProvincialFee:
    """Create or change one rate of the province's table; audited as ``procedures.provincial_fee_create``
    / ``procedures.provincial_fee_update`` with the values before and after."""
    fee.name = " ".join(fee.name.split())
    fee.per, fee.unit = fee.per.strip(), fee.unit.strip()
    fee.condition_field, fee.condition_value = fee.condition_field.strip(), fee.condition_value.strip()
    fee.condition_label = " ".join(fee.condition_label.split())
    fee.resolution_number = " ".join(fee.resolution_number.split())
    before = None
    if fee.pk is not None:
        stored = ProvincialFee.objects.select_for_update().filter(pk=fee.pk).first()
        before = {name: _value(stored, name) for name in _AUDITED} if stored is not None else None
    try:
        fee.full_clean()
    except ValidationError as exc:
        raise ApplicationError(
            _("The fee rate is not valid."), code="provincial_fee_invalid", fields=exc.message_dict
        ) from exc
    Procedure.objects.select_for_update().filter(pk=fee.procedure_id).first()  # rates of one procedure: one at a time
    if _overlapping(fee):
        raise ApplicationError(
            _(
                "Another rate with this name is in force for this procedure and channel during this period; "
                "end it the day before this one starts."
            ),
            code="provincial_fee_overlap",
            status=409,
        )
    after = {name: _value(fee, name) for name in _AUDITED}
    if before == after:
        return fee
    fee.save()
    audit_record(
        actor=acting_user,
        action="procedures.provincial_fee_create" if before is None else "procedures.provincial_fee_update",
        obj=fee,
        changes={
            name: [None if before is None else before[name], value]
            for name, value in after.items()
            if before is None or before[name] != value
        },
    )
    return fee
