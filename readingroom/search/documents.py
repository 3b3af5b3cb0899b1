"""Building IndexDocuments from the database: the one place that decides what is searchable.

Only public documents are indexed; anything else (draft, review, embargoed before its day,
withdrawn, deleted) is reported as to-be-removed, so nothing unreleased can reach the index.

The database is read with a few flat queries per batch (values, no model instances), each
person, place or subject once however many documents name it: the indexer, `check` and
`reindex` all build through here, at thousands of documents a second.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from readingroom.catalogue.fields import simple_fields
from readingroom.catalogue.models import (
    CollectionMembership,
    Document,
    DocumentPerson,
    DocumentText,
    Person,
    PersonVariant,
    Place,
    PlaceVariant,
    Subject,
    SubjectVariant,
    readable,
)

from .backend import IndexDocument, IndexText
from .facets import FACETS
from .facts import DocumentFacts

DOCUMENT_COLUMNS = (
    "pk",
    "public_id",
    "title",
    "summary",
    "doc_type",
    "languages",
    "date_earliest",
    "date_latest",
    "repository__public_id",
    "repository__name",
    "repository__short_name",
    # The other fields the declaration has searched as the title (catalogue/fields.py).
    *(f.name for f in simple_fields("document") if f.indexed == "title" and f.name != "title"),
)


def load(public_ids: Iterable[int]) -> list[DocumentFacts]:
    """The public documents among these ids, with their texts and linked records."""
    wanted = sorted(set(public_ids))
    if not wanted:
        return []
    # Found by public id alone, public ones kept here: with `public()`'s OR in the query,
    # SQLite read every published document's row by the status index, whenever its statistics
    # were missing (during an import) or sampled (0.5 s a batch at 10^6, against 0.1).
    rows = Document.objects.order_by()
    if wanted[-1] - wanted[0] < 2 * len(wanted):  # close together: a range, as in `_of`
        rows = rows.filter(public_id__range=(wanted[0], wanted[-1]))
    else:
        rows = rows.filter(public_id__in=wanted)
    chosen, today = set(wanted), timezone.localdate()
    facts = {
        row[0]: _facts(row)
        for row in rows.values_list(*DOCUMENT_COLUMNS, "status", "embargo_until")
        if row[1] in chosen and readable(row[-2], row[-1], today)
    }
    if facts:
        _add_texts(facts)
        _add_people(facts)
        _add_tags(facts, Document.places.through, "place", Place, PlaceVariant)
        _add_tags(facts, Document.subjects.through, "subject", Subject, SubjectVariant)
        _add_collections(facts)
    return sorted(facts.values(), key=lambda f: f.public_id)


def _facts(row: tuple[Any, ...]) -> DocumentFacts:
    pk, public_id, title, summary, doc_type, languages, earliest, latest = row[:8]
    repository_id, name, short_name = row[8:11]
    other_titles = row[11 : len(DOCUMENT_COLUMNS)]
    return DocumentFacts(
        pk=pk,
        public_id=public_id,
        title=title,
        summary=summary,
        doc_type=doc_type,
        languages=list(languages or []),
        earliest=earliest,
        latest=latest,
        repository_id=repository_id,
        repository_names=tuple(n for n in (name, short_name) if n),
        other_titles=tuple(t for t in other_titles if t),
    )


def _of(facts: dict[int, DocumentFacts]) -> dict[str, Any]:
    """A filter on document_id for rows of these documents: a range when their keys are close
    together (an import's, a reindex's), so the database is not sent thousands of values;
    rows of other documents in the range are skipped by `_owned`."""
    keys = sorted(facts)
    if keys[-1] - keys[0] < 2 * len(keys):
        return {"document_id__gte": keys[0], "document_id__lte": keys[-1]}
    return {"document_id__in": keys}


def _owned(rows: Iterable[tuple[Any, ...]], facts: dict[int, DocumentFacts]) -> list[Any]:
    return [row for row in rows if row[0] in facts]


def _add_texts(facts: dict[int, DocumentFacts]) -> None:
    texts = DocumentText.objects.filter(**_of(facts)).order_by("position", "id")
    for document_id, language, body in _owned(
        texts.values_list("document_id", "language", "body"), facts
    ):
        facts[document_id].texts.append(IndexText(language, body))


def _names(
    model: Any, variants: Any, link: str, owners: Any
) -> dict[int, tuple[str, int, list[str]]]:
    """pk -> (name, public id, [name, variants...] without empty ones) of the authority records
    `owners` (a query of their keys, sent as a subquery rather than a list of values), in two
    queries."""
    rows = model.objects.filter(pk__in=owners).values_list("pk", "public_id", "name")
    records = {pk: (name, public_id, [name] if name else []) for pk, public_id, name in rows}
    found = variants.objects.filter(**{f"{link}_id__in": owners}).order_by("id")
    for owner, name in found.values_list(f"{link}_id", "name"):
        if name:
            records[owner][2].append(name)
    return records


def _add_people(facts: dict[int, DocumentFacts]) -> None:
    linked = DocumentPerson.objects.filter(**_of(facts))
    links = _owned(
        linked.order_by("role", "position", "id").values_list("document_id", "person_id", "role"),
        facts,
    )
    people = _names(Person, PersonVariant, "person", linked.values("person_id"))
    for document_id, person, role in links:
        _, public_id, names = people[person]
        document = facts[document_id]
        document.person_ids.append(public_id)
        document.role_ids.setdefault(role, []).append(public_id)
        document.names.extend(names)
    for document in facts.values():
        document.names = list(dict.fromkeys(document.names))


def _add_tags(
    facts: dict[int, DocumentFacts], through: Any, name: str, model: Any, variants: Any
) -> None:
    """Places or subjects (in the order of their names, as the catalogue lists them)."""
    linked = through.objects.filter(**_of(facts))
    pairs = _owned(linked.values_list("document_id", f"{name}_id"), facts)
    records = _names(model, variants, name, linked.values(f"{name}_id"))
    tagged: dict[int, list[tuple[str, int, list[str]]]] = defaultdict(list)
    for document_id, tag in pairs:
        tagged[document_id].append(records[tag])
    for document_id, tags in tagged.items():
        ids = getattr(facts[document_id], f"{name}_ids")
        names = getattr(facts[document_id], f"{name}s")
        for _, public_id, tag_names in sorted(tags):
            ids.append(public_id)
            names.extend(tag_names)


def _add_collections(facts: dict[int, DocumentFacts]) -> None:
    memberships = CollectionMembership.objects.filter(**_of(facts)).order_by("position", "id")
    rows = memberships.values_list("document_id", "collection__public_id")
    for document_id, collection in _owned(rows, facts):
        facts[document_id].collection_ids.append(collection)


def index_document(facts: DocumentFacts) -> IndexDocument:
    """The index's view of one document."""
    fields = index_fields(facts)
    return IndexDocument(**fields, fingerprint=fingerprint(fields))  # type: ignore[arg-type]


