"""The house: which way an import may go is checked by import-linter (`uv run lint-imports`, the
contracts in pyproject.toml, run by .ci/run); what it cannot see is checked here."""

import ast
from pathlib import Path

import enlace

PACKAGE = Path(enlace.__file__).resolve().parent


def _code_modules() -> list[Path]:
    return [
        path
        for path in PACKAGE.rglob("*.py")
        if "tests" not in path.relative_to(PACKAGE).parts
        and "migrations" not in path.relative_to(PACKAGE).parts
        and path.name != "conftest.py"
    ]


def test_no_project_import_hides_inside_a_function():
    """An import inside a function hides a dependency (and often a loop) from the contracts.
    Only an app's ``ready`` may import its own modules late: models are not loaded before it."""
    hidden = []
    for path in _code_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if path.name == "apps.py" and function.name in {"ready", "_close_allauth_admin"}:
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("enlace"):
                    hidden.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.module}")
    assert not hidden, hidden


def test_no_comment_speaks_of_issues_or_helpers():
    import re

    found = []
    for path in _code_modules():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\b(issue|helper) ?(#?\d+|[A-Z])\b", line):
                found.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()[:80]}")
    assert not found, found


def _is_page_or_api_module(path: Path) -> bool:
    name = path.name
    return name in {"views.py", "api.py"} or name.endswith(("_views.py", "_api.py"))


def test_views_and_api_modules_read_only_through_selectors():
    """A page or an endpoint reads through its app's selectors, which scope the data to the
    user: a query of its own (``Model.objects``, ``get_object_or_404(Model, …)``) is how another
    country's object leaks."""
    found = []
    for path in _code_modules():
        if not _is_page_or_api_module(path):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if any(
                word in line for word in (".objects.", "get_object_or_404(", "get_list_or_404(")
            ):
                found.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()[:80]}")
    assert not found, found


def _app_of(module: str) -> str:
    """``enlace.reports.render`` → ``reports``; the project's top modules are each their own."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def test_no_app_imports_another_apps_private_names():
    """A leading underscore says "this app's business": another app that needs it asks for a
    public name (in the kernel when both need it), so that the owner may change it freely."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        importer = "enlace." + ".".join(relative.with_suffix("").parts)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom) or not (node.module or "").startswith(
                "enlace."
            ):
                continue
            if _app_of(node.module or "") == _app_of(importer):
                continue
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.append(f"{relative}:{node.lineno} {node.module}.{alias.name}")
    assert not found, found
