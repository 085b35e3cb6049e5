"""Choice labels looked up once per field and language, not rebuilt on every `get_FOO_display()`."""

import functools

from django.db import models
from django.utils.translation import get_language


@functools.lru_cache(maxsize=1024)
def _labels(field: models.Field, language: str | None) -> dict:
    return {value: str(label) for value, label in field.flatchoices}


class ChoiceLabels:
    """A model mixin for rows that list pages show by the dozen.

    Django's `get_FOO_display()` rebuilds the field's choices as a hashable dict on every call, which
    translates every label of the field to hash it: on a list of 50 cases that was a third of the
    page's time. Here the labels of a field are read once per language.
    """

    def _get_FIELD_display(self, field: models.Field):
        value = getattr(self, field.attname)
        try:
            return _labels(field, get_language()).get(value, value)
        except TypeError:  # an unhashable value (a list in a JSON field) takes Django's way
            return super()._get_FIELD_display(field)


def choice_labels(model: type[models.Model], field_name: str) -> dict:
    """{value: label} of a field's choices in the current language, for a list that shows many rows
    read as values rather than model instances."""
    return _labels(model._meta.get_field(field_name), get_language())
