"""The panel response adds to the emergency intake page: open a response, or go to it."""

from django.template.loader import render_to_string

from clinic.permissions import is_coordinator
from intake.models import Intake
from response.forms import ResponseOpenForm
from response.models import Response
from response.permissions import responses_visible_to


def intake_panel(request, intake: Intake) -> str | None:
    if not intake.is_emergency:
        return None
    user = request.user
    response = Response.objects.filter(intake=intake).first()
    if response is not None:
        if not responses_visible_to(user).filter(pk=response.pk).exists():
            return None
        return render_to_string("response/_intake_panel.html", {"response": response}, request=request)
    may_open = intake.status == Intake.Status.OPEN and (
        is_coordinator(user) or intake.volunteer_id == user.pk
    )
    if not may_open:
        return None
    context = {"intake": intake, "form": ResponseOpenForm(initial={"agency": Response.Agency.ICE})}
    return render_to_string("response/_intake_panel.html", context, request=request)
