from cases.models.cases import (
    Assignment,
    Case,
    CaseGroupObjectPermission,
    CaseStatusCount,
    CaseUserObjectPermission,
    Note,
    TimeEntry,
    validate_tenths,
)
from cases.models.codes import CaseType, ClosingCode, Outcome, ProblemCode
from cases.models.deadlines import (
    EVENT_TRIGGERS,
    HEARING_TRIGGERS,
    CaseEvent,
    Deadline,
    DeadlineRule,
    DeadlineRuleVersion,
    Trigger,
)
from cases.models.feeds import FeedToken
from cases.models.funding import TABLE_METRICS, ClientGroup, Funder, Grant, ReportMetric
from cases.models.hearings import Court, Hearing
from cases.models.network import AttorneyProfile, AttorneyStats
from cases.models.offers import Offer

__all__ = [
    "CaseStatusCount",
    "EVENT_TRIGGERS",
    "TABLE_METRICS",
    "ClientGroup",
    "ReportMetric",
    "HEARING_TRIGGERS",
    "CaseEvent",
    "Court",
    "Deadline",
    "DeadlineRule",
    "DeadlineRuleVersion",
    "FeedToken",
    "Trigger",
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
