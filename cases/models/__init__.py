from cases.models.cases import (
    Assignment,
    Case,
    CaseGroupObjectPermission,
    CaseUserObjectPermission,
    Note,
    TimeEntry,
    validate_tenths,
)
from cases.models.codes import CaseType, ClosingCode, Outcome, ProblemCode
from cases.models.funding import Funder, Grant
from cases.models.hearings import Hearing
from cases.models.network import AttorneyProfile, AttorneyStats
from cases.models.offers import Offer

__all__ = [
    "Assignment",
    "AttorneyProfile",
    "AttorneyStats",
    "Case",
    "CaseGroupObjectPermission",
    "CaseType",
    "CaseUserObjectPermission",
    "ClosingCode",
    "Funder",
    "Grant",
    "Hearing",
    "Note",
    "Offer",
    "Outcome",
    "ProblemCode",
    "TimeEntry",
    "validate_tenths",
]
