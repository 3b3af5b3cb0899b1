"""OAI sets: one per collection and one per repository, under the parents `collection` and
`repository`. Only collections and repositories that hold a public document are listed."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from readingroom.catalogue.ids import read_public_id
from readingroom.catalogue.models import Collection, Document, Repository

from .errors import BAD_ARGUMENT, OAIError

PARENTS = {
    "collection": "Documents in the archive's collections",
    "repository": "Documents by the repository that holds the original",
}


@dataclass(frozen=True)
class OAISet:
    spec: str
    name: str
    description: str = ""


def document_set_specs(document: Document) -> list[str]:
    specs = [f"collection:{m.collection.public_id}" for m in document.memberships.all()]
    if document.repository_id is not None:
        specs.append(f"repository:{document.repository.public_id}")  # type: ignore[union-attr]
    return sorted(specs)


def all_sets() -> list[OAISet]:
    public = Document.objects.public()
    collections = Collection.objects.filter(memberships__document__in=public).distinct()
    repositories = Repository.objects.filter(documents__in=public).distinct()
    sets = [OAISet(spec, name) for spec, name in PARENTS.items()]
    sets += [
        OAISet(f"collection:{c.public_id}", c.title, c.description)
        for c in collections.order_by("public_id")
    ]
    sets += [
        OAISet(f"repository:{r.public_id}", r.name, r.description)
        for r in repositories.order_by("public_id")
    ]
    return sets


def document_filter(spec: str) -> Q:
    """The documents in a set; an unknown set is a badArgument (noRecordsMatch for one that is
    well formed but empty, such as a collection without public documents)."""
    kind, _, number = spec.partition(":")
    if kind not in PARENTS or (number and not number.isdigit()):
        raise OAIError(BAD_ARGUMENT, f"there is no set '{spec}'; ListSets names them")
    public_id = read_public_id(number)
    if number and public_id is None:
        return Q(pk__in=[])  # well formed, but no record has such an id
    if kind == "collection":
        if not number:
            return Q(memberships__isnull=False)
        return Q(memberships__collection__public_id=public_id)
    if not number:
        return Q(repository__isnull=False)
    return Q(repository__public_id=public_id)


def tombstone_matches(set_specs: list[str], spec: str) -> bool:
    return any(s == spec or s.startswith(f"{spec}:") for s in set_specs)
