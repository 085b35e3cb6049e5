from django.shortcuts import render

from clinic.permissions import role_required
from clinic.roles import Role
from intake import selectors


@role_required(Role.VOLUNTEER)
def home(request):
    intakes = selectors.open_intakes_for_volunteer(user=request.user)
    return render(request, "intake/home.html", {"intakes": intakes})


@role_required(Role.COORDINATOR)
def queue(request):
    intakes = selectors.intake_queue()
    return render(request, "intake/queue.html", {"intakes": intakes})
