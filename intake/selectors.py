from django.db.models import Count, Prefetch, Q, QuerySet

from clinic.models import User
from intake.models import AdverseParty, Client, ClientMatch, ConflictCheck, ConflictHit, Intake


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
        .annotate(
            pending_matches=Count(
                "client_matches", filter=Q(client_matches__status=ClientMatch.Status.PENDING)
            )
        )
        .order_by("-is_urgent", "-is_emergency", "created_at")
    )


def intake_for_detail(*, intake: Intake) -> Intake:
    """The intake with everything its page shows, in a fixed number of queries."""
    return (
        Intake.objects.select_related(
            "client", "client__household", "submitted_client", "volunteer", "decided_by"
        )
        .prefetch_related(
            "client__aliases",
            Prefetch("client__adverse_parties", queryset=AdverseParty.objects.order_by("name")),
            Prefetch("submitted_client__adverse_parties", queryset=AdverseParty.objects.order_by("name")),
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


def household_members(*, client: Client | None) -> list[Client]:
    if client is None or client.household_id is None:
        return []
    return list(
        Client.objects.filter(household_id=client.household_id, merged_into__isnull=True)
        .exclude(pk=client.pk)
        .order_by("pk")
    )


def never_contact_parties(*, client: Client | None) -> list[AdverseParty]:
    """Parties nobody may contact, of the record the page shows: a warning to anyone about to reach out."""
    if client is None:
        return []
    return [party for party in client.adverse_parties.all() if party.never_contact]


def client_matches(*, intake: Intake) -> list[ClientMatch]:
    """Possible returning clients of this intake: for coordinators only."""
    return list(
        intake.client_matches.select_related("typed_client", "known_client", "decided_by").order_by("pk")
    )


def intake_counts() -> dict[str, int]:
    """Figures for the coordinators' overview, in one query."""
    open_intakes = Q(status=Intake.Status.OPEN)
    return Intake.objects.aggregate(
        open=Count("pk", filter=open_intakes),
        urgent=Count("pk", filter=open_intakes & Q(is_urgent=True)),
        conflict_review=Count("pk", filter=open_intakes & Q(conflict_status=Intake.ConflictStatus.REVIEW)),
    )
