"""Top-level pages: the role router, the coordinator's and administrator's landing pages.

The core names no app: landing pages and overview cards come from the registry that each app
fills in its `AppConfig.ready()`.
"""

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.template.loader import render_to_string

from clinic.forms import AccessLogFilterForm
from clinic.permissions import primary_role, role_required
from clinic.registry import landing_for, overview_cards, record_links
from clinic.roles import Role
from clinic.selectors import access_events


def home(request):
    role = primary_role(request.user)
    landing = landing_for(role) if role is not None else None
    if landing is None:
        return render(request, "clinic/no_role.html", status=403)
    return redirect(landing)


@role_required(Role.COORDINATOR)
def coordinator_home(request):
    cards = [
        # Rendered without the request: a card needs only its figures, and a RequestContext would run
        # every context processor (navigation, messages) again for each card.
        render_to_string(card.template, card.context(request))
        for card in overview_cards()
    ]
    return render(request, "clinic/coordinator_home.html", {"cards": cards})


@role_required(Role.ADMINISTRATOR)
def accounts(request):
    users = get_user_model().objects.order_by("username").prefetch_related("groups")
    return render(request, "clinic/accounts.html", {"users": users})


@role_required(Role.COORDINATOR)
def access_log(request):
    form = AccessLogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(access_events(**filters), 50).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    links = record_links(page.object_list)
    for event in page.object_list:
        event.link = links.get(event.pk)
    return render(request, "clinic/access_log.html", {"form": form, "page": page})
