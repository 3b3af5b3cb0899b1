"""`readingroom createuser USERNAME --role ROLE`: a staff account for the admin."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from readingroom.editorial.roles import ROLES
from readingroom.operations.accounts import AccountRefused, create_staff_user

PASSWORD_ENV = "READINGROOM_PASSWORD"  # noqa: S105 (a variable name)


class Command(BaseCommand):
    help = (
        "Create a staff account that signs in at /admin/. The password comes from "
        f"--password-file, else ${PASSWORD_ENV}, else a prompt (asked twice)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--role", choices=ROLES, required=True, help="What they may do.")
        parser.add_argument(
            "--password-file",
            type=Path,
            help="A file whose first line is the password (keep it readable by you only).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        password = self._password(options["password_file"])
        try:
            user = create_staff_user(
                options["username"], options["email"], options["role"], password
            )
        except AccountRefused as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Created {user.get_username()} ({options['role']}).")

    def _password(self, path: Path | None) -> str:
        if path is not None:
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except OSError as error:
                raise CommandError(f"cannot read {path}: {error.strerror}") from error
            return lines[0] if lines else ""
        if os.environ.get(PASSWORD_ENV):
            return os.environ[PASSWORD_ENV]
        if not sys.stdin.isatty():
            raise CommandError(f"no password: use --password-file, ${PASSWORD_ENV} or a terminal")
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("the two passwords differ")
        return first
