"""Top-level pages: the role router, the coordinator's and administrator's landing pages."""

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from clinic.forms import AccessLogFilterForm
from clinic.permissions import primary_role, role_required
from clinic.roles import Role
from clinic.selectors import access_events

ROLE_LANDING = {
    Role.VOLUNTEER: "intake:home",
    Role.ATTORNEY: "cases:caseload",
    Role.COORDINATOR: "coordinator_home",
    Role.ADMINISTRATOR: "accounts",
}


def home(request):
    role = primary_role(request.user)
    if role is None:
        return render(request, "clinic/no_role.html", status=403)
    return redirect(ROLE_LANDING[role])


@role_required(Role.COORDINATOR)
def coordinator_home(request):
    # clinic/views.py sits on top of the apps (like clinic/urls.py) and reads them through selectors.
    from cases.selectors import case_counts
    from intake.selectors import intake_counts

    return render(
        request, "clinic/coordinator_home.html", {"intakes": intake_counts(), "cases": case_counts()}
    )


@role_required(Role.ADMINISTRATOR)
def accounts(request):
    users = get_user_model().objects.order_by("username").prefetch_related("groups")
    return render(request, "clinic/accounts.html", {"users": users})


@role_required(Role.COORDINATOR)
def access_log(request):
    form = AccessLogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(access_events(**filters), 50).get_page(request.GET.get("page"))
    return render(request, "clinic/access_log.html", {"form": form, "page": page})
