"""Counting in the database for reports: GROUP BY a category and the calendar quarter of a date.

Apps' selectors call these with their own querysets; nothing here knows any app's models.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Count, Q, QuerySet
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


def quarter_bounds(period: Period) -> list[tuple[str, datetime, datetime]]:
    """Each calendar quarter the period touches, clipped to the period: (label, from, until)."""
    out = []
    for label in period.quarters():
        year, quarter = int(label[:4]), int(label[-1])
        first = date(year, 3 * quarter - 2, 1)
        after = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
        start = max(first, period.start)
        out.append((label, timezone.make_aware(datetime.combine(start, time.min)),
                    min(timezone.make_aware(datetime.combine(after, time.min)), period.end_at)))  # fmt: skip
    return out


def count_by_quarter(
    queryset: QuerySet, *, category: str, when: str, period: Period, distinct: str = "pk"
) -> dict[tuple[str, str], int]:
    """{(category value, "2026 Q1"): count}, in one GROUP BY query.

    Each quarter is a filtered COUNT over an indexed range of `when`, rather than a truncation of
    every row's date: SQLite would otherwise call a Python function once per row.
    """
    quarters = quarter_bounds(period)
    if not quarters:
        return {}
    is_date = queryset.model._meta.get_field(when).get_internal_type() == "DateField"
    counts = {}
    last = len(quarters) - 1
    for n, (_label, start, until) in enumerate(quarters):
        low, high = (start.date(), until.date()) if is_date else (start, until)
        # Quarters meet without overlap; the last one includes the period's final instant.
        within = Q(**{f"{when}__gte": low, f"{when}__{'lte' if n == last else 'lt'}": high})
        counts[f"q{n}"] = Count(distinct, filter=within, distinct=True)
    rows = (
        queryset.filter(**{f"{when}__gte": quarters[0][1], f"{when}__lte": quarters[-1][2]})
        .order_by()
        .values(category)
        .annotate(**counts)
    )
    out: dict[tuple[str, str], int] = {}
    for row in rows:
        for n, (label, _start, _until) in enumerate(quarters):
            if row[f"q{n}"]:
                out[(str(row[category]), label)] = row[f"q{n}"]
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
