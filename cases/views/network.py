"""An attorney's own profile in the pro bono network."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cases import services
from cases.forms import (
    AttorneyProfileForm,
)
from cases.models import AttorneyProfile
from clinic.permissions import role_required
from clinic.roles import Role


@role_required(Role.ATTORNEY)
def profile_edit(request):
    profile = AttorneyProfile.objects.filter(user=request.user).first()
    form = AttorneyProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        try:
            services.attorney_profile_save(user=request.user, acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your profile is saved; coordinators match cases with it."))
            return redirect("cases:caseload")
    return render(request, "cases/profile_edit.html", {"form": form})
