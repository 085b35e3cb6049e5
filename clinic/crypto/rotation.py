"""Re-encrypting every encrypted field under the active master key, and finding what still needs an old one.

The fields are found generically: every installed model (history tables included, since
simple-history copies the field) with an `EncryptedTextField` or a subclass. Rows are read as their
raw tokens, so a row already under the active key is skipped without being decrypted; each batch
commits on its own, so a rotation cut short is finished by running it again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.apps import apps
from django.db import models, transaction
from django.db.models import Q, Value
from django.db.models.functions import Cast

from clinic.crypto import TOKEN_VERSION, EncryptedTextField, decrypt, encrypt, key_ring, token_key_id


@dataclass(frozen=True)
class EncryptedColumn:
    model: type[models.Model]
    field: EncryptedTextField

    @property
    def label(self) -> str:
        return f"{self.model._meta.label_lower}.{self.field.name}"


def encrypted_columns() -> Iterator[EncryptedColumn]:
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, EncryptedTextField):
                yield EncryptedColumn(model, field)


def _stale_rows(column: EncryptedColumn, active: str):
    """Rows whose token names another key than the active one, with the raw token (not decrypted)."""
    name = column.field.attname
    return (
        column.model._default_manager.annotate(_raw=Cast(name, models.TextField()))
        .exclude(Q(_raw__isnull=True) | Q(_raw="") | Q(_raw__startswith=f"{TOKEN_VERSION}:{active}:"))
        .order_by(column.model._meta.pk.attname)
    )


def column_reencrypt(
    column: EncryptedColumn, *, batch_size: int = 500, after_batch: Callable[[int], None] | None = None
) -> int:
    active = key_ring().active_id
    pk_name = column.model._meta.pk.attname
    context = column.field._context()
    done = 0
    while True:
        with transaction.atomic():
            rows = list(_stale_rows(column, active).values_list(pk_name, "_raw")[:batch_size])
            if not rows:
                return done
            for pk, raw in rows:
                token = encrypt(decrypt(raw, context=context), context=context)
                # Written as the raw token (the field would encrypt again) and without a history row:
                # a new key is not a new value.
                column.model._default_manager.filter(**{pk_name: pk}).update(
                    **{column.field.attname: Value(token, output_field=models.TextField())}
                )
            done += len(rows)
        if after_batch:
            after_batch(done)


def fields_reencrypt(
    *, batch_size: int = 500, after_batch: Callable[[EncryptedColumn, int], None] | None = None
) -> int:
    total = 0
    for column in encrypted_columns():
        total += column_reencrypt(
            column,
            batch_size=batch_size,
            after_batch=(lambda done, column=column: after_batch(column, done)) if after_batch else None,
        )
    return total


def fields_on_retired_keys() -> dict[str, dict[str, int]]:
    """Per column, how many values depend on which non-active key."""
    active = key_ring().active_id
    found: dict[str, dict[str, int]] = {}
    for column in encrypted_columns():
        for raw in _stale_rows(column, active).values_list("_raw", flat=True).iterator(chunk_size=2000):
            try:
                key_id = token_key_id(raw)
            except Exception:  # noqa: BLE001 (a value that is not a token at all is reported as such)
                key_id = "(not encrypted)"
            found.setdefault(column.label, {}).setdefault(key_id, 0)
            found[column.label][key_id] += 1
    return found
