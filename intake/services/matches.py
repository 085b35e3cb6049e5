"""Returning clients: a coordinator confirms or rejects each possible match, field by field.

A volunteer's intake always gets a record of its own holding what they typed. When its A-number or
its name and date of birth match a known client, a ClientMatch records it for coordinators; nothing
of the known client reaches the volunteer. Confirming merges the typed record into the known one
with only the details the coordinator accepted, so that a known safe contact or address is never
replaced silently.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clinic.models import User
from clinic.permissions import is_coordinator
from intake.matching import MATCH_THRESHOLD, score_names
from intake.models import Client, ClientMatch, Intake
from intake.normalise import format_a_number, normalise_name
from intake.services.clients import (
    IDENTITY_FIELDS,
    Identity,
    Party,
    adverse_parties_set,
    check_safe_contact,
    client_alias_add,
    client_find_known,
    client_reindex,
    search_index_rebuild,
)

FIELD_LABELS = {
    "a_number": gettext_lazy("A-number"),
    "date_of_birth": gettext_lazy("Date of birth"),
    "country_of_birth": gettext_lazy("Country of birth"),
    "preferred_language": gettext_lazy("Preferred language"),
    "phone": gettext_lazy("Phone"),
    "address": gettext_lazy("Address"),
    "safe_contact_name": gettext_lazy("Safe contact"),
    "safe_contact_note": gettext_lazy("Safe-contact note"),
    "languages": gettext_lazy("Languages spoken"),
}


@dataclass(frozen=True)
class Proposal:
    """One detail typed at intake that differs from the known client's."""

    key: str  # a Client field, "languages", or "alias:<n>"
    label: str
    known: str
    proposed: str
    warning: str = ""


def _display(attribute: str, value) -> str:
    if value in (None, "", []):
        return ""
    if attribute == "a_number":
        return format_a_number(value)
    if attribute == "languages":
        return ", ".join(value)
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _never_contact(client: Client) -> list[str]:
    return [p.name for p in client.adverse_parties.all() if p.never_contact]


def _is_never_contact(name: str, never_contact: list[str]) -> bool:
    wanted = normalise_name(name)
    return bool(wanted) and any(
        score_names(wanted, normalise_name(n)) >= MATCH_THRESHOLD for n in never_contact
    )


def client_match_proposals(*, match: ClientMatch) -> list[Proposal]:
    """What the typed record would add to or change in the known client, for the coordinator to pick."""
    typed, known = match.typed_client, match.known_client
    proposals: list[Proposal] = []
    known_names = {normalise_name(known.full_name), *(normalise_name(a.name) for a in known.aliases.all())}
    known_aliases = "; ".join(a.name for a in known.aliases.all())
    for index, name in enumerate([typed.full_name, *(a.name for a in typed.aliases.all())]):
        normalised = normalise_name(name)
        if normalised and normalised not in known_names:
            known_names.add(normalised)
            proposals.append(
                Proposal(
                    key=f"alias:{index}",
                    label=_("Another name"),
                    known=known_aliases or known.full_name,
                    proposed=name,
                )
            )
    never_contact = _never_contact(known) + _never_contact(typed)
    for attribute in IDENTITY_FIELDS:
        proposed, current = getattr(typed, attribute), getattr(known, attribute)
        if proposed in (None, "") or proposed == current:
            continue
        warning = ""
        if attribute == "safe_contact_name" and _is_never_contact(proposed, never_contact):
            warning = _("This person is marked never contact: they cannot be the safe contact.")
        proposals.append(
            Proposal(
                key=attribute,
                label=str(FIELD_LABELS[attribute]),
                known=_display(attribute, current),
                proposed=_display(attribute, proposed),
                warning=warning,
            )
        )
    added = sorted(set(typed.languages or []) - set(known.languages or []))
    if added:
        proposals.append(
            Proposal(
                key="languages",
                label=str(FIELD_LABELS["languages"]),
                known=_display("languages", sorted(known.languages or [])),
                proposed=_display("languages", sorted(set(known.languages or []) | set(added))),
            )
        )
    return proposals


def client_match_record(
    *, intake: Intake, typed_client: Client, identity: Identity, exclude_ids: tuple[int, ...]
):
    """Records a possible match for a freshly typed record, if the blind indexes find one."""
    found = client_find_known(identity=identity, exclude_ids=exclude_ids)
    if found is None:
        return None
    known, key = found
    match = ClientMatch(intake=intake, typed_client=typed_client, known_client=known, key=key)
    match._history_user = intake.volunteer
    match.full_clean()
    match.save()
    return match


