"""The pro bono network: attorneys' profiles, and the figures matching keeps about each of them."""

from collections.abc import Iterable

from django.db import transaction

from cases import selectors
from cases.models import AttorneyProfile, AttorneyStats
from cases.services._base import _save
from clinic.models import User

FIGURE_FIELDS = ("active_cases", "cases_by_type", "offers_answered", "offers_accepted")


@transaction.atomic
def attorney_profile_save(*, user: User, acting_user: User, **fields) -> AttorneyProfile:
    """What matching knows about an attorney; they keep it current themselves."""
    profile = AttorneyProfile.objects.filter(user=user).first() or AttorneyProfile(user=user)
    for name, value in fields.items():
        setattr(profile, name, value)
    _save(profile, acting_user)
    return profile


@transaction.atomic
def attorney_stats_recount(*, attorney_ids: Iterable[int]) -> None:
    """Recounts the figures of the attorneys a change touched, inside the change's transaction.

    Every service that starts or ends an assignment, answers an offer, or closes, reopens or
    retypes a case calls this. Each attorney's figures are recounted from their own rows (an
    indexed count over one attorney, not the clinic) rather than incremented, so they cannot
    drift; the rows are locked in a fixed order first, so two concurrent changes for the same
    attorney take turns and the second counts what the first committed.
    """
    ids = sorted({attorney_id for attorney_id in attorney_ids if attorney_id is not None})
    if not ids:
        return
    AttorneyStats.objects.bulk_create([AttorneyStats(user_id=pk) for pk in ids], ignore_conflicts=True)
    stored = AttorneyStats.objects.select_for_update().filter(user_id__in=ids).order_by("user_id")
    figures = selectors.attorney_figures(attorney_ids=ids)
    for stats in stored:
        wanted = figures.get(stats.user_id) or selectors.empty_attorney_figures()
        if stats.figures() != wanted:
            for name in FIGURE_FIELDS:
                setattr(stats, name, wanted[name])
            stats.save(update_fields=FIGURE_FIELDS)


def attorney_stats_disagreements() -> dict[int, tuple[dict, dict]]:
    """Attorneys whose stored figures differ from a recount: {user id: (stored, counted)}."""
    counted = selectors.attorney_figures()
    stored = {stats.user_id: stats.figures() for stats in AttorneyStats.objects.all()}
    empty = selectors.empty_attorney_figures()
    return {
        pk: (stored.get(pk, empty), counted.get(pk, empty))
        for pk in sorted(set(counted) | set(stored))
        if stored.get(pk, empty) != counted.get(pk, empty)
    }


@transaction.atomic
def attorney_stats_rebuild() -> int:
    """Recounts every attorney's figures from the source rows (after a bulk import, or a repair)."""
    counted = selectors.attorney_figures()
    ids = set(counted) | set(AttorneyProfile.objects.values_list("user_id", flat=True))
    AttorneyStats.objects.all().delete()
    empty = selectors.empty_attorney_figures()
    AttorneyStats.objects.bulk_create(
        [AttorneyStats(user_id=pk, **counted.get(pk, empty)) for pk in sorted(ids)], batch_size=1000
    )
    return len(ids)
