"""The layers hold: `lint-imports` (run by `make lint`) checks the contracts in
pyproject.toml; these tests check what import-linter cannot see (a name, not a module) and
that the contracts keep up with the code."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PORTAL = ROOT / "portal"
# Modules that may hold the database session: the data layer, the extension that creates
# it, the app factory that binds it, and the demo loader (never run in production).
MAY_USE_DB = ("portal/data/", "portal/extensions.py", "portal/__init__.py", "portal/demo.py")


def contracts() -> dict[str, dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["importlinter"]
    return {contract["id"]: contract for contract in config["contracts"]}


def modules_using_db() -> list[str]:
    """Python files outside the migrations that import `db` or reach `extensions.db`."""
    found = []
    for path in sorted(PORTAL.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith("portal/migrations/"):
            continue
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            imports_db = isinstance(node, ast.ImportFrom) and any(
                alias.name == "db" for alias in node.names
            )
            reaches_db = (
                isinstance(node, ast.Attribute)
                and node.attr == "db"
                and isinstance(node.value, ast.Name)
                and node.value.id == "extensions"
            )
            if imports_db or reaches_db:
                found.append(relative)
                break
    return found


def test_only_the_data_layer_holds_the_database_session():
    outside = [path for path in modules_using_db() if not path.startswith(MAY_USE_DB)]
    assert outside == [], "query through a function in portal/data/interfaces/ instead"


def test_the_database_session_check_finds_the_data_layer():
    # The check above would pass on an empty list; make sure it sees real users of `db`.
    assert "portal/data/interfaces/conferences.py" in modules_using_db()


def test_every_blueprint_package_is_in_the_independence_contract(app):
    # Each blueprint is made in its package's __init__.py, so its import name is the package.
    packages = {blueprint.import_name for blueprint in app.blueprints.values()}
    assert packages == set(contracts()["blueprints-are-independent"]["modules"])


def test_no_blueprint_import_is_excused():
    # safe_next lives in portal/security.py and the family's steps in portal/family_steps.py,
    # so the contract needs no exceptions; a new one needs a reason here first.
    assert "ignore_imports" not in contracts()["blueprints-are-independent"]


def test_the_domain_contract_forbids_the_web_framework_and_the_database():
    forbidden = set(contracts()["domain-is-pure"]["forbidden_modules"])
    assert {"portal.*", "flask", "flask_babel", "sqlalchemy", "flask_sqlalchemy"} <= forbidden


def test_the_make_lint_target_runs_import_linter():
    makefile = (ROOT / "Makefile").read_text("utf-8")
    lint = makefile.split("\nlint:", 1)[1].split("\n\n", 1)[0]
    assert "lint-imports" in lint


def test_every_form_refuses_control_characters(app):
    """Every form of the portal is a PortalForm, so no text with a control character reaches
    a validator, a query or a column (issue 8, item 7)."""
    import importlib
    import pkgutil

    from flask_wtf import FlaskForm

    import portal
    from portal.shared_forms import PortalForm

    for module in pkgutil.walk_packages(portal.__path__, "portal."):
        if ".migrations" not in module.name:
            importlib.import_module(module.name)

    def subclasses(cls: type) -> list[type]:
        return [c for sub in cls.__subclasses__() for c in (sub, *subclasses(sub))]

    outside = [
        f"{form.__module__}.{form.__name__}"
        for form in subclasses(FlaskForm)
        if form.__module__.startswith("portal.") and not issubclass(form, PortalForm)
    ]
    assert outside == [], "make these forms PortalForms"
