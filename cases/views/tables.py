"""The columns of the case lists that grow with the clinic: the coordinator's list and the caseload.

Built in Python for speed (clinic/tables.py); each cell is the markup the templates used to make.
Whatever is the same on every row (a translated word, a badge, a link's pattern) is made once.
"""

from datetime import datetime

from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from cases import selectors
from cases.models import Assignment, Case
from clinic.links import public_reference, public_url_maker
from clinic.models.choices import choice_labels
from clinic.tables import Column, Table, html, short_date_maker, short_datetime_maker
from intake.models.clients import full_name

_DASH = SafeString("—")


def _detained_badge() -> str:
    return format_html(' <span class="badge badge--urgent">{}</span>', _("Detained"))


def _escaped(labels: dict[str, str]) -> dict[str, SafeString]:
    """Choice labels escaped once a page, so that a row's cell need not escape them again."""
    return {value: SafeString(html(label)) for value, label in labels.items()}


def case_list_table(rows: list) -> Table:
    """The coordinator's list (rows from `selectors.case_list`): detained rows stand out, each case
    links to its page."""
    detained = _detained_badge()
    case_url = public_url_maker("cases:case_detail")
    name = html(_("Case %(ref)s"))  # a reference is hex digits: nothing in it to escape
    case_types, statuses = _escaped(choice_labels(Case, "case_type")), _escaped(choice_labels(Case, "status"))
    when = short_datetime_maker()

    def case_cell(row) -> SafeString:
        reference = name % {"ref": public_reference(row.public_id)}
        return SafeString(f'<a href="{case_url(row.public_id)}">{reference}</a>')

    def client_cell(row) -> SafeString:
        client = html(full_name(row.client__given_names, row.client__family_names))
        return SafeString(client + detained if row.is_detained else client)

    return Table(
        [
            Column(_("Case"), case_cell),
            Column(_("Client"), client_cell),
            Column(_("Case type"), lambda row: case_types.get(row.case_type, row.case_type)),
            Column(_("Status"), lambda row: statuses.get(row.status, row.status)),
            Column(_("Next hearing"), lambda row: when(row.next_hearing_at)),
            Column(_("Grant"), lambda row: row.grant__name or _DASH),
        ],
        rows,
        row_class=lambda row: "list__item--urgent" if row.is_detained else "",
    )


def caseload_table(rows: list, *, now: datetime) -> Table:
    """The attorney's active cases (rows from `selectors.caseload_page`); urgent rows stand out
    (`selectors.is_urgent`).

    Its cells are f-strings of markup made beforehand: the labels and the badge are escaped once a
    page, and what a user typed (a name, a court, a deadline's title) is escaped by `html()` where it
    is put in.
    """
    detained = _detained_badge()
    case_url = public_url_maker("cases:case_detail")
    case_types = _escaped(choice_labels(Case, "case_type"))
    roles = _escaped({role.value: str(role.label) for role in Assignment.Role})
    when = short_datetime_maker()
    day = short_date_maker()
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
    badges = {pk: f'<span class="badge {due.css}">{html(due.label)}</span>' for pk, due in urgency.items()}

    def client_cell(row) -> SafeString:
        name = html(full_name(row.client__given_names, row.client__family_names))
        link = f'<a href="{case_url(row.public_id)}">{name}</a>'
        return SafeString(link + detained if row.is_detained else link)

    def hearing_cell(row) -> SafeString:
        if row.next_hearing_at is None:
            return _DASH
        text = when(row.next_hearing_at)
        return SafeString(f"<strong>{text}</strong>") if row.pk in urgent else text

    def deadline_cell(row) -> SafeString:
        badge = badges.get(row.pk)
        if badge is None:
            return _DASH
        return SafeString(f"{day(row.next_deadline_on)} · {html(row.next_deadline_title)} {badge}")

    return Table(
        [
            Column(_("Client"), client_cell),
            Column(_("Case type"), lambda row: case_types.get(row.case_type, row.case_type)),
            Column(_("Court"), lambda row: row.court or _DASH),
            Column(_("Next hearing"), hearing_cell),
            Column(_("Next deadline"), deadline_cell),
            Column(_("Role"), lambda row: roles.get(row.assignment_role, row.assignment_role)),
        ],
        rows,
        row_class=lambda row: "list__item--urgent" if row.pk in urgent else "",
    )
