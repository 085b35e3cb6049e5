"""The conflict-check matcher: fetch candidate names from the index, then score them with rapidfuzz.

Names are compared in their canonical form (intake.normalise.conflict_name: short forms expanded,
transliterations unified, particles joined), which is also what the index stores, so a variant is
found by the same lookup as an exact spelling. Both backends look for names sharing at least two
words with the query, each word allowing one typo (same_token) and an initial standing for any
word it begins, and the same scorer decides:

- PostgreSQL: a trigram index (pg_trgm) over the vocabulary of known words finds the words one typo
  away from each query word; a GIN index on the names' word arrays then finds the names holding two
  of them, or three when both names are longer than two words (a second, partial index holds the
  names of two words). Scanning a trigram index over whole names cost 100-150 ms at 200,000 clients,
  because common surnames share most trigrams.
- SQLite: blocking keys (SearchKey: each word's first and last three letters and its shape) counted
  per name.
"""

from collections.abc import Collection
from dataclasses import dataclass
from itertools import combinations

from django.db import connection, transaction
from django.db.models import Count, Q
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from intake.models import SearchKey, SearchName
from intake.normalise import blocking_keys, is_initial

MATCH_THRESHOLD = 85
# An initial is weaker evidence than a written name: each one costs this much of the score.
INITIAL_PENALTY = 5


@dataclass(frozen=True)
class NameMatch:
    name_id: int
    client_id: int
    kind: str
    display: str
    never_contact: bool
    score: int


def _gendered_pair(a: str, b: str) -> bool:
    """Mario and María, Juan and Juana, Daniel and Daniela: the masculine and feminine forms of a
    given name are two names (often siblings who share both surnames), not a typo."""
    if len(a) == len(b):
        return a[:-1] == b[:-1] and {a[-1], b[-1]} == {"a", "o"}
    short, long = sorted((a, b), key=len)
    return long == short + "a"


def same_token(a: str, b: str) -> bool:
    """One word, allowing one typo (a changed, missing, extra or swapped letter) in words of four
    letters or more. Short words must be equal: Li and Liu, or Hu and Zhu, are different names."""
    if a == b:
        return True
    if min(len(a), len(b)) < 4:
        return False
    return OSA.distance(a, b, score_cutoff=1) <= 1 and not _gendered_pair(a, b)


def initial_of(a: str, b: str) -> bool:
    """One of the two is an initial and the other word begins with it ("j" and "juan")."""
    return a != b and (is_initial(a) or is_initial(b)) and a[0] == b[0]


def score_names(a: str, b: str) -> int:
    """0-100 likeness of two canonical (conflict_name) names; 0 when they cannot be one person.

    Every token of the shorter name needs its own counterpart in the longer one: the same word,
    then one typo away (same_token), then an initial and a word it begins. So accents, order,
    commas, a missing second surname, one typo per word and "J." for Juan still match, while
    "Blackwell John" and "Blackwell Owen", or two people who share a first name and one surname,
    do not. At least one pair must be written out in full: initials alone prove nothing. The score
    is the likeness of the paired words, an initial counting as its word less INITIAL_PENALTY.
    """
    if not a or not b:
        return 0
    short, long = sorted((a.split(), b.split()), key=len)
    if len(short) == 1 and len(long) > 1:
        return 0  # a lone "Maria" is not every Maria
    remaining = list(long)
    partner: dict[int, str] = {}
    initials = 0
    for accepts in (str.__eq__, same_token, initial_of):
        for i, token in enumerate(short):
            if i in partner:
                continue
            match = next((other for other in remaining if accepts(token, other)), None)
            if match is not None:
                remaining.remove(match)
                partner[i] = token if accepts is initial_of else match
                initials += accepts is initial_of
    if len(partner) < len(short) or initials == len(short):
        return 0
    chosen = [partner[i] for i in range(len(short))]
    return max(0, round(fuzz.ratio(" ".join(short), " ".join(chosen))) - INITIAL_PENALTY * initials)


_FIELDS = ("pk", "client_id", "kind", "display", "normalised", "never_contact")
# Word similarity for the vocabulary lookup: one typo in a four-letter word leaves 0.25.
VOCABULARY_THRESHOLD = 0.2


def _next_letter(letter: str) -> str:
    return chr(ord(letter) + 1)


def _similar_words(cursor, words: list[str]) -> list[set[str]]:
    """For each word, the known words that may stand for it: those one typo away (trigram index over
    the vocabulary), a stored initial of it, and for an initial every word it begins."""
    similar = [{word} if is_initial(word) else {word, word[0]} for word in words]
    parts, params = [], []
    for i, word in enumerate(words):
        if is_initial(word):
            # A range, not LIKE: it uses the vocabulary's unique index under any collation.
            parts.append("SELECT %s, token FROM intake_searchtoken WHERE token >= %s AND token < %s")
            params += [i, word, _next_letter(word)]
        elif len(word) >= 4:
            parts.append("SELECT %s, token FROM intake_searchtoken WHERE token %% %s")
            params += [i, word]
    if not parts:
        return similar
    cursor.execute(" UNION ALL ".join(parts), params)
    for i, token in cursor.fetchall():
        if is_initial(words[i]) or same_token(words[i], token):
            similar[i].add(token)
    return similar


