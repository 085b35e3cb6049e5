"""The case pages, one module per subdomain; urls.py reaches them through this package."""

from cases.views.cases import (
    case_client,
    case_close,
    case_detail,
    case_edit,
    case_history,
    case_list,
    case_parties,
    case_reopen,
    intake_accept,
    note_add,
    time_add,
)
from cases.views.funding import funder_edit, funding, grant_edit
from cases.views.hearings import hearing_add
from cases.views.network import profile_edit
from cases.views.offers import (
    assignment_add,
    assignment_end,
    case_match,
    caseload,
    offer_accept,
    offer_decline,
    offer_withdraw,
)

__all__ = [
    "case_client",
    "assignment_add",
    "assignment_end",
    "case_close",
    "case_detail",
    "case_edit",
    "case_history",
    "case_list",
    "case_match",
    "case_parties",
    "case_reopen",
    "caseload",
    "funder_edit",
    "funding",
    "grant_edit",
    "hearing_add",
    "intake_accept",
    "note_add",
    "offer_accept",
    "offer_decline",
    "offer_withdraw",
    "profile_edit",
    "time_add",
]
