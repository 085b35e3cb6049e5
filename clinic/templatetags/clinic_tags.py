"""Small presentation helpers any app's templates may use."""

from django import template
from django.conf.locale import LANG_INFO
from django.utils.timesince import timesince
from django.utils.translation import gettext

from clinic.languages import LANGUAGES
from clinic.links import fixed_url, public_url

register = template.Library()

_OFFERED = dict(LANGUAGES)


@register.filter(name="public_url")
def public_url_filter(public_id, url_name: str) -> str:
    """`{{ intake.public_id|public_url:"cases:intake_accept" }}`: a row's link without `{% url %}`'s
    cost on every row (clinic/links.py)."""
    return public_url(url_name, public_id)


@register.simple_tag(name="fixed_url")
def fixed_url_tag(url_name: str) -> str:
    """`{% fixed_url "cases:case_list" %}`: `{% url %}` for a pattern without arguments, reversed
    once per language (clinic/links.py) instead of on every page; the header and the overview use it."""
    return fixed_url(url_name)


@register.filter
def language_names(codes) -> str:
    """["es", "qu"] -> "Spanish, Quechua" in the reader's language; unknown codes are shown as given."""
    names = []
    for code in codes or []:
        info = LANG_INFO.get(code)
        if code in _OFFERED:
            names.append(str(_OFFERED[code]))
        else:
            names.append(gettext(info["name"]) if info else code)
    return ", ".join(names)


@register.filter
def age(value) -> str:
    """How long ago, in its largest unit only ("3 hours", "2 days"), in the reader's language:
    lists are scanned, and "2 days, 3 hours" is harder to compare down a column."""
    return timesince(value, depth=1) if value else ""
