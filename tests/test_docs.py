"""The documentation as tests: the README's command table against the real command line, and the
settings tables (README and docs/operators.md) against the variables readingroom/settings.py
reads. A command, option or variable added, renamed or removed on one side fails here until the
other side says the same."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.core.management import get_commands, load_command_class

from readingroom.cli import command_line

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "readingroom"
SETTINGS = PACKAGE / "settings.py"
SETTINGS_DOCS = (ROOT / "README.md", ROOT / "docs" / "operators.md")
ENV_READERS = {"_env", "_env_bool"}  # settings.py's readers of the environment

# Modules that touch os.environ besides settings.py, and why none of them reads a setting.
ENVIRONMENT_BESIDES_SETTINGS = {
    "cli.py": "names the settings module before there are settings",
    "wsgi.py": "names the settings module before there are settings",
    "operations/benchmark.py": "hands its environment on to the processes it starts",
    "operations/crowd.py": "hands its environment on to the server it starts",
    "operations/databases.py": "hands its environment on to pg_dump and pg_restore",
    "operations/backup.py": "records the READINGROOM_* variables in force in the manifest",
    "operations/management/commands/createuser.py": "a password given to the command "
    "(docs/editors.md), kept out of the settings of every process",
}


def tables(markdown: str) -> list[list[list[str]]]:
    """The Markdown tables in `markdown`: each a list of rows (the header first) of cells."""
    found: list[list[list[str]]] = []
    previous = ""
    for line in markdown.splitlines():
        if line.startswith("|"):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if not previous.startswith("|"):
                found.append([])
            if not set("".join(cells)) <= set("-: "):  # not the line under the header
                found[-1].append(cells)
        previous = line
    return found


def section(markdown: str, heading: str) -> str:
    """The text under `## heading`, up to the next heading of that level."""
    found = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", markdown, re.M | re.S)
    assert found, f"no section '{heading}'"
    return found.group(1)


def code_spans(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


# The command line --------------------------------------------------------------------------


def documented_commands() -> dict[str, set[str]]:
    """Command (as Django names it) -> the options the README's table shows for it."""
    table = section((ROOT / "README.md").read_text(encoding="utf-8"), "Command line")
    commands: dict[str, set[str]] = {}
    for cells in [row for rows in tables(table) for row in rows[1:]]:  # after the header
        for usage in code_spans(cells[0]):
            name = command_line(usage.split())[1]  # `generate-corpus` is generate_corpus
            commands[name] = set(re.findall(r"--[a-z][a-z-]*", usage))
    return commands


def project_commands() -> dict[str, str]:
    """The archive's own management commands (Django's and other apps' left out): name -> app."""
    return {name: app for name, app in get_commands().items() if app.startswith("readingroom.")}


def options_of(name: str) -> set[str]:
    parser = load_command_class(project_commands()[name], name).create_parser("readingroom", name)
    return {option for action in parser._actions for option in action.option_strings}


def test_the_command_table_names_every_command_of_the_archive_and_no_other() -> None:
    assert set(documented_commands()) == set(project_commands())


@pytest.mark.parametrize("name", sorted(documented_commands()))
def test_the_options_the_command_table_shows_exist(name: str) -> None:
    assert documented_commands()[name] <= options_of(name)


def test_the_table_parser_sees_the_commands_and_their_options() -> None:
    commands = documented_commands()
    assert commands["generate_corpus"] == set() and commands["indexer"] == {"--loop"}
    assert commands["import"] == {"--dry-run", "--status", "--prefer-source", "--index-alongside"}
    assert "--no-such-option" not in options_of("serve") and "--bind" in options_of("serve")


# Settings ----------------------------------------------------------------------------------


def documented_variables() -> set[str]:
    """The variables in the first column of the README's configuration table and of the tables
    of docs/operators.md whose first column is a setting or variable."""
    readme, operators = (path.read_text(encoding="utf-8") for path in SETTINGS_DOCS)
    settings_tables = tables(section(readme, "Configuration"))
    settings_tables += [rows for rows in tables(operators) if rows[0][0] in {"Setting", "Variable"}]
    names = set()
    for cells in [row for rows in settings_tables for row in rows[1:]]:
        names |= {span.split("=")[0] for span in code_spans(cells[0]) if span[0].isalpha()}
    return names


def variables_read() -> set[str]:
    """The names settings.py passes to its readers of the environment."""
    tree = ast.parse(SETTINGS.read_text(encoding="utf-8"))
    return {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ENV_READERS
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }


def test_every_variable_the_settings_read_is_documented() -> None:
    assert variables_read() - documented_variables() == set()


def test_every_documented_variable_is_read() -> None:
    assert documented_variables() - variables_read() == set()


def test_the_parsers_see_both_sides() -> None:
    documented, read = documented_variables(), variables_read()
    assert {"DATABASE_URL", "READINGROOM_HTTPS", "READINGROOM_S3_PREFIX"} <= documented & read
    assert "READINGROOM_ADMIN_EMAIL" in read and "READINGROOM_PG_BINDIR" in read
    assert len(read) > 30


def touches_environment(path: Path) -> bool:
    """Whether the module uses os.environ or os.getenv."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(
        isinstance(node, ast.Attribute)
        and node.attr in {"environ", "getenv"}
        and isinstance(node.value, ast.Name)
        and node.value.id == "os"
        for node in ast.walk(tree)
    )


def test_only_the_settings_read_the_environment() -> None:
    modules = {str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py")}
    touching = {name for name in modules if touches_environment(PACKAGE / name)}
    assert touching - {"settings.py"} == set(ENVIRONMENT_BESIDES_SETTINGS)
    source = SETTINGS.read_text(encoding="utf-8")
    assert source.count("os.environ") == 1  # in _env, the one reader
