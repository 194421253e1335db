"""The one-stop engine's public surface for the apps above it (console, portal, reports, exchange)."""

from egov.dossiers.choices import Action, DossierStatus, Timeliness
from egov.dossiers.contracts import ActionData, ApplicantData, IntakeData, ReceivedPaper, UploadedFile
from egov.dossiers.ports import ExternalTransferPort, register_external_transfer
from egov.dossiers.services.actions import TRANSITIONS, allowed_actions, dossier_act, dossier_rate
from egov.dossiers.services.intake import dossier_receive, dossier_submit_online

__all__ = [
    "TRANSITIONS",
    "Action",
    "ActionData",
    "ApplicantData",
    "DossierStatus",
    "ExternalTransferPort",
    "IntakeData",
    "ReceivedPaper",
    "Timeliness",
    "UploadedFile",
    "allowed_actions",
    "dossier_act",
    "dossier_rate",
    "dossier_receive",
    "dossier_submit_online",
    "register_external_transfer",
]
