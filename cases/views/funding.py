"""Funders and grants, for coordinators."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from cases import services
from cases.forms import (
    FunderForm,
    GrantForm,
)
from cases.models import Funder, Grant
from clinic.permissions import role_required
from clinic.roles import Role


@role_required(Role.COORDINATOR)
def funding(request):
    funders = Funder.objects.prefetch_related(
        Prefetch("grants", queryset=Grant.objects.annotate(case_count=Count("cases")).order_by("name"))
    )
    return render(request, "cases/funding.html", {"funders": funders})


def _funding_form_page(request, *, form_class, instance, save, saved: str, title: str):
    """The funder and grant pages: one form, saved through its service, back to the funding list."""
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            save(acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, saved)
            return redirect("cases:funding")
    return render(request, "cases/funding_form.html", {"form": form, "title": title})


@role_required(Role.COORDINATOR)
def funder_edit(request, pk: int | None = None):
    funder = get_object_or_404(Funder, pk=pk) if pk else None
    return _funding_form_page(
        request,
        form_class=FunderForm,
        instance=funder,
        save=partial(services.funder_save, funder=funder),
        saved=_("Funder saved."),
        title=_("Edit funder") if funder else _("New funder"),
    )


@role_required(Role.COORDINATOR)
def grant_edit(request, pk: int | None = None):
    grant = get_object_or_404(Grant, pk=pk) if pk else None
    return _funding_form_page(
        request,
        form_class=GrantForm,
        instance=grant,
        save=partial(services.grant_save, grant=grant),
        saved=_("Grant saved."),
        title=_("Edit grant") if grant else _("New grant"),
    )
