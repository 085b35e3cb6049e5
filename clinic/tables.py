"""List tables whose rows are built in Python: the clinic's long lists (cases, caseload, queue).

A template spends about 20 µs on every node it renders (a variable lookup, an escape, a
localisation), and a row of a list has twenty: a fifty-row table cost two thirds of its page. Here a
page declares its columns once (a label and a function that makes the cell) and the body is joined
from strings, as Django's admin builds its change-list rows. The markup is the list-table pattern
of every other table (README): each cell names its column in `data-label` for phones, and a cell
without a label (the row's buttons) spans the card.

A cell function returns text, which is escaped here, or markup it made safe itself with
`format_html` (never `mark_safe` around anything a user typed).
"""

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from html import escape
from typing import Any

from django.utils import formats, timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

Cell = Callable[[Any], Any]


def html(value: Any) -> str:
    """Escaped text, or markup that is already safe, as `conditional_escape` without its lazy wrapper."""
    kind = type(value)
    if kind is SafeString:
        return value
    if kind is str:
        return escape(value, quote=True)
    if hasattr(value, "__html__"):
        return value.__html__()
    return escape(str(value), quote=True)


@dataclass(frozen=True)
class Column:
    """One column: its heading, how a row's cell is made, and whether it is the row's buttons."""

    label: str
    cell: Cell
    actions: bool = False  # spans the card on a phone; its heading is for screen readers only


class Table:
    """`columns` over `rows`; `row_class(row)` gives a row's CSS class (or "")."""

    def __init__(
        self,
        columns: Sequence[Column],
        rows: Iterable[Any],
        *,
        row_class: Callable[[Any], str] | None = None,
        caption: str = "",
    ):
        self.columns = list(columns)
        self.rows = list(rows)
        self.row_class = row_class
        self.caption = caption

    def __bool__(self) -> bool:
        return bool(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def body(self) -> SafeString:
        # Each column's opening tag is made once per page: the label is translated and escaped once.
        openings = [
            '<td class="list-table__actions">'
            if column.actions
            else f'<td data-label="{html(column.label)}">'
            for column in self.columns
        ]
        cells = list(zip(openings, [column.cell for column in self.columns], strict=True))
        parts: list[str] = []
        for row in self.rows:
            css = self.row_class(row) if self.row_class else ""
            parts.append(f'<tr class="{css}">' if css else "<tr>")
            parts.append("".join([f"{opening}{html(cell(row))}</td>" for opening, cell in cells]))
            parts.append("</tr>\n")
        return mark_safe("".join(parts))  # noqa: S308 (every cell is escaped by html() above)


# Dates ----------------------------------------------------------------------------------------------
# Django's date filter takes about 40 µs a date (it parses the format and looks every letter up on
# a new formatter): a list of fifty hearings spent more on its dates than on its query. The text
# depends only on the instant, the language and the time zone, and a list shows the same hearings
# on every view, so each is written once by Django's own formatter and then remembered.


def short_datetime(value: datetime | None, default: str = "—") -> str:
    """`{{ value|date:"SHORT_DATETIME_FORMAT" }}` in the reader's time zone and language."""
    if value is None:
        return default
    return _short_datetime(value, get_language(), timezone.get_current_timezone_name())


@functools.lru_cache(maxsize=8192)
def _short_datetime(value: datetime, language: str | None, zone: str) -> str:
    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


def short_date(value: date | None, default: str = "—") -> str:
    """`{{ value|date:"SHORT_DATE_FORMAT" }}` in the reader's language."""
    if value is None:
        return default
    return _short_date(value, get_language())


@functools.lru_cache(maxsize=8192)
def _short_date(value: date, language: str | None) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")
