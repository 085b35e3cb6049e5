"""Plausibility checks for dates that people type, shared by every app.

A date field accepts any calendar date, so year 1, 3000 or 9999 would pass and fail later, often
as a server error (adding days to 9999-12-31 overflows). These validators refuse such a date beside
the field instead. They compare with today's date when they run, so a stored date checked again
later (a service's `full_clean()`) is still accepted: "not in the future" stays true, and "at most N
years ahead" only becomes easier.

Use them on form or model fields:

    date_of_birth = forms.DateField(validators=[validate_plausible_past_date])
    next_hearing = forms.DateField(validators=[validate_plausible_future_date(years=3)])
    detained_on = forms.DateField(validators=[PlausibleDate(earliest=date(2000, 1, 1), years_ahead=0)])
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

EARLIEST_BIRTH = date(1900, 1, 1)
EARLIEST_PROCEEDING = date(2000, 1, 1)


def _years_from(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


@deconstructible
class PlausibleDate:
    """A date on or after `earliest` and at most `years_ahead` years after today (0: not in the future)."""

    def __init__(self, *, earliest: date, years_ahead: int):
        self.earliest = earliest
        self.years_ahead = years_ahead

    def __call__(self, value: date | None) -> None:
        if value is None:
            return
        if value < self.earliest:
            raise ValidationError(
                _("Give a date on or after %(earliest)s.") % {"earliest": date_format(self.earliest)},
                code="too_early",
            )
        today = timezone.localdate()
        if self.years_ahead == 0 and value > today:
            raise ValidationError(_("This date cannot be in the future."), code="future")
        if value > _years_from(today, self.years_ahead):
            raise ValidationError(
                ngettext(
                    "Give a date no more than %(years)s year from today.",
                    "Give a date no more than %(years)s years from today.",
                    self.years_ahead,
                )
                % {"years": self.years_ahead},
                code="too_late",
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, PlausibleDate) and (self.earliest, self.years_ahead) == (
            other.earliest,
            other.years_ahead,
        )

    def __hash__(self) -> int:
        return hash((self.earliest, self.years_ahead))


#: A date in the past (today allowed), not before 1900: births, detentions, events that happened.
validate_plausible_past_date = PlausibleDate(earliest=EARLIEST_BIRTH, years_ahead=0)


def validate_plausible_future_date(*, years: int = 5, earliest: date = EARLIEST_PROCEEDING) -> PlausibleDate:
    """A validator for dates that may lie ahead (hearings, deadlines): at most `years` from today,
    and not before `earliest` (2000 by default: a court date before that is a typing mistake)."""
    return PlausibleDate(earliest=earliest, years_ahead=years)
