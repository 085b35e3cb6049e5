from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import (
    Assignment,
    AttorneyProfile,
    Case,
    CaseType,
    ClosingCode,
    Funder,
    Grant,
    Hearing,
    Outcome,
    TimeEntry,
    validate_tenths,
)
from clinic.models import User
from clinic.roles import Role


def validate_plausible_hearing_time(value) -> None:
    """A hearing between 2000 and ten years from now: anything else is a typing slip."""
    if value is None:
        return
    now = timezone.now()
    if value.year < 2000 or value > now.replace(year=now.year + 10):
        raise ValidationError(_("Check the year: a hearing must be between 2000 and ten years from now."))


class CaseForm(forms.ModelForm):
    class Meta:
        model = Case
        fields = ["case_type", "problem_code", "is_detained", "court", "grant"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grant"].queryset = Grant.objects.filter(is_active=True).select_related("funder")


class NoteForm(forms.Form):
    body = forms.CharField(label=_("Note"), widget=forms.Textarea, max_length=10_000)


class TimeEntryForm(forms.ModelForm):
    class Meta:
        model = TimeEntry
        fields = ["worked_on", "hours", "description", "grant"]
        widgets = {"worked_on": forms.DateInput(attrs={"type": "date"}), "description": forms.TextInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grant"].queryset = Grant.objects.filter(is_active=True).select_related("funder")
        self.fields["hours"].widget.attrs["step"] = "0.1"


class HearingForm(forms.ModelForm):
    class Meta:
        model = Hearing
        fields = ["kind", "starts_at", "judge"]
        widgets = {"starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"})}


class CloseForm(forms.Form):
    closing_code = forms.ChoiceField(label=_("LSC closing code"), choices=ClosingCode.choices)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    final_hours = forms.DecimalField(
        label=_("Final hours"),
        required=False,
        min_value=Decimal("0"),
        max_digits=5,
        decimal_places=1,
        validators=[validate_tenths],
        help_text=_("Time not yet recorded, in tenths of an hour."),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you decline?"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class OfferForm(forms.Form):
    attorneys = forms.TypedMultipleChoiceField(
        label=_("Offer to"), coerce=int, widget=forms.CheckboxSelectMultiple, choices=()
    )

    def __init__(self, *args, matches=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attorneys"].choices = [
            (match.attorney_id, match.candidate.name) for match in matches if not match.already_offered
        ]


class FunderForm(forms.ModelForm):
    class Meta:
        model = Funder
        fields = ["name", "notes"]


class GrantForm(forms.ModelForm):
    class Meta:
        model = Grant
        fields = [
            "funder",
            "name",
            "code",
            "is_lsc_funded",
            "restrictions",
            "starts_on",
            "ends_on",
            "is_active",
        ]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }


class AttorneyProfileForm(forms.ModelForm):
    languages = forms.CharField(
        label=_("Languages you can work in"),
        help_text=_("Language codes separated by commas, for example: en, es, pt."),
        max_length=200,
    )
    practice_areas = forms.MultipleChoiceField(
        label=_("Kinds of case you take"), choices=CaseType.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = AttorneyProfile
        fields = [
            "firm", "bar_admissions", "languages", "practice_areas", "experience", "capacity",
            "available_from", "available_to", "takes_detained", "is_on_call",
        ]  # fmt: skip
        widgets = {
            "available_from": forms.DateInput(attrs={"type": "date"}),
            "available_to": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["languages"] = ", ".join(self.instance.languages or [])

    def clean_languages(self) -> list[str]:
        codes = [
            code.strip().casefold() for code in self.cleaned_data["languages"].split(",") if code.strip()
        ]
        if not all(code.replace("-", "").isalpha() and len(code) <= 8 for code in codes):
            raise forms.ValidationError(_("Use language codes such as en, es or pt, separated by commas."))
        return list(dict.fromkeys(codes))


class AssignmentForm(forms.Form):
    attorney = forms.ModelChoiceField(label=_("Attorney"), queryset=User.objects.none())
    role = forms.ChoiceField(
        label=_("Role"), choices=Assignment.Role.choices, initial=Assignment.Role.CO_COUNSEL
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attorney"].queryset = User.objects.filter(
            is_active=True, groups__name=Role.ATTORNEY
        ).order_by("last_name", "first_name")


class IntakeAcceptForm(forms.Form):
    """What the coordinator confirms (or corrects) when an intake becomes a case."""

    case_type = forms.ChoiceField(label=_("Case type"), choices=CaseType.choices)
    court = forms.CharField(label=_("Court"), max_length=200, required=False)
    is_detained = forms.BooleanField(label=_("The client is detained"), required=False)
    first_hearing_at = forms.DateTimeField(
        label=_("First hearing (date and time)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        validators=[validate_plausible_hearing_time],
    )
    hearing_kind = forms.ChoiceField(label=_("Kind of hearing"), choices=Hearing.Kind.choices)

    @classmethod
    def for_intake(cls, intake, data=None) -> "IntakeAcceptForm":
        from cases.services import placement_from_intake

        placement = placement_from_intake(intake)
        initial = {
            "case_type": placement.case_type,
            "court": placement.court,
            "is_detained": placement.is_detained,
            "first_hearing_at": placement.first_hearing_at and timezone.localtime(placement.first_hearing_at),
            "hearing_kind": placement.hearing_kind,
        }
        return cls(data, initial=initial, prefix="accept")

    def placement(self):
        from cases.services import Placement

        data = self.cleaned_data
        return Placement(
            case_type=data["case_type"],
            court=data["court"].strip(),
            is_detained=data["is_detained"],
            first_hearing_at=data["first_hearing_at"],
            hearing_kind=data["hearing_kind"],
        )
