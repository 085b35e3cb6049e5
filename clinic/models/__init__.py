from clinic.models.access_log import AccessEvent
from clinic.models.accounts import RoleChange, User
from clinic.models.organisation import AttorneyProfile, Funder, Grant, PracticeArea

__all__ = ["AccessEvent", "AttorneyProfile", "Funder", "Grant", "PracticeArea", "RoleChange", "User"]