# Names of at most two words have an index of their own (migration 0010), so that a pair of common
# words ("Construction Inc.") is looked up among the names a pair can match, not among all of them.
_WORDS_SQL = "string_to_array(normalised, ' ')"
_SHORT_NAME_SQL = f"cardinality({_WORDS_SQL}) <= 2"
# Above this many words, C(n, 3) index conditions cost more than fetching pairs' extra candidates.
MAX_WORDS_FOR_TRIPLES = 6


def _overlap(*groups: set[str]) -> tuple[str, list[list[str]]]:
    return " AND ".join(f"{_WORDS_SQL} && %s::text[]" for _ in groups), [sorted(group) for group in groups]


def _postgres_conditions(words: list[str], groups: list[set[str]]) -> tuple[list[str], list]:
    """Index conditions that every name score_names can accept meets.

    score_names pairs every word of the shorter name, and a one-word name meets only one-word
    names. So a query of one word needs a one-word name holding a word of its group; of two words,
    a name holding a word of each group; of three or more, either a name of two words holding words
    of two groups, or a longer name holding words of three. Pairs of common words ("construction
    inc", "maria jose") are frequent, triples rarely. Initials alone prove nothing (score_names),
    so a pair or triple of initials is no condition.
    """
    conditions: list[str] = []
    params: list = []

    def add(sql: str, values: list, suffix: str = "") -> None:
        conditions.append(f"({sql}{suffix})")
        params.extend(values)

    if len(groups) == 1:
        # The second, implied, condition is what lets the planner use the partial index.
        add(*_overlap(groups[0]), f" AND cardinality({_WORDS_SQL}) = 1 AND {_SHORT_NAME_SQL}")
        return conditions, params
    triples = 3 <= len(groups) <= MAX_WORDS_FOR_TRIPLES
    for pair in combinations(range(len(groups)), 2):
        if all(is_initial(words[i]) for i in pair):
            continue
        add(*_overlap(*(groups[i] for i in pair)), f" AND {_SHORT_NAME_SQL}" if triples else "")
    if triples:
        for triple in combinations(range(len(groups)), 3):
            if all(is_initial(words[i]) for i in triple):
                continue
            add(*_overlap(*(groups[i] for i in triple)))
    return conditions, params


def _postgres_candidates(normalised: str, exclude_client_ids: Collection[int]) -> list[tuple]:
    """Names holding words close to the query's words: see _postgres_conditions.

    Four round trips and no savepoint: the check runs several of these inside its own transaction,
    and on a busy server each round trip costs more than the queries themselves.
    """
    words = normalised.split()
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        # The planner underrates how selective two word-array conditions are together, and scans
        # the whole table instead of combining index bitmaps: sequential scans are off for the
        # candidate query only, and back to the server's choice before the caller's next query.
        cursor.execute(
            "SELECT set_config('pg_trgm.similarity_threshold', %s, true), "
            "set_config('enable_seqscan', 'off', true)",
            [str(VOCABULARY_THRESHOLD)],
        )
        conditions, params = _postgres_conditions(words, _similar_words(cursor, words))
        rows: list[tuple] = []
        if conditions:
            sql = (
                "SELECT id, client_id, kind, display, normalised, never_contact FROM intake_searchname "  # noqa: S608
                f"WHERE ({' OR '.join(conditions)})"
            )
            if exclude_client_ids:
                sql += " AND NOT (client_id = ANY(%s))"
                params.append(list(exclude_client_ids))
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        cursor.execute("SET LOCAL enable_seqscan TO DEFAULT")
        return rows


def _sqlite_key_filter(normalised: str) -> Q | None:
    """Blocking keys of the query's words. A word also looks for a stored initial of it (t:j), and
    an initial for every stored word it begins: the shape keys (c:j..) and short words (t:j..)."""
    keys = {key for _token, key in blocking_keys(normalised)}
    condition = Q()
    for word in normalised.split():
        if is_initial(word):
            keys.discard(f"t:{word}")
            for kind in ("c", "t"):
                condition |= Q(key__gte=f"{kind}:{word}", key__lt=f"{kind}:{_next_letter(word)}")
        else:
            keys.add(f"t:{word[0]}")
    if not keys and not condition:
        return None
    return condition | Q(key__in=keys)


def _candidate_rows(normalised: str, exclude_client_ids: Collection[int]):
    if not any(not is_initial(word) for word in normalised.split()):
        return []  # initials alone match nobody (score_names)
    if connection.vendor == "postgresql":
        return _postgres_candidates(normalised, exclude_client_ids)
    key_filter = _sqlite_key_filter(normalised)
    if key_filter is None:
        return []
    # A candidate must meet the query on at least two of its tokens (one for a one-word name),
    # so that a shared given name alone does not make every Maria a candidate.
    needed = 1 if len(normalised.split()) == 1 else 2
    matching = (
        SearchKey.objects.filter(key_filter)
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
    """The indexed names that may be the person named by `normalised`, a conflict_name() key."""
    matches = []
    for pk, client_id, kind, display, candidate, never_contact in _candidate_rows(
        normalised, exclude_client_ids
    ):
        score = score_names(normalised, candidate)
        if score >= threshold:
            matches.append(NameMatch(pk, client_id, kind, display, never_contact, score))
    matches.sort(key=lambda match: (-match.score, match.name_id))
    return matches
