"""Merging two people into one: an editorial act, whose documents are re-indexed through the
outbox in the same transaction."""

from __future__ import annotations

from django.db import transaction

from readingroom.catalogue.authority import linked_document_ids
from readingroom.catalogue.models import DocumentPerson, Person, PersonVariant, VariantKind
from readingroom.search.outbox import enqueue_documents


class MergeRefused(ValueError):
    """A merge that would lose or confuse records."""


def merge_people(survivor: Person, merged: Person) -> set[int]:
    """Move every link of `merged` to `survivor`; keep merged's names as variants; its public
    id and URL live on as a redirect to the survivor. Returns the documents to re-index."""
    if survivor.pk == merged.pk:
        raise MergeRefused("a person cannot be merged into themselves")
    if survivor.merged_into_id is not None:
        raise MergeRefused(f"{survivor} was itself merged into another record")
    with transaction.atomic():
        affected = linked_document_ids(merged) | linked_document_ids(survivor)
        _move_links(survivor, merged)
        _keep_names(survivor, merged)
        Person.objects.filter(merged_into=merged).update(merged_into=survivor)
        merged.merged_into = survivor
        merged.save(update_fields=["merged_into", "updated_at"])
        enqueue_documents(affected)
    return affected


def _move_links(survivor: Person, merged: Person) -> None:
    existing = set(survivor.document_links.values_list("document_id", "role"))
    for link in DocumentPerson.objects.filter(person=merged):
        if (link.document_id, link.role) in existing:
            link.delete()
        else:
            link.person = survivor
            link.save(update_fields=["person"])


def _keep_names(survivor: Person, merged: Person) -> None:
    known = {
        survivor.name.casefold(),
        *(n.casefold() for n in survivor.variants.values_list("name", flat=True)),
    }
    names: list[tuple[str, str]] = [(merged.name, VariantKind.ALTERNATE.value)]
    names += [(v.name, v.kind) for v in merged.variants.all()]
    for name, kind in names:
        if name.casefold() not in known:
            known.add(name.casefold())
            PersonVariant.objects.create(person=survivor, name=name, kind=kind)
    if not survivor.biography and merged.biography:
        survivor.biography = merged.biography
    for identifier in ("wikidata", "viaf"):
        if not getattr(survivor, identifier) and getattr(merged, identifier):
            setattr(survivor, identifier, getattr(merged, identifier))
    survivor.save()
