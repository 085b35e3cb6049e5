"""The conflict-check matcher: fetch candidate names from the index, then score them with rapidfuzz.

Both backends look for names sharing at least two words with the query, each word allowing one
typo (same_token), and the same scorer decides:

- PostgreSQL: a trigram index (pg_trgm) over the vocabulary of known words finds the words one typo
  away from each query word; a GIN index on the names' word arrays then finds the names holding two
  of them. Scanning a trigram index over whole names cost 100-150 ms at 200,000 clients, because
  common surnames share most trigrams.
- SQLite: blocking keys (SearchKey: each word's first and last three letters and its shape) counted
  per name.
"""

from collections.abc import Collection
from dataclasses import dataclass

from django.db import connection, transaction
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


_FIELDS = ("pk", "client_id", "kind", "display", "normalised", "never_contact")
# Word similarity for the vocabulary lookup: one typo in a four-letter word leaves 0.25.
VOCABULARY_THRESHOLD = 0.2


def _similar_words(words: list[str]) -> list[set[str]]:
    """For each word, the known words that same_token accepts (trigram index over the vocabulary)."""
    similar = [{word} for word in words]
    fuzzy = [(i, word) for i, word in enumerate(words) if len(word) >= 4]
    if not fuzzy:
        return similar
    union = " UNION ALL ".join("SELECT %s, token FROM intake_searchtoken WHERE token %% %s" for _ in fuzzy)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL pg_trgm.similarity_threshold = %s", [VOCABULARY_THRESHOLD])
        cursor.execute(union, [value for pair in fuzzy for value in pair])
        for i, token in cursor.fetchall():
            if same_token(words[i], token):
                similar[i].add(token)
    return similar


def _postgres_candidates(normalised: str, exclude_client_ids: Collection[int]) -> list[tuple]:
    """Names holding words close to at least two of the query's words (one for a one-word name)."""
    words = normalised.split()
    groups = _similar_words(words)
    words_sql = "string_to_array(normalised, ' ')"
    if len(groups) == 1:
        conditions, params = [f"{words_sql} && %s::text[]"], [sorted(groups[0])]
    else:
        conditions, params = [], []
        for i in range(len(groups)):
            for j in range(i + 1, len(groups)):
                conditions.append(f"({words_sql} && %s::text[] AND {words_sql} && %s::text[])")
                params += [sorted(groups[i]), sorted(groups[j])]
    sql = (
        "SELECT id, client_id, kind, display, normalised, never_contact FROM intake_searchname "  # noqa: S608
        f"WHERE ({' OR '.join(conditions)})"
    )
    if exclude_client_ids:
        sql += " AND NOT (client_id = ANY(%s))"
        params.append(list(exclude_client_ids))
    with transaction.atomic(), connection.cursor() as cursor:
        # The planner underrates how selective two word-array conditions are together, and scans
        # the whole table instead of combining index bitmaps. For this query's transaction only.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(sql, params)
        return cursor.fetchall()


def _candidate_rows(normalised: str, exclude_client_ids: Collection[int]):
    if connection.vendor == "postgresql":
        return _postgres_candidates(normalised, exclude_client_ids)
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
    return queryset.values_list(*_FIELDS)


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
