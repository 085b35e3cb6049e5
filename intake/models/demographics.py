"""What funders count clients by, kept on each intake as it was at that intake.

None of it identifies a person: an age band instead of the (encrypted) date of birth, a ZIP code
instead of the (encrypted) address. Reports group by these columns in the database.
"""

from datetime import date

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AgeBand(models.TextChoices):
    UNDER_18 = "under_18", _("Under 18")
    FROM_18 = "18_24", _("18–24")
    FROM_25 = "25_34", _("25–34")
    FROM_35 = "35_44", _("35–44")
    FROM_45 = "45_54", _("45–54")
    FROM_55 = "55_64", _("55–64")
    FROM_65 = "65_plus", _("65 and over")
    UNKNOWN = "unknown", _("Unknown")


# (first age of the band, band), youngest first.
_BANDS = [
    (0, AgeBand.UNDER_18),
    (18, AgeBand.FROM_18),
    (25, AgeBand.FROM_25),
    (35, AgeBand.FROM_35),
    (45, AgeBand.FROM_45),
    (55, AgeBand.FROM_55),
    (65, AgeBand.FROM_65),
]


def age_on(date_of_birth: date, day: date) -> int:
    """Whole years completed on `day` (someone born on 29 February has their birthday on 1 March)."""
    return day.year - date_of_birth.year - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))


def age_band_for(date_of_birth: date | None, *, on: date) -> str:
    if date_of_birth is None or date_of_birth > on:
        return AgeBand.UNKNOWN
    age = age_on(date_of_birth, on)
    return next(band for first, band in reversed(_BANDS) if age >= first)


class Gender(models.TextChoices):
    """As the client describes themselves; they may decline, and the volunteer may not have asked."""

    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    NON_BINARY = "non_binary", _("Non-binary or another gender")
    DECLINED = "declined", _("Prefers not to say")
    NOT_ASKED = "not_asked", _("Not asked")


