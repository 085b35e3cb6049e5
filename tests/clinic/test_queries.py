"""Querysets compiled once and run with each request's values (clinic/queries.py), on whichever
database the suite runs: the rows must be the ORM's own, converted the same way."""

import datetime as dt
import threading

import pytest
from django.db import connections, models
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone

from cases.models import Case, Hearing
from clinic.queries import CompiledQuery, Param
from tests.cases.factories import CaseFactory, HearingFactory
from tests.intake.factories import ClientFactory

pytestmark = pytest.mark.django_db

COLUMNS = ("pk", "public_id", "is_detained", "opened_at", "client__languages", "next_hearing_at", "day")


def _cases(*, detained, after):
    """Cases by detention, with their next hearing after a time: every kind of value a list reads."""
    return (
        Case.objects.filter(is_detained=detained)
        .annotate(
            next_hearing_at=Subquery(
                Hearing.objects.filter(case=OuterRef("pk"), starts_at__gte=after)
                .order_by("starts_at")
                .values("starts_at")[:1]
            ),
            day=F("opened_at__date"),
        )
        .order_by("pk")
        .values_list(*COLUMNS, named=True)
    )


def _compiled():
    return CompiledQuery(
        lambda: _cases(
            detained=Param("detained", models.BooleanField()), after=Param("after", models.DateTimeField())
        )
    )


@pytest.fixture
def cases():
    now = timezone.now()
    made = [
        CaseFactory(is_detained=n % 2 == 0, client=ClientFactory(languages=["es", "qu"][: n % 3]))
        for n in range(6)
    ]
    for n, case in enumerate(made):
        HearingFactory(case=case, starts_at=now + dt.timedelta(days=n - 2))
    return made


def test_its_rows_are_the_querysets_rows_with_the_same_types(cases):
    now = timezone.now()
    query = _compiled()
    for detained in (True, False):
        expected = list(_cases(detained=detained, after=now))
        rows = query.rows(detained=detained, after=now)
        assert rows == expected and len(rows) == 3
        for row, theirs in zip(rows, expected, strict=True):
            assert row._fields == theirs._fields == COLUMNS
            assert [type(value) for value in row] == [type(value) for value in theirs]


def test_each_run_binds_its_own_values(cases):
    query = _compiled()
    now = timezone.now()
    soon = query.rows(detained=True, after=now)
    later = query.rows(detained=True, after=now + dt.timedelta(days=10))
    assert [row.next_hearing_at for row in later] == [None, None, None]
    assert soon != later


def test_a_page_is_a_limit_and_an_offset(cases):
    query = _compiled()
    now = timezone.now()
    every = query.rows(detained=False, after=now)
    assert query.rows(detained=False, after=now, limit=2) == every[:2]
    assert query.rows(detained=False, after=now, limit=2, offset=2) == every[2:4]


def test_it_runs_one_query_and_compiles_once_per_connection(cases, django_assert_num_queries):
    query = _compiled()
    now = timezone.now()
    query.rows(detained=True, after=now)
    with django_assert_num_queries(1):
        query.rows(detained=True, after=now)
    assert list(query._compiled) == [connections["default"]]


def test_another_thread_has_its_own_connection_and_so_its_own_compiled_query(cases):
    query = _compiled()
    query.rows(detained=True, after=timezone.now())
    seen = {}

    def other():
        theirs = connections["default"]
        seen.update(connection=theirs, compiled=query._compiled.get(theirs))
        theirs.close()

    thread = threading.Thread(target=other)
    thread.start()
    thread.join()
    assert seen["connection"] is not connections["default"] and seen["compiled"] is None


def test_a_sliced_queryset_is_refused():
    with pytest.raises(ValueError):
        CompiledQuery(lambda: Case.objects.values_list("pk", named=True)[:5]).rows()


def test_its_rows_are_the_orms_own_row_class_and_pickle(cases):
    import pickle

    now = timezone.now()
    [row, *_] = _compiled().rows(detained=True, after=now)
    [theirs, *_] = _cases(detained=True, after=now)
    assert type(row) is type(theirs)
    assert pickle.loads(pickle.dumps(row)) == row  # noqa: S301 (our own bytes)
