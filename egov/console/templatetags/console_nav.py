"""``{% load console_nav %}{% staff_navigation %}``: the role-based left navigation."""

from typing import Any

from django import template

from egov.console import navigation

register = template.Library()


@register.inclusion_tag("console/includes/staff_nav.html", takes_context=True)
def staff_navigation(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    if request is None:
        return {"groups": []}
    return {"groups": navigation.staff_navigation(user=request.user, path=request.path)}
