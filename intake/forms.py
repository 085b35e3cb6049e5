"""Intake forms. Every text field refuses control characters and over-long input, beside the field."""

import re
import unicodedata
from datetime import timedelta
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clinic.languages import LANGUAGES
from clinic.validators import (
    EARLIEST_PROCEEDING,
    PlausibleDate,
    validate_plausible_future_date,
    validate_plausible_past_date,
)
from intake.models import AdverseParty, Client, CommunityArea, Gender, Intake, PovertyGuideline
from intake.models.demographics import CHICAGO_WARDS
from intake.normalise import normalise_a_number

_ALLOWED_CONTROLS = {"\n", "\r", "\t"}


def reject_control_characters(value: str) -> None:
    if any(unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS for ch in value):
        raise ValidationError(_("Remove the invisible control characters from this text."), code="control")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class SafeTextForm(forms.Form):
    """Applies the control-character rule to every text field of the form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                field.validators.append(reject_control_characters)


def _text(
    label, max_length, *, required=False, textarea=False, help_text="", autocomplete="off", phone=False
):
    attrs = {"autocomplete": autocomplete}
    if phone:  # the phone keypad on a phone, and no browser reformatting of what is typed
        attrs.update({"type": "tel", "inputmode": "tel"})
    widget = forms.Textarea(attrs={**attrs, "rows": 4}) if textarea else forms.TextInput(attrs=attrs)
    return forms.CharField(
        label=label, max_length=max_length, required=required, widget=widget, help_text=help_text
    )


# A detention or a hearing before 2000 is a typing mistake in an intake taken today.
_PAST_PROCEEDING = PlausibleDate(earliest=EARLIEST_PROCEEDING, years_ahead=0)
# Immigration courts schedule hearings years out; more than five is a typing mistake.
HEARING_YEARS_AHEAD = 5


def _date(label, *, required=False, validators=()):
    return forms.DateField(label=label, required=required, widget=DateInput(), validators=list(validators))


# What funders count clients by: every question optional, and the client may decline to answer.


def _gender_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Gender"),
        choices=Gender.choices,
        initial=Gender.NOT_ASKED,
        required=False,
        help_text=_("As the client describes themselves. They may prefer not to say."),
    )


ZIP_CODE = re.compile(r"([0-9]{5})(?:-[0-9]{4})?")


def _zip_code_field() -> forms.CharField:
    return forms.CharField(
        label=_("ZIP code"),
        max_length=10,
        required=False,
        # The number keypad on a phone; a ZIP code is not a quantity, so not type="number".
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 10}),
        help_text=_("Five digits, for example 60623."),
    )


def community_area_choices() -> list[tuple[str, str]]:
    """Alphabetical in the reader's language (the official numbers mean nothing to most people),
    after "not known" and "outside Chicago"."""
    areas = [choice for choice in CommunityArea.choices if choice[0] != CommunityArea.OUTSIDE_CHICAGO]
    return [
        ("", _("Not known")),
        (CommunityArea.OUTSIDE_CHICAGO.value, CommunityArea.OUTSIDE_CHICAGO.label),
        *sorted(areas, key=lambda choice: str(choice[1]).casefold()),
    ]


def _community_area_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Chicago community area"), choices=community_area_choices, required=False
    )


def _ward_field() -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Chicago ward"),
        min_value=1,
        max_value=CHICAGO_WARDS,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 1, "max": CHICAGO_WARDS}),
        help_text=_("Only if the client knows it: some funders count clients by ward."),
    )


class WhereTheyLiveMixin:
    """ZIP code, community area and ward, checked together."""

    def clean_zip_code(self) -> str:
        value = self.cleaned_data.get("zip_code", "").strip()
        if not value:
            return ""
        found = ZIP_CODE.fullmatch(value)
        if found is None:
            raise ValidationError(_("Give a 5-digit ZIP code, for example 60623."), code="zip_code")
        return found[1]  # ZIP+4 (60623-1234) is kept as its five digits

    def clean_gender(self) -> str:
        return self.cleaned_data.get("gender") or Gender.NOT_ASKED

    def check_ward(self, cleaned: dict) -> None:
        if cleaned.get("ward") is not None and cleaned.get("community_area") == CommunityArea.OUTSIDE_CHICAGO:
            self.add_error(
                "ward", _("Wards are parts of Chicago: leave the ward empty for a client outside Chicago.")
            )


class IdentityForm(SafeTextForm):
    given_names = _text(_("Given names"), 150, required=True)
    family_names = _text(_("Family names"), 150, required=True)
    aliases = _text(
        _("Other names"),
        1000,
        textarea=True,
        help_text=_("One per line: maiden names, other spellings, names on documents."),
    )
    date_of_birth = _date(_("Date of birth"), validators=[validate_plausible_past_date])
    a_number = _text(_("A-number"), 20, help_text=_("For example A-012-345-678. Leave empty if unknown."))
    country_of_birth = _text(_("Country of birth"), 100)
    preferred_language = forms.ChoiceField(label=_("Preferred language"), choices=LANGUAGES, initial="es")
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"), choices=LANGUAGES, required=False, widget=forms.CheckboxSelectMultiple
    )
    gender = _gender_field()
    phone = _text(_("Phone"), 40, phone=True)
    address = _text(_("Address"), 500, textarea=True)
    safe_contact_name = _text(
        _("Safe contact"), 200, help_text=_("Someone who can pass on a message safely, if any.")
    )
    safe_contact_note = _text(
        _("Safe-contact note"),
        1000,
        textarea=True,
        help_text=_("How to reach the client safely, e.g. only after 6 pm, do not leave messages."),
    )

    def clean_a_number(self):
        value = self.cleaned_data.get("a_number", "")
        return normalise_a_number(value) if value else ""

    def clean_aliases(self):
        lines = [line.strip() for line in self.cleaned_data.get("aliases", "").splitlines() if line.strip()]
        if len(lines) > 10:
            raise ValidationError(_("Give at most 10 other names."))
        if any(len(line) > 200 for line in lines):
            raise ValidationError(_("Each name may have at most 200 characters."))
        return lines

    clean_gender = WhereTheyLiveMixin.clean_gender


class SituationForm(WhereTheyLiveMixin, SafeTextForm):
    channel = forms.ChoiceField(label=_("How did the client reach us?"), choices=Intake.Channel.choices)
    outreach_event = forms.ModelChoiceField(
        label=_("Taken at a workshop or forum"),
        queryset=None,
        required=False,
        empty_label=_("No, not at an event"),
    )
    help_needed = forms.ChoiceField(
        label=_("What does the client need help with?"),
        choices=[("", _("Choose one")), *Intake.HelpNeeded.choices],
        help_text=_("Choose the closest; a coordinator can correct it."),
    )
    is_detained = forms.BooleanField(label=_("The client is detained"), required=False)
    facility = _text(_("Detention facility or place"), 200)
    detained_on = _date(_("Date of detention"), validators=[_PAST_PROCEEDING])
    nta_received = forms.BooleanField(label=_("A notice to appear was received"), required=False)
    next_hearing_date = _date(
        _("Next hearing date"), validators=[validate_plausible_future_date(years=HEARING_YEARS_AHEAD)]
    )
    court = _text(_("Court"), 200)
    zip_code = _zip_code_field()
    community_area = _community_area_field()
    ward = _ward_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outreach_event"].queryset = recent_outreach_events()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_detained") and not cleaned.get("facility"):
            self.add_error("facility", _("Say where the client is detained (or 'unknown')."))
        self.check_ward(cleaned)
        return cleaned


class DemographicsForm(WhereTheyLiveMixin, SafeTextForm):
    """A coordinator's correction of what an intake records for funders' counts."""

    gender = _gender_field()
    zip_code = _zip_code_field()
    community_area = _community_area_field()
    ward = _ward_field()

    def clean(self):
        cleaned = super().clean()
        self.check_ward(cleaned)
        return cleaned


# The largest household the eligibility screen takes; its members, the client aside, may all seek help.
HOUSEHOLD_MAX = 30


class MeansForm(SafeTextForm):
    household_size = forms.IntegerField(
        label=_("People in the household, the client included"),
        help_text=_("Count the client and everyone who lives with them and shares the income."),
        min_value=1,
        max_value=HOUSEHOLD_MAX,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    annual_income = forms.DecimalField(
        label=_("Annual household income (USD)"),
        min_value=Decimal("0"),
        max_value=Decimal("9999999"),
        decimal_places=2,
        required=False,
    )
    region = forms.ChoiceField(
        label=_("Where the household lives"),
        choices=PovertyGuideline.Region.choices,
        initial=PovertyGuideline.Region.CONTIGUOUS,
    )

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("household_size") is None) != (cleaned.get("annual_income") is None):
            self.add_error(
                "annual_income" if cleaned.get("annual_income") is None else "household_size",
                _("Give both the household size and the income, or neither."),
            )
        return cleaned


class MemberForm(SafeTextForm):
    given_names = _text(_("Given names"), 150)
    family_names = _text(_("Family names"), 150)
    # No relationship is chosen for the volunteer: a preselected "spouse" would be recorded for a
    # child whenever the volunteer did not notice the menu.
    relationship = forms.ChoiceField(
        label=_("Relationship to the client"),
        choices=[
            ("", _("Choose one")),
            *[c for c in Client.Relationship.choices if c[0] != Client.Relationship.PRINCIPAL],
        ],
        required=False,
    )
    date_of_birth = _date(_("Date of birth"), validators=[validate_plausible_past_date])
    a_number = _text(_("A-number"), 20)

    def clean_a_number(self):
        value = self.cleaned_data.get("a_number", "")
        return normalise_a_number(value) if value else ""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("given_names") and not cleaned.get("family_names"):
            self.add_error("family_names", _("Give the family names too."))
        if cleaned.get("family_names") and not cleaned.get("given_names"):
            self.add_error("given_names", _("Give the given names too."))
        if (cleaned.get("given_names") or cleaned.get("family_names")) and not cleaned.get("relationship"):
            self.add_error("relationship", _("Say how this person is related to the client."))
        return cleaned


class PartyForm(SafeTextForm):
    name = _text(_("Name"), 200)
    kind = forms.ChoiceField(label=_("Kind"), choices=AdverseParty.Kind.choices)
    never_contact = forms.BooleanField(
        label=_("Never contact"),
        required=False,
        help_text=_("For example an abuser in a VAWA or U visa matter: nobody may contact this party."),
    )


# absolute_max bounds how many forms a posted TOTAL_FORMS can make the server build (and store).
MemberFormSet = forms.formset_factory(
    MemberForm, extra=2, max_num=HOUSEHOLD_MAX - 1, absolute_max=HOUSEHOLD_MAX - 1, validate_max=True
)
PartyFormSet = forms.formset_factory(PartyForm, extra=2, max_num=20, absolute_max=20, validate_max=True)


class NarrativeForm(SafeTextForm):
    narrative = _text(
        _("What happened, in the client's words"),
        10_000,
        textarea=True,
        help_text=_("Stored encrypted. Up to 10,000 characters."),
    )


class EmergencyForm(SafeTextForm):
    given_names = _text(_("Detained person: given names"), 150, required=True)
    family_names = _text(_("Detained person: family names"), 150, required=True)
    a_number = _text(_("A-number, if known"), 20)
    facility = _text(_("Where (facility, city, place of arrest)"), 200, required=True)
    detained_on = _date(_("When"), required=True, validators=[_PAST_PROCEEDING])
    caller_name = _text(_("Caller's name"), 200, required=True)
    callback_phone = _text(_("Callback number"), 40, required=True, autocomplete="off", phone=True)
    narrative = _text(_("Notes"), 5000, textarea=True)

    def clean_a_number(self):
        value = self.cleaned_data.get("a_number", "")
        return normalise_a_number(value) if value else ""


class ReferForm(SafeTextForm):
    referred_to = _text(_("Referred to"), 200, required=True)
    reason = _text(_("Reason"), 2000, textarea=True)


class DeclineForm(SafeTextForm):
    reason = _text(_("Reason"), 2000, required=True, textarea=True)


class ClearHitForm(SafeTextForm):
    clear_reason = _text(_("Why is this not a conflict?"), 2000, required=True, textarea=True)


class GuidelineForm(forms.ModelForm):
    class Meta:
        model = PovertyGuideline
        fields = ["year", "region", "base_amount", "per_additional_person"]

    def validate_unique(self):
        # Saving a year and region that exist corrects their figures (poverty_guideline_save).
        pass

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year > timezone.localdate().year + 1:
            raise ValidationError(_("Guidelines are published for the coming year at most."), code="too_late")
        return year


class MatchConfirmForm(forms.Form):
    """One checkbox per detail typed at intake that differs from the known client's; none is preselected."""

    def __init__(self, *args, proposals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.proposals = list(proposals)
        for proposal in self.proposals:
            self.fields[f"accept_{proposal.key}"] = forms.BooleanField(
                label=proposal.label, required=False, disabled=bool(proposal.warning)
            )

    def rows(self):
        return [(proposal, self[f"accept_{proposal.key}"]) for proposal in self.proposals]

    def accepted(self) -> list[str]:
        return [p.key for p in self.proposals if self.cleaned_data.get(f"accept_{p.key}")]


class MatchRejectForm(SafeTextForm):
    reason = _text(_("Why are these different people?"), 2000, required=True, textarea=True)


class ClientSearchForm(SafeTextForm):
    name = _text(_("Name"), 300, help_text=_("Given and family names; spelling mistakes are allowed."))
    a_number = _text(_("A-number"), 20)

    def clean_a_number(self):
        value = self.cleaned_data.get("a_number", "")
        return normalise_a_number(value) if value else ""

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("name") and not cleaned.get("a_number"):
            raise ValidationError(_("Type a name or an A-number."))
        return cleaned


class ClientIdentityForm(SafeTextForm):
    given_names = _text(_("Given names"), 150, required=True)
    family_names = _text(_("Family names"), 150, required=True)
    aliases = IdentityForm.base_fields["aliases"]
    a_number = _text(_("A-number"), 20)
    date_of_birth = _date(_("Date of birth"), validators=[validate_plausible_past_date])
    country_of_birth = _text(_("Country of birth"), 100)

    clean_a_number = IdentityForm.clean_a_number
    clean_aliases = IdentityForm.clean_aliases


class OutreachEventForm(forms.ModelForm):
    """A workshop or forum, quick to fill on a phone right after it ends."""

    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGES, initial="es")

    class Meta:
        from intake.models import OutreachEvent

        model = OutreachEvent
        fields = [
            "kind", "title", "held_on", "place", "community_area", "language", "partner", "attendees",
            "materials", "notes",
        ]  # fmt: skip
        widgets = {
            "held_on": DateInput(),
            "attendees": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
            "materials": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }


def recent_outreach_events():
    """Events of the last two months, for the intake's 'taken at' choice."""
    from intake.models import OutreachEvent

    since = timezone.localdate() - timedelta(days=60)
    return OutreachEvent.objects.filter(held_on__gte=since).order_by("-held_on")
