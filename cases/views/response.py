"""The panel cases adds to the response page, and the button behind it: open a case."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.models import Case
from cases.permissions import cases_visible_to
from cases.services import CaseStateError
from cases.services.response import case_open_from_response
from clinic.permissions import is_coordinator, role_required
from clinic.roles import Role
from intake.models import Intake
from intake.services import IntakeStateError
from response.models import Response
from response.permissions import get_response_for_user
from response.services import ResponseStateError


def response_panel(request, response: Response) -> str | None:
    user = request.user
    case = cases_visible_to(user).filter(intake_id=response.intake_id).first()
    if case is None and not is_coordinator(user):
        return None
    may_open = (
        case is None
        and response.case_opened_at is None
        and response.status not in {Response.Status.REPORTED, Response.Status.CLOSED}
        and response.intake.status == Intake.Status.OPEN
    )
    context = {"response": response, "case": case, "may_open": may_open}
    return render_to_string("cases/_response_panel.html", context, request=request)


@require_POST
@role_required(Role.COORDINATOR)
def response_open_case(request, public_id):
    response = get_response_for_user(request.user, public_id)
    try:
        case: Case = case_open_from_response(response=response, opened_by=request.user)
    except (CaseStateError, IntakeStateError, ResponseStateError, ValidationError) as exc:
        messages.error(request, " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc))
        return redirect("response:detail", response.public_id)
    messages.success(request, _("Case %(ref)s opened from this response.") % {"ref": case.reference})
    return redirect("cases:case_detail", case.public_id)
