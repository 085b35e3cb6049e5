"""Response forms. Text fields refuse control characters (intake's rule) and over-long input."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from clinic.roles import Role
from intake.forms import SafeTextForm, reject_control_characters
from intake.normalise import normalise_a_number
from response.models import (
    ChecklistTemplateItem,
    DetainerRule,
    FacilityKind,
    LocatorCheck,
    MandatoryNotificationCountry,
    Response,
)
from response.services import TRANSITIONS

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=DATETIME_FORMAT)


def _when(label, *, required=False, help_text=""):
    return forms.DateTimeField(
        label=label,
        required=required,
        widget=DateTimeInput(),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M"],
        help_text=help_text,
    )


def _text(label, max_length, *, required=False, textarea=False, help_text=""):
    widget = forms.Textarea(attrs={"rows": 3}) if textarea else forms.TextInput(attrs={"autocomplete": "off"})
    return forms.CharField(
        label=label, max_length=max_length, required=required, widget=widget, help_text=help_text
    )


def _users(role: Role):
    return get_user_model().objects.filter(groups__name=role, is_active=True).order_by("username")


class ResponseOpenForm(SafeTextForm):
    taken_at = _when(_("When were they detained?"))
    taken_place = _text(_("Where were they taken (if different from the intake)?"), 200)
    agency = forms.ChoiceField(label=_("By which agency"), choices=Response.Agency.choices)
    country_of_birth = _text(_("Country of birth"), 100, help_text=_("The locator needs it."))
    caller_relation = forms.ChoiceField(
        label=_("Caller's relation to them"), choices=[("", "—"), *Response.Relation.choices], required=False
    )
    dependants_count = forms.IntegerField(
        label=_("Children or dependants affected"), min_value=0, max_value=30, initial=0
    )
    dependants_note = _text(_("Who looks after them now?"), 2000, textarea=True)
    medical_needs = _text(_("Medical needs (medication, conditions)"), 2000, textarea=True)


class LocatorCheckForm(SafeTextForm):
    source = forms.ChoiceField(label=_("Where did you search?"), choices=LocatorCheck.Source.choices)
    searched_by = forms.ChoiceField(label=_("Searched by"), choices=LocatorCheck.SearchedBy.choices)
    country_searched = _text(_("Country of birth searched"), 100, required=True)
    result = forms.ChoiceField(label=_("Result"), choices=LocatorCheck.Result.choices)
    facility_name = _text(_("Facility"), 200)
    facility_state = _text(_("State (two letters)"), 2)
    facility_kind = forms.ChoiceField(
        label=_("Kind of facility"), choices=[("", "—"), *FacilityKind.choices], required=False
    )
    note = _text(_("Note"), 500)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Move to"))

    def __init__(self, *args, response: Response, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = TRANSITIONS[response.status]
        self.fields["status"].choices = [(v, label) for v, label in Response.Status.choices if v in allowed]


class AssignForm(forms.Form):
    coordinator = forms.ModelChoiceField(label=_("Responsible coordinator"), queryset=None, required=False)
    attorney = forms.ModelChoiceField(label=_("Responding attorney"), queryset=None, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = _users(Role.COORDINATOR)
        self.fields["attorney"].queryset = _users(Role.ATTORNEY)


class WindowsForm(forms.Form):
    release_due_at = _when(
        _("Would otherwise have been released at"),
        help_text=_("For a person held in a jail on an ICE detainer: starts the 48-hour window."),
    )
    fear_referred_at = _when(_("Referred for a reasonable-fear interview at"))


class ShiftForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Who"), queryset=None)
    starts_at = _when(_("Starts"), required=True)
    ends_at = _when(_("Ends"), required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            get_user_model()
            .objects.filter(groups__name__in=[Role.COORDINATOR, Role.ATTORNEY], is_active=True)
            .distinct()
            .order_by("username")
        )

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("A shift ends after it starts."))
        return data


class _SafeModelForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                field.validators.append(reject_control_characters)


class ChecklistTemplateForm(_SafeModelForm):
    class Meta:
        model = ChecklistTemplateItem
        fields = [
            "code",
            "title",
            "guidance",
            "citation",
            "owner_role",
            "due_hours",
            "condition",
            "position",
            "is_active",
        ]


class DetainerRuleForm(_SafeModelForm):
    class Meta:
        model = DetainerRule
        fields = ["state", "honours_detainers", "citation", "note"]

    def clean_state(self):
        state = self.cleaned_data["state"].strip().upper()
        if len(state) != 2 or not state.isalpha():
            raise forms.ValidationError(_("Use the two-letter code, e.g. IL."))
        return state


class MandatoryCountryForm(_SafeModelForm):
    class Meta:
        model = MandatoryNotificationCountry
        fields = ["name", "note", "is_active"]


class PartnerReportForm(SafeTextForm):
    """The JSON body a partner sends, validated field by field (the endpoint answers the errors)."""

    given_names = _text(_("given names"), 150, required=True)
    family_names = _text(_("family names"), 150, required=True)
    a_number = _text(_("A-number"), 20)
    country_of_birth = _text(_("country of birth"), 100)
    date_of_birth = forms.DateField(required=False)
    facility = _text(_("where"), 200, required=True)
    taken_at = forms.DateTimeField(required=False)
    agency = forms.ChoiceField(choices=Response.Agency.choices, required=False)
    caller_name = _text(_("caller's name"), 200)
    caller_phone = _text(_("caller's phone"), 40)
    caller_relation = forms.ChoiceField(choices=[("", ""), *Response.Relation.choices], required=False)
    dependants_count = forms.IntegerField(min_value=0, max_value=30, required=False)
    dependants_note = _text(_("dependants"), 2000)
    medical_needs = _text(_("medical needs"), 2000)
    notes = _text(_("notes"), 5000)

    def clean_a_number(self):
        value = self.cleaned_data.get("a_number", "")
        return normalise_a_number(value) if value else ""