def _lock_pending(match: ClientMatch, acting_user: User) -> ClientMatch:
    if not is_coordinator(acting_user):
        raise PermissionDenied
    match = (
        ClientMatch.objects.select_for_update(of=("self",))
        .select_related("typed_client", "known_client", "intake")
        .get(pk=match.pk)
    )
    if match.status != ClientMatch.Status.PENDING:
        raise ValidationError(_("This possible match has already been decided."))
    return match


def join_household(known: Client, typed: Client, acting_user: User) -> None:
    """The family typed at intake becomes the known client's family."""
    if typed.household_id is None or typed.household_id == known.household_id:
        return
    if known.household_id is None:
        known.household_id = typed.household_id
        known.household_relationship = typed.household_relationship
        return
    for member in Client.objects.filter(household_id=typed.household_id).exclude(pk=typed.pk):
        member.household_id = known.household_id
        member._history_user = acting_user
        member.save(update_fields=["household"])


@transaction.atomic
def client_match_confirm(*, match: ClientMatch, accept: Iterable[str], acting_user: User) -> Client:
    """The typed record is the known client: merge it, taking only the accepted details.

    The known client's other details stay as they were; the typed record is kept, marked merged,
    so that both histories show what happened and who accepted what.
    """
    from intake.services.conflicts import conflict_check_run

    match = _lock_pending(match, acting_user)
    typed, known = match.typed_client, match.known_client
    proposals = {proposal.key: proposal for proposal in client_match_proposals(match=match)}
    accepted = sorted(set(accept))
    unknown = [key for key in accepted if key not in proposals]
    if unknown:
        raise ValidationError(_("Some of the accepted details are no longer offered: reload the page."))
    typed_names = [typed.full_name, *(a.name for a in typed.aliases.all())]
    for key in accepted:
        if key.startswith("alias:"):
            client_alias_add(
                client=known, name=typed_names[int(key.split(":")[1])], acting_user=acting_user, reindex=False
            )
        elif key == "languages":
            known.languages = sorted(set(known.languages or []) | set(typed.languages or []))
        else:
            setattr(known, key, getattr(typed, key))
    if "safe_contact_name" in accepted:
        check_safe_contact(
            safe_contact_name=known.safe_contact_name,
            never_contact=_never_contact(known) + _never_contact(typed),
        )
    join_household(known, typed, acting_user)
    client_reindex(known)
    known._history_user = acting_user
    known._change_reason = "merged"
    known.full_clean()
    known.save()

    typed.merged_into = known
    typed.household = None
    typed._history_user = acting_user
    typed._change_reason = "merged"
    typed.save(update_fields=["merged_into", "household"])
    search_index_rebuild(client=typed)

    typed_parties = [Party(p.name, p.kind, p.never_contact) for p in typed.adverse_parties.all()]
    if typed_parties:
        current = [Party(p.name, p.kind, p.never_contact) for p in known.adverse_parties.all()]
        adverse_parties_set(client=known, parties=current + typed_parties, acting_user=acting_user)
    else:
        search_index_rebuild(client=known)

    for intake in Intake.objects.filter(client=typed):
        intake.client = known
        intake._history_user = acting_user
        intake.save(update_fields=["client"])
    for other in ClientMatch.objects.filter(known_client=typed, status=ClientMatch.Status.PENDING):
        other.known_client = known
        other._history_user = acting_user
        other.save(update_fields=["known_client"])

    match.status = ClientMatch.Status.CONFIRMED
    match.accepted_fields = accepted
    match.decided_at = timezone.now()
    match.decided_by = acting_user
    match._history_user = acting_user
    match.save(update_fields=["status", "accepted_fields", "decided_at", "decided_by"])
    if match.intake.status == Intake.Status.OPEN:
        conflict_check_run(intake=match.intake, acting_user=acting_user)
    return known


@transaction.atomic
def client_match_reject(*, match: ClientMatch, reason: str, acting_user: User) -> ClientMatch:
    """Two different people: the typed record stays a client of its own."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why these are different people.")})
    match = _lock_pending(match, acting_user)
    match.status = ClientMatch.Status.REJECTED
    match.reason = reason
    match.decided_at = timezone.now()
    match.decided_by = acting_user
    match._history_user = acting_user
    match.full_clean()
    match.save(update_fields=["status", "reason", "decided_at", "decided_by"])
    return match
