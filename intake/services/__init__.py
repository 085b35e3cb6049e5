"""Writes for intake. Import from here: `from intake.services import intake_mark_accepted`."""

from intake.services.clients import (
    Identity,
    Party,
    adverse_parties_set,
    client_alias_add,
    client_find_existing,
    client_save_identity,
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
from intake.services.outreach import outreach_event_save

__all__ = [
    "EligibilityError",
    "EligibilityResult",
    "Identity",
    "IntakeStateError",
    "Means",
    "Party",
    "Situation",
    "adverse_parties_set",
    "client_alias_add",
    "client_find_existing",
    "client_lsc_eligibility_set",
    "client_save_identity",
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
