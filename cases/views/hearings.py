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
from cases.views.cases import case_page
from clinic.permissions import role_required


@require_POST
@role_required(*CASE_ROLES)
def hearing_add(request, public_id: UUID):
    case = get_case_for_user(request.user, public_id, action=CaseAction.CHANGE)
    form = HearingForm(request.POST)
    if not form.is_valid():
        return case_page(request, case, status=400, hearing_form=form)
    services.hearing_create(case=case, acting_user=request.user, **form.cleaned_data)
    messages.success(request, _("Hearing added."))
    return redirect("cases:case_detail", public_id=case.public_id)
