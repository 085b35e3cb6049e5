"""Writes to clients: identity, aliases, adverse parties, households and the name index."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from clinic import crypto
from clinic.models import User
from intake.matching import MATCH_THRESHOLD, score_names
from intake.models import (
    AdverseParty,
    Client,
    ClientAlias,
    Household,
    NameKind,
    SearchKey,
    SearchName,
    SearchToken,
)
from intake.normalise import blocking_keys, conflict_name, normalise_name


@dataclass
class Identity:
    """What a form tells us about a person; every field optional except the names."""

    given_names: str
    family_names: str
    aliases: list[str] = field(default_factory=list)
    date_of_birth: date | None = None
    a_number: str = ""  # already normalised to 9 digits
    country_of_birth: str = ""
    preferred_language: str = ""
    languages: list[str] = field(default_factory=list)
    phone: str = ""
    address: str = ""
    safe_contact_name: str = ""
    safe_contact_note: str = ""
    relationship: str = Client.Relationship.PRINCIPAL


@dataclass
class Party:
    name: str
    kind: str = AdverseParty.Kind.PERSON
    never_contact: bool = False


def a_number_index(a_number: str) -> str:
    return crypto.blind_index(a_number, purpose="a_number") if a_number else ""


def name_dob_index(given_names: str, family_names: str, date_of_birth: date | None) -> str:
    if date_of_birth is None:
        return ""
    value = f"{normalise_name(f'{given_names} {family_names}')}|{date_of_birth.isoformat()}"
    return crypto.blind_index(value, purpose="name_dob")


def client_find_known(*, identity: Identity, exclude_ids: tuple[int, ...] = ()) -> tuple[Client, str] | None:
    """The oldest known client this identity may be, and the key that says so (blind indexes only).

    Only coordinators may learn the answer: it is recorded as a ClientMatch, never shown on a
    volunteer's page.
    """
    from intake.models import ClientMatch

    known = Client.objects.filter(merged_into__isnull=True).exclude(pk__in=exclude_ids).order_by("pk")
    if identity.a_number:
        client = known.filter(a_number_index=a_number_index(identity.a_number)).first()
        if client is not None:
            return client, ClientMatch.Key.A_NUMBER
    index = name_dob_index(identity.given_names, identity.family_names, identity.date_of_birth)
    if index:
        client = known.filter(name_dob_index=index).first()
        if client is not None:
            return client, ClientMatch.Key.NAME_DOB
    return None


def client_find_existing(*, identity: Identity) -> Client | None:
    found = client_find_known(identity=identity)
    return found[0] if found else None


def never_contact_names(*, parties: list[Party]) -> list[str]:
    return [party.name for party in parties if party.never_contact]


def check_safe_contact(*, safe_contact_name: str, never_contact: list[str]) -> None:
    """A never-contact party (an abuser) must not become the client's safe or emergency contact."""
    wanted = conflict_name(safe_contact_name)
    if not wanted:
        return
    for name in never_contact:
        if score_names(wanted, conflict_name(name)) >= MATCH_THRESHOLD:
            raise ValidationError(
                {
                    "safe_contact_name": _(
                        "%(name)s is marked never contact: they cannot be this client's safe contact."
                    )
                    % {"name": name}
                }
            )


IDENTITY_FIELDS = (
    "a_number",
    "date_of_birth",
    "country_of_birth",
    "preferred_language",
    "phone",
    "address",
    "safe_contact_name",
    "safe_contact_note",
)


def client_reindex(client: Client) -> None:
    client.a_number_index = a_number_index(client.a_number)
    client.name_dob_index = name_dob_index(client.given_names, client.family_names, client.date_of_birth)


@transaction.atomic
def client_create(*, identity: Identity, acting_user: User, household: Household | None = None) -> Client:
    """A new client record holding exactly what was typed; a known client is never touched here."""
    client = Client(
        created_by=acting_user,
        given_names=identity.given_names,
        family_names=identity.family_names,
        languages=sorted(set(identity.languages)),
    )
    for attribute in IDENTITY_FIELDS:
        value = getattr(identity, attribute)
        if value:
            setattr(client, attribute, value)
    client_reindex(client)
    if household is not None:
        client.household = household
        client.household_relationship = identity.relationship
    client._history_user = acting_user
    client.full_clean()
    client.save()
    known = {normalise_name(client.full_name)}
    for alias in identity.aliases:
        normalised = normalise_name(alias)
        if normalised and normalised not in known:
            known.add(normalised)
            client_alias_add(client=client, name=alias.strip(), acting_user=acting_user, reindex=False)
    search_index_rebuild(client=client)
    return client


