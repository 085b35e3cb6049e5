"""The pro bono network: what matching needs to know about each attorney."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.models.codes import CaseType


class AttorneyProfile(models.Model):
    """What the matching needs to know about an attorney who may take cases."""

    class Kind(models.TextChoices):
        STAFF = "staff", _("Staff attorney")
        PRO_BONO = "pro_bono", _("Pro bono attorney")

    class Experience(models.IntegerChoices):
        NEW = 1, _("New to immigration law")
        SOME = 2, _("Some immigration cases")
        EXPERIENCED = 3, _("Experienced")
        EXPERT = 4, _("Expert")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attorney_profile"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PRO_BONO)
    firm = models.CharField(_("firm or organisation"), max_length=200, blank=True)
    bar_admissions = models.CharField(
        _("bar admissions"),
        max_length=300,
        blank=True,
        help_text=_("For example: Illinois 2015, Texas 2019."),
    )
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_("Language codes, e.g. en, es, pl, ar.")
    )
    practice_areas = models.JSONField(_("practice areas"), default=list, blank=True)
    experience = models.PositiveSmallIntegerField(
        _("experience level"), choices=Experience.choices, default=Experience.SOME
    )
    capacity = models.PositiveSmallIntegerField(_("capacity (maximum active cases)"), default=3)
    available_from = models.DateField(_("available from"), null=True, blank=True)
    available_to = models.DateField(_("available until"), null=True, blank=True)
    takes_detained = models.BooleanField(_("takes detained cases"), default=False)
    is_on_call = models.BooleanField(_("on call for the hotline"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attorney profile")
        verbose_name_plural = _("attorney profiles")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(available_to__isnull=True)
                | models.Q(available_from__isnull=True)
                | models.Q(available_to__gte=models.F("available_from")),
                name="attorney_profile_available_range",
            )
        ]

    def __str__(self) -> str:
        return str(self.user)

    def clean(self) -> None:
        unknown = set(self.practice_areas or []) - set(CaseType.values)
        if unknown:
            raise ValidationError(
                {"practice_areas": _("Unknown practice area: %(a)s.") % {"a": ", ".join(sorted(unknown))}}
            )
        if not isinstance(self.languages, list) or not all(isinstance(code, str) for code in self.languages):
            raise ValidationError({"languages": _("Languages must be a list of language codes.")})


class AttorneyStats(models.Model):
    """What the ranking counts about an attorney, kept current by the services that change it.

    Derived from assignments and offers (which keep their own history): the services recount an
    attorney's row in the same transaction as the change, and `manage.py recount_attorney_loads`
    rebuilds or checks every row. Ranking then reads one row per attorney instead of counting the
    clinic's whole history on every request.
    """

    history_exempt_reason = (
        "derived figures, recounted from assignments and offers (which keep history) by the services "
        "and by recount_attorney_loads"
    )

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="attorney_stats"
    )
    # Open assignments on active or offered cases: what counts against capacity.
    active_cases = models.PositiveIntegerField(default=0)
    # Every assignment ever, by case type ({"removal": 4}): experience with this kind of case.
    cases_by_type = models.JSONField(default=dict, blank=True)
    offers_answered = models.PositiveIntegerField(default=0)  # accepted, declined or expired
    offers_accepted = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("attorney's figures")
        verbose_name_plural = _("attorneys' figures")

    def __str__(self) -> str:
        return str(self.user_id)

    def figures(self) -> dict:
        return {
            "active_cases": self.active_cases,
            "cases_by_type": dict(self.cases_by_type or {}),
            "offers_answered": self.offers_answered,
            "offers_accepted": self.offers_accepted,
        }
