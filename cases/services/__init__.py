"""Every write to a case, its offers, assignments, hearings, notes, time, funding and the network.

One module per subdomain; this package re-exports the public services so callers import them from
`cases.services`.
"""

from cases.services._base import TRANSITIONS, CaseStateError
from cases.services.assignments import ROLE_PERMISSIONS, assignment_create, assignment_end
from cases.services.cases import (
    Placement,
    case_close,
    case_open,
    case_parties_set,
    case_reopen,
    case_status_counts_rebuild,
    case_update,
    note_create,
    placement_from_intake,
    time_entry_create,
)
from cases.services.deadlines import (
    Recalculation,
    case_event_record,
    deadline_create,
    deadline_update,
    hearing_deadlines_sync,
    rule_recalculate,
    rule_recalculations,
    rule_version_create,
)
from cases.services.funding import INELIGIBLE_FOR_LSC, funder_save, grant_check, grant_save
from cases.services.hearings import hearing_create, hearing_update
from cases.services.network import (
    attorney_profile_save,
    attorney_stats_disagreements,
    attorney_stats_rebuild,
    attorney_stats_recount,
)
from cases.services.offers import (
    offer_accept,
    offer_create,
    offer_decline,
    offer_notify,
    offer_withdraw,
    offers_expire,
)

__all__ = [
    "INELIGIBLE_FOR_LSC",
    "ROLE_PERMISSIONS",
    "TRANSITIONS",
    "CaseStateError",
    "Recalculation",
    "Placement",
    "assignment_create",
    "assignment_end",
    "attorney_profile_save",
    "attorney_stats_disagreements",
    "attorney_stats_rebuild",
    "attorney_stats_recount",
    "case_close",
    "case_event_record",
    "case_open",
    "case_parties_set",
    "case_reopen",
    "case_status_counts_rebuild",
    "case_update",
    "deadline_create",
    "deadline_update",
    "funder_save",
    "grant_check",
    "grant_save",
    "hearing_create",
    "hearing_deadlines_sync",
    "hearing_update",
    "note_create",
    "offer_accept",
    "offer_create",
    "offer_decline",
    "offer_notify",
    "offer_withdraw",
    "offers_expire",
    "placement_from_intake",
    "rule_recalculate",
    "rule_recalculations",
    "rule_version_create",
    "time_entry_create",
]
