"""Ranking attorneys for a case: hard filters first, then a score with the reasons behind it.

The number of queries is fixed whatever the number of attorneys or cases, and so is their cost
whatever the clinic's history: the candidates come in one query (as plain rows, not model
instances, because there may be thousands) together with each attorney's stored load, experience
and past answers, which the services keep current. Only the name comparisons for conflicts,
which need unidecode, run in Python over rows already fetched.
"""

import json
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache

from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, F, Q, QuerySet, TextField, Value
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import Assignment, AttorneyProfile, Case, CaseType, Hearing, Offer
from clinic.roles import Role
from intake.normalise import normalise_name as intake_normalise_name

LANGUAGE_POINTS = 35
EXPERIENCE_LEVEL_POINTS = 5  # per level, 4 levels
EXPERIENCE_CASE_POINTS = 3  # per earlier case of the same type, up to 5
LOAD_POINTS = 20
ACCEPTANCE_POINTS = 10
DEFAULT_LIMIT = 50


# Intake's normalisation ('Peña, Gustavo' equals 'Gustavo Pena'), cached: ranking compares the
# same few thousand attorney and firm names on every request.
normalise_name = lru_cache(maxsize=20_000)(intake_normalise_name)


@dataclass
class Candidate:
    """An attorney as the ranking sees them: one row of the candidates query plus their counts."""

    user_id: int
    name: str
    firm: str
    kind: str
    languages_json: str  # decoded only for the attorneys whose reasons are shown
    shares_language: bool
    experience: int
    capacity: int
    load: int = 0
    same_type_cases: int = 0
    offers_answered: int = 0
    offers_accepted: int = 0

    @cached_property
    def languages(self) -> list[str]:
        return json.loads(self.languages_json or "[]")

    @property
    def kind_label(self) -> str:
        return AttorneyProfile.Kind(self.kind).label

    @property
    def experience_label(self) -> str:
        return AttorneyProfile.Experience(self.experience).label


@dataclass
class Match:
    candidate: Candidate
    score: int
    shares_language: bool
    already_offered: bool = False
    reasons: list[str] = field(default_factory=list)

    @property
    def attorney_id(self) -> int:
        return self.candidate.user_id


# The filters an attorney must pass, in the order the funnel reports them. A coordinator may relax
# any one of them when nobody passes, and the ranking then says so.
FILTERS = ("practice_area", "detained", "availability", "capacity", "conflicts")
FILTER_LABELS = {
    "practice_area": gettext_lazy("takes this kind of case"),
    "detained": gettext_lazy("takes detained cases"),
    "availability": gettext_lazy("available before the next hearing"),
    "capacity": gettext_lazy("has room for another case"),
    "conflicts": gettext_lazy("has no conflict of interest"),
}


def active_attorney_profiles() -> QuerySet:
    return AttorneyProfile.objects.filter(user__is_active=True, user__groups__name=Role.ATTORNEY)


def _practice_area(profiles: QuerySet, case_type: str) -> QuerySet:
    if connection.vendor == "postgresql":
        return profiles.filter(practice_areas__contains=[case_type])
    # SQLite has no JSON containment; the stored JSON text holds each code in quotes, and no code
    # is part of another, so this matches exactly the lists that contain the code.
    return profiles.filter(practice_areas__icontains=f'"{case_type}"')


def _available(profiles: QuerySet, needed_by: date, today: date) -> QuerySet:
    return profiles.filter(
        Q(available_from__isnull=True) | Q(available_from__lte=needed_by),
        Q(available_to__isnull=True) | Q(available_to__gte=today),
    )


def candidate_profiles(
    *, case_type: str, detained: bool, needed_by: date, today: date, relax: frozenset[str] = frozenset()
) -> QuerySet:
    """Profiles that pass the filters the database can answer (less any the coordinator relaxed)."""
    profiles = active_attorney_profiles()
    if "availability" not in relax:
        profiles = _available(profiles, needed_by, today)
    if "practice_area" not in relax:
        profiles = _practice_area(profiles, case_type)
    if detained and "detained" not in relax:
        profiles = profiles.filter(takes_detained=True)
    return profiles


