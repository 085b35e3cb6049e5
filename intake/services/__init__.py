"""Writes for intake. Import from here: `from intake.services import intake_mark_accepted`."""

from intake.services.clients import (
    Identity,
    Party,
    adverse_parties_set,
    client_alias_add,
    client_create,
    client_find_existing,
    client_find_known,
    household_create,
    search_index_rebuild,
)
from intake.services.conflicts import conflict_check_run, conflict_checks_rerun_for_client, conflict_hit_clear
from intake.services.eligibility import (
    EligibilityError,
    EligibilityResult,
    client_lsc_eligibility_set,
    eligibility_compute,
    poverty_guideline_save,
)
from intake.services.intakes import (
    DraftTooLarge,
    IntakeStateError,
    Means,
    Situation,
    draft_content,
    emergency_notify,
    intake_decline,
    intake_draft_save,
    intake_emergency_create,
    intake_mark_accepted,
    intake_refer,
    intake_start,
    intake_submit,
)
from intake.services.matches import (
    Proposal,
    client_match_confirm,
    client_match_proposals,
    client_match_reject,
)
from intake.services.outreach import outreach_event_save
from intake.services.records import client_identity_update, client_merge

__all__ = [
    "DraftTooLarge",
    "EligibilityError",
    "EligibilityResult",
    "Identity",
    "IntakeStateError",
    "Means",
    "Party",
    "Proposal",
    "Situation",
    "adverse_parties_set",
    "client_alias_add",
    "client_create",
    "client_find_existing",
    "client_lsc_eligibility_set",
    "client_find_known",
    "client_identity_update",
    "client_merge",
    "client_match_confirm",
    "client_match_proposals",
    "client_match_reject",
    "conflict_check_run",
    "conflict_checks_rerun_for_client",
    "conflict_hit_clear",
    "draft_content",
    "eligibility_compute",
    "emergency_notify",
    "household_create",
    "intake_decline",
    "intake_draft_save",
    "intake_emergency_create",
    "intake_mark_accepted",
    "intake_refer",
    "intake_start",
    "intake_submit",
    "outreach_event_save",
    "poverty_guideline_save",
    "search_index_rebuild",
]
