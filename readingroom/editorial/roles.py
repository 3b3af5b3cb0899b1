"""Staff roles as Django groups. The definitions live here; every `migrate` (so every
`readingroom init`) creates the groups and sets each one's permissions to exactly these, so a
role means the same on every archive. Make other groups under other names for local needs.

- administrator: everything, including staff accounts.
- editor: every record; publish, embargo, withdraw; merge people; restore versions.
- cataloguer: create and edit records and drafts; cannot publish, withdraw, merge or delete
  records (the admin also keeps published documents out of their hands).
- reviewer: reads everything in the admin, drafts included, and comments on documents.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q, QuerySet

from readingroom.catalogue.models import RECORD_MODELS

ADMINISTRATOR, EDITOR, CATALOGUER, REVIEWER = "administrator", "editor", "cataloguer", "reviewer"
ROLES = (ADMINISTRATOR, EDITOR, CATALOGUER, REVIEWER)

RECORDS = tuple(RECORD_MODELS)
# Rows edited inside a record's page (texts, links, variants, scans, collection order).
PARTS = (
    "documenttext",
    "documentperson",
    "collectionmembership",
    "attachment",
    "personvariant",
    "placevariant",
    "subjectvariant",
)
PUBLISH = "editorial.publish_document"
WITHDRAW = "editorial.withdraw_document"
MERGE = "editorial.merge_people"
RESTORE = "editorial.restore_version"


def _codenames(app: str, actions: tuple[str, ...], models: tuple[str, ...]) -> list[str]:
    return [f"{app}.{action}_{model}" for action in actions for model in models]


ALL_VIEWS = _codenames("catalogue", ("view",), RECORDS + PARTS) + _codenames(
    "editorial", ("view",), ("version", "changeset", "comment", "job")
)
ROLE_PERMISSIONS: dict[str, list[str]] = {
    EDITOR: ALL_VIEWS
    + _codenames("catalogue", ("add", "change", "delete"), RECORDS + PARTS)
    + _codenames("editorial", ("add", "change", "delete"), ("comment",))
    + [PUBLISH, WITHDRAW, MERGE, RESTORE]
    + ["importers.view_importrun", "importers.add_importrun"],
    CATALOGUER: ALL_VIEWS
    + _codenames("catalogue", ("add", "change"), RECORDS)
    + _codenames("catalogue", ("add", "change", "delete"), PARTS)
    + ["editorial.add_comment", "importers.view_importrun"],
    REVIEWER: [*ALL_VIEWS, "editorial.add_comment", "importers.view_importrun"],
}


def permissions(names: list[str]) -> QuerySet[Permission]:
    """Permissions named "app_label.codename"."""
    query = Q(pk__in=[])
    for name in names:
        app_label, codename = name.split(".", 1)
        query |= Q(content_type__app_label=app_label, codename=codename)
    return Permission.objects.filter(query)


def sync_roles(using: str = DEFAULT_DB_ALIAS) -> dict[str, Group]:
    """Create the role groups and give each exactly its permissions. Safe to repeat."""
    groups = {}
    for role in ROLES:
        group, _ = Group.objects.using(using).get_or_create(name=role)
        if role == ADMINISTRATOR:
            wanted = Permission.objects.using(using).all()
        else:
            wanted = permissions(ROLE_PERMISSIONS[role]).using(using)
        group.permissions.set(wanted)
        groups[role] = group
    return groups


def sync_roles_after_migrate(using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    """post_migrate receiver. Permissions are made per app after each app's own post_migrate,
    so make them all first: the administrator role holds every permission of every app."""
    app_registry = kwargs.get("apps") or global_apps
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using, apps=app_registry)
    sync_roles(using)
