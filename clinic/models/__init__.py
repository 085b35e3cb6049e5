from clinic.models.access_log import AccessEvent
from clinic.models.accounts import User

__all__ = ["AccessEvent", "User"]
