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
    """Figures for the coordinators' overview, in one query over the open intakes only (found by
    the status index), not over every intake the clinic ever took."""
    return Intake.objects.filter(status=Intake.Status.OPEN).aggregate(
        open=Count("pk"),
        urgent=Count("pk", filter=Q(is_urgent=True)),
        conflict_review=Count("pk", filter=Q(conflict_status=Intake.ConflictStatus.REVIEW)),
    )
