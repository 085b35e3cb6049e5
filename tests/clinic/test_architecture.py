"""The import direction of ../shared/DESIGN.md, enforced: an app imports only the apps to its left,
and the core (clinic) none. A wrong import fails here, not in review."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ORDER = ["clinic", "intake", "response", "cases", "documents", "reports"]
PRESENT = [app for app in ORDER if (ROOT / app).is_dir()]


def _imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names & set(ORDER)


def _modules(app: str) -> list[Path]:
    return sorted((ROOT / app).rglob("*.py"))


@pytest.mark.parametrize("app", PRESENT)
def test_an_app_imports_only_the_apps_to_its_left(app):
    allowed = set(ORDER[: ORDER.index(app) + 1])
    wrong = {
        f"{path.relative_to(ROOT)} imports {', '.join(sorted(found - allowed))}"
        for path in _modules(app)
        if (found := _imported_apps(path)) - allowed
    }
    assert not wrong, f"{app} may import only {sorted(allowed)}: " + "; ".join(sorted(wrong))


def test_the_checker_sees_a_wrong_import(tmp_path):
    module = tmp_path / "bad.py"
    module.write_text("from cases.models import Case\nimport intake.services\n")
    assert _imported_apps(module) == {"cases", "intake"}


@pytest.mark.parametrize(
    "relative",
    ["clinic/views.py", "clinic/context_processors.py", "clinic/management/commands/seed_demo.py"],
)
def test_the_core_pages_name_no_app(relative):
    """They learn about apps only through clinic.registry: not even a URL name or a label."""
    text = (ROOT / relative).read_text()
    named = {app for app in ORDER[1:] if re.search(rf"['\"]{app}[:.'\"]", text)}
    assert not named, f"{relative} names {sorted(named)}"
