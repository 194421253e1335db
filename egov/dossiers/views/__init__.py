"""Staff pages of the one-stop engine (thin views over ``selectors`` and the facade)."""

from egov.dossiers.views.actions import act, rate
from egov.dossiers.views.answers import answers_correct, answers_print
from egov.dossiers.views.detail import detail, file_download
from egov.dossiers.views.intake import receive
from egov.dossiers.views.worklist import worklist

__all__ = ["act", "answers_correct", "answers_print", "detail", "file_download", "rate", "receive", "worklist"]
