"""A detention response becomes a case the way an intake does: through case_open.

Cases imports response (never the other way): the response is marked as having counsel through
response's own service, in the same transaction, so that neither happens without the other.
"""

from django.db import transaction

from cases.models import Case
from cases.services.cases import case_open
from clinic.models import User
from response.models import Response
from response.services import response_mark_case_opened


@transaction.atomic
def case_open_from_response(*, response: Response, opened_by: User) -> Case:
    response = response_mark_case_opened(response=response, acting_user=opened_by)
    return case_open(intake=response.intake, opened_by=opened_by)
