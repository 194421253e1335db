"""Staff pages of the one-stop engine (thin views over ``selectors`` and the facade)."""

from egov.dossiers.views.actions import act, rate
from egov.dossiers.views.detail import detail, file_download
from egov.dossiers.views.intake import receive
from egov.dossiers.views.worklist import worklist

__all__ = ["act", "detail", "file_download", "rate", "receive", "worklist"]
