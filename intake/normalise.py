"""Pure normalisation of the identifiers intake works with: names and A-numbers."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from unidecode import unidecode

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_A_NUMBER = re.compile(r"^A?(\d{8,9})$")
_A_NUMBER_SEPARATORS = re.compile(r"[\s\-.]+")


def name_tokens(name: str) -> list[str]:
    """Transliterated, case-folded, punctuation-free tokens in sorted order.

    `García López, María` and `Maria Garcia Lopez` give the same tokens; Arabic, Chinese and Polish
    names are transliterated so that two spellings of one name meet.
    """
    ascii_name = unidecode(unicodedata.normalize("NFKC", name or "")).casefold()
    return sorted(token for token in _NON_ALNUM.split(ascii_name) if token)


def normalise_name(name: str) -> str:
    return " ".join(name_tokens(name))


def blocking_keys(normalised: str) -> set[tuple[int, str]]:
    """(token position, key) pairs for the portable candidate fetch.

    Each token gives its first three letters, its last three, and its first and last letter with
    its length: one typo leaves at least one of them intact. Short tokens (Li, Na) are their own key.
    """
    keys: set[tuple[int, str]] = set()
    for position, token in enumerate(normalised.split()):
        if len(token) < 3:
            keys.add((position, f"t:{token}"))
        else:
            keys.add((position, f"p:{token[:3]}"))
            keys.add((position, f"s:{token[-3:]}"))
            keys.add((position, f"c:{token[0]}{token[-1]}{len(token)}"))
    return keys


def normalise_a_number(value: str) -> str:
    """`A-012-345-678`, `a 12345678` and `12345678` all become `012345678`; anything else is refused."""
    compact = _A_NUMBER_SEPARATORS.sub("", (value or "").strip()).upper()
    match = _A_NUMBER.match(compact)
    if not match:
        raise ValidationError(
            _("An A-number is the letter A followed by 8 or 9 digits, for example A-012-345-678."),
            code="invalid_a_number",
        )
    return match.group(1).zfill(9)


def format_a_number(normalised: str) -> str:
    return f"A-{normalised[:3]}-{normalised[3:6]}-{normalised[6:]}" if normalised else ""
