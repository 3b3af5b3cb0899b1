"""The `readingroom` console script: Django's management commands plus the archive's own."""

import os
import sys
from pathlib import Path


def command_line(args: list[str]) -> list[str]:
    """Commands may be typed with hyphens (`generate-corpus`); Django names them with
    underscores, after their modules (`generate_corpus`)."""
    if args and not args[0].startswith("-"):
        args = [args[0].replace("-", "_"), *args[1:]]
    return ["readingroom", *args]


def console_command() -> list[str]:
    """How to run `readingroom` from this Python (its console script, or the module)."""
    script = Path(sys.executable).with_name("readingroom")
    return [str(script)] if script.exists() else [sys.executable, "-m", "readingroom.cli"]


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "readingroom.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(command_line(sys.argv[1:] if argv is None else argv))


if __name__ == "__main__":
    main()
