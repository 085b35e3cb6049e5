"""The columns of the case lists that grow with the clinic: the coordinator's list and the caseload.

Built in Python for speed (clinic/tables.py); each cell is the markup the templates used to make.
Whatever is the same on every row (a translated word, a badge, a link's pattern) is made once.
"""

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from cases.models import Case
from clinic.links import public_url_maker
from clinic.models.choices import choice_labels
from clinic.tables import Column, Table, html, short_date, short_datetime


def _detained_badge() -> str:
    return format_html(' <span class="badge badge--urgent">{}</span>', _("Detained"))


def case_list_table(rows: list) -> Table:
    """The coordinator's list (rows from `selectors.case_list`): detained rows stand out, each case
    links to its page."""
    detained = _detained_badge()
    case_url = public_url_maker("cases:case_detail")
    name = _("Case %(ref)s")
    case_types, statuses = choice_labels(Case, "case_type"), choice_labels(Case, "status")

    def case_cell(row) -> str:
        reference = html(name % {"ref": row.public_id.hex[:10].upper()})
        return mark_safe(f'<a href="{case_url(row.public_id)}">{reference}</a>')  # noqa: S308 (escaped)

    def client_cell(row) -> str:
        client = html(f"{row.client__given_names} {row.client__family_names}".strip())
        return mark_safe(client + detained if row.is_detained else client)  # noqa: S308 (escaped)

    return Table(
        [
            Column(_("Case"), case_cell),
            Column(_("Client"), client_cell),
            Column(_("Case type"), lambda row: case_types.get(row.case_type, row.case_type)),
            Column(_("Status"), lambda row: statuses.get(row.status, row.status)),
            Column(_("Next hearing"), lambda row: short_datetime(row.next_hearing_at)),
            Column(_("Grant"), lambda row: row.grant__name or "—"),
        ],
        rows,
        row_class=lambda row: "list__item--urgent" if row.is_detained else "",
    )


def _next_hearing_cell(case: Case) -> str:
    if case.next_hearing_at is None:
        return "—"
    when = short_datetime(case.next_hearing_at)
    return format_html("<strong>{}</strong>", when) if case.is_urgent else when


def _next_deadline_cell(case: Case) -> str:
    if not case.next_deadline_on:
        return "—"
    return format_html(
        '{} · {} <span class="badge {}">{}</span>',
        short_date(case.next_deadline_on),
        case.next_deadline_title,
        case.deadline_urgency.css,
        case.deadline_urgency.label,
    )


def caseload_table(cases: list[Case]) -> Table:
    """The attorney's active cases; `is_urgent`, `deadline_urgency` and `role_label` are set by the view."""
    detained = _detained_badge()
    case_url = public_url_maker("cases:case_detail")

    def client_cell(case: Case) -> str:
        return format_html(
            '<a href="{}">{}</a>{}',
            case_url(case.public_id),
            case.client.full_name,
            detained if case.is_detained else "",
        )

    return Table(
        [
            Column(_("Client"), client_cell),
            Column(_("Case type"), lambda case: case.get_case_type_display()),
            Column(_("Court"), lambda case: case.court or "—"),
            Column(_("Next hearing"), _next_hearing_cell),
            Column(_("Next deadline"), _next_deadline_cell),
            Column(_("Role"), lambda case: case.role_label),
        ],
        cases,
        row_class=lambda case: "list__item--urgent" if case.is_urgent else "",
    )
