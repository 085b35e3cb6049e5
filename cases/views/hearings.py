"""Hearings on a case."""

from uuid import UUID

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases import services
from cases.forms import (
    HearingForm,
)
from cases.permissions import (
    CaseAction,
    get_case_for_user,
)
from cases.views._common import CASE_ROLES
from clinic.permissions import role_required


@require_POST
@role_required(*CASE_ROLES)
def hearing_add(request, public_id: UUID):
    case = get_case_for_user(request.user, public_id, action=CaseAction.CHANGE)
    form = HearingForm(request.POST)
    if form.is_valid():
        services.hearing_create(case=case, acting_user=request.user, **form.cleaned_data)
        messages.success(request, _("Hearing added."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("cases:case_detail", public_id=case.public_id)
