"""Every write to a detention response, one module per subdomain, re-exported here."""

from response.services._base import OUTCOMES, TRANSITIONS, ResponseStateError
from response.services.checklist import (
    checklist_create,
    checklist_item_done,
    checklist_template_save,
    consular_notification_mandatory,
    detainer_rule_save,
    mandatory_country_save,
)
from response.services.locating import (
    locator_check_record,
    recheck_reminders_send,
    response_opened_alert_send,
    transfer_alert_send,
)
from response.services.partners import (
    PartnerReport,
    partner_for_token,
    partner_report_open,
    partner_revoke,
    partner_token_issue,
)
from response.services.responses import (
    Caller,
    Detention,
    response_assign,
    response_mark_case_opened,
    response_open,
    response_status_set,
    response_windows_set,
)
from response.services.retention import caller_details_purge
from response.services.rota import shift_create, shift_end

__all__ = [
    "OUTCOMES",
    "TRANSITIONS",
    "Caller",
    "Detention",
    "PartnerReport",
    "ResponseStateError",
    "caller_details_purge",
    "checklist_create",
    "checklist_item_done",
    "checklist_template_save",
    "consular_notification_mandatory",
    "detainer_rule_save",
    "locator_check_record",
    "mandatory_country_save",
    "partner_for_token",
    "partner_report_open",
    "partner_revoke",
    "partner_token_issue",
    "recheck_reminders_send",
    "response_assign",
    "response_mark_case_opened",
    "response_open",
    "response_opened_alert_send",
    "response_status_set",
    "response_windows_set",
    "shift_create",
    "shift_end",
    "transfer_alert_send",
]
