"""List tables whose rows are built in Python: the clinic's long lists (cases, caseload, queue).

A template spends about 20 µs on every node it renders (a variable lookup, an escape, a
localisation), and a row of a list has twenty: a fifty-row table cost two thirds of its page. Here a
page declares its columns once (a label and a function that makes the cell) and the body is joined
from strings, as Django's admin builds its change-list rows. The markup is the list-table pattern
of every other table (README): each cell names its column in `data-label` for phones, and a cell
without a label (the row's buttons) spans the card.

A cell function returns text, which is escaped here, or markup it made safe itself: with
`format_html`, or, on a row made fifty times a page, a `SafeString` of an f-string whose every
piece was escaped by `html()` (or was escaped once a page, as a translated label is). Never
`mark_safe` around anything a user typed.
"""

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from html import escape
from typing import Any

from django.utils import formats, timezone
from django.utils.safestring import SafeString
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

    def head(self) -> SafeString:
        """The heading row's cells: each label escaped, a button column's for screen readers only."""
        return SafeString(
            "".join(
                f'<th scope="col"><span class="visually-hidden">{html(column.label)}</span></th>'
                if column.actions
                else f'<th scope="col">{html(column.label)}</th>'
                for column in self.columns
            )
        )

    def body(self) -> SafeString:
        # Each column's opening tag is made once per page: the label is translated and escaped once.
        openings = [
            '<td class="list-table__actions">'
            if column.actions
            else f'<td data-label="{html(column.label)}">'
            for column in self.columns
        ]
        cells = list(zip(openings, [column.cell for column in self.columns], strict=True))
        row_class = self.row_class
        parts: list[str] = []
        append = parts.append
        for row in self.rows:
            css = row_class(row) if row_class else ""
            append(f'<tr class="{css}">' if css else "<tr>")
            for opening, cell in cells:
                value = cell(row)
                # A cell that made its markup safe itself (most do) passes through without a call.
                append(opening)
                append(value if type(value) is SafeString else html(value))
                append("</td>")
            append("</tr>\n")
        return SafeString("".join(parts))  # every cell is escaped by html() above, or made safe


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


def short_datetime_maker(default: str = "—") -> Callable[[datetime | None], SafeString]:
    """`short_datetime` for every row of one page, as escaped markup: the reader's language and time
    zone are read once a page, and each instant's text is escaped once, when it is first written."""
    language, zone = get_language(), timezone.get_current_timezone_name()
    missing = SafeString(html(default))
    return lambda value: missing if value is None else _short_datetime_html(value, language, zone)


@functools.lru_cache(maxsize=8192)
def _short_datetime_html(value: datetime, language: str | None, zone: str) -> SafeString:
    return SafeString(html(_short_datetime(value, language, zone)))


def short_date_maker(default: str = "—") -> Callable[[date | None], SafeString]:
    """`short_date` for every row of one page, as escaped markup (see `short_datetime_maker`)."""
    language = get_language()
    missing = SafeString(html(default))
    return lambda value: missing if value is None else _short_date_html(value, language)


@functools.lru_cache(maxsize=8192)
def _short_date_html(value: date, language: str | None) -> SafeString:
    return SafeString(html(_short_date(value, language)))
