"""Ranking attorneys for a case: hard filters first, then a score with the reasons behind it.

The number of queries is fixed whatever the number of attorneys: loads, experience and past
acceptance are counted by the database; only the JSON list checks (practice areas, languages)
and the name comparisons for conflicts run in Python, over rows already fetched.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from unidecode import unidecode

from cases.models import Assignment, Case, Hearing, Offer
from clinic.models import AttorneyProfile, PracticeArea
from clinic.roles import Role

_NON_WORD = re.compile(r"[^0-9a-z]+")

LANGUAGE_POINTS = 35
EXPERIENCE_LEVEL_POINTS = 5  # per level, 4 levels
EXPERIENCE_CASE_POINTS = 3  # per earlier case of the same type, up to 5
LOAD_POINTS = 20
ACCEPTANCE_POINTS = 10


def normalise_name(name: str) -> str:
    """'Hartley & Ross, LLP' and 'hartley ross llp' compare equal; so do 'Núñez' and 'Nunez'."""
    return " ".join(_NON_WORD.sub(" ", unidecode(name or "").casefold()).split())


@dataclass
class Match:
    profile: AttorneyProfile
    score: int
    reasons: list[str] = field(default_factory=list)
    shares_language: bool = False
    already_offered: bool = False

    @property
    def attorney(self):
        return self.profile.user


def _count(queryset: QuerySet) -> Subquery:
    return Coalesce(
        Subquery(queryset.order_by().values("attorney").annotate(n=Count("pk")).values("n")[:1]),
        Value(0),
        output_field=IntegerField(),
    )


def candidate_profiles(*, case_type: str, detained: bool, needed_by: date, today: date) -> QuerySet:
    """Attorneys who pass the filters the database can answer, with their counts annotated."""
    active = Assignment.objects.filter(
        attorney=OuterRef("user_id"),
        ended_at__isnull=True,
        case__status__in=[Case.Status.ACTIVE, Case.Status.OFFERED],
    )
    same_type = Assignment.objects.filter(attorney=OuterRef("user_id"), case__case_type=case_type)
    answered = Offer.objects.filter(
        attorney=OuterRef("user_id"),
        status__in=[Offer.Status.ACCEPTED, Offer.Status.DECLINED, Offer.Status.EXPIRED],
    )
    profiles = (
        AttorneyProfile.objects.filter(user__is_active=True, user__groups__name=Role.ATTORNEY)
        .filter(Q(available_from__isnull=True) | Q(available_from__lte=needed_by))
        .filter(Q(available_to__isnull=True) | Q(available_to__gte=today))
        .select_related("user")
        .annotate(
            load=_count(active),
            same_type_cases=_count(same_type),
            offers_answered=_count(answered),
            offers_accepted=_count(answered.filter(status=Offer.Status.ACCEPTED)),
        )
        .order_by("user_id")
    )
    if detained:
        profiles = profiles.filter(takes_detained=True)
    return profiles


def rank_attorneys(*, case, today: date | None = None) -> list[Match]:
    """Attorneys who may take `case`, best first, each with the reasons for their place."""
    today = today or timezone.localdate()
    client = case.client
    adverse_keys = {normalise_name(name) for name in client.adverse_parties.values_list("name", flat=True)}
    adverse_keys.discard("")
    next_hearing = (
        Hearing.objects.filter(case=case, starts_at__gte=timezone.now())
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    needed_by = timezone.localtime(next_hearing).date() if next_hearing else today
    # Attorneys who represent someone named as an adverse party here are conflicted out.
    conflicted = (
        set(
            Assignment.objects.filter(ended_at__isnull=True, case__client_name_key__in=adverse_keys)
            .exclude(case=case)
            .values_list("attorney_id", flat=True)
        )
        if adverse_keys
        else set()
    )
    on_case = set(case.assignments.filter(ended_at__isnull=True).values_list("attorney_id", flat=True))
    offered = set(case.offers.filter(status=Offer.Status.OPEN).values_list("attorney_id", flat=True))
    client_languages = {
        code.casefold() for code in [client.preferred_language, *(client.languages or [])] if code
    }
    type_label = PracticeArea(case.case_type).label.lower()

    matches = []
    for profile in candidate_profiles(
        case_type=case.case_type, detained=case.is_detained, needed_by=needed_by, today=today
    ):
        if case.case_type not in (profile.practice_areas or []) or profile.load >= profile.capacity:
            continue
        if profile.user_id in conflicted or profile.user_id in on_case:
            continue
        if adverse_keys and (
            normalise_name(profile.user.get_full_name()) in adverse_keys
            or (profile.firm and normalise_name(profile.firm) in adverse_keys)
        ):
            continue
        matches.append(_score(profile, client_languages, type_label, profile.user_id in offered))
    matches.sort(key=lambda match: (-match.score, match.profile.load, match.profile.user_id))
    return matches


def _score(profile: AttorneyProfile, client_languages: set[str], type_label: str, offered: bool) -> Match:
    reasons = []
    score = 0
    shared = sorted(client_languages & {code.casefold() for code in profile.languages or []})
    if shared:
        score += LANGUAGE_POINTS
        reasons.append(_("Speaks the client's language (%(codes)s)") % {"codes": ", ".join(shared)})
    else:
        reasons.append(_("No shared language: an interpreter is needed"))

    score += profile.experience * EXPERIENCE_LEVEL_POINTS
    earlier = min(profile.same_type_cases, 5)
    score += earlier * EXPERIENCE_CASE_POINTS
    reasons.append(
        _("%(level)s; %(n)s earlier %(type)s case(s)")
        % {"level": profile.get_experience_display(), "n": profile.same_type_cases, "type": type_label}
    )

    free = profile.capacity - profile.load
    score += round(LOAD_POINTS * free / profile.capacity) if profile.capacity else 0
    reasons.append(_("%(load)s of %(cap)s cases in use") % {"load": profile.load, "cap": profile.capacity})

    if profile.offers_answered:
        score += round(ACCEPTANCE_POINTS * profile.offers_accepted / profile.offers_answered)
        reasons.append(
            _("Accepted %(a)s of %(n)s offers") % {"a": profile.offers_accepted, "n": profile.offers_answered}
        )
    else:
        score += ACCEPTANCE_POINTS // 2
        reasons.append(_("No offers answered yet"))
    return Match(
        profile=profile, score=score, reasons=reasons, shares_language=bool(shared), already_offered=offered
    )
