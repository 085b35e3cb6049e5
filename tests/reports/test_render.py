from reports.render import neutralise


def test_cells_a_spreadsheet_would_run_are_neutralised():
    for dangerous in ('=HYPERLINK("http://x")', "+1+2", "-3", "@SUM(A1)", "\t=1"):
        assert neutralise(dangerous).startswith("'")
    assert neutralise("Asylum") == "Asylum"
    assert neutralise("12") == "12"


def test_two_charts_in_one_pdf_share_no_element_id():
    import re

    from reports.render import _chart
    from reports.suppression import Table

    def chart(key):
        table = Table(key, key, "Kind", ["Q1", "Q2"], [("A", [6, 7]), ("B", [8, 9])])
        return set(re.findall(r'id="([^"]+)"', _chart(table)))

    first, second = chart("intakes"), chart("cases")
    assert any("serie" in element for element in first)
    assert not first & second
