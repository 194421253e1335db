"""Links from shared pages to pages other modules own."""

from django.urls import NoReverseMatch, reverse

CITIZEN_LOGIN = "identity:citizen_login"
CITIZEN_REGISTER = "identity:citizen_register"
STAFF_LOGIN = "identity:login"


def url_if_routed(name: str) -> str:
    """The URL of the view ``name``, or "" if no such view is installed: pages never show a dead link."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""
