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


def score_names(a: str, b: str) -> int:
    """0-100 likeness of two normalised (sorted-token) names.

    The plain ratio covers accents, order, commas and small typos. For a missing second surname,
    the shorter name's tokens are matched one by one to their closest tokens in the longer name;
    that needs at least two tokens, so that a lone "Maria" does not match every Maria, and it
    does not reward two names that merely share a first name and one surname.
    """
    if not a or not b:
        return 0
    score = fuzz.ratio(a, b)
    short, long = sorted((a.split(), b.split()), key=len)
    if 2 <= len(short) < len(long):
        chosen = []
        remaining = list(long)
        for token in short:
            best = max(remaining, key=lambda other: fuzz.ratio(token, other))
            remaining.remove(best)
            chosen.append(best)
        score = max(score, fuzz.ratio(" ".join(short), " ".join(chosen)))
    return round(score)


def _candidate_rows(normalised: str, exclude_client_ids: Collection[int]):
    fields = ("pk", "client_id", "kind", "display", "normalised", "never_contact")
    if connection.vendor == "postgresql":
        queryset = SearchName.objects.filter(normalised__trigram_similar=normalised)
    else:
        keys = blocking_keys(normalised)
        if not keys:
            return []
        tokens = normalised.split()
        needed = 1 if len(tokens) == 1 else min(3, len(keys))
        matching = (
            SearchKey.objects.filter(key__in=keys)
            .values("name_id")
            .annotate(shared=Count("key"))
            .filter(shared__gte=needed)
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