def _speaks_any(languages: frozenset[str]) -> Q:
    # The codes are stored as a JSON list of strings; with its quotes a code matches only itself
    # (no code is part of another), as in `_practice_area`. Answered by the database, so the
    # list is decoded in Python only for the attorneys whose reasons are shown.
    speaks = Q(pk__in=[])
    for code in sorted(languages):
        speaks |= Q(languages__icontains=f'"{code}"')
    return speaks


def candidates_for(
    *,
    case_type: str,
    detained: bool,
    needed_by: date,
    today: date,
    relax: frozenset[str] = frozenset(),
    client_languages: frozenset[str] = frozenset(),
    with_room_only: bool = False,
) -> list[Candidate]:
    """One query, whatever the size of the clinic's history: loads, experience and past answers
    are read from each attorney's stored figures (`AttorneyStats`), kept current by the services."""
    profiles = candidate_profiles(
        case_type=case_type, detained=detained, needed_by=needed_by, today=today, relax=relax
    ).annotate(
        load=Coalesce("user__attorney_stats__active_cases", 0),
        same_type=KeyTextTransform(CaseType(case_type).value, "user__attorney_stats__cases_by_type"),
        languages_text=Cast("languages", TextField()),
        shares=ExpressionWrapper(_speaks_any(client_languages), output_field=BooleanField())
        if client_languages
        else Value(False),
    )
    if with_room_only:
        profiles = profiles.filter(load__lt=F("capacity"))
    rows = profiles.values_list(
        "user_id", "user__first_name", "user__last_name", "user__username", "firm", "kind",
        "languages_text", "shares", "experience", "capacity", "load", "same_type",
        "user__attorney_stats__offers_answered", "user__attorney_stats__offers_accepted",
    )  # fmt: skip
    return [
        Candidate(
            row[0],
            f"{row[1]} {row[2]}".strip() or row[3],
            *row[4:7],
            bool(row[7]),
            *row[8:10],
            int(row[10] or 0), int(row[11] or 0), int(row[12] or 0), int(row[13] or 0),
        )  # fmt: skip
        for row in rows
    ]


