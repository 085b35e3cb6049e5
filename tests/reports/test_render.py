from reports.render import neutralise


def test_cells_a_spreadsheet_would_run_are_neutralised():
    for dangerous in ('=HYPERLINK("http://x")', "+1+2", "-3", "@SUM(A1)", "\t=1"):
        assert neutralise(dangerous).startswith("'")
    assert neutralise("Asylum") == "Asylum"
    assert neutralise("12") == "12"
