"""Reads that pages share, with their prefetching inside."""

from datetime import timedelta

from django.db.models import Count, F, OuterRef, QuerySet, Subquery
from django.utils import timezone

from cases.models import Assignment, Case, CaseEvent, Deadline, Hearing, Note, Offer, TimeEntry
from clinic.history import HistoryRow, history_rows
from clinic.models import User


def _next_hearing(field: str = "starts_at") -> Subquery:
    return Subquery(
        Hearing.objects.filter(case=OuterRef("pk"), starts_at__gte=timezone.now())
        .order_by("starts_at")
        .values(field)[:1]
    )


def with_next_hearing(cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.annotate(next_hearing_at=_next_hearing(), next_hearing_kind=_next_hearing("kind"))


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


def cases_for_attorney(*, user: User, status: str | None = Case.Status.ACTIVE) -> QuerySet[Case]:
    """The attorney's cases (through their open assignments), what is due first at the top."""
    cases = Case.objects.filter(assignments__attorney=user, assignments__ended_at__isnull=True)
    if status:
        cases = cases.filter(status=status)
    return (
        with_next_deadline(with_next_hearing(cases))
        .select_related("client")
        .annotate(assignment_role=F("assignments__role"))
        .order_by(
            F("next_deadline_on").asc(nulls_last=True),
            F("next_hearing_at").asc(nulls_last=True),
            "-is_detained",
            "opened_at",
        )
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


def case_list(*, status: str | None = None) -> QuerySet[Case]:
    cases = Case.objects.all()
    if status:
        cases = cases.filter(status=status)
    return with_next_hearing(cases).select_related("client", "grant").order_by("-is_detained", "opened_at")


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
    """Figures for the coordinators' overview: cases by status and offers about to expire."""
    by_status = dict(Case.objects.order_by().values_list("status").annotate(n=Count("pk")))
    counts = {status: by_status.get(status, 0) for status in Case.Status.values}
    counts["offers_expiring"] = Offer.objects.filter(
        status=Offer.Status.OPEN, expires_at__lte=timezone.now() + expiring_within
    ).count()
    return counts
