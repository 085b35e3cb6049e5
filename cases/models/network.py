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
