import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clinic.crypto import EncryptedDateField, EncryptedTextField
from clinic.models.choices import ChoiceLabels
from clinic.validators import validate_plausible_past_date


def full_name(given_names: str, family_names: str) -> str:
    """How a client's name is shown: given names, then family names (lists read them as values)."""
    return f"{given_names} {family_names}".strip()


class Household(models.Model):
    """People who come as one family (a parent and children on one notice to appear, spouses).

    Each member is a client of their own; the household links them so that a later case can share
    hearings with the others.
    """

    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self) -> str:
        return _("Household #%(pk)s") % {"pk": self.pk}


class Client(ChoiceLabels, models.Model):
    """A person the clinic helps. Identifiers that could expose them are encrypted (clinic/crypto.py)."""

    class LscEligibility(models.TextChoices):
        """The basis on which an LSC-funded grant may serve this client (45 CFR 1626), or none."""

        UNKNOWN = "unknown", _("Not yet determined")
        NONE = "none", _("Not eligible for LSC-funded help")
        CITIZEN = "citizen", _("U.S. citizen")
        PERMANENT_RESIDENT = "lpr", _("Lawful permanent resident")
        FAMILY_OF_CITIZEN = (
            "family_petition",
            _("Spouse, parent or child of a citizen with a pending petition"),
        )
        REFUGEE_ASYLEE = "refugee_asylee", _("Refugee, asylee or granted withholding")
        VAWA = "vawa", _("Battered or subjected to extreme cruelty (VAWA)")
        TRAFFICKING = "trafficking", _("Victim of trafficking (T visa)")
        U_VISA = "u_visa", _("Victim of a qualifying crime (U visa)")
        H2A = "h2a", _("H-2A agricultural worker")

    class Relationship(models.TextChoices):
        PRINCIPAL = "principal", _("Principal applicant")
        SPOUSE = "spouse", _("Spouse or partner")
        CHILD = "child", _("Child")
        PARENT = "parent", _("Parent")
        SIBLING = "sibling", _("Brother or sister")
        OTHER = "other", _("Other relative")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    given_names = models.CharField(_("given names"), max_length=150)
    family_names = models.CharField(_("family names"), max_length=150)
    preferred_language = models.CharField(_("preferred language"), max_length=16, default="es")
    languages = models.JSONField(
        _("languages spoken"), default=list, blank=True, help_text=_("Language codes, e.g. es, en, pl, ar.")
    )
    lsc_eligibility = models.CharField(
        _("LSC eligibility basis"),
        max_length=20,
        choices=LscEligibility.choices,
        default=LscEligibility.UNKNOWN,
    )
    country_of_birth = models.CharField(_("country of birth"), max_length=100, blank=True)
    # Encrypted at rest; looked up only through the keyed blind indexes below.
    a_number = EncryptedTextField(_("A-number"), blank=True, default="")
    a_number_index = models.CharField(max_length=64, blank=True, default="", db_index=True, editable=False)
    date_of_birth = EncryptedDateField(
        _("date of birth"), null=True, blank=True, validators=[validate_plausible_past_date]
    )
    name_dob_index = models.CharField(max_length=64, blank=True, default="", db_index=True, editable=False)
    phone = EncryptedTextField(_("phone"), blank=True, default="")
    address = EncryptedTextField(_("address"), blank=True, default="")
    safe_contact_name = EncryptedTextField(_("safe contact"), blank=True, default="")
    safe_contact_note = EncryptedTextField(
        _("safe-contact note"),
        blank=True,
        default="",
        help_text=_("How to reach the client safely, e.g. only after 6 pm, do not leave messages."),
    )
    household = models.ForeignKey(
        Household, on_delete=models.SET_NULL, related_name="members", null=True, blank=True
    )
    household_relationship = models.CharField(
        _("relationship in the household"),
        max_length=12,
        choices=Relationship.choices,
        default=Relationship.PRINCIPAL,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    # A record found to be the same person as another: kept as it was (what was typed, with its
    # history) but out of every search; its intakes now belong to `merged_into`.
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, related_name="+", null=True, blank=True, editable=False
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("client")
        verbose_name_plural = _("clients")

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return full_name(self.given_names, self.family_names)


class ClientAlias(models.Model):
    """Another name the client is or was known by (maiden name, other spelling, nickname)."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("alias"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")

    def __str__(self) -> str:
        return self.name


class AdverseParty(models.Model):
    """A person or organisation on the other side of a client's matter."""

    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        ORGANISATION = "organisation", _("Organisation")

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="adverse_parties")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices, default=Kind.PERSON)
    never_contact = models.BooleanField(
        _("never contact"),
        default=False,
        help_text=_("For example an abuser in a VAWA or U visa matter: nobody may contact this party."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("adverse party")
        verbose_name_plural = _("adverse parties")

    def __str__(self) -> str:
        return self.name
