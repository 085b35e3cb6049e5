"""Pure normalisation of the identifiers intake works with: names and A-numbers."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from unidecode import unidecode

from intake import name_variants

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


_APOSTROPHES = re.compile(r"['`]")
_WORD = re.compile(r"[a-z0-9]+")
# Abdulrahman, Abdelaziz, Abdurrahman (the article assimilated): Abd + article + name, joined.
_ABD_JOINED = re.compile(r"^abd[aeiou]l([a-z]{2,})$")
_ABD_ASSIMILATED = re.compile(r"^abd[aeiou]([rsndtz])(\1[a-z]{2,})$")


def _words(name: str) -> list[tuple[str, str]]:
    """(word, the character after it) in written order, transliterated and case-folded.

    Apostrophes join (O'Brien, ʿAbd); the character after a word tells an abbreviation ("Ma.") or an
    Arabic article ("al-") apart.
    """
    text = _APOSTROPHES.sub("", unidecode(unicodedata.normalize("NFKC", name or "")).casefold())
    return [(m.group(), text[m.end() : m.end() + 1]) for m in _WORD.finditer(text)]


def _article_before(word: str, after: str, following: str | None) -> bool:
    """Whether `word` is the Arabic article of `following` (al-Hassan, el Hassan, ar-Rashid)."""
    if following is None or len(following) < 2 or after == ".":
        return False
    if word in name_variants.ARTICLES:
        return True
    return after == "-" and word in name_variants.ASSIMILATED_ARTICLES and following.startswith(word[1:])


def _joined(words: list[tuple[str, str]]) -> list[str]:
    """Joins what is one surname written apart: particles (de la Cruz), the Arabic article (al-Hassan),
    Abd with its article (Abd al-Rahman); drops the "y" between two surnames."""
    plain = [word for word, _after in words]
    vietnamese = not name_variants.VIETNAMESE_MARKERS.isdisjoint(
        name_variants.CANONICAL_SPELLING.get(word, word) for word in plain
    )
    out: list[str] = []
    i, n = 0, len(words)
    while i < n:
        word, after = words[i]
        following = plain[i + 1] if i + 1 < n else None
        if after == "." or len(word) == 1:
            if word in name_variants.CONJUNCTIONS and after != "." and 0 < i < n - 1:
                i += 1
                continue
            out.append(word)
            i += 1
            continue
        if word in name_variants.ABD_FORMS and following is not None:
            j = i + 1
            if j + 1 < n and _article_before(plain[j], words[j][1], plain[j + 1]):
                j += 1
            if len(plain[j]) >= 2 and words[j][1] != ".":
                out.append("abdal" + plain[j])
                i = j + 1
                continue
        if _article_before(word, after, following):
            out.append("al" + following)
            i += 2
            continue
        if word in name_variants.PARTICLES and not (word == "van" and vietnamese):
            j = i
            while j < n and plain[j] in name_variants.PARTICLES and words[j][1] != ".":
                j += 1
            if j < n and len(plain[j]) >= 2 and words[j][1] != ".":
                out.append("".join(plain[i : j + 1]))
                i = j + 1
                continue
        out.append(word)
        i += 1
    return out


def _canonical_word(word: str) -> str:
    match = _ABD_JOINED.match(word) or _ABD_ASSIMILATED.match(word)
    if match:
        return "abdal" + match.group(match.lastindex)
    word = name_variants.SHORT_FORMS.get(word, word)
    return name_variants.CANONICAL_SPELLING.get(word, word)


def conflict_tokens(name: str) -> list[str]:
    """The words of a name in the canonical form the conflict check indexes and compares, sorted.

    Beyond name_tokens: short forms become the full name ("Ma." and "Mª" are María, "Fco." is
    Francisco), transliterations one spelling (Mohamed and Muhammad), particles and the Arabic
    article are joined to their surname (de la Cruz is Delacruz, al-Hassan is Alhassan). Initials
    stay single letters; the matcher pairs them with any word they begin. The tables live in
    intake.name_variants.
    """
    return sorted(_canonical_word(word) for word in _joined(_words(name)))


def conflict_name(name: str) -> str:
    """What the conflict index stores and searches for a name (see conflict_tokens)."""
    return " ".join(conflict_tokens(name))


def is_initial(token: str) -> bool:
    return len(token) == 1 and token.isalpha()


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
