"""The response pages, one module per subdomain; urls.py reaches them through this package."""

from response.views.data import (
    checklist_templates,
    country_edit,
    rota,
    rule_edit,
    rules,
    shift_end,
    template_edit,
)
from response.views.pages import (
    assign,
    checklist_item_toggle,
    dashboard,
    locator_check_add,
    mine,
    response_detail,
    response_open,
    status_set,
    windows_set,
)
from response.views.partner import partner_report

__all__ = [
    "assign",
    "checklist_item_toggle",
    "checklist_templates",
    "country_edit",
    "dashboard",
    "locator_check_add",
    "mine",
    "partner_report",
    "response_detail",
    "response_open",
    "rota",
    "rule_edit",
    "rules",
    "shift_end",
    "status_set",
    "template_edit",
    "windows_set",
]
