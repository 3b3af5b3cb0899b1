"""Staff accounts from the command line: a user with a role (readingroom/editorial/roles.py),
staff status so they can sign in at /admin/, and a password checked by the site's validators and
stored with Django's default hasher."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from readingroom.editorial.roles import ROLES, sync_roles


class AccountRefused(ValueError):
    """The account cannot be created; the message says why."""


def create_staff_user(username: str, email: str, role: str, password: str) -> Any:
    if role not in ROLES:
        raise AccountRefused(f"'{role}' is not a role; choose one of: {', '.join(ROLES)}")
    User = get_user_model()
    if User._default_manager.filter(username=username).exists():
        raise AccountRefused(f"there is already a user called '{username}'")
    user = User(username=username, email=email, is_staff=True)
    try:
        if email:
            validate_email(email)
        User.username_validator(username)  # type: ignore[attr-defined]
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise AccountRefused(" ".join(error.messages)) from error
    with transaction.atomic():
        user.set_password(password)
        user.save()
        user.groups.add(sync_roles()[role])
    return user
