from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import (
    TABLE_METRICS,
    Assignment,
    AttorneyProfile,
    Case,
    CaseEvent,
    CaseType,
    ClientGroup,
    ClosingCode,
    Court,
    Deadline,
    DeadlineRuleVersion,
    Funder,
    Grant,
    Hearing,
    Outcome,
    ReportMetric,
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
        self.fields["grant"].help_text = _(
            "A grant that names the case types it pays for takes only cases of those types."
        )


class NoteForm(forms.Form):
    body = forms.CharField(label=_("Note"), widget=forms.Textarea, max_length=10_000)


class TimeEntryForm(forms.ModelForm):
    """Time on a case: charged to the case's grant unless another is chosen."""

    class Meta:
        model = TimeEntry
        fields = ["worked_on", "hours", "description", "grant"]
        widgets = {"worked_on": forms.DateInput(attrs={"type": "date"}), "description": forms.TextInput()}

    def __init__(self, *args, case: Case, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("worked_on", timezone.localdate())
        kwargs["initial"].setdefault("grant", case.grant_id)
        super().__init__(*args, **kwargs)
        grant = self.fields["grant"]
        grant.queryset = Grant.objects.filter(is_active=True).select_related("funder")
        # Left empty, the service charges the case's grant: the empty choice says so.
        grant.empty_label = _("The case's grant") if case.grant_id else _("No grant")
        self.fields["hours"].widget.attrs["step"] = "0.1"


class HearingForm(forms.ModelForm):
    """The date and time are those on the hearing notice: the court's local time, wherever the
    person typing them is."""

    starts_at = forms.DateTimeField(
        label=_("Date and time (the court's local time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        validators=[validate_plausible_hearing_time],
    )

    class Meta:
        model = Hearing
        fields = ["court", "kind", "starts_at", "mode", "judge", "result"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["court"].queryset = Court.objects.filter(is_active=True)
        if self.instance.pk and not self.is_bound:
            self.initial["starts_at"] = self.instance.local_start.replace(tzinfo=None)

    def clean(self):
        cleaned = super().clean()
        starts_at, court = cleaned.get("starts_at"), cleaned.get("court")
        if starts_at is not None:
            zone = court.zone if court else timezone.get_default_timezone()
            cleaned["starts_at"] = starts_at.replace(tzinfo=None).replace(tzinfo=zone)
        return cleaned


class CaseEventForm(forms.ModelForm):
    class Meta:
        model = CaseEvent
        fields = ["kind", "occurred_on", "note"]
        widgets = {"occurred_on": forms.DateInput(attrs={"type": "date"})}


def _attorneys_of(case: Case):
    return User.objects.filter(assignments__case=case, assignments__ended_at__isnull=True).order_by(
        "last_name", "first_name"
    )


class DeadlineForm(forms.Form):
    title = forms.CharField(label=_("What is due"), max_length=200)
    due_date = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))
    owner = forms.ModelChoiceField(
        label=_("Owner"), queryset=User.objects.none(), required=False, empty_label=_("The lead attorney")
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _attorneys_of(case)


class DeadlineUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Deadline.Status.choices)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        required=False,
        help_text=_("Required to waive a deadline."),
    )
    owner = forms.ModelChoiceField(
        label=_("Owner"), queryset=User.objects.none(), required=False, empty_label=_("Nobody")
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _attorneys_of(case)


class RuleVersionForm(forms.ModelForm):
    reminder_days = forms.CharField(
        label=_("Reminders (days before the due date)"),
        help_text=_("Whole numbers separated by commas, for example: 30, 14, 7, 3, 1."),
        max_length=100,
        required=False,
    )

    class Meta:
        model = DeadlineRuleVersion
        fields = [
            "effective_from", "amount", "unit", "counting", "roll", "citation", "is_jurisdictional",
            "reminder_days", "note",
        ]  # fmt: skip
        widgets = {
            "effective_from": forms.DateInput(attrs={"type": "date"}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.initial.get("reminder_days") is not None:
            self.initial["reminder_days"] = ", ".join(str(d) for d in self.initial["reminder_days"])

    def clean_reminder_days(self) -> list[int]:
        text = self.cleaned_data["reminder_days"] or ""
        try:
            days = [int(part) for part in text.replace(" ", "").split(",") if part]
        except ValueError:
            raise forms.ValidationError(
                _("Use whole numbers separated by commas, for example 14, 7, 1.")
            ) from None
        if any(d < 1 or d > 366 for d in days):
            raise forms.ValidationError(_("Each reminder is from 1 to 366 days before the due date."))
        return sorted(set(days), reverse=True)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("amount") == 0:
            self.add_error("amount", _("An offset of zero makes the trigger its own deadline."))
        if cleaned.get("counting") == DeadlineRuleVersion.Counting.BUSINESS and cleaned.get("unit") != "days":
            self.add_error("counting", _("Business days are counted in days only."))
        return cleaned


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
    case_types = forms.MultipleChoiceField(
        label=_("Case types it pays for"),
        choices=CaseType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: every case type. A case of another type cannot be charged to it."),
    )
    client_groups = forms.MultipleChoiceField(
        label=_("People it is meant for"),
        choices=ClientGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    metrics = forms.MultipleChoiceField(
        label=_("What the funder asks the report for"),
        choices=[
            (_("Summary"), [c for c in ReportMetric.choices if c[0] not in TABLE_METRICS]),
            (_("Tables by quarter"), [c for c in ReportMetric.choices if c[0] in TABLE_METRICS]),
        ],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The grant's report shows these first."),
    )

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
            "amount",
            "case_types",
            "client_groups",
            "metrics",
            "is_active",
        ]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "amount": forms.NumberInput(attrs={"inputmode": "decimal", "min": 0, "step": "0.01"}),
        }

    def clean_metrics(self) -> list[str]:
        # In the order of the report, whatever order the boxes were ticked in.
        chosen = set(self.cleaned_data["metrics"])
        return [value for value in ReportMetric.values if value in chosen]


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
