"""Reads: the fees of a dossier as the one-stop desk collects them.

The fees are computed by the catalogue's rules (``egov.procedures.fees``) from the dossier's channel
and e-form answers, at the rates in force on the day the dossier was received (or submitted): a
provincial rate that depends on the applicant's case (a re-registration, a beneficiary exempted —
Luật Phí và lệ phí 97/2015/QH13 Điều 10, Điều 21 k2) is chosen from the answers the desk entered or
the citizen gave, and the desk sees which case applied.
"""

from dataclasses import dataclass

from egov.core import clock
from egov.dossiers.documents.formatting import local
from egov.dossiers.models import Dossier
from egov.procedures.fees import FeeQuote, fees_for
from egov.procedures.models import Channel


@dataclass(frozen=True)
class DossierFees:
    quote: FeeQuote
    paid_online: int  # what the applicant already paid online (egov.payments)

    @property
    def to_collect(self) -> int:
        """What is left to collect at the desk."""
        return max(self.quote.total - self.paid_online, 0)


def dossier_fees(*, dossier: Dossier) -> DossierFees | None:
    """The dossier's fees, or None when its channel charges none and none is pending."""
    channel = (
        Channel.objects.filter(version_id=dossier.procedure_version_id, kind=dossier.channel)
        .select_related("version")
        .first()
    )
    if channel is None:
        return None
    moment = dossier.received_at or dossier.submitted_at
    day = local(moment).date() if moment is not None else clock.today()
    quote = fees_for(channel, dossier.form_data or {}, on=day)
    if not quote.lines and not quote.pending:
        return None
    return DossierFees(quote=quote, paid_online=dossier.paid_amount)
