"""`{% panels "case" case %}`: the panels other apps registered for a page (clinic.registry)."""

from django import template
from django.utils.html import format_html_join

from clinic.registry import render_panels

register = template.Library()


@register.simple_tag(takes_context=True)
def panels(context, page: str, obj: object) -> str:
    return format_html_join("\n", "{}", ((html,) for html in render_panels(page, context["request"], obj)))
