"""Every table in the web pages is a list table: one shared pattern that stacks each row into a
card on a phone, with each cell's column name (its data-label) beside the value."""

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
PAGES = sorted(p for p in TEMPLATES.rglob("*.html") if "pdf" not in p.relative_to(TEMPLATES).parts)
WITH_TABLES = [p for p in PAGES if "<table" in p.read_text()]


def test_the_web_pages_have_tables_to_check():
    assert len(WITH_TABLES) >= 20


@pytest.mark.parametrize("path", WITH_TABLES, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_every_table_is_a_list_table_whose_cells_name_their_column(path):
    text = path.read_text()
    for table in re.findall(r"<table\b[^>]*>", text):
        assert "list-table" in table, f"{table} is not a list-table"
    included = re.findall(r'{% include "([^"]+)"', text)
    bodies = re.findall(r"<tbody>(.*?)</tbody>", text, re.S)
    cells = [td for body in bodies for td in re.findall(r"<td\b[^>]*>", body) if "colspan" not in td]
    cells += [
        td
        for name in included
        if "_row" in name
        for td in re.findall(r"<td\b[^>]*>", (TEMPLATES / name).read_text())
    ]
    unlabelled = [td for td in cells if "data-label" not in td]
    # Only a row's buttons go without a label; they span the card.
    assert len(unlabelled) <= len(bodies), unlabelled