class CommunityArea(models.TextChoices):
    """Chicago's 77 official community areas, by their official numbers, and the rest of the world."""

    ROGERS_PARK = "01", pgettext_lazy("Chicago community area", "Rogers Park")
    WEST_RIDGE = "02", pgettext_lazy("Chicago community area", "West Ridge")
    UPTOWN = "03", pgettext_lazy("Chicago community area", "Uptown")
    LINCOLN_SQUARE = "04", pgettext_lazy("Chicago community area", "Lincoln Square")
    NORTH_CENTER = "05", pgettext_lazy("Chicago community area", "North Center")
    LAKE_VIEW = "06", pgettext_lazy("Chicago community area", "Lake View")
    LINCOLN_PARK = "07", pgettext_lazy("Chicago community area", "Lincoln Park")
    NEAR_NORTH_SIDE = "08", pgettext_lazy("Chicago community area", "Near North Side")
    EDISON_PARK = "09", pgettext_lazy("Chicago community area", "Edison Park")
    NORWOOD_PARK = "10", pgettext_lazy("Chicago community area", "Norwood Park")
    JEFFERSON_PARK = "11", pgettext_lazy("Chicago community area", "Jefferson Park")
    FOREST_GLEN = "12", pgettext_lazy("Chicago community area", "Forest Glen")
    NORTH_PARK = "13", pgettext_lazy("Chicago community area", "North Park")
    ALBANY_PARK = "14", pgettext_lazy("Chicago community area", "Albany Park")
    PORTAGE_PARK = "15", pgettext_lazy("Chicago community area", "Portage Park")
    IRVING_PARK = "16", pgettext_lazy("Chicago community area", "Irving Park")
    DUNNING = "17", pgettext_lazy("Chicago community area", "Dunning")
    MONTCLARE = "18", pgettext_lazy("Chicago community area", "Montclare")
    BELMONT_CRAGIN = "19", pgettext_lazy("Chicago community area", "Belmont Cragin")
    HERMOSA = "20", pgettext_lazy("Chicago community area", "Hermosa")
    AVONDALE = "21", pgettext_lazy("Chicago community area", "Avondale")
    LOGAN_SQUARE = "22", pgettext_lazy("Chicago community area", "Logan Square")
    HUMBOLDT_PARK = "23", pgettext_lazy("Chicago community area", "Humboldt Park")
    WEST_TOWN = "24", pgettext_lazy("Chicago community area", "West Town")
    AUSTIN = "25", pgettext_lazy("Chicago community area", "Austin")
    WEST_GARFIELD_PARK = "26", pgettext_lazy("Chicago community area", "West Garfield Park")
    EAST_GARFIELD_PARK = "27", pgettext_lazy("Chicago community area", "East Garfield Park")
    NEAR_WEST_SIDE = "28", pgettext_lazy("Chicago community area", "Near West Side")
    NORTH_LAWNDALE = "29", pgettext_lazy("Chicago community area", "North Lawndale")
    SOUTH_LAWNDALE = "30", pgettext_lazy("Chicago community area", "South Lawndale")
    LOWER_WEST_SIDE = "31", pgettext_lazy("Chicago community area", "Lower West Side")
    LOOP = "32", pgettext_lazy("Chicago community area", "Loop")
    NEAR_SOUTH_SIDE = "33", pgettext_lazy("Chicago community area", "Near South Side")
    ARMOUR_SQUARE = "34", pgettext_lazy("Chicago community area", "Armour Square")
    DOUGLAS = "35", pgettext_lazy("Chicago community area", "Douglas")
    OAKLAND = "36", pgettext_lazy("Chicago community area", "Oakland")
    FULLER_PARK = "37", pgettext_lazy("Chicago community area", "Fuller Park")
    GRAND_BOULEVARD = "38", pgettext_lazy("Chicago community area", "Grand Boulevard")
    KENWOOD = "39", pgettext_lazy("Chicago community area", "Kenwood")
    WASHINGTON_PARK = "40", pgettext_lazy("Chicago community area", "Washington Park")
    HYDE_PARK = "41", pgettext_lazy("Chicago community area", "Hyde Park")
    WOODLAWN = "42", pgettext_lazy("Chicago community area", "Woodlawn")
    SOUTH_SHORE = "43", pgettext_lazy("Chicago community area", "South Shore")
    CHATHAM = "44", pgettext_lazy("Chicago community area", "Chatham")
    AVALON_PARK = "45", pgettext_lazy("Chicago community area", "Avalon Park")
    SOUTH_CHICAGO = "46", pgettext_lazy("Chicago community area", "South Chicago")
    BURNSIDE = "47", pgettext_lazy("Chicago community area", "Burnside")
    CALUMET_HEIGHTS = "48", pgettext_lazy("Chicago community area", "Calumet Heights")
    ROSELAND = "49", pgettext_lazy("Chicago community area", "Roseland")
    PULLMAN = "50", pgettext_lazy("Chicago community area", "Pullman")
    SOUTH_DEERING = "51", pgettext_lazy("Chicago community area", "South Deering")
    EAST_SIDE = "52", pgettext_lazy("Chicago community area", "East Side")
    WEST_PULLMAN = "53", pgettext_lazy("Chicago community area", "West Pullman")
    RIVERDALE = "54", pgettext_lazy("Chicago community area", "Riverdale")
    HEGEWISCH = "55", pgettext_lazy("Chicago community area", "Hegewisch")
    GARFIELD_RIDGE = "56", pgettext_lazy("Chicago community area", "Garfield Ridge")
    ARCHER_HEIGHTS = "57", pgettext_lazy("Chicago community area", "Archer Heights")
    BRIGHTON_PARK = "58", pgettext_lazy("Chicago community area", "Brighton Park")
    MCKINLEY_PARK = "59", pgettext_lazy("Chicago community area", "McKinley Park")
    BRIDGEPORT = "60", pgettext_lazy("Chicago community area", "Bridgeport")
    NEW_CITY = "61", pgettext_lazy("Chicago community area", "New City")
    WEST_ELSDON = "62", pgettext_lazy("Chicago community area", "West Elsdon")
    GAGE_PARK = "63", pgettext_lazy("Chicago community area", "Gage Park")
    CLEARING = "64", pgettext_lazy("Chicago community area", "Clearing")
    WEST_LAWN = "65", pgettext_lazy("Chicago community area", "West Lawn")
    CHICAGO_LAWN = "66", pgettext_lazy("Chicago community area", "Chicago Lawn")
    WEST_ENGLEWOOD = "67", pgettext_lazy("Chicago community area", "West Englewood")
    ENGLEWOOD = "68", pgettext_lazy("Chicago community area", "Englewood")
    GREATER_GRAND_CROSSING = "69", pgettext_lazy("Chicago community area", "Greater Grand Crossing")
    ASHBURN = "70", pgettext_lazy("Chicago community area", "Ashburn")
    AUBURN_GRESHAM = "71", pgettext_lazy("Chicago community area", "Auburn Gresham")
    BEVERLY = "72", pgettext_lazy("Chicago community area", "Beverly")
    WASHINGTON_HEIGHTS = "73", pgettext_lazy("Chicago community area", "Washington Heights")
    MOUNT_GREENWOOD = "74", pgettext_lazy("Chicago community area", "Mount Greenwood")
    MORGAN_PARK = "75", pgettext_lazy("Chicago community area", "Morgan Park")
    OHARE = "76", pgettext_lazy("Chicago community area", "O'Hare")
    EDGEWATER = "77", pgettext_lazy("Chicago community area", "Edgewater")
    OUTSIDE_CHICAGO = "outside", _("Outside Chicago")


CHICAGO_WARDS = 50

validate_zip_code = RegexValidator(
    r"^[0-9]{5}\Z", _("Give a 5-digit ZIP code, for example 60623."), code="zip_code"
)
