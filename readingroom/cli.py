"""The `readingroom` console script: Django's management commands plus the archive's own."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "readingroom.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["readingroom", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
