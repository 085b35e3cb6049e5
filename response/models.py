"""A detention response: from the hotline call to release, bond, transfer or removal.

The rows here hold what the team learns in the first hours; the rules the checklist and the
windows are computed from (checklist items, detainer rules per state, mandatory-notification
countries) are data too, seeded by a migration and edited by coordinators.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clinic.crypto import EncryptedTextField
from clinic.models.choices import ChoiceLabels
from intake.models import Client, Intake

# No I, O, 0 or 1: a reference is read out over the phone.
_REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_reference() -> str:
    """A response number for people and e-mails: random, so it reveals neither a name nor a volume."""
    body = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(8))
    return f"RR-{body[:4]}-{body[4:]}"


class FacilityKind(models.TextChoices):
    ICE = "ice", _("ICE processing or detention centre")
    JAIL = "jail", _("County or city jail")
    CBP = "cbp", _("Border Patrol station")
    PRISON = "prison", _("State or federal prison")
    OTHER = "other", _("Other or unknown")


class PartnerOrganisation(models.Model):
    """A community alert network allowed to open responses through the partner endpoint.

    Only a hash of its token is kept: the token is shown once, when it is issued. Reports it sends
    are recorded as made by its service account, which has no role and cannot sign in.
    """

    name = models.CharField(_("name"), max_length=200, unique=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    token_hint = models.CharField(_("token ends with"), max_length=4, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    service_user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="partner_organisation"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["token_hash"])

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")

    def __str__(self) -> str:
        return self.name


class Response(ChoiceLabels, models.Model):
    """One detention, from the call that reported it to its outcome."""

    class Status(models.TextChoices):
        REPORTED = "reported", _("Reported")
        LOCATED = "located", _("Located")
        REPRESENTED = "represented", _("Represented")
        CUSTODY_DECIDED = "custody_decided", _("Custody decided")
        RELEASED = "released", _("Released")
        BONDED = "bonded", _("Released on bond")
        TRANSFERRED_OUT = "transferred_out", _("Transferred out of area")
        REMOVED = "removed", _("Removed")
        CLOSED = "closed", _("Closed")

    class Agency(models.TextChoices):
        ICE = "ice", _("ICE")
        CBP = "cbp", _("CBP / Border Patrol")
        POLICE = "police", _("Local police or sheriff")
        OTHER = "other", _("Other")
        UNKNOWN = "unknown", _("Not known")

    class Relation(models.TextChoices):
        SPOUSE = "spouse", _("Spouse or partner")
        PARENT = "parent", _("Parent")
        CHILD = "child", _("Son or daughter")
        SIBLING = "sibling", _("Brother or sister")
        RELATIVE = "relative", _("Other relative")
        FRIEND = "friend", _("Friend or neighbour")
        EMPLOYER = "employer", _("Employer or co-worker")
        NETWORK = "network", _("Community alert network")
        OTHER = "other", _("Other")

    class Source(models.TextChoices):
        HOTLINE = "hotline", _("Hotline")
        PARTNER = "partner", _("Partner alert network")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(_("response number"), max_length=12, unique=True, default=new_reference)
    intake = models.OneToOneField(Intake, on_delete=models.PROTECT, related_name="response")
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.HOTLINE)
    partner = models.ForeignKey(
        PartnerOrganisation, on_delete=models.PROTECT, related_name="responses", null=True, blank=True
    )
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.REPORTED)

    # The detention.
    reported_at = models.DateTimeField(_("call received"))
    taken_at = models.DateTimeField(_("detained at"), null=True, blank=True)
    taken_place = models.CharField(_("where they were taken"), max_length=200, blank=True)
    agency = models.CharField(_("agency"), max_length=10, choices=Agency.choices, default=Agency.UNKNOWN)
    country_of_birth = models.CharField(_("country of birth"), max_length=100, blank=True)

    # The caller: purged by the retention service when the response never becomes a case.
    caller_name = EncryptedTextField(_("caller's name"), blank=True, default="")
    caller_phone = EncryptedTextField(_("caller's phone"), blank=True, default="")
    caller_relation = models.CharField(
        _("caller's relation"), max_length=10, choices=Relation.choices, blank=True
    )
    caller_purged_at = models.DateTimeField(null=True, blank=True)

    # Family and health.
    dependants_count = models.PositiveSmallIntegerField(_("children or dependants affected"), default=0)
    dependants_note = EncryptedTextField(
        _("dependants: who and who cares for them now"), blank=True, default=""
    )
    medical_needs = EncryptedTextField(_("medical needs"), blank=True, default="")

    # Who is on it.
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("responsible coordinator"),
    )
    attorney = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("responding attorney"),
    )

    # The last known facility, kept from the facility history so that the dashboard reads one row.
    facility_name = models.CharField(_("last known facility"), max_length=200, blank=True)
    facility_state = models.CharField(_("state"), max_length=2, blank=True)
    facility_kind = models.CharField(
        _("kind of facility"), max_length=8, choices=FacilityKind.choices, blank=True
    )
    transfer_count = models.PositiveSmallIntegerField(_("transfers"), default=0)
    last_transfer_at = models.DateTimeField(null=True, blank=True)

    # Time windows (services.windows computes them; stored so that the dashboard can order by them).
    release_due_at = models.DateTimeField(
        _("would otherwise have been released at"),
        null=True,
        blank=True,
        help_text=_("When the jail would have released them but for the ICE detainer."),
    )
    detainer_window_ends_at = models.DateTimeField(null=True, blank=True)
    detainer_hold_unlawful = models.BooleanField(
        _("held on a detainer where state law forbids it"), default=False
    )
    fear_referred_at = models.DateTimeField(_("referred for reasonable fear"), null=True, blank=True)

    # Every step, timestamped (history has who and what changed).
    located_at = models.DateTimeField(null=True, blank=True)
    represented_at = models.DateTimeField(null=True, blank=True)
    custody_decided_at = models.DateTimeField(null=True, blank=True)
    outcome_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    case_opened_at = models.DateTimeField(null=True, blank=True)

    # What the retention service purges is left out of history, so that purging really removes it.
    history = HistoricalRecords(
        excluded_fields=["caller_name", "caller_phone", "dependants_note", "medical_needs"]
    )

    class Meta:
        verbose_name = _("detention response")
        verbose_name_plural = _("detention responses")
        indexes = [
            models.Index(fields=["status", "reported_at"]),
            models.Index(fields=["caller_purged_at", "case_opened_at", "reported_at"]),
        ]

    def __str__(self) -> str:
        return _("Response %(ref)s") % {"ref": self.reference}

    OPEN_STATUSES = frozenset({Status.REPORTED, Status.LOCATED, Status.REPRESENTED, Status.CUSTODY_DECIDED})

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def client(self) -> Client | None:
        """The detained person: the emergency intake's client. Intake keeps the link and moves it to
        a known client only when a coordinator confirms a possible match there, so a response never
        holds a second link that could disagree."""
        return self.intake.client


class LocatorCheck(models.Model):
    """One search for the person: the ICE online detainee locator, a jail roster or a call."""

    class Source(models.TextChoices):
        ICE_LOCATOR = "ice_locator", _("ICE online detainee locator")
        JAIL_ROSTER = "jail_roster", _("Jail roster")
        CALL = "call", _("Phone call to a facility")
        OTHER = "other", _("Other")

    class SearchedBy(models.TextChoices):
        A_NUMBER = "a_number", _("A-number and country of birth")
        NAME = "name", _("Name, country of birth and date of birth")

    class Result(models.TextChoices):
        FOUND = "found", _("Found")
        NOT_FOUND = "not_found", _("Not found")
        RELEASED = "released", _("Shown as released")

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="locator_checks")
    checked_at = models.DateTimeField(_("checked at"))
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(_("where"), max_length=12, choices=Source.choices)
    searched_by = models.CharField(_("searched by"), max_length=10, choices=SearchedBy.choices)
    country_searched = models.CharField(_("country of birth searched"), max_length=100, blank=True)
    result = models.CharField(_("result"), max_length=10, choices=Result.choices)
    facility_name = models.CharField(_("facility"), max_length=200, blank=True)
    facility_state = models.CharField(_("state"), max_length=2, blank=True)
    facility_kind = models.CharField(
        _("kind of facility"), max_length=8, choices=FacilityKind.choices, blank=True
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("locator check")
        verbose_name_plural = _("locator checks")
        ordering = ["-checked_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_source_display()} · {self.get_result_display()}"


class FacilityStay(models.Model):
    """Where the person was held, in order. A stay after the first is a transfer."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="facility_stays")
    facility_name = models.CharField(_("facility"), max_length=200)
    facility_state = models.CharField(_("state"), max_length=2, blank=True)
    facility_kind = models.CharField(_("kind of facility"), max_length=8, choices=FacilityKind.choices)
    seen_at = models.DateTimeField(_("first seen there"))
    is_transfer = models.BooleanField(_("transfer"), default=False)
    locator_check = models.ForeignKey(
        LocatorCheck, on_delete=models.SET_NULL, related_name="+", null=True, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("facility stay")
        verbose_name_plural = _("facility history")
        ordering = ["seen_at", "pk"]

    def __str__(self) -> str:
        return self.facility_name


class ChecklistTemplateItem(models.Model):
    """A step of the first-hours checklist, as data: coordinators edit, add and retire items."""

    class OwnerRole(models.TextChoices):
        COORDINATOR = "coordinator", _("Responsible coordinator")
        ATTORNEY = "attorney", _("Responding attorney")

    class Condition(models.TextChoices):
        ALWAYS = "always", _("Every response")
        DEPENDANTS = "dependants", _("When children or dependants are affected")
        MEDICAL = "medical", _("When there are medical needs")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    guidance = models.TextField(_("guidance"), max_length=2000, blank=True)
    citation = models.CharField(_("citation"), max_length=200, blank=True)
    owner_role = models.CharField(_("owner"), max_length=12, choices=OwnerRole.choices)
    due_hours = models.PositiveSmallIntegerField(_("due, hours after the call"))
    condition = models.CharField(
        _("applies"), max_length=12, choices=Condition.choices, default=Condition.ALWAYS
    )
    position = models.PositiveSmallIntegerField(_("position"), default=100)
    is_active = models.BooleanField(_("in use"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("checklist item (template)")
        verbose_name_plural = _("first-hours checklist")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.title


class ChecklistItem(models.Model):
    """A step of one response's checklist, copied from the template when the response opens."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="checklist")
    template = models.ForeignKey(
        ChecklistTemplateItem, on_delete=models.SET_NULL, related_name="+", null=True, blank=True
    )
    code = models.SlugField(max_length=40)
    title = models.CharField(_("title"), max_length=200)
    guidance = models.TextField(_("guidance"), max_length=2000, blank=True)
    citation = models.CharField(_("citation"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=100)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    due_at = models.DateTimeField(_("due"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["response", "code"], name="checklist_item_once")]

    def __str__(self) -> str:
        return self.title


class MandatoryNotificationCountry(models.Model):
    """A country whose consulate must be told of a national's detention (8 CFR 236.1(e))."""

    name = models.CharField(_("country"), max_length=100, unique=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mandatory-notification country")
        verbose_name_plural = _("mandatory-notification countries")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class DetainerRule(models.Model):
    """Whether local jails in a state may hold someone on an ICE detainer alone.

    Where they may, the 48-hour window of 8 CFR 287.7(d) is counted down; where state law forbids
    it (Illinois' TRUST Act), a jail holding someone on a detainer is flagged for the attorney.
    """

    state = models.CharField(_("state"), max_length=2, unique=True, help_text=_("Two-letter code, e.g. IL."))
    honours_detainers = models.BooleanField(_("jails may hold on a detainer"), default=True)
    citation = models.CharField(_("citation"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("detainer rule")
        verbose_name_plural = _("detainer rules")
        ordering = ["state"]

    def __str__(self) -> str:
        return self.state


class OnCallShift(models.Model):
    """Who is on the rapid-response rota, and when: alerts go to whoever is on shift now."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shifts")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("on-call shift")
        verbose_name_plural = _("on-call rota")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["starts_at", "ends_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="shift_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.starts_at:%Y-%m-%d %H:%M}"
