"""What the case pages share."""

from django.core.exceptions import ValidationError

from clinic.roles import Role

CASE_ROLES = (Role.ATTORNEY, Role.COORDINATOR)


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)
