from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intake.models.clients import Client
from intake.models.intakes import Intake


class NameKind(models.TextChoices):
    CLIENT = "client", _("Client")
    ALIAS = "alias", _("Alias")
    ADVERSE = "adverse", _("Adverse party")


class ConflictCheck(models.Model):
    """One run of the conflict-of-interest check for an intake; the newest one is current."""

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="conflict_checks")
    run_at = models.DateTimeField(auto_now_add=True)
    run_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    names_checked = models.PositiveIntegerField(default=0)
    hit_count = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("conflict check")
        verbose_name_plural = _("conflict checks")
        ordering = ["-run_at", "-pk"]

    def __str__(self) -> str:
        return _("Conflict check #%(pk)s") % {"pk": self.pk}


class ConflictHit(models.Model):
    """A name of this intake that resembles a name already known; a coordinator clears it or not."""

    check_run = models.ForeignKey(ConflictCheck, on_delete=models.CASCADE, related_name="hits")
    searched_name = models.CharField(max_length=300)
    searched_kind = models.CharField(max_length=8, choices=NameKind.choices)
    matched_client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="+")
    matched_name = models.CharField(max_length=300)
    matched_kind = models.CharField(max_length=8, choices=NameKind.choices)
    score = models.PositiveSmallIntegerField()
    cleared_at = models.DateTimeField(null=True, blank=True)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    clear_reason = models.TextField(_("why this is not a conflict"), max_length=2000, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("conflict hit")
        verbose_name_plural = _("conflict hits")
        ordering = ["-score", "pk"]

    def __str__(self) -> str:
        return f"{self.searched_name} ~ {self.matched_name}"


class SearchName(models.Model):
    """A derived, normalised copy of every name the conflict check searches.

    Rebuilt by services whenever a client's names, aliases or adverse parties change.
    """

    history_exempt_reason = "a derived search index; the client, alias and adverse-party rows keep history"

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8, choices=NameKind.choices)
    display = models.CharField(max_length=300)
    normalised = models.CharField(max_length=300)
    never_contact = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["client", "kind"])]

    def __str__(self) -> str:
        return self.display


class SearchKey(models.Model):
    """Blocking keys (token prefixes, suffixes and shapes) for the portable candidate fetch on SQLite."""

    history_exempt_reason = "a derived search index, rebuilt from SearchName"

    name = models.ForeignKey(SearchName, on_delete=models.CASCADE, related_name="keys")
    key = models.CharField(max_length=40)
    token = models.PositiveSmallIntegerField(default=0)  # which token of the name the key comes from

    class Meta:
        indexes = [models.Index(fields=["key", "name", "token"], name="intake_searchkey_lookup")]

    def __str__(self) -> str:
        return self.key


class SearchToken(models.Model):
    """Every distinct word of the searched names: on PostgreSQL a trigram index over this small
    vocabulary finds the words one typo away, and an array index on SearchName the names holding them.
    """

    history_exempt_reason = "a derived vocabulary of SearchName's words"

    token = models.CharField(max_length=100, unique=True)

    def __str__(self) -> str:
        return self.token
