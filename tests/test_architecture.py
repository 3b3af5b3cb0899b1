"""The apps' layering (docs/architecture.md) as import-linter enforces it in `make lint`."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    """import-linter with the project's contracts, over the `readingroom` package in `tree`."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(tree / "pyproject.toml"), "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


def copy_of_the_package(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    shutil.copytree(ROOT / "readingroom", tree / "readingroom", ignore=_ignored)
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    return tree


def _ignored(_directory: str, names: list[str]) -> list[str]:
    return [n for n in names if n in {"__pycache__", "static", "templates"}]


def test_the_package_keeps_its_layering(tmp_path: Path) -> None:
    result = lint_imports(copy_of_the_package(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_an_import_up_the_layers_fails_the_lint_naming_it(tmp_path: Path) -> None:
    tree = copy_of_the_package(tmp_path)
    models = tree / "readingroom" / "catalogue" / "models.py"
    models.write_text(models.read_text() + "\nfrom readingroom.web import views  # noqa\n")
    result = lint_imports(tree)
    assert result.returncode != 0
    assert "readingroom.catalogue is not allowed to import readingroom.web" in result.stdout
    assert "readingroom.catalogue.models -> readingroom.web.views" in result.stdout


def test_two_apps_of_one_layer_may_not_import_each_other(tmp_path: Path) -> None:
    tree = copy_of_the_package(tmp_path)
    serializers = tree / "readingroom" / "api" / "serializers.py"
    serializers.write_text(serializers.read_text() + "\nfrom readingroom.web import home  # noqa\n")
    result = lint_imports(tree)
    assert result.returncode != 0
    assert "readingroom.api is not allowed to import readingroom.web" in result.stdout


def documented_layers() -> list[set[str]]:
    """The apps of each layer in docs/architecture.md's table, top first."""
    text = (ROOT / "docs" / "architecture.md").read_text()
    table = text.split("<!-- layers: start -->")[1].split("<!-- layers: end -->")[0]
    rows = [line for line in table.splitlines() if re.match(r"\| \d", line)]
    return [set(re.findall(r"`(\w+)`", row.split("|")[2])) for row in rows]


def contract_layers() -> list[set[str]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    (layers,) = [c for c in config["contracts"] if c["type"] == "layers"]
    return [
        {name.strip().removeprefix("readingroom.") for name in layer.split("|")}
        for layer in layers["layers"]
    ]


def test_the_documented_layers_are_the_enforced_ones() -> None:
    assert documented_layers() == contract_layers()


def test_every_app_is_in_a_layer() -> None:
    apps = {p.parent.name for p in (ROOT / "readingroom").glob("*/__init__.py")}
    assert apps == set().union(*contract_layers())


def test_only_search_may_import_the_tantivy_engine(tmp_path: Path) -> None:
    tree = copy_of_the_package(tmp_path)
    pages = tree / "readingroom" / "web" / "home.py"
    pages.write_text(
        pages.read_text() + "\nfrom readingroom.search.tantivy import engine  # noqa\n"
    )
    result = lint_imports(tree)
    assert result.returncode != 0
    assert "readingroom.web is not allowed to import readingroom.search.tantivy" in result.stdout


def test_the_forbidden_contract_lists_every_app_but_search() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    (engine,) = [c for c in config["contracts"] if c["id"] == "search-engine"]
    sources = {name.removeprefix("readingroom.") for name in engine["source_modules"]}
    assert sources == set().union(*contract_layers()) - {"search"}
