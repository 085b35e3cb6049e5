from clinic.models.access_log import AccessEvent
from clinic.models.accounts import User
from clinic.models.calendar import ClosureDay
from clinic.models.notifications import NotificationSent
from clinic.models.organisation import AttorneyProfile, Funder, Grant, PracticeArea

__all__ = [
    "AccessEvent",
    "AttorneyProfile",
    "ClosureDay",
    "Funder",
    "Grant",
    "NotificationSent",
    "PracticeArea",
    "User",
]
