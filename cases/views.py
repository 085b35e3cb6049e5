from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases import selectors, services
from clinic.permissions import role_required
from clinic.roles import Role
from intake.models import Intake
from intake.services import IntakeStateError


@role_required(Role.ATTORNEY)
def caseload(request):
    cases = selectors.cases_for_attorney(user=request.user)
    return render(request, "cases/caseload.html", {"cases": cases})


@require_POST
@role_required(Role.COORDINATOR)
def intake_accept(request, pk: int):
    intake = get_object_or_404(Intake, pk=pk)
    try:
        services.case_open(intake=intake, opened_by=request.user)
    except IntakeStateError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Intake accepted: a case is open and awaits an attorney."))
    return redirect("intake:queue")