def _needed_by(case: Case, today: date) -> date:
    next_hearing = (
        Hearing.objects.filter(case=case, starts_at__gte=timezone.now())
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    return timezone.localtime(next_hearing).date() if next_hearing else today


def _adverse_keys(case: Case) -> set[str]:
    keys = {normalise_name(name) for name in case.client.adverse_parties.values_list("name", flat=True)}
    keys.discard("")
    return keys


def _conflicted(case: Case, adverse_keys: set[str]) -> set[int]:
    """Attorneys who represent someone named as an adverse party here, or already hold the case."""
    conflicted = (
        set(
            Assignment.objects.filter(ended_at__isnull=True, case__client_name_key__in=adverse_keys)
            .exclude(case=case)
            .values_list("attorney_id", flat=True)
        )
        if adverse_keys
        else set()
    )
    conflicted |= set(case.assignments.filter(ended_at__isnull=True).values_list("attorney_id", flat=True))
    return conflicted


def _conflicted_by_name(candidate: Candidate, adverse_keys: set[str]) -> bool:
    return bool(adverse_keys) and (
        normalise_name(candidate.name) in adverse_keys
        or bool(candidate.firm and normalise_name(candidate.firm) in adverse_keys)
    )


def rank_attorneys(
    *,
    case: Case,
    today: date | None = None,
    limit: int | None = DEFAULT_LIMIT,
    relax: frozenset[str] = frozenset(),
) -> list[Match]:
    """Attorneys who may take `case`, best first, each with the reasons for their place.

    `relax` names filters (of FILTERS) the coordinator chose to lift for this search.
    """
    today = today or timezone.localdate()
    client = case.client
    adverse_keys = _adverse_keys(case)
    needed_by = _needed_by(case, today)
    conflicted = _conflicted(case, adverse_keys)
    offered = set(case.offers.filter(status=Offer.Status.OPEN).values_list("attorney_id", flat=True))
    client_languages = {
        code.casefold() for code in [client.preferred_language, *(client.languages or [])] if code
    }

    check_conflicts = "conflicts" not in relax
    scored = []
    for candidate in candidates_for(
        case_type=case.case_type,
        detained=case.is_detained,
        needed_by=needed_by,
        today=today,
        relax=relax,
        client_languages=frozenset(client_languages),
        with_room_only="capacity" not in relax,
    ):
        if check_conflicts and candidate.user_id in conflicted:
            continue
        scored.append(_score(candidate, offered))
    scored.sort(key=lambda match: (-match.score, match.candidate.load, match.candidate.user_id))
    # The check by name normalises each attorney's name and firm, the costliest step of the
    # ranking: it is asked of the best placed first, only until the list is full. Leaving a
    # conflicted attorney out does not move the others, so the list is the same as checking all.
    matches = []
    for match in scored:
        if check_conflicts and _conflicted_by_name(match.candidate, adverse_keys):
            continue
        matches.append(match)
        if limit is not None and len(matches) == limit:
            break
    type_label = CaseType(case.case_type).label.lower()
    for match in matches:
        match.reasons = _reasons(match, client_languages, type_label)
    return matches


def _score(candidate: Candidate, offered: set[int]) -> Match:
    shared = candidate.shares_language
    score = LANGUAGE_POINTS if shared else 0
    score += candidate.experience * EXPERIENCE_LEVEL_POINTS
    score += min(candidate.same_type_cases, 5) * EXPERIENCE_CASE_POINTS
    if candidate.capacity:
        score += round(LOAD_POINTS * (candidate.capacity - candidate.load) / candidate.capacity)
    if candidate.offers_answered:
        score += round(ACCEPTANCE_POINTS * candidate.offers_accepted / candidate.offers_answered)
    else:
        score += ACCEPTANCE_POINTS // 2
    return Match(
        candidate=candidate, score=score, shares_language=shared, already_offered=candidate.user_id in offered
    )


def _reasons(match: Match, client_languages: set[str], type_label: str) -> list[str]:
    candidate = match.candidate
    if match.shares_language:
        shared = sorted(client_languages & {code.casefold() for code in candidate.languages})
        reasons = [_("Speaks the client's language (%(codes)s)") % {"codes": ", ".join(shared)}]
    else:
        reasons = [_("No shared language: an interpreter is needed")]
    reasons.append(
        _("%(level)s; %(n)s earlier %(type)s case(s)")
        % {"level": candidate.experience_label, "n": candidate.same_type_cases, "type": type_label}
    )
    reasons.append(
        _("%(load)s of %(cap)s cases in use") % {"load": candidate.load, "cap": candidate.capacity}
    )
    if candidate.offers_answered:
        reasons.append(
            _("Accepted %(a)s of %(n)s offers")
            % {"a": candidate.offers_accepted, "n": candidate.offers_answered}
        )
    else:
        reasons.append(_("No offers answered yet"))
    return reasons


@dataclass(frozen=True)
class FunnelStep:
    key: str
    label: str
    removed: int
    left: int


def filter_funnel(*, case: Case, today: date | None = None) -> list[FunnelStep]:
    """Why nobody passes: how many attorneys each filter removes, applied in order.

    Run only when the ranking is empty, so its handful of extra queries cost nothing otherwise.
    """
    today = today or timezone.localdate()
    needed_by = _needed_by(case, today)
    steps = []
    profiles = active_attorney_profiles()
    left = profiles.count()
    stages = [
        ("practice_area", lambda qs: _practice_area(qs, case.case_type)),
        ("detained", lambda qs: qs.filter(takes_detained=True) if case.is_detained else qs),
        ("availability", lambda qs: _available(qs, needed_by, today)),
    ]
    for key, narrow in stages:
        profiles = narrow(profiles)
        now_left = profiles.count()
        steps.append(FunnelStep(key, str(FILTER_LABELS[key]), left - now_left, now_left))
        left = now_left
    candidates = candidates_for(
        case_type=case.case_type,
        detained=case.is_detained,
        needed_by=needed_by,
        today=today,
    )
    with_room = [c for c in candidates if c.load < c.capacity]
    steps.append(
        FunnelStep("capacity", str(FILTER_LABELS["capacity"]), left - len(with_room), len(with_room))
    )
    adverse_keys = _adverse_keys(case)
    conflicted = _conflicted(case, adverse_keys)
    clear = [c for c in with_room if c.user_id not in conflicted and not _conflicted_by_name(c, adverse_keys)]
    steps.append(
        FunnelStep("conflicts", str(FILTER_LABELS["conflicts"]), len(with_room) - len(clear), len(clear))
    )
    return steps