def index_fields(facts: DocumentFacts) -> dict[str, Any]:
    """The fields of a document's IndexDocument, but its fingerprint."""
    return {
        "public_id": facts.public_id,
        # Other titles on lines of their own: words of any of them find the document.
        "title": "\n".join((facts.title, *facts.other_titles)),
        "summary": facts.summary,
        "texts": tuple(facts.texts),
        "names": tuple(facts.names),
        "places": tuple(facts.places),
        "subjects": tuple(facts.subjects),
        "repository": facts.repository_names,
        "facets": tuple([(f.name, tuple(f.values(facts))) for f in FACETS]),
        "earliest": facts.earliest,
        "latest": facts.latest,
        "sort_title": facts.title.casefold(),
    }


def fingerprint(fields: dict[str, Any]) -> str:
    """A short digest of what was indexed, so `check` can compare database and index: of
    json.dumps(fields, sort_keys=True, ensure_ascii=False), texts as [language, body] pairs and
    dates in ISO form. (Plain: JSON written by hand in C cut 16 µs a document, 1.5% of the
    import's end-to-end time: `readingroom benchmark`, docs/performance.md.)"""
    plain = {
        **fields,
        "texts": [[text.language, text.body] for text in fields["texts"]],
        "earliest": fields["earliest"] and fields["earliest"].isoformat(),
        "latest": fields["latest"] and fields["latest"].isoformat(),
    }
    encoded = json.dumps(plain, sort_keys=True, ensure_ascii=False)
    return hashlib.blake2b(encoded.encode(), digest_size=12).hexdigest()


def build(public_ids: Iterable[int]) -> tuple[list[IndexDocument], list[int]]:
    """(documents to index, ids to remove) for these public ids, as the database has them now."""
    wanted = sorted(set(public_ids))
    found = [index_document(facts) for facts in load(wanted)]
    present = {d.public_id for d in found}
    return found, [i for i in wanted if i not in present]
