from django.db import transaction

from cases.models import Case
from clinic.models import User
from intake.models import Intake
from intake.services import intake_mark_accepted


@transaction.atomic
def case_open(*, intake: Intake, opened_by: User) -> Case:
    """Accepting an intake opens a case for its client, awaiting assignment."""
    intake = intake_mark_accepted(intake=intake, acting_user=opened_by)
    case = Case(client=intake.client, intake=intake, opened_by=opened_by)
    case._history_user = opened_by
    case.full_clean()
    case.save()
    return case
