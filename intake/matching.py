"""The conflict-check matcher: fetch candidate names from the index, then score them with rapidfuzz.

Candidates come from a trigram index on PostgreSQL (pg_trgm) and from blocking keys (SearchKey) on
SQLite; both are deliberately generous, and the same scorer decides, so both give the same hits.
"""

from collections.abc import Collection
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count
from rapidfuzz import fuzz

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


# Below this, two tokens are different words rather than one word with a typo (lopez/perez: 60).
TOKEN_THRESHOLD = 75


def _aligned_ratio(short: list[str], long: list[str]) -> float:
    """Pairs each token of the shorter name with its closest token in the longer one.

    Returns 0 when some token has no close counterpart, so that sharing a first name and one surname
    is not mistaken for the same person.
    """
    remaining = list(long)
    chosen = []
    for token in short:
        best = max(remaining, key=lambda other: fuzz.ratio(token, other))
        if fuzz.ratio(token, best) < TOKEN_THRESHOLD:
            return 0.0
        remaining.remove(best)
        chosen.append(best)
    return fuzz.ratio(" ".join(short), " ".join(chosen))


def score_names(a: str, b: str) -> int:
    """0-100 likeness of two normalised (sorted-token) names.

    The plain ratio covers accents, order, commas and small typos. Aligning token by token covers a
    typo in a first letter (which moves a token when sorted) and a missing second surname; it needs
    at least two tokens, so that a lone "Maria" does not match every Maria.
    """
    if not a or not b:
        return 0
    score = fuzz.ratio(a, b)
    short, long = sorted((a.split(), b.split()), key=len)
    if len(short) >= 2:
        score = max(score, _aligned_ratio(short, long))
    return round(score)


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
