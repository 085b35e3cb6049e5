"""The columns of the case lists that grow with the clinic: the coordinator's list and the caseload.

Built in Python for speed (clinic/tables.py); each cell is the markup the templates used to make.
Whatever is the same on every row (a translated word, a badge, a link's pattern) is made once.
"""

from datetime import datetime

from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from cases import selectors
from cases.models import Assignment, Case
from clinic.links import public_reference, public_url_maker
from clinic.models.choices import choice_labels
from clinic.tables import Column, Table, html, short_date, short_datetime
from intake.models.clients import full_name


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
        reference = html(name % {"ref": public_reference(row.public_id)})
        return mark_safe(f'<a href="{case_url(row.public_id)}">{reference}</a>')  # noqa: S308 (escaped)

    def client_cell(row) -> str:
        client = html(full_name(row.client__given_names, row.client__family_names))
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


def caseload_table(rows: list, *, now: datetime) -> Table:
    """The attorney's active cases (rows from `selectors.caseload_page`); urgent rows stand out
    (`selectors.is_urgent`)."""
    detained = _detained_badge()
    case_url = public_url_maker("cases:case_detail")
    case_types = choice_labels(Case, "case_type")
    roles = {role.value: str(role.label) for role in Assignment.Role}
    today = timezone.localdate(now)
    urgency = {row.pk: selectors.urgency(row.next_deadline_on, today) for row in rows if row.next_deadline_on}
    urgent = {
        row.pk
        for row in rows
        if selectors.is_urgent(
            is_detained=row.is_detained,
            next_hearing_at=row.next_hearing_at,
            now=now,
            deadline=urgency.get(row.pk),
        )
    }

    def client_cell(row) -> str:
        name = html(full_name(row.client__given_names, row.client__family_names))
        link = f'<a href="{case_url(row.public_id)}">{name}</a>'
        return mark_safe(link + detained if row.is_detained else link)  # noqa: S308 (escaped)

    def hearing_cell(row) -> str:
        if row.next_hearing_at is None:
            return "—"
        when = html(short_datetime(row.next_hearing_at))
        return mark_safe(f"<strong>{when}</strong>") if row.pk in urgent else when  # noqa: S308 (escaped)

    def deadline_cell(row) -> str:
        if row.pk not in urgency:
            return "—"
        due = urgency[row.pk]
        return format_html(
            '{} · {} <span class="badge {}">{}</span>',
            short_date(row.next_deadline_on),
            row.next_deadline_title,
            due.css,
            due.label,
        )

    return Table(
        [
            Column(_("Client"), client_cell),
            Column(_("Case type"), lambda row: case_types.get(row.case_type, row.case_type)),
            Column(_("Court"), lambda row: row.court or "—"),
            Column(_("Next hearing"), hearing_cell),
            Column(_("Next deadline"), deadline_cell),
            Column(_("Role"), lambda row: roles.get(row.assignment_role, row.assignment_role)),
        ],
        rows,
        row_class=lambda row: "list__item--urgent" if row.pk in urgent else "",
    )
