"""Hearings and deadlines: the attorney's week, the coordinators' list, a case's events and
deadlines, the rules, and the calendar feed."""

from datetime import timedelta
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cases import selectors, services
from cases.feeds import build_feed
from cases.forms import CaseEventForm, DeadlineForm, DeadlineUpdateForm, HearingForm, RuleVersionForm
from cases.models import DeadlineRule, FeedToken
from cases.permissions import CaseAction, get_case_for_user
from cases.rules import rule_version_for
from cases.services import CaseStateError
from cases.services.feeds import feed_token_create, feed_token_revoke, feed_user_for_token
from cases.views._common import CASE_ROLES, _error_text
from clinic.permissions import role_required
from clinic.roles import Role

WEEK_AHEAD_DAYS = 21
COORDINATOR_DAYS = 14


def _form_errors(form) -> str:
    return " ".join(e for errors in form.errors.values() for e in errors)


@role_required(Role.ATTORNEY)
def my_week(request):
    """The attorney's landing page: what is due and where they must be, overdue first."""
    today = timezone.localdate()
    until = today + timedelta(days=WEEK_AHEAD_DAYS)
    deadlines = selectors.deadlines_for_attorney(user=request.user, today=today, until=until)
    hearings = selectors.hearings_for_attorney(user=request.user, today=today, until=until)
    return render(
        request,
        "cases/my_week.html",
        {
            "overdue": [d for d in deadlines if d.urgency.level == "overdue"],
            "deadlines": [d for d in deadlines if d.urgency.level != "overdue"],
            "hearings": hearings,
            "offers": list(selectors.open_offers_for_attorney(user=request.user)),
            "today": today,
            "until": until,
        },
    )


@role_required(Role.COORDINATOR)
def deadline_overview(request):
    """Every deadline due in the next two weeks and every overdue one, across the clinic."""
    today = timezone.localdate()
    deadlines = selectors.deadlines_for_coordinators(today=today, days=COORDINATOR_DAYS)
    return render(
        request,
        "cases/deadline_overview.html",
        {
            "overdue": [d for d in deadlines if d.urgency.level == "overdue"],
            "deadlines": [d for d in deadlines if d.urgency.level != "overdue"],
            "days": COORDINATOR_DAYS,
            "without_attorney": sum(1 for d in deadlines if not d.has_attorney or d.owner_id is None),
        },
    )


# On a case.


@role_required(*CASE_ROLES)
def hearing_edit(request, public_id: UUID, hearing_pk: int):
    case = get_case_for_user(request.user, public_id, action=CaseAction.CHANGE)
    hearing = get_object_or_404(case.hearings.select_related("court"), pk=hearing_pk)
    form = HearingForm(request.POST or None, instance=hearing)
    if request.method == "POST" and form.is_valid():
        services.hearing_update(hearing=hearing, acting_user=request.user, **form.cleaned_data)
        messages.success(request, _("Hearing saved; its filing deadlines follow it."))
        return redirect("cases:case_detail", public_id=case.public_id)
    return render(request, "cases/hearing_edit.html", {"case": case, "hearing": hearing, "form": form})


@require_POST
@role_required(*CASE_ROLES)
def event_add(request, public_id: UUID):
    case = get_case_for_user(request.user, public_id, action=CaseAction.CHANGE)
    form = CaseEventForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("cases:case_detail", public_id=case.public_id)
    try:
        _event, deadlines = services.case_event_record(
            case=case, acting_user=request.user, **form.cleaned_data
        )
    except (CaseStateError, ValidationError) as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(
            request,
            _("Event recorded. Deadlines created: %(list)s.")
            % {"list": ", ".join(f"{d.title} ({d.due_date:%Y-%m-%d})" for d in deadlines) or _("none")},
        )
    return redirect("cases:case_detail", public_id=case.public_id)


