from django.db.models import Count, Prefetch, Q, QuerySet

from clinic.models import User
from intake.models import AdverseParty, ConflictCheck, ConflictHit, Intake


def open_intakes_for_volunteer(*, user: User) -> QuerySet[Intake]:
    return (
        Intake.objects.filter(volunteer=user, status__in=[Intake.Status.DRAFT, Intake.Status.OPEN])
        .select_related("client")
        .order_by("-is_urgent", "-created_at")
    )


def intake_queue() -> QuerySet[Intake]:
    """Open intakes for coordinators: urgent (emergencies first), then oldest first."""
    return (
        Intake.objects.filter(status=Intake.Status.OPEN)
        .select_related("client", "volunteer")
        .order_by("-is_urgent", "-is_emergency", "created_at")
    )


def intake_for_detail(*, intake: Intake) -> Intake:
    """The intake with everything its page shows, in a fixed number of queries."""
    return (
        Intake.objects.select_related("client", "client__household", "volunteer", "decided_by")
        .prefetch_related(
            "client__aliases",
            Prefetch("client__adverse_parties", queryset=AdverseParty.objects.order_by("name")),
        )
        .get(pk=intake.pk)
    )


def current_conflict_check(*, intake: Intake) -> ConflictCheck | None:
    return (
        intake.conflict_checks.select_related("run_by")
        .prefetch_related(
            Prefetch("hits", queryset=ConflictHit.objects.select_related("matched_client", "cleared_by"))
        )
        .first()
    )


def household_members(*, intake: Intake):
    client = intake.client
    if client is None or client.household_id is None:
        return []
    return list(client.household.members.exclude(pk=client.pk).order_by("pk"))


def never_contact_parties(*, intake: Intake) -> list[AdverseParty]:
    """Parties nobody may contact: shown as a warning to anyone about to reach out."""
    client = intake.client
    if client is None:
        return []
    return [party for party in client.adverse_parties.all() if party.never_contact]


def intake_counts() -> dict[str, int]:
    """Figures for the coordinators' overview, in one query."""
    open_intakes = Q(status=Intake.Status.OPEN)
    return Intake.objects.aggregate(
        open=Count("pk", filter=open_intakes),
        urgent=Count("pk", filter=open_intakes & Q(is_urgent=True)),
        conflict_review=Count("pk", filter=open_intakes & Q(conflict_status=Intake.ConflictStatus.REVIEW)),
    )


def intake_report_counts(*, period, within: Q | None = None) -> dict[str, dict]:
    """Reports: intakes submitted in `period` by channel and by outcome, per quarter, and the
    screened clients' languages and income bands (distinct clients). `within` narrows the intakes
    (e.g. to those whose case a grant pays for)."""
    from clinic.aggregates import count_by_quarter

    intakes = Intake.objects.filter(submitted_at__gte=period.start_at, submitted_at__lte=period.end_at)
    if within is not None:
        intakes = intakes.filter(within)
    return {
        "channel": count_by_quarter(intakes, category="channel", when="submitted_at", period=period),
        "outcome": count_by_quarter(intakes, category="status", when="submitted_at", period=period),
        "language": count_by_quarter(
            intakes.exclude(client=None),
            category="client__preferred_language",
            when="submitted_at",
            period=period,
            distinct="client_id",
        ),
        "income_band": count_by_quarter(
            intakes.exclude(eligibility_band=""),
            category="eligibility_band",
            when="submitted_at",
            period=period,
            distinct="client_id",
        ),
        "country": count_by_quarter(
            intakes.exclude(client=None),
            category="client__country_of_birth",
            when="submitted_at",
            period=period,
            distinct="client_id",
        ),
        "emergencies": count_by_quarter(
            intakes.filter(is_emergency=True), category="channel", when="submitted_at", period=period
        ),
    }


def intake_clients(*, period, within: Q | None = None) -> QuerySet:
    """Ids of the clients who came through intake in `period` (for unduplicated counts)."""
    intakes = Intake.objects.filter(submitted_at__gte=period.start_at, submitted_at__lte=period.end_at)
    if within is not None:
        intakes = intakes.filter(within)
    return intakes.exclude(client=None).values("client_id")


def outreach_report_counts(*, period) -> dict:
    """Reports: workshops and forums held in `period`, by kind per quarter, with their reach."""
    from django.db.models import Sum

    from clinic.aggregates import count_by_quarter
    from intake.models import OutreachEvent

    events = OutreachEvent.objects.filter(held_on__gte=period.start, held_on__lte=period.end)
    reach = events.aggregate(attendees=Sum("attendees"), materials=Sum("materials"))
    by_code: dict[str, dict[str, int]] = {}
    for kind, n, attendees in (
        events.order_by().values_list("kind").annotate(n=Count("pk"), people=Sum("attendees"))
    ):
        code = OutreachEvent.LSC_CODES[kind]
        entry = by_code.setdefault(code, {"events": 0, "attendees": 0})
        entry["events"] += n
        entry["attendees"] += attendees or 0
    return {
        "by_kind": count_by_quarter(events, category="kind", when="held_on", period=period),
        "by_language": count_by_quarter(events, category="language", when="held_on", period=period),
        "events": events.count(),
        "attendees": reach["attendees"] or 0,
        "materials": reach["materials"] or 0,
        "lsc_other_services": by_code,
        "intakes_at_events": events.aggregate(n=Count("intakes"))["n"],
    }
