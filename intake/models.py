from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Client(models.Model):
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
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("client")
        verbose_name_plural = _("clients")

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.family_names}".strip()


class Intake(models.Model):
    """One screening of a client: who took it, through which channel, and what was decided."""

    class Channel(models.TextChoices):
        HOTLINE = "hotline", _("Hotline")
        WALK_IN = "walk_in", _("Walk-in")
        WORKSHOP = "workshop", _("Workshop")
        RAPID_RESPONSE = "rapid_response", _("Rapid response")
        REFERRAL = "referral", _("Referral")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        ACCEPTED = "accepted", _("Accepted")
        REFERRED = "referred", _("Referred out")
        DECLINED = "declined", _("Declined")

    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="intakes", null=True, blank=True
    )
    volunteer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="intakes")
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    is_urgent = models.BooleanField(_("urgent"), default=False)
    is_detained = models.BooleanField(_("detained"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")
        indexes = [models.Index(fields=["status", "-is_urgent", "created_at"])]

    def __str__(self) -> str:
        return _("Intake #%(pk)s") % {"pk": self.pk}


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
