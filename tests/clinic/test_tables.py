"""List tables built in Python (clinic/tables.py): the list-table markup, escaping, dates."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.utils import translation
from django.utils.html import format_html

from clinic.tables import Column, Table, short_date, short_datetime


def _table(rows, **kwargs):
    return Table(
        [
            Column("Name", lambda row: row["name"]),
            Column("Link", lambda row: format_html('<a href="{}">{}</a>', row["href"], row["name"])),
            Column("Next step", lambda row: "go", actions=True),
        ],
        rows,
        **kwargs,
    )


def test_every_cell_names_its_column_but_the_row_buttons():
    body = _table([{"name": "Ana", "href": "/a/"}]).body()
    assert body.count('<td data-label="Name">') == 1
    assert body.count('<td data-label="Link">') == 1
    assert '<td class="list-table__actions">go</td>' in body
    assert body.startswith("<tr><td")


def test_it_escapes_what_a_user_typed_and_keeps_the_markup_a_cell_made():
    body = _table([{"name": '<script>alert("x")</script>', "href": '/a/?q="1"'}]).body()
    assert "<script>" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body
    assert '<a href="/a/?q=&quot;1&quot;">' in body


def test_it_escapes_a_column_label():
    body = Table([Column('Say "hi" & <b>', lambda row: row)], ["x"]).body()
    assert 'data-label="Say &quot;hi&quot; &amp; &lt;b&gt;"' in body


def test_a_row_takes_the_class_it_is_given_and_no_empty_class():
    body = _table(
        [{"name": "Urgent", "href": "/u/"}, {"name": "Calm", "href": "/c/"}],
        row_class=lambda row: "list__item--urgent" if row["name"] == "Urgent" else "",
    ).body()
    first, second = body.strip().split("\n")
    assert first.startswith('<tr class="list__item--urgent">')
    assert second.startswith("<tr><td")


def test_an_empty_table_is_false_and_renders_no_rows():
    table = _table([])
    assert not table and len(table) == 0
    assert table.body() == ""


def test_dates_are_shown_in_the_readers_time_zone_and_language(settings):
    settings.TIME_ZONE = "America/Chicago"
    noon_utc = datetime(2026, 3, 4, 18, 30, tzinfo=ZoneInfo("UTC"))  # 12:30 in Chicago
    with translation.override("en"):
        assert short_datetime(noon_utc) == "03/04/2026 12:30 p.m."
        assert short_date(date(2026, 3, 4)) == "03/04/2026"
    with translation.override("es"):
        assert short_datetime(noon_utc) == "04/03/2026 12:30"
        assert short_date(date(2026, 3, 4)) == "04/03/2026"


def test_a_missing_date_shows_a_dash_or_what_the_page_asks():
    assert short_datetime(None) == "—"
    assert short_date(None, default="") == ""


def test_dates_read_exactly_as_djangos_date_filter_writes_them(settings):
    from datetime import timedelta

    from django.template import Context, Template

    settings.TIME_ZONE = "America/Chicago"
    template = Template('{{ when|date:"SHORT_DATETIME_FORMAT" }}|{{ day|date:"SHORT_DATE_FORMAT" }}')
    start = datetime(2026, 1, 1, 0, 0, tzinfo=ZoneInfo("UTC"))
    # Every hour of two days, across midnight and noon, then odd minutes across a year and a leap day.
    moments = [start + timedelta(minutes=30 * n) for n in range(96)]
    moments += [start + timedelta(days=n * 37, minutes=n * 7) for n in range(40)]
    moments.append(datetime(2028, 2, 29, 23, 59, tzinfo=ZoneInfo("UTC")))
    for language in ("en", "es"):
        with translation.override(language):
            for when in moments:
                day = when.date()
                expected = template.render(Context({"when": when, "day": day}))
                ours = f"{short_datetime(when)}|{short_date(day)}"
                assert ours == expected, (language, when)


def test_the_same_instant_reads_in_each_readers_zone(settings):
    from django.utils import timezone

    noon_utc = datetime(2026, 3, 4, 18, 30, tzinfo=ZoneInfo("UTC"))
    with translation.override("es"):
        with timezone.override(ZoneInfo("America/Chicago")):
            chicago = short_datetime(noon_utc)
        with timezone.override(ZoneInfo("UTC")):
            utc = short_datetime(noon_utc)
    assert (chicago, utc) == ("04/03/2026 12:30", "04/03/2026 18:30")


def test_the_heading_row_escapes_each_label_and_hides_the_buttons_label_but_from_screen_readers():
    table = Table([Column("Say <b>", lambda row: row), Column("Next step", lambda row: "", actions=True)], [])
    assert table.head() == (
        '<th scope="col">Say &lt;b&gt;</th>'
        '<th scope="col"><span class="visually-hidden">Next step</span></th>'
    )


def test_the_page_date_makers_write_what_the_date_filter_writes_escaped(settings):
    from datetime import timedelta

    from django.template import Context, Template

    from clinic.tables import short_date_maker, short_datetime_maker

    settings.TIME_ZONE = "America/Chicago"
    template = Template('{{ when|date:"SHORT_DATETIME_FORMAT" }}|{{ day|date:"SHORT_DATE_FORMAT" }}')
    start = datetime(2026, 1, 1, 0, 0, tzinfo=ZoneInfo("UTC"))
    for language in ("en", "es"):
        with translation.override(language):
            when, day = short_datetime_maker(), short_date_maker()
            for moment in (start + timedelta(hours=7 * n) for n in range(30)):
                expected = template.render(Context({"when": moment, "day": moment.date()}))
                assert f"{when(moment)}|{day(moment.date())}" == expected


def test_the_page_date_makers_escape_what_the_page_shows_for_a_missing_date():
    from django.utils.safestring import SafeString

    from clinic.tables import short_date_maker, short_datetime_maker

    assert short_datetime_maker()(None) == "—"
    assert short_date_maker(default="<none>")(None) == "&lt;none&gt;"
    assert isinstance(short_datetime_maker()(datetime(2026, 3, 4, tzinfo=ZoneInfo("UTC"))), SafeString)


def test_a_cell_that_returns_a_safe_string_is_not_escaped_again_and_plain_text_is():
    from django.utils.safestring import SafeString

    body = Table(
        [Column("Made", lambda row: SafeString("<b>&amp;</b>")), Column("Typed", lambda row: "<b>&</b>")],
        ["x"],
    ).body()
    assert '<td data-label="Made"><b>&amp;</b></td>' in body
    assert '<td data-label="Typed">&lt;b&gt;&amp;&lt;/b&gt;</td>' in body
