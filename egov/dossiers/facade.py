"""The one-stop engine's public surface for the apps above it (console, portal, reports, exchange)."""

from egov.dossiers.applicant import (
    RATING_SCORES,
    STATUS_GROUPS,
    ApplicantDossier,
    ApplicantDossierPage,
    ApplicantDossierRow,
    ApplicantFile,
    ApplicantFileDownload,
    ApplicantRating,
    applicant_dossier_get,
    applicant_dossier_list,
    applicant_file_get,
    one_stop_report_public,
    procedure_popularity,
)
from egov.dossiers.applicant_documents import ApplicantDocument, applicant_submission_receipt
from egov.dossiers.choices import Action, DossierStatus, Timeliness
from egov.dossiers.contracts import (
    ActionData,
    ApplicantData,
    IntakeData,
    PaperCase,
    PaymentRecord,
    ReceivedPaper,
    UploadedFile,
)
from egov.dossiers.forms import MultipleFileField  # the upload field of supplementation, for the portal
from egov.dossiers.one_stop_report import ReportResult, ReportRow
from egov.dossiers.ports import ExternalTransferPort, register_external_transfer
from egov.dossiers.selectors import WorklistCount, work_summary
from egov.dossiers.services.actions import TRANSITIONS, allowed_actions, dossier_act, dossier_rate
from egov.dossiers.services.intake import dossier_receive, dossier_submit_online
from egov.dossiers.services.payments import DOSSIER_PURPOSE_PREFIX, dossier_record_payment, payment_purpose

__all__ = [
    "DOSSIER_PURPOSE_PREFIX",
    "RATING_SCORES",
    "STATUS_GROUPS",
    "TRANSITIONS",
    "Action",
    "ActionData",
    "ApplicantData",
    "ApplicantDocument",
    "ApplicantDossier",
    "ApplicantDossierPage",
    "ApplicantDossierRow",
    "ApplicantFile",
    "ApplicantFileDownload",
    "ApplicantRating",
    "DossierStatus",
    "ExternalTransferPort",
    "IntakeData",
    "MultipleFileField",
    "PaperCase",
    "PaymentRecord",
    "ReceivedPaper",
    "ReportResult",
    "ReportRow",
    "Timeliness",
    "UploadedFile",
    "WorklistCount",
    "allowed_actions",
    "applicant_dossier_get",
    "applicant_dossier_list",
    "applicant_file_get",
    "applicant_submission_receipt",
    "dossier_act",
    "dossier_rate",
    "dossier_receive",
    "dossier_record_payment",
    "dossier_submit_online",
    "one_stop_report_public",
    "payment_purpose",
    "procedure_popularity",
    "register_external_transfer",
    "work_summary",
]
