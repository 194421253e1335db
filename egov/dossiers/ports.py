"""Ports the one-stop engine calls and higher modules implement (registered at start-up).

``ExternalTransferPort``: hand a dossier to an agency outside the province (liên thông with another
province or a ministry). The exchange module registers the implementation; until one is registered
the action is refused with a clear message rather than pretending to send.
"""

from typing import Protocol

from egov.dossiers.models import Dossier


class ExternalTransferPort(Protocol):
    def transfer(self, dossier: Dossier, *, target: str, note: str) -> str:
        """Send the dossier to the agency with code ``target``; return the exchange's reference."""
        ...


_external_transfer: ExternalTransferPort | None = None


def register_external_transfer(port: ExternalTransferPort | None) -> None:
    global _external_transfer
    _external_transfer = port


def external_transfer() -> ExternalTransferPort | None:
    return _external_transfer
