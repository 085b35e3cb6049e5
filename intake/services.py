from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clinic.models import User
from intake.models import Intake


class IntakeStateError(Exception):
    """A decision that the intake's current status does not allow."""


@transaction.atomic
def intake_mark_accepted(*, intake: Intake, acting_user: User) -> Intake:
    """Called by cases.services.case_open: the only way an intake becomes accepted."""
    intake = Intake.objects.select_for_update().get(pk=intake.pk)
    if intake.status != Intake.Status.OPEN:
        raise IntakeStateError(_("Only an open intake can be accepted."))
    intake.status = Intake.Status.ACCEPTED
    intake.decided_at = timezone.now()
    intake.decided_by = acting_user
    intake._history_user = acting_user
    intake.save(update_fields=["status", "decided_at", "decided_by"])
    return intake
