from clinic.models.access_log import AccessEvent
from clinic.models.accounts import RoleChange, User
from clinic.models.calendar import ClosureDay
from clinic.models.notifications import NotificationSent

__all__ = ["AccessEvent", "ClosureDay", "NotificationSent", "RoleChange", "User"]
