"""Tombstones for deleted documents that readers (and harvesters) may have seen."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, pre_delete
from django.dispatch import receiver
from django.utils import timezone

from readingroom.catalogue.models import Document
from readingroom.catalogue.visibility import was_seen

from .models import Tombstone
from .oai.sets import document_set_specs


@receiver(pre_delete, sender=Document)
def remember_sets(sender: type[Document], instance: Document, **kwargs: Any) -> None:
    """Memberships are deleted before the document; read its sets while they exist."""
    instance._oai_set_specs = document_set_specs(instance)  # type: ignore[attr-defined]


@receiver(post_delete, sender=Document)
def leave_tombstone(sender: type[Document], instance: Document, **kwargs: Any) -> None:
    if was_seen(instance, timezone.localdate()):
        Tombstone.objects.update_or_create(
            public_id=instance.public_id,
            defaults={"set_specs": getattr(instance, "_oai_set_specs", [])},
        )
