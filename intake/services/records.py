"""Coordinators' corrections to a client's identity, and the merge of two records of one person."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from clinic.models import User
from clinic.permissions import is_coordinator
from intake.models import Client, ClientMatch, Intake
from intake.normalise import normalise_name
from intake.services.clients import (
    Party,
    adverse_parties_set,
    client_alias_add,
    client_reindex,
    search_index_rebuild,
)


def _require_coordinator(acting_user: User) -> None:
    if not is_coordinator(acting_user):
        raise PermissionDenied


@transaction.atomic
def client_identity_update(
    *,
    client: Client,
    given_names: str,
    family_names: str,
    aliases: list[str],
    a_number: str,
    date_of_birth: date | None,
    country_of_birth: str,
    acting_user: User,
) -> Client:
    """Corrects who the client is: names, other names and identifiers. History records each change,
    and the conflict check of their open intakes runs again over the new names."""
    from intake.services.conflicts import conflict_checks_rerun_for_client
    from intake.services.intakes import intake_age_bands_refresh

    _require_coordinator(acting_user)
    client = Client.objects.select_for_update().get(pk=client.pk)
    if client.merged_into_id is not None:
        raise ValidationError(_("This record was merged into another: correct that one."))
    client.given_names, client.family_names = given_names.strip(), family_names.strip()
    born_on_changed = client.date_of_birth != date_of_birth
    client.a_number, client.date_of_birth = a_number, date_of_birth
    client.country_of_birth = country_of_birth.strip()
    client_reindex(client)
    client._history_user = acting_user
    client.full_clean()
    client.save()
    wanted = {}
    for alias in aliases:
        normalised = normalise_name(alias)
        if normalised and normalised != normalise_name(client.full_name):
            wanted.setdefault(normalised, alias.strip())
    for existing in client.aliases.all():
        if wanted.pop(normalise_name(existing.name), None) is None:
            existing._history_user = acting_user
            existing.delete()
    for alias in wanted.values():
        client_alias_add(client=client, name=alias, acting_user=acting_user, reindex=False)
    search_index_rebuild(client=client)
    if born_on_changed:
        intake_age_bands_refresh(client=client, acting_user=acting_user)
    conflict_checks_rerun_for_client(client=client, acting_user=acting_user)
    return client


def _references_outside_intake(client: Client) -> list[str]:
    """Rows of other apps (cases, documents) that point at this record and that intake cannot move."""
    found = []
    for relation in Client._meta.related_objects:
        model = relation.related_model
        if model._meta.app_label == "intake" or relation.many_to_many:
            continue
        if model._default_manager.filter(**{relation.field.name: client}).exists():
            found.append(str(model._meta.verbose_name_plural))
    return found


@transaction.atomic
def client_merge(*, source: Client, target: Client, acting_user: User) -> Client:
    """Two records of one person become one: `source` is kept as it was, marked merged into
    `target`, and its intakes, names, parties and family move to `target`. Both histories say so."""
    from intake.services.conflicts import conflict_check_run
    from intake.services.intakes import intake_age_bands_refresh
    from intake.services.matches import join_household

    _require_coordinator(acting_user)
    if source.pk == target.pk:
        raise ValidationError(_("Choose two different records."))
    source, target = (
        Client.objects.select_for_update().get(pk=source.pk),
        Client.objects.select_for_update().get(pk=target.pk),
    )
    if source.merged_into_id is not None or target.merged_into_id is not None:
        raise ValidationError(_("One of these records was already merged into another."))
    elsewhere = _references_outside_intake(source)
    if elsewhere:
        raise ValidationError(
            _("The record to merge away still has %(what)s: merge the other way round.")
            % {"what": ", ".join(elsewhere)}
        )
    known = {normalise_name(target.full_name), *(normalise_name(a.name) for a in target.aliases.all())}
    for name in [source.full_name, *(a.name for a in source.aliases.all())]:
        if normalise_name(name) not in known:
            known.add(normalise_name(name))
            client_alias_add(client=target, name=name, acting_user=acting_user, reindex=False)
    for attribute in ("a_number", "date_of_birth", "country_of_birth", "phone", "address"):
        if not getattr(target, attribute) and getattr(source, attribute):
            setattr(target, attribute, getattr(source, attribute))  # fills gaps only, never replaces
    target.languages = sorted(set(target.languages or []) | set(source.languages or []))
    join_household(target, source, acting_user)
    client_reindex(target)
    target._history_user = acting_user
    target._change_reason = "merged"
    target.full_clean()
    target.save()

    source.merged_into = target
    source.household = None
    source._history_user = acting_user
    source._change_reason = "merged"
    source.save(update_fields=["merged_into", "household"])
    search_index_rebuild(client=source)

    parties = [Party(p.name, p.kind, p.never_contact) for p in source.adverse_parties.all()]
    current = [Party(p.name, p.kind, p.never_contact) for p in target.adverse_parties.all()]
    adverse_parties_set(client=target, parties=current + parties, acting_user=acting_user)

    moved = []
    for intake in Intake.objects.filter(client=source):
        intake.client = target
        intake._history_user = acting_user
        intake.save(update_fields=["client"])
        moved.append(intake)
    for match in ClientMatch.objects.filter(known_client=source, status=ClientMatch.Status.PENDING):
        match.known_client = target
        match._history_user = acting_user
        match.save(update_fields=["known_client"])
    intake_age_bands_refresh(client=target, acting_user=acting_user)  # its date of birth may be new
    for intake in moved:
        if intake.status == Intake.Status.OPEN:
            conflict_check_run(intake=intake, acting_user=acting_user)
    return target
