"""Writing to a person in their own language, whatever language the current request speaks."""

from contextlib import AbstractContextManager

from django.conf import settings
from django.utils import translation


def in_language_of(user) -> AbstractContextManager:
    """`with in_language_of(user): send_mail(...)`: gettext inside speaks the user's language."""
    language = getattr(user, "language", "") or settings.LANGUAGE_CODE
    return translation.override(language)
