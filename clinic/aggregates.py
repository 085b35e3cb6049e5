"""Counting in the database for reports: GROUP BY a category and the calendar quarter of a date.

Apps' selectors call these with their own querysets; nothing here knows any app's models.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncQuarter
from django.utils import timezone


@dataclass(frozen=True)
class Period:
    """A report's date range, inclusive, in the clinic's time zone."""

    start: date
    end: date

    @property
    def start_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def end_at(self) -> datetime:
        """The first instant after the period (exclusive upper bound)."""
        return timezone.make_aware(datetime.combine(self.end, time.max))

    def quarters(self) -> list[str]:
        labels, year, quarter = [], self.start.year, (self.start.month - 1) // 3 + 1
        while (year, quarter) <= (self.end.year, (self.end.month - 1) // 3 + 1):
            labels.append(quarter_label(year, quarter))
            year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
        return labels


def quarter_label(year: int, quarter: int) -> str:
    return f"{year} Q{quarter}"


def _label(value) -> str:
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return quarter_label(value.year, (value.month - 1) // 3 + 1)


def count_by_quarter(
    queryset: QuerySet, *, category: str, when: str, distinct: str = "pk"
) -> dict[tuple[str, str], int]:
    """{(category value, "2026 Q1"): count}, counted by the database (one GROUP BY query)."""
    rows = (
        queryset.order_by()
        .annotate(quarter=TruncQuarter(when))
        .values(category, "quarter")
        .annotate(n=Count(distinct, distinct=True))
    )
    out: dict[tuple[str, str], int] = {}
    for row in rows:
        if row["quarter"] is None:
            continue
        key = (str(row[category]), _label(row["quarter"]))
        out[key] = out.get(key, 0) + row["n"]
    return out


def median_duration(queryset: QuerySet, field: str):
    """The median of a duration (or any orderable) column, found by the database: count, then
    fetch the middle one or two values by offset. No rows are loaded beyond those."""
    values = queryset.exclude(**{f"{field}__isnull": True}).order_by(field).values_list(field, flat=True)
    n = values.count()
    if n == 0:
        return None
    if n % 2:
        return values[n // 2]
    low, high = values[n // 2 - 1 : n // 2 + 1]
    return low + (high - low) / 2
