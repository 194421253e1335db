"""Messages of e-form validation, always produced in both languages.

An error message is ``{"vi": "…", "en": "…"}``: the API returns both and a page shows the one of
its language, whatever language the request that validated the data was in.
"""

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from egov.procedures.eforms.spec import is_text

Message = dict[str, str]

REQUIRED = _("This field is required.")
CONFIRM = _("Tick the box to confirm this statement.")
UNKNOWN_FIELD = _("This form has no such field.")
NOT_A_SECTION = _("This part of the form must be a group of fields.")
INVALID = _("This value is not valid.")
CHOOSE_ONE = _("Choose one of the options.")
TEXT = _("Enter text.")
WHOLE_NUMBER = _("Enter a whole number, digits only.")
NUMBER = _("Enter a number.")
YES_NO = _("Choose yes or no.")
LIST = _("Choose from the options.")
MIN_LENGTH = _("Enter at least %(limit)s characters.")
MAX_LENGTH = _("Enter at most %(limit)s characters.")
PATTERN = _("The value is not in the expected form.")
MINIMUM = _("Enter %(limit)s or more.")
MAXIMUM = _("Enter %(limit)s or less.")
ABOVE = _("Enter more than %(limit)s.")
BELOW = _("Enter less than %(limit)s.")
MULTIPLE_OF = _("Enter a multiple of %(limit)s.")
MIN_ITEMS = _("Choose at least %(limit)s options.")
MAX_ITEMS = _("Choose at most %(limit)s options.")
UNIQUE_ITEMS = _("Choose each option once.")
FUTURE_DATE = _("This date cannot be in the future.")
FUTURE_YEAR = _("This year cannot be in the future.")
MIN_AGE = _("The person must be at least %(limit)s years old.")
FORMAT = {
    "date": _("Enter a real date as dd/mm/yyyy."),
    "email": _("Enter an email address such as ten@example.vn."),
    "vn-name": _("Use letters and spaces only."),
}

FORM_INVALID = _("Please correct the errors in the form.")
DATA_NOT_OBJECT = _("The form data must be a JSON object.")
DATA_TOO_LARGE = _("The form data is too large.")


def bilingual(message: Any, **params: Any) -> Message:
    """Render a lazy message (or a schema's bilingual text) in Vietnamese and English."""
    if isinstance(message, dict) and is_text(message):
        return {"vi": message["vi"], "en": message["en"]}
    if isinstance(message, str) and not isinstance(message, Promise):
        return {"vi": message, "en": message}
    rendered: Message = {}
    for language in ("vi", "en"):
        with override(language):
            text = str(message)
            rendered[language] = text % params if params else text
    return rendered
