"""Reads that pages share, with their prefetching inside; one module per subdomain."""

from cases.selectors.cases import (
    case_counts,
    case_detail,
    case_history,
    case_list,
    case_report_counts,
    cases_for_attorney,
    open_offers_for_attorney,
    with_next_deadline,
    with_next_hearing,
)
from cases.selectors.deadlines import (
    Urgency,
    deadline_counts,
    deadlines_for_attorney,
    deadlines_for_coordinators,
    feed_deadlines,
    feed_hearings,
    hearings_for_attorney,
    rules_with_versions,
    urgency,
)

__all__ = [
    "Urgency",
    "case_counts",
    "case_detail",
    "case_history",
    "case_list",
    "case_report_counts",
    "cases_for_attorney",
    "deadline_counts",
    "deadlines_for_attorney",
    "deadlines_for_coordinators",
    "feed_deadlines",
    "feed_hearings",
    "hearings_for_attorney",
    "open_offers_for_attorney",
    "rules_with_versions",
    "urgency",
    "with_next_deadline",
    "with_next_hearing",
]
