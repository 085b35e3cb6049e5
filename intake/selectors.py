from collections.abc import Iterable
from uuid import UUID

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce

from clinic.models import User
from clinic.queries import CompiledQuery
from intake.matching import find_similar_names
from intake.models import AdverseParty, Client, ClientMatch, ConflictCheck, ConflictHit, Intake, NameKind
from intake.normalise import normalise_name
from intake.services.clients import a_number_index
from intake.services.intakes import draft_content

# What a row of the coordinator's queue shows, read as values (as the case lists' rows are).
INTAKE_QUEUE_COLUMNS = (
    "pk",
    "public_id",
    "client_id",
    "client__given_names",
    "client__family_names",
    "channel",
    "is_urgent",
    "is_emergency",
    "is_detained",
    "facility",
    "detained_on",
    "conflict_status",
    "pending_matches",
    "waiting_since",
)


def open_intakes_for_volunteer(*, user: User) -> QuerySet[Intake]:
    return (
        Intake.objects.filter(volunteer=user, status__in=[Intake.Status.DRAFT, Intake.Status.OPEN])
        .select_related("client", "submitted_client")
        .order_by("-is_urgent", "-created_at")
    )


def client_public_ids(*, pks: Iterable[int]) -> dict[int, UUID]:
    """Row id to public id, for links to client pages from rows that keep only the row id."""
    pks = set(pks)
    return dict(Client.objects.filter(pk__in=pks).values_list("pk", "public_id")) if pks else {}


def draft_typed_name(*, intake: Intake) -> str:
    """The name typed on a draft's identity step, valid or not: how its volunteer recognises it."""
    identity = draft_content(intake)["steps"].get("identity", {})
    parts = [(identity.get(field) or [""])[0].strip() for field in ("given_names", "family_names")]
    return " ".join(part for part in parts if part)


def intake_queue() -> list:
    """Open intakes for coordinators, as rows named by INTAKE_QUEUE_COLUMNS, each with
    `waiting_since` (when it reached the queue) and `pending_matches` (whether a possible returning
    client is not yet confirmed or rejected).

    Hotline emergencies come first, the newest first: a detention reported minutes ago is the one
    where an hour still decides whether the person is found before a transfer, and the older ones
    have already reached the on-call coordinators. Then the other urgent intakes (detained, a hearing
    soon), then the rest, each group oldest waiting first, so that nobody waits unseen the longest.

    Only the columns the queue shows are read, as values: an intake and its client carry a dozen
    ciphertexts each, and sixty model instances with their clients cost more to build than the
    query took to run. The rows are put in order here rather than in SQL: the queue shows every open
    intake anyway, and the conditional ORDER BY cost more to build on each request than sorting the
    rows it returned. The query is compiled once per connection: building it cost more than
    running it.
    """
    return sorted(_QUEUE.rows(), key=_queue_order)


def _queue() -> QuerySet:
    pending = ClientMatch.objects.filter(intake=OuterRef("pk"), status=ClientMatch.Status.PENDING)
    return (
        Intake.objects.filter(status=Intake.Status.OPEN)
        .annotate(pending_matches=Exists(pending), waiting_since=Coalesce("submitted_at", "created_at"))
        .values_list(*INTAKE_QUEUE_COLUMNS, named=True)
    )


# Compiled once per connection (clinic/queries.py): the same on every view of the queue.
_QUEUE = CompiledQuery(_queue)


def _queue_order(intake) -> tuple:
    since = intake.waiting_since.timestamp()
    emergency = intake.is_emergency
    return (not emergency, -since if emergency else 0.0, not intake.is_urgent, since, intake.pk)


def intake_for_detail(*, intake: Intake) -> Intake:
    """The intake with everything its page shows, in a fixed number of queries."""
    return (
        Intake.objects.select_related(
            "client", "client__household", "submitted_client", "volunteer", "decided_by"
        )
        .prefetch_related(
            "client__aliases",
            Prefetch("client__adverse_parties", queryset=AdverseParty.objects.order_by("name")),
            Prefetch("submitted_client__adverse_parties", queryset=AdverseParty.objects.order_by("name")),
        )
        .get(pk=intake.pk)
    )


