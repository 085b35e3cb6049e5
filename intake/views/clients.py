"""Coordinators find a client by name or A-number, read their whole record, correct it, merge two."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clinic.access_log import record_access
from clinic.models import AccessEvent
from clinic.permissions import role_required
from clinic.registry import RecordLink
from clinic.roles import Role
from intake import selectors, services
from intake.forms import ClientIdentityForm, ClientSearchForm
from intake.normalise import format_a_number
from intake.permissions import get_client_for_user
from intake.views.pages import ListRead, add_service_errors


@role_required(Role.COORDINATOR)
def client_search(request):
    """A POST, so that the names and numbers searched for never appear in a URL or a server log."""
    form = ClientSearchForm(request.POST if request.method == "POST" else None)
    results = None
    if request.method == "POST" and form.is_valid():
        results = []
        if form.cleaned_data["a_number"]:
            results += selectors.clients_with_a_number(a_number=form.cleaned_data["a_number"])
        if form.cleaned_data["name"]:
            seen = {client.pk for client in results}
            results += [
                c for c in selectors.clients_named(name=form.cleaned_data["name"]) if c.pk not in seen
            ]
        read = ListRead("intake.client_search", [client.pk for client in results])
        record_access(request, read, action=AccessEvent.Action.SEARCH, detail=read.detail)
    status = 400 if form.errors else 200
    return render(request, "intake/client_search.html", {"form": form, "results": results}, status=status)


@role_required(Role.COORDINATOR)
def client_detail(request, public_id):
    client = selectors.client_for_page(client=get_client_for_user(request.user, public_id))
    record_access(request, client, detail="client page")
    context = {
        "client": client,
        "a_number": format_a_number(client.a_number),
        "members": selectors.household_members(client=client),
        "intakes": selectors.client_intakes(client=client),
        "latest_intake": selectors.client_latest_intake(client=client),
        "history": selectors.client_history(client=client),
        "duplicates": selectors.client_possible_duplicates(client=client)
        if client.merged_into_id is None
        else [],
    }
    return render(request, "intake/client_detail.html", context)


@role_required(Role.COORDINATOR)
def client_edit(request, public_id):
    client = get_client_for_user(request.user, public_id)
    initial = {
        "given_names": client.given_names,
        "family_names": client.family_names,
        "aliases": "\n".join(a.name for a in client.aliases.order_by("pk")),
        "a_number": format_a_number(client.a_number),
        "date_of_birth": client.date_of_birth,
        "country_of_birth": client.country_of_birth,
    }
    form = ClientIdentityForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.client_identity_update(client=client, acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Identity corrected."))
            return redirect("intake:client_detail", client.public_id)
    record_access(request, client, detail="client identity form")
    status = 400 if form.errors else 200
    context = {"client": client, "form": form, "latest_intake": selectors.client_latest_intake(client=client)}
    return render(request, "intake/client_edit.html", context, status=status)


@require_POST
@role_required(Role.COORDINATOR)
def client_merge(request, public_id, source_id):
    target = get_client_for_user(request.user, public_id)
    source = get_client_for_user(request.user, source_id)
    try:
        services.client_merge(source=source, target=target, acting_user=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The two records are now one."))
    return redirect("intake:client_detail", target.public_id)


# Links from the access log ------------------------------------------------------------------------


def _client_url(public_id) -> str:
    return reverse("intake:client_detail", args=[public_id])


def _clients_shown(event: AccessEvent) -> list[int]:
    """The client ids a list read's detail names ("clients 12,15"); the log keeps 200 characters
    of detail, so a full detail may end in a cut id, which is left out rather than misread."""
    ids = event.detail.removeprefix("clients ").split(",")
    if len(event.detail) >= AccessEvent._meta.get_field("detail").max_length:
        ids = ids[:-1]
    return [int(pk) for pk in ids if pk.isdigit()]


def list_read_links(events: list[AccessEvent]) -> dict[int, RecordLink]:
    """A read of the queue or of search results links each client it showed."""
    shown = {event.pk: _clients_shown(event) for event in events}
    public_ids = selectors.client_public_ids(pks=[pk for ids in shown.values() for pk in ids])
    return {
        pk: RecordLink(
            related=tuple(
                (f"#{client}", _client_url(public_ids[client])) for client in ids if client in public_ids
            ),
            related_label=_("Clients shown"),
        )
        for pk, ids in shown.items()
    }
