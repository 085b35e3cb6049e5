from django import forms
from django.contrib.auth import get_user_model
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

from clinic.models import AccessEvent


class ClinicFormRenderer(TemplatesSetting):
    """Forms render through templates/forms/, with errors beside each field."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


class AccessLogFilterForm(forms.Form):
    actor = forms.ModelChoiceField(
        label=_("Who"), queryset=get_user_model().objects.order_by("username"), required=False
    )
    action = forms.ChoiceField(
        label=_("Action"), choices=[("", _("Any"))] + AccessEvent.Action.choices, required=False
    )
    on_or_after = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    on_or_before = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("on_or_after")
            and data.get("on_or_before")
            and data["on_or_after"] > data["on_or_before"]
        ):
            self.add_error("on_or_before", _("The end date is before the start date."))
        return data
