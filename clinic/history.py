"""History that reads as sentences: simple-history records turned into "who did what" for people.

Any app's history page passes the historical querysets it wants to show; this module gives each
record a sentence ("Carmen Ibarra changed the hearing") and its changes in words: field labels,
choice names instead of codes, related objects by name (fetched in one query per related model,
never one per row), yes/no, dates and durations in words. The result is translated like the rest.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db import models
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

from clinic.crypto import EncryptedDateField, EncryptedTextField


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryRow:
    at: datetime
    who: str
    sentence: str
    label: str
    changes: list[Change] = field(default_factory=list)


def _verb(history_type: str) -> str:
    return {"+": _("created"), "~": _("changed"), "-": _("deleted")}.get(history_type, _("changed"))


def _duration(value: timedelta) -> str:
    if value < timedelta(minutes=1):
        return _("less than a minute")
    start = timezone.now()
    return timesince(start - value, start)


class _Names:
    """Related objects' names for the foreign keys in a page's diffs, one query per related model."""

    def __init__(self) -> None:
        self.wanted: dict[type[models.Model], set] = defaultdict(set)
        self.objects: dict[tuple[type[models.Model], object], models.Model] = {}

    def want(self, model: type[models.Model], pk) -> None:
        if pk is not None:
            self.wanted[model].add(pk)

    def load(self) -> None:
        for model, pks in self.wanted.items():
            for obj in model._default_manager.filter(pk__in=pks):
                self.objects[(model, obj.pk)] = obj

    def get(self, model: type[models.Model], pk) -> str:
        obj = self.objects.get((model, pk))
        return str(obj) if obj is not None else _("(removed)")

    def instance(self, record) -> models.Model:
        """The record's object with its foreign keys filled from what was loaded, so that its
        name (str) costs no query of its own."""
        instance = record.instance
        for model_field in _foreign_keys(record.instance_type):
            obj = self.objects.get((model_field.related_model, getattr(record, model_field.attname)))
            if obj is not None:
                model_field.set_cached_value(instance, obj)
        return instance


def _foreign_keys(model: type[models.Model]) -> list[models.ForeignKey]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.ForeignKey)]


def display_value(model_field: models.Field, value, names: _Names | None = None) -> str:
    """A stored value as a person reads it."""
    if value is None or value == "":
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.ForeignKey) and names is not None:
        return names.get(model_field.related_model, value)
    if isinstance(model_field, models.BooleanField):
        return _("yes") if value else _("no")
    if isinstance(value, timedelta):
        return _duration(value)
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "—"
    return str(value)


def _model_field(model: type[models.Model], name: str) -> models.Field | None:
    try:
        return model._meta.get_field(name)
    except Exception:  # noqa: BLE001 (a field that history keeps but the model dropped)
        return None


def history_rows(sources: Iterable[QuerySet], *, hidden_fields: Iterable[str] = ()) -> list[HistoryRow]:
    """Every record of `sources` (historical querysets), newest first, as sentences with changes.

    `hidden_fields` are left out of the changes (for example derived search keys). Encrypted
    fields show that they changed, never their values: the history page is not where a client's
    A-number is read.
    """
    hidden = set(hidden_fields) | {"id"}
    names = _Names()
    staged = []
    for records in sources:
        previous_by_id: dict = {}
        for record in records.select_related("history_user").order_by("history_date", "history_id"):
            model = record.instance_type
            for model_field in _foreign_keys(model):
                names.want(model_field.related_model, getattr(record, model_field.attname))
            before = previous_by_id.get(record.id)
            deltas = []
            if before is not None:
                for change in record.diff_against(before).changes:
                    model_field = _model_field(model, change.field)
                    if model_field is None or change.field in hidden:
                        continue
                    if isinstance(model_field, models.ForeignKey):
                        names.want(model_field.related_model, change.old)
                    deltas.append((model_field, change.old, change.new))
            staged.append((record, deltas))
            previous_by_id[record.id] = record
    names.load()
    rows = []
    for record, deltas in staged:
        model = record.instance_type
        who = str(record.history_user) if record.history_user else _("The system")
        changes = []
        for model_field, old, new in deltas:
            if isinstance(model_field, EncryptedTextField | EncryptedDateField):
                label = str(model_field.verbose_name).capitalize()
                changes.append(Change(label, _("(hidden)"), _("(changed)")))
                continue
            changes.append(
                Change(
                    str(model_field.verbose_name).capitalize(),
                    display_value(model_field, old, names),
                    display_value(model_field, new, names),
                )
            )
        sentence = _("%(who)s %(verb)s the %(what)s") % {
            "who": who,
            "verb": _verb(record.history_type),
            "what": model._meta.verbose_name,
        }
        rows.append(HistoryRow(record.history_date, who, sentence, str(names.instance(record)), changes))
    rows.sort(key=lambda row: row.at, reverse=True)
    return rows
