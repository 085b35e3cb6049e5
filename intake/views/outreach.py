"""Outreach events for coordinators: recorded on a phone at the event as easily as at a desk."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from clinic.permissions import role_required
from clinic.roles import Role
from intake.forms import OutreachEventForm
from intake.models import OutreachEvent
from intake.services import outreach_event_save


@role_required(Role.COORDINATOR)
def outreach_list(request):
    events = OutreachEvent.objects.annotate(intake_count=Count("intakes")).order_by("-held_on", "title")[:100]
    return render(request, "intake/outreach_list.html", {"events": events})


@role_required(Role.COORDINATOR)
def outreach_edit(request, pk: int | None = None):
    event = get_object_or_404(OutreachEvent, pk=pk) if pk else None
    form = OutreachEventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            outreach_event_save(event=event, acting_user=request.user, **fields)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(request, _("Event saved."))
            return redirect("intake:outreach_list")
    status = 400 if form.errors else 200
    return render(request, "intake/outreach_form.html", {"form": form, "event": event}, status=status)
