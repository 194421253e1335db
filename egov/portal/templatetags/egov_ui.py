"""Template tags of the shared design system (templates/base.html and the layouts).

``{% load egov_ui %}`` works in every app's templates.
"""

import re

from django import template

from egov.notifications.facade import unread_count
from egov.portal.selectors import SiteIdentity, site_get_identity

register = template.Library()


@register.simple_tag
def site_identity() -> SiteIdentity:
    """``{% site_identity as site %}`` → ``site.name``, ``site.province``."""
    return site_get_identity()


@register.filter
def tel_href(phone: str) -> str:
    """``0233 3 123 456`` → ``tel:02333123456`` (keeps a leading +)."""
    return "tel:" + re.sub(r"[^\d+]", "", phone or "")


@register.simple_tag(takes_context=True)
def inbox_unread(context: template.Context) -> int:
    """``{% inbox_unread as n %}``: the logged-in citizen's unread messages (0 for anyone else)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or getattr(user, "kind", "") != "citizen":
        return 0
    return unread_count(user_id=int(user.pk))
