"""What cases adds to other apps' pages through the core's registry (clinic.registry)."""

from django.http import HttpRequest
from django.template.loader import render_to_string

from cases.forms import IntakeAcceptForm
from clinic.permissions import is_coordinator
from intake.models import Intake

ACCEPTABLE = {Intake.ConflictStatus.CLEAR, Intake.ConflictStatus.CLEARED}


def intake_accept_panel(request: HttpRequest, intake: Intake) -> str | None:
    """On an open intake whose conflict check is clear: the coordinator confirms the case details."""
    if not is_coordinator(request.user) or intake.status != Intake.Status.OPEN:
        return None
    if intake.conflict_status not in ACCEPTABLE:
        return None
    form = IntakeAcceptForm.for_intake(intake)
    return render_to_string(
        "cases/_intake_accept_panel.html", {"intake": intake, "form": form}, request=request
    )


def client_cases_panel(request: HttpRequest, client) -> str | None:
    """On the coordinator's client page: the client's cases, each linked."""
    if not is_coordinator(request.user):
        return None
    cases = list(client.cases.select_related("grant").order_by("-opened_at"))
    return render_to_string("cases/_client_cases_panel.html", {"cases": cases}, request=request)
