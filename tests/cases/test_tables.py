"""The case lists built in Python (cases/views/tables.py): what each cell shows, and that what a user
typed is escaped wherever it is put in."""

import datetime as dt
from types import SimpleNamespace
from uuid import uuid4

from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from cases.views.tables import case_list_table, caseload_table


def _caseload_row(**values):
    row = {
        "pk": 1,
        "public_id": uuid4(),
        "case_type": "asylum",
        "court": "",
        "is_detained": False,
        "client__given_names": "Ana",
        "client__family_names": "Pérez",
        "next_hearing_at": None,
        "next_deadline_on": None,
        "next_deadline_title": "",
        "assignment_role": "lead",
    }
    return SimpleNamespace(**{**row, **values})


def test_the_caseload_escapes_a_name_a_court_and_a_deadline_title():
    today = timezone.localdate()
    row = _caseload_row(
        client__given_names='<script>alert("x")</script>',
        court="Smith & Wesson <Court>",
        next_deadline_on=today + dt.timedelta(days=2),
        next_deadline_title="File <b>now</b>",
    )
    body = caseload_table([row], now=timezone.now()).body()
    assert "<script>" not in body and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body
    assert "Smith &amp; Wesson &lt;Court&gt;" in body
    assert "File &lt;b&gt;now&lt;/b&gt;" in body and "<b>" not in body
    assert '· File &lt;b&gt;now&lt;/b&gt; <span class="badge badge--warn">Due in 2 days</span></td>' in body


def test_a_caseload_row_shows_what_the_templates_showed(settings):
    settings.TIME_ZONE = "America/Chicago"
    when = timezone.now() + dt.timedelta(days=3)
    row = _caseload_row(is_detained=True, court="Chicago", next_hearing_at=when, assignment_role="co_counsel")
    with translation.override("es"):
        body = caseload_table([row], now=timezone.now()).body()
        date = Template('{{ when|date:"SHORT_DATETIME_FORMAT" }}').render(Context({"when": when}))
    assert body.startswith('<tr class="list__item--urgent">')
    assert f'<a href="{reverse("cases:case_detail", args=[row.public_id])}">Ana Pérez</a>' in body
    assert '<span class="badge badge--urgent">Detenido</span>' in body
    assert f"<strong>{date}</strong>" in body  # a hearing within two weeks is urgent
    assert ">Asilo</td>" in body and ">Chicago</td>" in body
    assert body.count(">—</td>") == 1  # no deadline


def test_the_case_list_escapes_a_name_and_a_grant():
    row = SimpleNamespace(
        pk=1,
        public_id=uuid4(),
        status="active",
        case_type="asylum",
        is_detained=False,
        client__given_names="<i>Ana</i>",
        client__family_names="",
        grant__name="A & B",
        next_hearing_at=None,
    )
    body = case_list_table([row]).body()
    assert "&lt;i&gt;Ana&lt;/i&gt;" in body and "A &amp; B" in body and "<i>" not in body