@require_POST
@role_required(*CASE_ROLES)
def deadline_add(request, public_id: UUID):
    case = get_case_for_user(request.user, public_id, action=CaseAction.CHANGE)
    form = DeadlineForm(request.POST, case=case)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("cases:case_detail", public_id=case.public_id)
    try:
        services.deadline_create(case=case, acting_user=request.user, **form.cleaned_data)
    except (CaseStateError, ValidationError) as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("Deadline added."))
    return redirect("cases:case_detail", public_id=case.public_id)


@role_required(*CASE_ROLES)
def deadline_edit(request, public_id: UUID, deadline_pk: int):
    case = get_case_for_user(request.user, public_id, action=CaseAction.CHANGE)
    deadline = get_object_or_404(case.deadlines.select_related("rule_version", "owner"), pk=deadline_pk)
    initial = {"status": deadline.status, "reason": deadline.status_reason, "owner": deadline.owner_id}
    form = DeadlineUpdateForm(request.POST or None, case=case, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.deadline_update(deadline=deadline, acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Deadline saved."))
            return redirect("cases:case_detail", public_id=case.public_id)
    return render(request, "cases/deadline_edit.html", {"case": case, "deadline": deadline, "form": form})


# Rules (coordinators).


@role_required(Role.COORDINATOR)
def rule_list(request):
    rules = list(selectors.rules_with_versions())
    today = timezone.localdate()
    for rule in rules:
        rule.current = rule_version_for(rule, today) if rule.versions.all() else None
    return render(request, "cases/rule_list.html", {"rules": rules})


@role_required(Role.COORDINATOR)
def rule_edit(request, code: str):
    """A change to a rule is a new version from a date; it moves no deadline by itself."""
    rule = get_object_or_404(DeadlineRule.objects.prefetch_related("versions"), code=code)
    versions = list(rule.versions.all())
    latest = versions[0] if versions else None
    initial = {}
    if latest is not None:
        initial = {
            field: getattr(latest, field)
            for field in ("amount", "unit", "counting", "roll", "citation", "is_jurisdictional", "note")
        }
        initial["reminder_days"] = latest.reminder_days
    form = RuleVersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.rule_version_create(rule=rule, acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("New version saved. Review the open deadlines it would move."))
            return redirect("cases:rule_review", code=rule.code)
    return render(request, "cases/rule_edit.html", {"rule": rule, "versions": versions, "form": form})


@role_required(Role.COORDINATOR)
def rule_review(request, code: str):
    """The open deadlines a rule's versions would recalculate; moved only on confirmation."""
    rule = get_object_or_404(DeadlineRule.objects.prefetch_related("versions"), code=code)
    if request.method == "POST":
        chosen = {int(pk) for pk in request.POST.getlist("deadline") if pk.isdigit()}
        moved = services.rule_recalculate(rule=rule, deadline_ids=chosen, acting_user=request.user)
        messages.success(request, _("%(n)s deadline(s) recalculated.") % {"n": len(moved)})
        return redirect("cases:rule_review", code=rule.code)
    recalculations = services.rule_recalculations(rule=rule)
    return render(request, "cases/rule_review.html", {"rule": rule, "recalculations": recalculations})


# The calendar feed.


@role_required(Role.ATTORNEY, Role.COORDINATOR)
def feed_settings(request):
    token = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            feed_token_revoke(user=request.user, acting_user=request.user)
            messages.success(request, _("Your calendar feed address no longer works."))
            return redirect("cases:feed_settings")
        token = feed_token_create(user=request.user, acting_user=request.user)
    feed_url = request.build_absolute_uri(reverse("cases:calendar_feed", args=[token])) if token else None
    has_feed = FeedToken.objects.filter(user=request.user).exists()
    return render(request, "cases/feed_settings.html", {"feed_url": feed_url, "has_feed": has_feed})


@login_not_required
@require_GET
def calendar_feed(request, token: str):
    """Public by design (calendar apps cannot sign in): the secret token is the key. An unknown or
    revoked token answers 404, like anything else that is not there."""
    user = feed_user_for_token(token)
    if user is None:
        raise Http404
    response = HttpResponse(build_feed(user=user), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="clinic.ics"'
    return response
