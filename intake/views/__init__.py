from intake.views.clients import client_detail, client_edit, client_merge, client_search
from intake.views.matches import client_match_review
from intake.views.outreach import outreach_edit, outreach_list
from intake.views.pages import (
    conflict_check_run,
    conflict_hit_clear,
    emergency_new,
    guidelines,
    home,
    intake_decline,
    intake_demographics,
    intake_detail,
    intake_refer,
    queue,
)
from intake.views.wizard import intake_new, intake_step

__all__ = [
    "client_detail",
    "client_edit",
    "client_merge",
    "client_search",
    "client_match_review",
    "conflict_check_run",
    "conflict_hit_clear",
    "emergency_new",
    "guidelines",
    "home",
    "intake_decline",
    "intake_demographics",
    "intake_detail",
    "intake_new",
    "intake_refer",
    "intake_step",
    "outreach_edit",
    "outreach_list",
    "queue",
]
