"""Reads that pages share, with their prefetching inside."""

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import (
    BigIntegerField,
    CharField,
    Count,
    DateTimeField,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.utils import timezone

from cases.models import (
    Assignment,
    AttorneyProfile,
    Case,
    CaseEvent,
    CaseStatusCount,
    Deadline,
    Hearing,
    Note,
    Offer,
    Outcome,
    TimeEntry,
)
from cases.services.funding import INELIGIBLE_FOR_LSC
from clinic.history import HistoryRow, history_rows
from clinic.models import User
from clinic.queries import CompiledQuery, Param

# An attorney's load: open assignments on cases in these states (closed ones no longer count).
LOAD_STATUSES = (Case.Status.ACTIVE, Case.Status.OFFERED)
ANSWERED_OFFER_STATUSES = (Offer.Status.ACCEPTED, Offer.Status.DECLINED, Offer.Status.EXPIRED)


def _next_hearing(field: str = "starts_at", *, case: str = "pk", now=None) -> Subquery:
    """The next hearing's `field` of the case whose id is the outer query's `case` column, from
    `now` (the current time unless a compiled query's `Param` gives it when it runs)."""
    return Subquery(
        Hearing.objects.filter(case=OuterRef(case), starts_at__gte=timezone.now() if now is None else now)
        .order_by("starts_at")
        .values(field)[:1]
    )


def with_next_hearing(cases: QuerySet[Case], *, now=None) -> QuerySet[Case]:
    return cases.annotate(
        next_hearing_at=_next_hearing(now=now), next_hearing_kind=_next_hearing("kind", now=now)
    )


def _next_deadline(field: str) -> Subquery:
    """The earliest open deadline, overdue ones included: an overdue deadline is the most urgent."""
    return Subquery(
        Deadline.objects.filter(case=OuterRef("pk"), status=Deadline.Status.OPEN)
        .order_by("due_date", "pk")
        .values(field)[:1]
    )


def with_next_deadline(cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.annotate(
        next_deadline_on=_next_deadline("due_date"), next_deadline_title=_next_deadline("title")
    )


# What a row of the caseload shows, read as values (as the case list's rows are).
CASELOAD_COLUMNS = (
    "pk",
    "public_id",
    "case_type",
    "court",
    "is_detained",
    "client__given_names",
    "client__family_names",
    "next_hearing_at",
    "next_deadline_on",
    "next_deadline_title",
    "assignment_role",
)


def _caseload() -> QuerySet:
    now = Param("now", DateTimeField())
    held = Case.objects.filter(
        assignments__attorney_id=Param("attorney", BigIntegerField()),
        assignments__ended_at__isnull=True,
        status=Case.Status.ACTIVE,
    )
    return (
        with_next_deadline(held.annotate(next_hearing_at=_next_hearing(now=now)))
        .annotate(assignment_role=F("assignments__role"))
        .order_by(
            F("next_deadline_on").asc(nulls_last=True),
            F("next_hearing_at").asc(nulls_last=True),
            "-is_detained",
            "opened_at",
        )
        .values_list(*CASELOAD_COLUMNS, named=True)
    )


# Compiled once per connection (clinic/queries.py): building and compiling its three subqueries
# cost more than PostgreSQL took to run them, on every view of the page.
_CASELOAD = CompiledQuery(_caseload)


def caseload_page(*, user: User, page: int = 1, per_page: int = 50) -> "CasePage":
    """One page of the attorney's active cases (through their open assignments), what is due first
    at the top, as rows named by CASELOAD_COLUMNS; the database orders them, and only the page's
    rows are read."""
    page = max(1, page)
    rows = _CASELOAD.rows(
        attorney=user.pk, now=timezone.now(), limit=per_page + 1, offset=(page - 1) * per_page
    )
    return CasePage(cases=rows[:per_page], number=page, has_next=len(rows) > per_page)


# What an offer shows before it is accepted, read as values: the case's kind, court and urgency and
# the client's languages, never the client's name or private details.
OFFER_COLUMNS = (
    "pk",
    "expires_at",
    "case__public_id",
    "case__case_type",
    "case__is_detained",
    "case__court",
    "case__client__languages",
    "next_hearing_at",
)


def _open_offers() -> QuerySet:
    now = Param("now", DateTimeField())
    return (
        Offer.objects.filter(
            attorney_id=Param("attorney", BigIntegerField()), status=Offer.Status.OPEN, expires_at__gt=now
        )
        .annotate(next_hearing_at=_next_hearing(case="case_id", now=now))
        .order_by("expires_at")
        .values_list(*OFFER_COLUMNS, named=True)
    )


_OPEN_OFFERS = CompiledQuery(_open_offers)


def open_offers_for_attorney(*, user: User) -> list:
    """What an attorney is offered and may still answer, the soonest to expire first, as rows named
    by OFFER_COLUMNS (`row.case__court`, `row.next_hearing_at`)."""
    return _OPEN_OFFERS.rows(attorney=user.pk, now=timezone.now())


CASE_LIST_ORDER = ("-is_detained", "opened_at", "pk")  # served by the case_list indexes
# What a row of the list shows, read as values: fifty model instances (and their clients and grants)
# cost more to build than the page's query took to run.
CASE_LIST_COLUMNS = (
    "pk",
    "public_id",
    "status",
    "case_type",
    "is_detained",
    "client__given_names",
    "client__family_names",
    "grant__name",
    "next_hearing_at",
)


@dataclass
class CasePage:
    """One page of a list that is not counted: "more" is known by fetching one row too many."""

    cases: list  # Case instances, or the named rows a list reads as values
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1


def case_list(*, status: str | None = None, page: int = 1, per_page: int = 50) -> CasePage:
    """The coordinator's list, detained first then oldest: one page, in one query. Its cases are
    rows named by CASE_LIST_COLUMNS (`row.public_id`, `row.client__given_names`), not models.

    The page's ids are taken in index order (an inner query that reads no case row beyond the
    page's), and only those rows are joined and given their next hearing. Nothing counts the whole
    table: a clinic's history grows without bound, and the page needs only to know if more follow.
    """
    page = max(1, page)
    start = (page - 1) * per_page
    query = _case_list_query(filtered=bool(status), start=start, stop=start + per_page + 1)
    rows = query.rows(now=timezone.now(), status=status)
    return CasePage(cases=rows[:per_page], number=page, has_next=len(rows) > per_page)


@functools.lru_cache(maxsize=64)
def _case_list_query(*, filtered: bool, start: int, stop: int) -> CompiledQuery:
    """The list's query for one slice, with or without a status, compiled once per connection
    (clinic/queries.py): building it cost more than running it. The slice is inside the query, in
    the inner query that picks the page's ids, so each page asked for has its own compiled query;
    the first pages are the ones people read, and the 64 most recent are kept."""

    def build() -> QuerySet:
        ids = Case.objects.order_by(*CASE_LIST_ORDER)
        if filtered:
            ids = ids.filter(status=Param("status", CharField()))
        ids = ids.values("pk")[start:stop]
        return (
            with_next_hearing(Case.objects.filter(pk__in=ids), now=Param("now", DateTimeField()))
            .order_by(*CASE_LIST_ORDER)
            .values_list(*CASE_LIST_COLUMNS, named=True)
        )

    return CompiledQuery(build)


def case_detail(*, case: Case) -> dict:
    """Everything the case page shows, in a fixed number of queries."""
    return {
        "assignments": list(
            case.assignments.select_related("attorney", "attorney__attorney_profile").order_by(
                "ended_at", "started_at"
            )
        ),
        "offers": list(case.offers.select_related("attorney").order_by("-offered_at")),
        "hearings": list(case.hearings.select_related("court")),
        "deadlines": sorted(  # open ones first, each group by date
            case.deadlines.select_related("rule_version", "owner").order_by("due_date", "pk"),
            key=lambda deadline: deadline.status != Deadline.Status.OPEN,
        ),
        "events": list(case.events.select_related("recorded_by")),
        "notes": list(Note.objects.filter(case=case).select_related("author")),
        "time_entries": list(TimeEntry.objects.filter(case=case).select_related("worked_by", "grant")),
        "adverse_parties": list(case.client.adverse_parties.all()),
    }


def case_history(*, case: Case) -> list[HistoryRow]:
    """Who changed what, as sentences: the case, its assignments, offers, hearings, notes and time.

    A fixed number of queries whatever the length of the history (one per source and one per
    related model named in it).
    """
    return history_rows(
        [
            case.history.all(),
            Assignment.history.filter(case_id=case.pk),
            Offer.history.filter(case_id=case.pk),
            Hearing.history.filter(case_id=case.pk),
            Deadline.history.filter(case_id=case.pk),
            CaseEvent.history.filter(case_id=case.pk),
            Note.history.filter(case_id=case.pk),
            TimeEntry.history.filter(case_id=case.pk),
        ],
        hidden_fields={"client_name_key", "public_id", "source_key"},
    )


def case_counts(*, expiring_within: timedelta = timedelta(hours=24)) -> dict[str, int]:
    """Figures for the coordinators' overview: open cases by status and offers about to expire.

    Closed cases are not shown: they are most of the table, and the overview shows work to do. The
    numbers come from CaseStatusCount, which the database keeps current, not from counting cases.
    """
    open_statuses = [s for s in Case.Status.values if s != Case.Status.CLOSED]
    expires_by = timezone.now() + expiring_within
    expiring = Offer.objects.filter(status=Offer.Status.OPEN, expires_at__lte=expires_by)
    # One round trip: the expiring offers are counted as one more (name, number) row. Grouped by a
    # constant, which is no GROUP BY at all, the count is a single row even when no offer matches.
    # COUNT(*), not COUNT(id): the (status, expires_at) index alone answers it, without the table.
    rows = (
        CaseStatusCount.objects.filter(status__in=open_statuses)
        .values_list("status", "total")
        .union(expiring.values_list(Value("offers_expiring")).annotate(n=Count("*")), all=True)
    )
    by_name = dict(rows)
    counts = {status: by_name.get(status, 0) for status in open_statuses}
    counts["offers_expiring"] = by_name["offers_expiring"]
    return counts


# Reports ------------------------------------------------------------------------------------------


def case_report_counts(*, period, grant=None) -> dict:
    """Reports: what cases did in `period`, counted by the database (GROUP BY), per quarter."""
    from clinic.aggregates import count_by_quarter, median_duration

    cases = Case.objects.all()
    entries = TimeEntry.objects.all()
    if grant is not None:
        cases = cases.filter(grant=grant)
        entries = entries.filter(grant=grant)
    opened = cases.filter(opened_at__gte=period.start_at, opened_at__lte=period.end_at)
    closed = cases.filter(closed_at__gte=period.start_at, closed_at__lte=period.end_at)
    accepted = cases.filter(accepted_at__gte=period.start_at, accepted_at__lte=period.end_at)
    decided = closed.exclude(outcome__in=[Outcome.PENDING, Outcome.WITHDRAWN, Outcome.OTHER])
    hearings = Hearing.objects.filter(
        case__in=cases, starts_at__gte=period.start_at, starts_at__lte=min(period.end_at, timezone.now())
    )
    worked = entries.filter(worked_on__gte=period.start, worked_on__lte=period.end)
    pro_bono = worked.filter(worked_by__attorney_profile__kind=AttorneyProfile.Kind.PRO_BONO)
    active_attorneys = (
        Assignment.objects.filter(case__in=cases, started_at__lte=period.end_at)
        .filter(Q(ended_at__isnull=True) | Q(ended_at__gte=period.start_at))
        .values("attorney_id")
        .distinct()
        .count()
    )
    # LSC's Case Service Report counts closed cases of eligible clients only.
    lsc_rows = (
        closed.exclude(client__lsc_eligibility__in=INELIGIBLE_FOR_LSC)
        .order_by()
        .values_list("problem_code", "closing_code")
        .annotate(n=Count("pk"))
    )
    return {
        "opened_by_type": count_by_quarter(opened, category="case_type", when="opened_at", period=period),
        "closed_by_type": count_by_quarter(closed, category="case_type", when="closed_at", period=period),
        "closed_by_problem": count_by_quarter(
            closed, category="problem_code", when="closed_at", period=period
        ),
        "closed_by_closing": count_by_quarter(
            closed, category="closing_code", when="closed_at", period=period
        ),
        "outcome": count_by_quarter(closed, category="outcome", when="closed_at", period=period),
        "detained": count_by_quarter(opened, category="is_detained", when="opened_at", period=period),
        "hearings": count_by_quarter(hearings, category="kind", when="starts_at", period=period),
        "lsc_csr": {(problem, closing): n for problem, closing, n in lsc_rows},
        "opened": opened.count(),
        "closed": closed.count(),
        "decided": decided.count(),
        "relief_granted": decided.filter(outcome=Outcome.RELIEF_GRANTED).count(),
        "released": closed.filter(outcome=Outcome.RELEASED_ON_BOND).count(),
        "hours": worked.aggregate(total=Sum("hours"))["total"] or 0,
        "pro_bono_hours": pro_bono.aggregate(total=Sum("hours"))["total"] or 0,
        "median_to_acceptance": median_duration(accepted, "intake_to_acceptance"),
        "attorneys_active": active_attorneys,
        "client_ids": cases.filter(
            Q(opened_at__lte=period.end_at) & (Q(closed_at__isnull=True) | Q(closed_at__gte=period.start_at))
        ).values("client_id"),
    }


def attorney_figures(*, attorney_ids: Iterable[int] | None = None) -> dict[int, dict]:
    """What the ranking needs about each attorney, counted from the assignments and offers.

    The source of truth for `AttorneyStats`: the services store it for the attorneys they touch,
    and `recount_attorney_loads` compares or rebuilds every row from it. Attorneys with nothing to
    count are absent (their figures are all zero).
    """
    assignments = Assignment.objects.order_by()
    offers = Offer.objects.order_by().filter(status__in=ANSWERED_OFFER_STATUSES)
    if attorney_ids is not None:
        attorney_ids = list(attorney_ids)
        assignments = assignments.filter(attorney_id__in=attorney_ids)
        offers = offers.filter(attorney_id__in=attorney_ids)
    figures: dict[int, dict] = {}

    def row(attorney_id: int) -> dict:
        return figures.setdefault(attorney_id, empty_attorney_figures())

    current = assignments.filter(ended_at__isnull=True, case__status__in=LOAD_STATUSES)
    for attorney_id, n in current.values_list("attorney_id").annotate(n=Count("pk")):
        row(attorney_id)["active_cases"] = n
    for attorney_id, case_type, n in assignments.values_list("attorney_id", "case__case_type").annotate(
        n=Count("pk")
    ):
        row(attorney_id)["cases_by_type"][case_type] = n
    answered = offers.values_list("attorney_id").annotate(
        answered=Count("pk"), accepted=Count("pk", filter=Q(status=Offer.Status.ACCEPTED))
    )
    for attorney_id, n_answered, n_accepted in answered:
        row(attorney_id).update(offers_answered=n_answered, offers_accepted=n_accepted)
    return figures


def empty_attorney_figures() -> dict:
    return {"active_cases": 0, "cases_by_type": {}, "offers_answered": 0, "offers_accepted": 0}


def case_status_counts_drift() -> dict[str, tuple[int, int]]:
    """Statuses whose kept number differs from a count of the cases: {status: (kept, counted)}."""
    kept = dict(CaseStatusCount.objects.values_list("status", "total"))
    counted = dict(Case.objects.order_by().values_list("status").annotate(n=Count("pk")))
    return {
        status: (kept.get(status, 0), counted.get(status, 0))
        for status in set(kept) | set(counted)
        if kept.get(status, 0) != counted.get(status, 0)
    }