@transaction.atomic
def client_alias_add(*, client: Client, name: str, acting_user: User, reindex: bool = True) -> ClientAlias:
    alias = ClientAlias(client=client, name=name)
    alias._history_user = acting_user
    alias.full_clean()
    alias.save()
    if reindex:
        search_index_rebuild(client=client)
    return alias


@transaction.atomic
def household_create(*, acting_user: User) -> Household:
    household = Household(created_by=acting_user)
    household._history_user = acting_user
    household.save()
    return household


@transaction.atomic
def adverse_parties_set(*, client: Client, parties: list[Party], acting_user: User) -> list[AdverseParty]:
    """Replaces the client's adverse parties, then re-runs the conflict check of their open intakes.

    Cases call this when a matter's parties change, so that a new party is checked at once.
    """
    from intake.services.conflicts import conflict_checks_rerun_for_client

    check_safe_contact(
        safe_contact_name=client.safe_contact_name,
        never_contact=[party.name for party in parties if party.never_contact],
    )
    wanted = {(normalise_name(p.name), p.kind): p for p in parties if normalise_name(p.name)}
    kept: list[AdverseParty] = []
    for existing in client.adverse_parties.all():
        party = wanted.pop((normalise_name(existing.name), existing.kind), None)
        existing._history_user = acting_user
        if party is None:
            existing.delete()
            continue
        if existing.never_contact != party.never_contact:
            existing.never_contact = party.never_contact
            existing.save(update_fields=["never_contact"])
        kept.append(existing)
    for party in wanted.values():
        created = AdverseParty(
            client=client, name=party.name.strip(), kind=party.kind, never_contact=party.never_contact
        )
        created._history_user = acting_user
        created.full_clean()
        created.save()
        kept.append(created)
    search_index_rebuild(client=client)
    conflict_checks_rerun_for_client(client=client, acting_user=acting_user)
    return kept


@transaction.atomic
def search_index_rebuild(*, client: Client) -> None:
    """Derives the client's normalised names (client, aliases, adverse parties) for the conflict check.

    A record merged into another is searched through that other record only.
    """
    SearchName.objects.filter(client=client).delete()
    if client.merged_into_id is not None:
        return
    entries = [SearchName(client=client, kind=NameKind.CLIENT, display=client.full_name)]
    entries += [SearchName(client=client, kind=NameKind.ALIAS, display=a.name) for a in client.aliases.all()]
    entries += [
        SearchName(client=client, kind=NameKind.ADVERSE, display=p.name, never_contact=p.never_contact)
        for p in client.adverse_parties.all()
    ]
    for entry in entries:
        entry.display = entry.display[:300]
        entry.normalised = conflict_name(entry.display)[:300]
    created = SearchName.objects.bulk_create([e for e in entries if e.normalised])
    _index_words(created, key_model=SearchKey, token_model=SearchToken)


def _index_words(entries, *, key_model, token_model) -> None:
    """The vocabulary (PostgreSQL) and blocking keys (SQLite) of freshly written index entries.

    Takes the models as arguments so that the migration that re-derives the index uses its own."""
    words = {word[:100] for entry in entries for word in entry.normalised.split()}
    token_model.objects.bulk_create([token_model(token=word) for word in words], ignore_conflicts=True)
    key_model.objects.bulk_create(
        [
            key_model(name=entry, key=key, token=token)
            for entry in entries
            for token, key in blocking_keys(entry.normalised)
        ],
        batch_size=5000,
    )


def search_index_rederive(*, name_model=SearchName, key_model=SearchKey, token_model=SearchToken) -> int:
    """Re-derives every indexed name's canonical form, keys and vocabulary from its display text,
    after conflict_name or its tables (intake.name_variants) changed. Returns the names indexed."""
    key_model.objects.all().delete()
    token_model.objects.all().delete()
    entries = list(name_model.objects.only("pk", "display", "normalised").order_by("pk"))
    for entry in entries:
        entry.normalised = conflict_name(entry.display)[:300]
    name_model.objects.filter(pk__in=[e.pk for e in entries if not e.normalised]).delete()
    entries = [e for e in entries if e.normalised]
    name_model.objects.bulk_update(entries, ["normalised"], batch_size=2000)
    _index_words(entries, key_model=key_model, token_model=token_model)
    return len(entries)
