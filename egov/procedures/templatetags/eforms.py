"""``{% load eforms %}``: render an e-form and a summary of its cleaned data.

``{% eform schema data errors %}`` draws the error summary and the sections (the page supplies the
``<form>`` element, the CSRF token and the submit button); link ``css/eforms.css`` in the page head
and ``js/eforms.js`` after the form for the conditional sections.
"""

from typing import Any

from django import template

from egov.procedures.eforms.render import eform_render
from egov.procedures.eforms.summary import eform_summary as build_summary

register = template.Library()


@register.inclusion_tag("procedures/eforms/form.html")
def eform(schema: dict[str, Any], data: Any = None, errors: Any = None) -> dict[str, Any]:
    return {"form": eform_render(schema, data, errors)}


@register.inclusion_tag("procedures/eforms/summary.html")
def eform_summary(schema: dict[str, Any], cleaned: dict[str, Any]) -> dict[str, Any]:
    return {"sections": build_summary(schema, cleaned)}
