"""The coordinator's intake queue, built in Python for speed (clinic/tables.py).

Each cell is the markup the template used to make. Whatever is the same on every row is made once a
page: the translated words, the badges of each conflict status, the links' patterns, the csrf input
of the accept buttons and "now", from which every row's wait is counted.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.html import avoid_wrapping
from django.utils.safestring import SafeString
from django.utils.timesince import TIME_STRINGS, timesince
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from clinic.links import public_reference, public_url_maker
from clinic.models.choices import choice_labels
from clinic.tables import Column, Table, html, short_date
from intake.models import Intake
from intake.models.clients import full_name

_WEEK, _DAY, _HOUR, _MINUTE = 7 * 24 * 3600, 24 * 3600, 3600, 60


@functools.lru_cache(maxsize=512)
def _age_words(unit: str, count: int, language: str | None) -> SafeString:
    # Escaped once here, so that a row's cell need not escape the words again.
    return SafeString(html(avoid_wrapping(TIME_STRINGS[unit] % {"num": count})))


def age_maker(*, now: datetime | None = None) -> Callable[[datetime], str]:
    """The `age` filter (`timesince(value, depth=1)`) for every row of one page, counted from one `now`.

    The filter spends about sixty calls a row on lazy plural lookups. A wait of under 28 days holds
    no whole month, so here it is divided out directly and its words are looked up once per unit,
    count and language; a longer wait follows the calendar (months of different lengths), so it is
    still asked of timesince. tests/intake/test_tables.py holds the two to the same words.
    """
    now = now or timezone.now()
    language = get_language()

    def age(value: datetime | None) -> str:
        if not value:
            return ""
        delta = now - value
        if delta.days >= 28:
            return timesince(value, now, depth=1)
        seconds = delta.days * _DAY + delta.seconds
        if seconds <= 0:  # in the future: timesince says "0 minutes"
            return _age_words("minute", 0, language)
        for unit, length in (("week", _WEEK), ("day", _DAY), ("hour", _HOUR)):
            if seconds >= length:
                return _age_words(unit, seconds // length, language)
        return _age_words("minute", seconds // _MINUTE, language)

    return age


def _labels(field_name: str) -> dict[str, SafeString]:
    """Each choice's label in the reader's language, escaped: what `get_FOO_display` gives a template."""
    return {value: SafeString(html(label)) for value, label in choice_labels(Intake, field_name).items()}


def _badge(css: str, label: str) -> SafeString:
    return SafeString(f'<span class="badge{css}">{html(label)}</span>')


@dataclass(frozen=True)
class _Words:
    """The queue's translated words and badges, escaped, in one language."""

    columns: tuple[str, ...]  # the labels of the columns before the buttons
    next_step: str
    caption: str
    name: str  # "Intake %(ref)s"
    emergency: str
    urgent: str
    not_known: str
    channels: dict[str, SafeString]
    conflict_badges: dict[str, SafeString]
    returning: str
    accept: str
    review: str


@functools.lru_cache(maxsize=16)
def _words(language: str | None) -> _Words:
    """Made once per language: translating and escaping them was a quarter of building the table."""
    warn, ok = " badge--warn", " badge--ok"
    conflict_css = {Intake.ConflictStatus.NOT_RUN: "", Intake.ConflictStatus.REVIEW: warn}
    return _Words(
        columns=(
            _("Intake"),
            _("Client"),
            _("Waiting"),
            _("Detained at"),
            _("Channel"),
            _("Conflict check"),
        ),
        next_step=_("Next step"),
        caption=_("Open intakes"),
        name=html(_("Intake %(ref)s")),
        emergency=f'<strong class="badge badge--urgent">{html(_("Emergency"))}</strong> ',
        urgent=f'<strong class="badge badge--urgent">{html(_("Urgent"))}</strong> ',
        not_known=html(_("Not known yet")),
        channels=_labels("channel"),
        conflict_badges={
            value: _badge(conflict_css.get(value, ok), label)
            for value, label in choice_labels(Intake, "conflict_status").items()
        },
        returning=" " + _badge(warn, _("Possible returning client")),
        accept=html(_("Accept")),
        review=html(_("Review")),
    )


def queue_table(intakes: list, *, csrf_input: SafeString) -> Table:
    """Open intakes for coordinators (rows from `selectors.intake_queue`), in the selector's order:
    emergencies and urgent intakes stand out, and an intake whose conflict check is clear, with no
    possible returning client to confirm, can be accepted from its row; the others are reviewed on
    their page first.

    `csrf_input` is the request's hidden csrf field, made once for every row's accept form.

    A row is made some sixty times a page, so its cells are f-strings of markup made beforehand,
    with what a user typed (a name, a facility) escaped by `html()` where it is put in.
    """
    words = _words(get_language())
    detail_url = public_url_maker("intake:detail")
    accept_url = public_url_maker("cases:intake_accept")
    age = age_maker()
    acceptable = {Intake.ConflictStatus.CLEAR, Intake.ConflictStatus.CLEARED}

    def intake_cell(intake) -> SafeString:
        flag = words.emergency if intake.is_emergency else words.urgent if intake.is_urgent else ""
        ref = words.name % {"ref": public_reference(intake.public_id)}
        return SafeString(f'{flag}<a href="{detail_url(intake.public_id)}">{ref}</a>')

    def client_cell(intake) -> SafeString:
        if intake.client_id is None:
            return SafeString("<bdi></bdi>")
        name = full_name(intake.client__given_names, intake.client__family_names)
        return SafeString(f"<bdi>{html(name)}</bdi>")

    def waiting_cell(intake) -> SafeString:
        since = intake.waiting_since
        return SafeString(f'<time datetime="{since.isoformat()}">{html(age(since))}</time>')

    def detained_cell(intake) -> SafeString:
        if not (intake.is_detained or intake.is_emergency):
            return SafeString("—")
        place = f"<bdi>{html(intake.facility) if intake.facility else words.not_known}</bdi>"
        if intake.detained_on:
            return SafeString(f"{place} · {html(short_date(intake.detained_on))}")
        return SafeString(place)

    def channel_cell(intake) -> str:
        # A value no longer among the choices is shown as it is, escaped by the table.
        return words.channels.get(intake.channel) or intake.channel

    def conflict_cell(intake) -> SafeString:
        badge = words.conflict_badges[intake.conflict_status]
        return SafeString(f"{badge}{words.returning}") if intake.pending_matches else badge

    def next_step_cell(intake) -> SafeString:
        ref = words.name % {"ref": public_reference(intake.public_id)}
        if not intake.pending_matches and intake.conflict_status in acceptable:
            return SafeString(
                f'<form method="post" action="{accept_url(intake.public_id)}" class="inline-form">'
                f'{csrf_input}<button type="submit" class="button button--small">{words.accept}'
                f'<span class="visually-hidden"> · {ref}</span></button></form>'
            )
        return SafeString(
            f'<a class="button button--small button--secondary" href="{detail_url(intake.public_id)}">'
            f'{words.review}<span class="visually-hidden"> · {ref}</span></a>'
        )

    cells = [intake_cell, client_cell, waiting_cell, detained_cell, channel_cell, conflict_cell]
    columns = [Column(label, cell) for label, cell in zip(words.columns, cells, strict=True)]
    columns.append(Column(words.next_step, next_step_cell, actions=True))
    return Table(
        columns,
        intakes,
        row_class=lambda intake: "list__item--urgent" if intake.is_urgent else "",
        caption=words.caption,
    )