def current_conflict_check(*, intake: Intake) -> ConflictCheck | None:
    return (
        intake.conflict_checks.select_related("run_by")
        .prefetch_related(
            Prefetch("hits", queryset=ConflictHit.objects.select_related("matched_client", "cleared_by"))
        )
        .first()
    )


def household_members(*, client: Client | None) -> list[Client]:
    if client is None or client.household_id is None:
        return []
    return list(
        Client.objects.filter(household_id=client.household_id, merged_into__isnull=True)
        .exclude(pk=client.pk)
        .order_by("pk")
    )


def never_contact_parties(*, client: Client | None) -> list[AdverseParty]:
    """Parties nobody may contact, of the record the page shows: a warning to anyone about to reach out."""
    if client is None:
        return []
    return [party for party in client.adverse_parties.all() if party.never_contact]


def client_matches(*, intake: Intake) -> list[ClientMatch]:
    """Possible returning clients of this intake: for coordinators only."""
    return list(
        intake.client_matches.select_related("typed_client", "known_client", "decided_by").order_by("pk")
    )


def intake_counts() -> dict[str, int]:
    """Figures for the coordinators' overview, in one query over the open intakes only (found by
    the status index), not over every intake the clinic ever took."""
    return Intake.objects.filter(status=Intake.Status.OPEN).aggregate(
        open=Count("pk"),
        urgent=Count("pk", filter=Q(is_urgent=True)),
        conflict_review=Count("pk", filter=Q(conflict_status=Intake.ConflictStatus.REVIEW)),
    )


def intake_report_counts(*, period, within: Q | None = None) -> dict[str, dict]:
    """Reports: intakes submitted in `period` by channel and by outcome, per quarter, and the
    screened clients (distinct clients) by language, income band, country of birth, age group,
    gender, ZIP code, community area and ward (where one was recorded). `within` narrows the
    intakes (e.g. to those whose case a grant pays for)."""
    from clinic.aggregates import count_by_quarter

    intakes = Intake.objects.filter(submitted_at__gte=period.start_at, submitted_at__lte=period.end_at)
    if within is not None:
        intakes = intakes.filter(within)
    return {
        "channel": count_by_quarter(intakes, category="channel", when="submitted_at", period=period),
        "outcome": count_by_quarter(intakes, category="status", when="submitted_at", period=period),
        "language": count_by_quarter(
            intakes.exclude(client=None),
            category="client__preferred_language",
            when="submitted_at",
            period=period,
            distinct="client_id",
        ),
        "income_band": count_by_quarter(
            intakes.exclude(eligibility_band=""),
            category="eligibility_band",
            when="submitted_at",
            period=period,
            distinct="client_id",
        ),
        "country": count_by_quarter(
            intakes.exclude(client=None),
            category="client__country_of_birth",
            when="submitted_at",
            period=period,
            distinct="client_id",
        ),
        "emergencies": count_by_quarter(
            intakes.filter(is_emergency=True), category="channel", when="submitted_at", period=period
        ),
        # What each intake recorded of the client then (their age then, where they lived then).
        **{
            key: count_by_quarter(
                intakes.exclude(client=None),
                category=key,
                when="submitted_at",
                period=period,
                distinct="client_id",
            )
            for key in ("age_band", "gender", "zip_code", "community_area")
        },
        "ward": count_by_quarter(
            intakes.exclude(client=None).exclude(ward=None),
            category="ward",
            when="submitted_at",
            period=period,
            distinct="client_id",
        ),
    }


def intake_clients(*, period, within: Q | None = None) -> QuerySet:
    """Ids of the clients who came through intake in `period` (for unduplicated counts)."""
    intakes = Intake.objects.filter(submitted_at__gte=period.start_at, submitted_at__lte=period.end_at)
    if within is not None:
        intakes = intakes.filter(within)
    return intakes.exclude(client=None).values("client_id")


