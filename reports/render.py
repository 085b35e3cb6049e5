"""The report as files: a PDF (WeasyPrint, charts drawn by pygal as SVG) and one CSV per table.

Only suppressed figures leave this module: every table is rendered through
`reports.suppression.display`, and charts draw suppressed cells as gaps.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import pygal
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from reports.selectors import ReportData
from reports.suppression import Table, display

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """A cell that a spreadsheet would run as a formula is prefixed with an apostrophe."""
    text = str(cell)
    return "'" + text if text.startswith(_FORMULA_START) else text


def table_rows(table: Table, threshold: int) -> list[list[str]]:
    header = [table.row_heading, *table.columns, _("Total")]
    body = [[label, *cells] for label, cells in display(table, threshold)]
    body[-1][0] = _("Total")
    return [header, *body]


def csv_files(data: ReportData) -> dict[str, str]:
    """{file name: CSV text}: the summary and one file per table, formula-safe."""
    files = {}
    summary = io.StringIO()
    writer = csv.writer(summary)
    writer.writerow([_("Measure"), _("Value")])
    for measure in data.summary:
        writer.writerow([neutralise(measure.label), neutralise(measure.value)])
    files["summary.csv"] = summary.getvalue()
    asked = data.asked_for()
    if asked:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([_("What this funder asks for"), _("Value"), _("Table file")])
        for item in asked:
            table_file = f"{item.table_key}.csv" if item.table_key else ""
            writer.writerow([neutralise(item.label), neutralise(item.value), table_file])
        files["asked_for.csv"] = out.getvalue()
    for table in [*data.tables, *([data.lsc] if data.lsc else [])]:
        out = io.StringIO()
        writer = csv.writer(out)
        for row in table_rows(table, data.threshold):
            writer.writerow([neutralise(cell) for cell in row])
        files[f"{table.key}.csv"] = out.getvalue()
    return files


def csv_zip(data: ReportData) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in csv_files(data).items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _chart(table: Table, *, line: bool = False) -> str:
    """Column totals per quarter per category, as inline SVG; hidden cells are gaps."""
    style = pygal.style.Style(
        background="white", plot_background="white", font_family="DejaVu Sans, sans-serif",
        colors=("#1f4e79", "#c55a11", "#548235", "#7030a0", "#bf9000", "#2e75b6", "#a5a5a5"),
    )  # fmt: skip
    chart_class = pygal.Line if line else pygal.Bar
    chart = chart_class(
        width=760, height=250, style=style, show_legend=True, legend_at_bottom=True,
        disable_xml_declaration=True, explicit_size=True, print_values=False, truncate_legend=40,
        js=[], tooltip_fancy_mode=False, show_x_guides=False, show_y_guides=True, dots_size=2,
    )  # fmt: skip
    chart.title = table.title
    chart.x_labels = table.columns
    for r, (label, values) in enumerate(table.rows[:7]):
        chart.add(label, [None if (r, c) in table.suppressed else v for c, v in enumerate(values)])
    svg = re.sub(r"<script.*?</script>", "", chart.render(is_unicode=True), flags=re.S)  # no script in a PDF
    # pygal names each legend entry "activate-serie-N" in every chart: one PDF needs them apart.
    return re.sub(r'(id="|#)activate-serie-', rf"\g<1>{table.key}-serie-", svg)


def _has_visible_counts(table: Table) -> bool:
    return any(
        value and (r, c) not in table.suppressed
        for r, (_label, values) in enumerate(table.rows)
        for c, value in enumerate(values)
    )


def pdf_bytes(data: ReportData) -> bytes:
    from weasyprint import HTML

    by_key = {table.key: table for table in data.tables}
    charts = [
        _chart(table, line=line)
        for table, line in ((by_key["intakes_by_channel"], False), (by_key["cases_opened_by_type"], True))
        if _has_visible_counts(table)  # a chart of nothing but gaps says nothing
    ]
    tables = [(table, table_rows(table, data.threshold)) for table in data.tables_in_order() if table.rows]
    lsc = (data.lsc, table_rows(data.lsc, data.threshold)) if data.lsc and data.lsc.rows else None
    html = render_to_string(
        "pdf/funding_report.html",
        {
            "data": data,
            "clinic_name": settings.CLINIC_NAME,
            "generated_at": timezone.localtime(),
            "charts": charts,
            "tables": tables,
            "lsc": lsc,
            "asked_for": data.asked_for(),
            "asked_keys": set(data.asked_keys),
        },
    )
    return HTML(string=html, base_url=str(Path(settings.BASE_DIR))).write_pdf()


def file_name(data: ReportData, fmt: str) -> str:
    scope = slugify(data.grant.code) if data.grant else "clinic"
    suffix = "pdf" if fmt == "pdf" else "zip"
    return f"funding-report-{scope}-{data.period.start}-{data.period.end}.{suffix}"
