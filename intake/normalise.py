"""Pure normalisation of the identifiers intake works with: names and A-numbers."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from unidecode import unidecode

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_A_NUMBER = re.compile(r"^A?([0-9]{8,9})$", re.ASCII)
_A_NUMBER_SEPARATORS = re.compile(r"[\s\-.\u2010-\u2015\u2212]+")


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


def _ascii_digits(value: str) -> str:
    """Digits of any script as ASCII: `١٢٣` and `１２３` become `123`, so that one number has one index."""
    return "".join(
        str(unicodedata.decimal(ch)) if unicodedata.category(ch) == "Nd" else ch
        for ch in unicodedata.normalize("NFKC", value)
    )


def normalise_a_number(value: str) -> str:
    """`A-012-345-678`, `a 12345678` and `12345678` all become `012345678`; anything else is refused.

    Digits typed in another script (Arabic-Indic, full-width) count as the same digits. An A-number
    has 8 or 9 significant digits: `000000000` or `A-000-001-234` cannot be one.
    """
    compact = _A_NUMBER_SEPARATORS.sub("", _ascii_digits((value or "").strip())).upper()
    match = _A_NUMBER.match(compact)
    if not match:
        raise ValidationError(
            _("An A-number is the letter A followed by 8 or 9 digits, for example A-012-345-678."),
            code="invalid_a_number",
        )
    normalised = match.group(1).zfill(9)
    if normalised.startswith("00"):
        raise ValidationError(
            _("This cannot be an A-number: it has fewer than 8 digits after the leading zeros."),
            code="impossible_a_number",
        )
    return normalised


def format_a_number(normalised: str) -> str:
    return f"A-{normalised[:3]}-{normalised[3:6]}-{normalised[6:]}" if normalised else ""