def outreach_report_counts(*, period) -> dict:
    """Reports: workshops and forums held in `period`, by kind per quarter, with their reach."""
    from django.db.models import Sum

    from clinic.aggregates import count_by_quarter
    from intake.models import OutreachEvent

    events = OutreachEvent.objects.filter(held_on__gte=period.start, held_on__lte=period.end)
    reach = events.aggregate(attendees=Sum("attendees"), materials=Sum("materials"))
    by_code: dict[str, dict[str, int]] = {}
    for kind, n, attendees in (
        events.order_by().values_list("kind").annotate(n=Count("pk"), people=Sum("attendees"))
    ):
        code = OutreachEvent.LSC_CODES[kind]
        entry = by_code.setdefault(code, {"events": 0, "attendees": 0})
        entry["events"] += n
        entry["attendees"] += attendees or 0
    return {
        "by_kind": count_by_quarter(events, category="kind", when="held_on", period=period),
        "by_language": count_by_quarter(events, category="language", when="held_on", period=period),
        "events": events.count(),
        "attendees": reach["attendees"] or 0,
        "materials": reach["materials"] or 0,
        "lsc_other_services": by_code,
        "intakes_at_events": events.aggregate(n=Count("intakes"))["n"],
    }


# Clients, for coordinators ------------------------------------------------------------------------


def clients_named(*, name: str, limit: int = 50) -> list[Client]:
    """Clients whose name or another name resembles `name`, through the conflict index (typos allowed)."""
    normalised = normalise_name(name)
    if not normalised:
        return []
    best: dict[int, int] = {}
    for match in find_similar_names(normalised):
        if match.kind in (NameKind.CLIENT, NameKind.ALIAS):
            best[match.client_id] = max(best.get(match.client_id, 0), match.score)
    ranked = sorted(best, key=lambda pk: (-best[pk], pk))[:limit]
    found = Client.objects.filter(pk__in=ranked, merged_into__isnull=True).in_bulk()
    return [found[pk] for pk in ranked if pk in found]


def clients_with_a_number(*, a_number: str) -> list[Client]:
    """Exact lookup through the blind index; `a_number` is already normalised."""
    return list(
        Client.objects.filter(a_number_index=a_number_index(a_number), merged_into__isnull=True).order_by(
            "pk"
        )
    )


def client_for_page(*, client: Client) -> Client:
    return (
        Client.objects.select_related("household", "merged_into", "created_by")
        .prefetch_related(
            "aliases", Prefetch("adverse_parties", queryset=AdverseParty.objects.order_by("name"))
        )
        .get(pk=client.pk)
    )


def client_intakes(*, client: Client) -> list[Intake]:
    """Every intake of this person, including those typed before a coordinator linked them."""
    return list(
        Intake.objects.filter(Q(client=client) | Q(submitted_client=client))
        .exclude(status=Intake.Status.DRAFT)
        .select_related("volunteer")
        .order_by("-created_at")
    )


def client_latest_intake(*, client: Client) -> Intake | None:
    """The client's most recent submitted intake: what it records for funders is the latest known."""
    return (
        Intake.objects.filter(Q(client=client) | Q(submitted_client=client), submitted_at__isnull=False)
        .order_by("-submitted_at", "-pk")
        .first()
    )


def client_possible_duplicates(*, client: Client, limit: int = 10) -> list[Client]:
    """Other records that may be this person: same A-number, or a name that resembles theirs."""
    ids = set(
        Client.objects.filter(merged_into__isnull=True)
        .exclude(a_number_index="")
        .filter(a_number_index=client.a_number_index)
        .values_list("pk", flat=True)
    )
    ids |= {other.pk for other in clients_named(name=client.full_name, limit=limit)}
    ids.discard(client.pk)
    return list(Client.objects.filter(pk__in=ids, merged_into__isnull=True).order_by("pk")[:limit])


def client_history(*, client: Client, limit: int = 50) -> list[dict]:
    """The client's changes, newest first: when, who, and which fields (never their values)."""
    records = list(
        client.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    entries = []
    for record, previous in zip(records, [*records[1:], None], strict=False):
        if len(entries) == limit:
            break
        changed = []
        if previous is not None and record.history_type == "~":
            changed = [
                str(Client._meta.get_field(change.field).verbose_name)
                for change in record.diff_against(previous).changes
                if not change.field.endswith("_index")
            ]
        entries.append(
            {
                "when": record.history_date,
                "who": record.history_user,
                "type": record.get_history_type_display(),
                "reason": record.history_change_reason or "",
                "changed": changed,
            }
        )
    return entries
