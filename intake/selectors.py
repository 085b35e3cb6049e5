from django.db.models import QuerySet

from clinic.models import User
from intake.models import Intake


def open_intakes_for_volunteer(*, user: User) -> QuerySet[Intake]:
    return (
        Intake.objects.filter(volunteer=user, status__in=[Intake.Status.DRAFT, Intake.Status.OPEN])
        .select_related("client")
        .order_by("-is_urgent", "-created_at")
    )


def intake_queue() -> QuerySet[Intake]:
    """Open intakes for coordinators: urgent first, then oldest first."""
    return (
        Intake.objects.filter(status=Intake.Status.OPEN)
        .select_related("client", "volunteer")
        .order_by("-is_urgent", "created_at")
    )
