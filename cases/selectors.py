"""Reads that pages share, with their prefetching inside."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from cases.models import Assignment, Case, Hearing, Note, Offer, TimeEntry
from clinic.models import User

# An attorney's load: open assignments on cases in these states (closed ones no longer count).
LOAD_STATUSES = (Case.Status.ACTIVE, Case.Status.OFFERED)
ANSWERED_OFFER_STATUSES = (Offer.Status.ACCEPTED, Offer.Status.DECLINED, Offer.Status.EXPIRED)


def _next_hearing(field: str = "starts_at") -> Subquery:
    return Subquery(
        Hearing.objects.filter(case=OuterRef("pk"), starts_at__gte=timezone.now())
        .order_by("starts_at")
        .values(field)[:1]
    )


def with_next_hearing(cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.annotate(next_hearing_at=_next_hearing(), next_hearing_kind=_next_hearing("kind"))


def cases_for_attorney(*, user: User, status: str | None = Case.Status.ACTIVE) -> QuerySet[Case]:
    """The attorney's cases (through their open assignments), what is due first at the top."""
    cases = Case.objects.filter(assignments__attorney=user, assignments__ended_at__isnull=True)
    if status:
        cases = cases.filter(status=status)
    return (
        with_next_hearing(cases)
        .select_related("client")
        .annotate(assignment_role=F("assignments__role"))
        .order_by(F("next_hearing_at").asc(nulls_last=True), "-is_detained", "opened_at")
    )


def open_offers_for_attorney(*, user: User) -> QuerySet[Offer]:
    return (
        Offer.objects.filter(attorney=user, status=Offer.Status.OPEN, expires_at__gt=timezone.now())
        .select_related("case", "case__client")
        .annotate(
            next_hearing_at=Subquery(
                Hearing.objects.filter(case=OuterRef("case_id"), starts_at__gte=timezone.now())
                .order_by("starts_at")
                .values("starts_at")[:1]
            )
        )
        .order_by("expires_at")
    )


CASE_LIST_ORDER = ("-is_detained", "opened_at", "pk")  # served by the case_list indexes


@dataclass
class CasePage:
    """One page of a list that is not counted: "more" is known by fetching one row too many."""

    cases: list[Case]
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
    """The coordinator's list, detained first then oldest: one page, in one query.

    The page's ids are taken in index order (an inner query that reads no case row beyond the
    page's), and only those rows are joined and given their next hearing. Nothing counts the whole
    table: a clinic's history grows without bound, and the page needs only to know if more follow.
    """
    page = max(1, page)
    ids = Case.objects.order_by(*CASE_LIST_ORDER)
    if status:
        ids = ids.filter(status=status)
    start = (page - 1) * per_page
    ids = ids.values("pk")[start : start + per_page + 1]
    rows = list(
        with_next_hearing(Case.objects.filter(pk__in=ids))
        .select_related("client", "grant")
        .order_by(*CASE_LIST_ORDER)
    )
    return CasePage(cases=rows[:per_page], number=page, has_next=len(rows) > per_page)


def case_detail(*, case: Case) -> dict:
    """Everything the case page shows, in a fixed number of queries."""
    return {
        "assignments": list(
            case.assignments.select_related("attorney", "attorney__attorney_profile").order_by(
                "ended_at", "started_at"
            )
        ),
        "offers": list(case.offers.select_related("attorney").order_by("-offered_at")),
        "hearings": list(case.hearings.all()),
        "notes": list(Note.objects.filter(case=case).select_related("author")),
        "time_entries": list(TimeEntry.objects.filter(case=case).select_related("worked_by", "grant")),
        "adverse_parties": list(case.client.adverse_parties.all()),
    }


def _instance_of(record):
    """The historical record as a model instance, with the related rows it was fetched with, so
    that its label (an assignment names its attorney) costs no query per record."""
    instance = record.instance
    for field in instance._meta.concrete_fields:
        if field.is_relation and field.is_cached(record):
            field.set_cached_value(instance, field.get_cached_value(record))
    return instance


def case_history(*, case: Case) -> list[dict]:
    """Who changed what: simple-history diffs of the case and of its assignments and offers.

    A fixed number of queries however long the history: one per kind of record, each with the
    people its labels name.
    """
    rows = []
    sources = [
        case.history.select_related("history_user"),
        Assignment.history.filter(case_id=case.pk).select_related("history_user", "attorney"),
        Offer.history.filter(case_id=case.pk).select_related("history_user", "attorney"),
        Hearing.history.filter(case_id=case.pk).select_related("history_user"),
        TimeEntry.history.filter(case_id=case.pk).select_related("history_user"),
    ]
    for records in sources:
        records = list(records.order_by("history_date", "history_id"))
        previous_by_id: dict = {}
        for record in records:
            before = previous_by_id.get(record.id)
            changes = []
            if before is not None:
                delta = record.diff_against(before, foreign_keys_are_objs=False)
                fields = record.instance_type._meta
                changes = [(fields.get_field(c.field).verbose_name, c.old, c.new) for c in delta.changes]
            rows.append(
                {
                    "at": record.history_date,
                    "who": record.history_user,
                    "what": record.instance_type._meta.verbose_name,
                    "type": record.get_history_type_display(),
                    "label": str(_instance_of(record)),
                    "changes": changes,
                }
            )
            previous_by_id[record.id] = record
    rows.sort(key=lambda row: row["at"], reverse=True)
    return rows


def case_counts(*, expiring_within: timedelta = timedelta(hours=24)) -> dict[str, int]:
    """Figures for the coordinators' overview: open cases by status and offers about to expire.

    Closed cases are not counted: they are most of the table, and the overview shows work to do.
    """
    open_statuses = [s for s in Case.Status.values if s != Case.Status.CLOSED]
    by_status = dict(
        Case.objects.filter(status__in=open_statuses).order_by().values_list("status").annotate(n=Count("pk"))
    )
    counts = {status: by_status.get(status, 0) for status in open_statuses}
    counts["offers_expiring"] = Offer.objects.filter(
        status=Offer.Status.OPEN, expires_at__lte=timezone.now() + expiring_within
    ).count()
    return counts


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
