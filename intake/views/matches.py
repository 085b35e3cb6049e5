"""Coordinators confirm or reject a possible returning client, accepting new details field by field."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from clinic.access_log import record_access
from clinic.permissions import role_required
from clinic.roles import Role
from intake import services
from intake.forms import MatchConfirmForm, MatchRejectForm
from intake.models import ClientMatch
from intake.permissions import get_intake_for_user
from intake.views.pages import add_service_errors


@role_required(Role.COORDINATOR)
def client_match_review(request, public_id, match_id: int):
    intake = get_intake_for_user(request.user, public_id)
    match = get_object_or_404(
        ClientMatch.objects.select_related("typed_client", "known_client", "decided_by"),
        pk=match_id,
        intake=intake,
    )
    proposals = services.client_match_proposals(match=match)
    action = request.POST.get("action") if request.method == "POST" else None
    confirm_form = MatchConfirmForm(request.POST if action == "confirm" else None, proposals=proposals)
    reject_form = MatchRejectForm(request.POST if action == "reject" else None)
    if action == "confirm" and confirm_form.is_valid():
        try:
            services.client_match_confirm(
                match=match, accept=confirm_form.accepted(), acting_user=request.user
            )
        except ValidationError as exc:
            add_service_errors(confirm_form, _as_confirm_errors(exc))
        else:
            messages.success(request, _("Linked to the known client, with the details you accepted."))
            return redirect("intake:detail", intake.public_id)
    if action == "reject" and reject_form.is_valid():
        try:
            services.client_match_reject(
                match=match, reason=reject_form.cleaned_data["reason"], acting_user=request.user
            )
        except ValidationError as exc:
            add_service_errors(reject_form, exc)
        else:
            messages.success(request, _("Recorded as a different person."))
            return redirect("intake:detail", intake.public_id)
    for client in (match.known_client, match.typed_client):
        record_access(request, client, detail=f"intake {intake.pk} match {match.pk}")
    context = {
        "intake": intake,
        "match": match,
        "confirm_form": confirm_form,
        "reject_form": reject_form,
    }
    failed = confirm_form.errors or reject_form.errors
    return render(request, "intake/client_match_review.html", context, status=400 if failed else 200)


def _as_confirm_errors(exc: ValidationError) -> ValidationError:
    """Service errors name client fields; the form's checkboxes are `accept_<field>`."""
    if hasattr(exc, "error_dict"):
        return ValidationError({f"accept_{field}": errors for field, errors in exc.error_dict.items()})
    return exc
