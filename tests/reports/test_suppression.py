from reports.suppression import Table, display, suppress


def _hidden_values(table: Table) -> set[int]:
    grid = table.matrix()
    return {grid[r][c] for r, c in table.suppressed}


def test_a_small_count_is_hidden_and_so_is_a_neighbour_that_would_give_it_away():
    table = suppress(Table("t", "T", "Kind", ["Q1"], [("A", [3]), ("B", [40]), ("C", [12])]), 5)
    shown = display(table, 5)
    assert shown[0] == ("A", ["<5", "<5"])  # the cell and its row total (the same number)
    # With the column total shown, A alone could be worked out: the next smallest, C, goes too.
    assert shown[2][1][0] == "<5"
    assert shown[3][1] == ["55", "55"]


def test_no_hidden_count_can_be_worked_out_from_the_totals():
    rows = [("A", [2, 30, 7]), ("B", [25, 1, 40]), ("C", [9, 14, 3]), ("D", [50, 60, 70])]
    table = suppress(Table("t", "T", "Kind", ["Q1", "Q2", "Q3"], rows), 5)
    grid = table.matrix()
    for r in range(len(grid)):
        assert sum(1 for c in range(len(grid[0])) if (r, c) in table.suppressed) != 1, f"row {r}"
    for c in range(len(grid[0])):
        assert sum(1 for r in range(len(grid)) if (r, c) in table.suppressed) != 1, f"column {c}"
    assert {2, 1, 3} <= _hidden_values(table)


def test_zeros_and_large_counts_stay_visible_and_threshold_one_hides_nothing():
    table = suppress(Table("t", "T", "Kind", ["Q1"], [("A", [0]), ("B", [12])]), 5)
    assert table.suppressed == set()
    tiny = suppress(Table("t", "T", "Kind", ["Q1"], [("A", [1]), ("B", [12])]), 1)
    assert tiny.suppressed == set()
