"""The conflict-check matcher: fetch candidate names from the index, then score them with rapidfuzz.

Candidates come from a trigram index on PostgreSQL (pg_trgm) and from blocking keys (SearchKey) on
SQLite; both are deliberately generous, and the same scorer decides, so both give the same hits on
the test set. One known difference: a short name inside a much longer one (two of four or five
words, one of them misspelt) can fall under the trigram threshold on PostgreSQL while the blocking
keys still find it.
"""

from collections.abc import Collection
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from intake.models import SearchKey, SearchName
from intake.normalise import blocking_keys

MATCH_THRESHOLD = 85


@dataclass(frozen=True)
class NameMatch:
    name_id: int
    client_id: int
    kind: str
    display: str
    never_contact: bool
    score: int


def same_token(a: str, b: str) -> bool:
    """One word, allowing one typo (a changed, missing, extra or swapped letter) in words of four
    letters or more. Short words must be equal: Li and Liu, or Hu and Zhu, are different names."""
    if a == b:
        return True
    if min(len(a), len(b)) < 4:
        return False
    return OSA.distance(a, b, score_cutoff=1) <= 1


def score_names(a: str, b: str) -> int:
    """0-100 likeness of two normalised (sorted-token) names; 0 when they cannot be one person.

    Every token of the shorter name needs its own counterpart in the longer one (same_token), so that
    accents, order, commas, a missing second surname and one typo per word still match, while
    "Blackwell John" and "Blackwell Owen", or two people who share a first name and one surname,
    do not. The score is then the likeness of the paired words.
    """
    if not a or not b:
        return 0
    short, long = sorted((a.split(), b.split()), key=len)
    if len(short) == 1 and len(long) > 1:
        return 0  # a lone "Maria" is not every Maria
    remaining = list(long)
    chosen = []
    for token in short:
        match = next((other for other in remaining if other == token), None)
        if match is None:
            match = next((other for other in remaining if same_token(token, other)), None)
        if match is None:
            return 0
        remaining.remove(match)
        chosen.append(match)
    return round(fuzz.ratio(" ".join(short), " ".join(chosen)))


def _candidate_rows(normalised: str, exclude_client_ids: Collection[int]):
    fields = ("pk", "client_id", "kind", "display", "normalised", "never_contact")
    if connection.vendor == "postgresql":
        if connection.in_atomic_block:
            # The planner underrates GIN trigram selectivity and scans whole tables of a few ten
            # thousand names (55 ms) instead of using the index (6 ms). For this transaction only.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")
        queryset = SearchName.objects.filter(normalised__trigram_similar=normalised)
    else:
        keys = {key for _token, key in blocking_keys(normalised)}
        if not keys:
            return []
        # A candidate must meet the query on at least two of its tokens (one for a one-word name),
        # so that a shared given name alone does not make every Maria a candidate.
        needed = 1 if len(normalised.split()) == 1 else 2
        matching = (
            SearchKey.objects.filter(key__in=keys)
            .values("name_id")
            .annotate(tokens=Count("token", distinct=True))
            .filter(tokens__gte=needed)
            .values("name_id")
        )
        queryset = SearchName.objects.filter(pk__in=matching)
    if exclude_client_ids:
        queryset = queryset.exclude(client_id__in=list(exclude_client_ids))
    return queryset.values_list(*fields)


def find_similar_names(
    normalised: str, *, exclude_client_ids: Collection[int] = (), threshold: int = MATCH_THRESHOLD
) -> list[NameMatch]:
    matches = []
    for pk, client_id, kind, display, candidate, never_contact in _candidate_rows(
        normalised, exclude_client_ids
    ):
        score = score_names(normalised, candidate)
        if score >= threshold:
            matches.append(NameMatch(pk, client_id, kind, display, never_contact, score))
    matches.sort(key=lambda match: (-match.score, match.name_id))
    return matches
