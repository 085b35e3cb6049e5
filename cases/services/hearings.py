"""Hearings on a case."""

from django.db import transaction

from cases.models import Case, Hearing
from cases.services._base import _save
from clinic.models import User


@transaction.atomic
def hearing_create(*, case: Case, kind: str, starts_at, judge: str = "", acting_user: User) -> Hearing:
    hearing = Hearing(case=case, kind=kind, starts_at=starts_at, judge=judge)
    _save(hearing, acting_user)
    return hearing
