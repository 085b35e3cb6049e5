"""What coordinators edit: the checklist, the detainer rules and consular list, and the rota."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clinic.permissions import role_required
from clinic.roles import Role
from response import selectors, services
from response.forms import ChecklistTemplateForm, DetainerRuleForm, MandatoryCountryForm, ShiftForm
from response.models import ChecklistTemplateItem, DetainerRule, MandatoryNotificationCountry, OnCallShift


def _edit(request, form_class, instance, save, *, done: str, template: str, back: str, context: dict):
    """One form page: GET shows it, a valid POST saves through the service and returns to `back`."""
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            save(form.save(commit=False), acting_user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, done)
            return redirect(back)
    return render(request, template, {**context, "form": form}, status=400 if form.errors else 200)


def _save_template(item, *, acting_user):
    return services.checklist_template_save(item=item, acting_user=acting_user)


def _save_rule(rule, *, acting_user):
    return services.detainer_rule_save(rule=rule, acting_user=acting_user)


def _save_country(country, *, acting_user):
    return services.mandatory_country_save(country=country, acting_user=acting_user)


@role_required(Role.COORDINATOR)
def checklist_templates(request):
    return _edit(
        request,
        ChecklistTemplateForm,
        None,
        _save_template,
        done=_("Checklist item added."),
        template="response/checklist_templates.html",
        back="response:checklist",
        context={"items": ChecklistTemplateItem.objects.all()},
    )


@role_required(Role.COORDINATOR)
def template_edit(request, pk: int):
    return _edit(
        request,
        ChecklistTemplateForm,
        get_object_or_404(ChecklistTemplateItem, pk=pk),
        _save_template,
        done=_("Checklist item saved. Responses already open keep their own copy."),
        template="response/data_form.html",
        back="response:checklist",
        context={"title": _("Checklist item")},
    )


@role_required(Role.COORDINATOR)
def rules(request):
    kind = request.POST.get("kind") if request.method == "POST" else None
    rule_form = DetainerRuleForm(request.POST if kind == "rule" else None, prefix="rule")
    country_form = MandatoryCountryForm(request.POST if kind == "country" else None, prefix="country")
    form = {"rule": rule_form, "country": country_form}.get(kind)
    if form is not None and form.is_valid():
        if kind == "rule":
            services.detainer_rule_save(rule=form.save(commit=False), acting_user=request.user)
        else:
            services.mandatory_country_save(country=form.save(commit=False), acting_user=request.user)
        messages.success(request, _("Saved."))
        return redirect("response:rules")
    context = {
        "rules": DetainerRule.objects.all(),
        "countries": MandatoryNotificationCountry.objects.all(),
        "rule_form": rule_form,
        "country_form": country_form,
    }
    return render(request, "response/rules.html", context, status=400 if form is not None else 200)


@role_required(Role.COORDINATOR)
def rule_edit(request, pk: int):
    return _edit(
        request,
        DetainerRuleForm,
        get_object_or_404(DetainerRule, pk=pk),
        _save_rule,
        done=_("Detainer rule saved."),
        template="response/data_form.html",
        back="response:rules",
        context={"title": _("Detainer rule")},
    )


@role_required(Role.COORDINATOR)
def country_edit(request, pk: int):
    return _edit(
        request,
        MandatoryCountryForm,
        get_object_or_404(MandatoryNotificationCountry, pk=pk),
        _save_country,
        done=_("Country saved."),
        template="response/data_form.html",
        back="response:rules",
        context={"title": _("Mandatory-notification country")},
    )


@role_required(Role.COORDINATOR)
def rota(request):
    form = ShiftForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.shift_create(acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Shift added."))
            return redirect("response:rota")
    context = {"form": form, "on_shift": selectors.shifts_now(), "shifts": selectors.shifts_upcoming()}
    return render(request, "response/rota.html", context, status=400 if form.errors else 200)


@require_POST
@role_required(Role.COORDINATOR)
def shift_end(request, pk: int):
    services.shift_end(shift=get_object_or_404(OnCallShift, pk=pk), acting_user=request.user)
    messages.success(request, _("Shift ended."))
    return redirect("response:rota")
