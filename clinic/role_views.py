"""The coordinator's page for confirming or refusing the coordinator and administrator roles."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from clinic.models import RoleChange
from clinic.permissions import Role, role_required
from clinic.services import RoleChangeError, role_change_confirm, role_change_refuse


@role_required(Role.COORDINATOR)
def role_changes_pending(request: HttpRequest) -> HttpResponse:
    changes = RoleChange.objects.filter(status=RoleChange.Status.PENDING).select_related(
        "user", "requested_by"
    )
    return render(request, "clinic/role_changes_pending.html", {"changes": changes})


@require_POST
@role_required(Role.COORDINATOR)
def role_change_decide(request: HttpRequest, pk: int) -> HttpResponse:
    change = get_object_or_404(RoleChange, pk=pk, status=RoleChange.Status.PENDING)
    try:
        if request.POST.get("decision") == "confirm":
            role_change_confirm(
                change=change, acting_user=request.user, ip_address=request.META.get("REMOTE_ADDR")
            )
        elif request.POST.get("decision") == "refuse":
            role_change_refuse(change=change, acting_user=request.user)
        else:
            raise Http404
    except RoleChangeError as exc:
        messages.error(request, str(exc))
    return redirect("role_changes_pending")
