"""The staff console's left navigation: what each officer sees depends on their roles.

Modules add their pages here as they arrive; an item shows only to users its ``visible`` accepts.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from egov.console.permissions import can_use_admin, can_view_audit, is_staff_account
from egov.notifications.facade import unread_count
from egov.organisation.facade import has_permission


def _can(perm: str) -> Callable[[Any], bool]:
    def check(user: Any) -> bool:
        return is_staff_account(user) and has_permission(user, perm)

    return check


def _unread(user: Any) -> int:
    return unread_count(user_id=user.pk)


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    visible: Callable[[Any], bool]
    # "/staff/" must only be current on itself; deeper pages light up their own section.
    exact: bool = False
    # A number shown after the label when above zero (e.g. unread notices).
    count: Callable[[Any], int] | None = None


@dataclass(frozen=True)
class NavSection:
    title: str | Promise
    items: tuple[NavItem, ...]


@dataclass(frozen=True)
class NavLink:
    label: str | Promise
    url: str
    is_current: bool


@dataclass(frozen=True)
class NavGroup:
    title: str | Promise
    links: tuple[NavLink, ...]


SECTIONS: tuple[NavSection, ...] = (
    NavSection(
        _("Work"),
        (NavItem(_("Staff home"), "console:home", is_staff_account, exact=True),),
    ),
    NavSection(
        _("One-stop"),
        (
            NavItem(_("Worklists"), "dossiers:worklist", _can("dossiers.view"), exact=True),
            NavItem(_("Receive a dossier"), "dossiers:receive", _can("dossiers.receive")),
            NavItem(_("Statistics"), "dossiers:statistics", _can("dossiers.view_statistics")),
            NavItem(_("Notifications"), "notifications:list", is_staff_account, count=_unread),
        ),
    ),
    NavSection(
        _("Oversight"),
        (NavItem(_("Audit log"), "console:audit_list", can_view_audit),),
    ),
    NavSection(
        _("Tools"),
        (
            NavItem(_("Administration"), "admin:index", can_use_admin),
            NavItem(_("API documentation"), "api-v1:openapi-view", is_staff_account),
            NavItem(_("Signing certificates"), "signing:certificates", is_staff_account),
        ),
    ),
)


def staff_navigation(*, user: Any, path: str) -> list[NavGroup]:
    """The sections and links ``user`` may use; the one matching ``path`` is marked current."""
    groups = []
    for section in SECTIONS:
        links = []
        for item in section.items:
            if not item.visible(user):
                continue
            url = reverse(item.url_name)
            is_current = path == url if item.exact else path.startswith(url)
            label = item.label
            count = item.count(user) if item.count else 0
            if count:
                label = format_lazy(_("{label} ({count} unread)"), label=label, count=count)
            links.append(NavLink(label, url, is_current))
        if links:
            groups.append(NavGroup(section.title, tuple(links)))
    return groups
