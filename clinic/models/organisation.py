"""The organisation around the cases: attorney profiles, funders and grants."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class PracticeArea(models.TextChoices):
    """Kinds of immigration matter. A case has one; an attorney's profile lists those they take."""

    REMOVAL_DEFENSE = "removal", _("Removal defense")
    ASYLUM = "asylum", _("Asylum")
    BOND = "bond", _("Bond")
    FEAR = "fear", _("Credible or reasonable fear")
    U_VISA = "u_visa", _("U visa")
    T_VISA = "t_visa", _("T visa")
    VAWA = "vawa", _("VAWA")
    SIJS = "sijs", _("Special immigrant juvenile status")
    DACA = "daca", _("DACA")
    TPS = "tps", _("Temporary protected status")
    NATURALISATION = "naturalisation", _("Naturalisation")
    OTHER = "other", _("Other")


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
        unknown = set(self.practice_areas or []) - set(PracticeArea.values)
        if unknown:
            raise ValidationError(
                {"practice_areas": _("Unknown practice area: %(a)s.") % {"a": ", ".join(sorted(unknown))}}
            )
        if not isinstance(self.languages, list) or not all(isinstance(code, str) for code in self.languages):
            raise ValidationError({"languages": _("Languages must be a list of language codes.")})


class Funder(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("funder")
        verbose_name_plural = _("funders")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Grant(models.Model):
    """Money a case or a time entry is charged to. LSC money carries the alien-eligibility rules."""

    funder = models.ForeignKey(Funder, on_delete=models.PROTECT, related_name="grants")
    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(_("code"), max_length=40, unique=True)
    is_lsc_funded = models.BooleanField(
        _("LSC-funded"),
        default=False,
        help_text=_("Only clients eligible under the LSC alien-eligibility rules may be served with it."),
    )
    restrictions = models.TextField(_("restrictions"), blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        ordering = ["funder__name", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"
