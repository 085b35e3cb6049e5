"""The conflict-of-interest check: who ran it, what it found, who cleared each hit and why."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clinic.models import User
from clinic.permissions import is_coordinator
from intake.matching import find_similar_names
from intake.models import Client, ConflictCheck, ConflictHit, Intake, NameKind
from intake.normalise import conflict_name


def _household_client_ids(client: Client) -> set[int]:
    if client.household_id is None:
        return {client.pk}
    return set(Client.objects.filter(household_id=client.household_id).values_list("pk", flat=True)) | {
        client.pk
    }


def _searched_names(intake: Intake) -> list[tuple[str, str]]:
    client = intake.client
    clients = [client]
    if client.household_id is not None:
        clients = list(Client.objects.filter(household_id=client.household_id).order_by("pk"))
    names: list[tuple[str, str]] = []
    for member in clients:
        names.append((member.full_name, NameKind.CLIENT))
        names += [(alias.name, NameKind.ALIAS) for alias in member.aliases.all()]
        names += [(party.name, NameKind.ADVERSE) for party in member.adverse_parties.all()]
    return names


@transaction.atomic
def conflict_check_run(*, intake: Intake, acting_user: User) -> ConflictCheck:
    """Matches the intake's client, aliases, family and adverse parties against everyone else's names.

    A hit that a coordinator cleared on an earlier run stays cleared when the same two names meet
    again; anything new needs review.
    """
    intake = Intake.objects.select_for_update(of=("self",)).select_related("client").get(pk=intake.pk)
    if intake.client is None:
        raise ValidationError(_("The intake has no client yet: finish the identity step first."))
    previous = intake.conflict_checks.first()
    cleared_before = {}
    if previous is not None:
        cleared_before = {
            (conflict_name(hit.searched_name), hit.matched_client_id, hit.matched_name): hit
            for hit in previous.hits.filter(cleared_at__isnull=False)
        }
    searched = _searched_names(intake)
    exclude = _household_client_ids(intake.client)
    check = ConflictCheck(intake=intake, run_by=acting_user, names_checked=len(searched))
    hits: dict[tuple, ConflictHit] = {}
    for display, kind in searched:
        normalised = conflict_name(display)
        for match in find_similar_names(normalised, exclude_client_ids=exclude):
            key = (normalised, match.client_id, match.display)
            if key in hits:
                continue
            hit = ConflictHit(
                check_run=check,
                searched_name=display[:300],
                searched_kind=kind,
                matched_client_id=match.client_id,
                matched_name=match.display,
                matched_kind=match.kind,
                score=match.score,
            )
            earlier = cleared_before.get(key)
            if earlier is not None:
                hit.cleared_at, hit.cleared_by_id = earlier.cleared_at, earlier.cleared_by_id
                hit.clear_reason = earlier.clear_reason
            hits[key] = hit
    # The check is saved once its hits are known, so that its one history row carries the count.
    check.hit_count = len(hits)
    check._history_user = acting_user
    check.save()
    # Hits are written once per run and recorded by the check's own history (who, when); their
    # history starts when a coordinator clears one. Per-row creation history doubled the write cost
    # of a check that finds a few hundred namesakes.
    ConflictHit.objects.bulk_create(hits.values())
    _update_intake_conflict_status(
        intake,
        acting_user,
        hit_count=check.hit_count,
        uncleared=any(h.cleared_at is None for h in hits.values()),
    )
    return check


def _update_intake_conflict_status(
    intake: Intake, acting_user: User, *, hit_count: int, uncleared: bool
) -> None:
    if hit_count == 0:
        status = Intake.ConflictStatus.CLEAR
    elif uncleared:
        status = Intake.ConflictStatus.REVIEW
    else:
        status = Intake.ConflictStatus.CLEARED
    if intake.conflict_status != status:
        intake.conflict_status = status
        intake._history_user = acting_user
        intake.save(update_fields=["conflict_status"])


@transaction.atomic
def conflict_hit_clear(*, hit: ConflictHit, reason: str, acting_user: User) -> ConflictHit:
    """A coordinator records why a possible conflict is not one (e.g. a different person)."""
    if not is_coordinator(acting_user):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError({"clear_reason": _("Say why this is not a conflict.")})
    hit = (
        ConflictHit.objects.select_for_update(of=("self",)).select_related("check_run__intake").get(pk=hit.pk)
    )
    if hit.check_run.intake.conflict_checks.first() != hit.check_run:
        raise ValidationError(_("This check has been run again since: review the newest one."))
    hit.cleared_at = timezone.now()
    hit.cleared_by = acting_user
    hit.clear_reason = reason
    hit._history_user = acting_user
    hit.full_clean()
    hit.save(update_fields=["cleared_at", "cleared_by", "clear_reason"])
    check = hit.check_run
    _update_intake_conflict_status(
        check.intake,
        acting_user,
        hit_count=check.hit_count,
        uncleared=check.hits.filter(cleared_at__isnull=True).exists(),
    )
    return hit


def conflict_checks_rerun_for_client(*, client: Client, acting_user: User) -> None:
    """After a change to a client's names or parties, every open intake of theirs is checked again."""
    for intake in Intake.objects.filter(client=client, status=Intake.Status.OPEN):
        conflict_check_run(intake=intake, acting_user=acting_user)
