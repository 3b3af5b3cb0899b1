"""The names records are shown by where a page or the API lists them by public id: a facet's
values, a filter's chip. The search index counts ids; the pages and the API read the names here.

Only records a public document names get a label: a filter on any other id names nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Exists, Model, OuterRef

from .models import (
    Collection,
    CollectionMembership,
    Document,
    DocumentPerson,
    Person,
    Place,
    PublicRecord,
    Repository,
    Subject,
)

# A record is named by a public document through these links: (link table, its record field).
LINKS: dict[type[PublicRecord], tuple[type[Model], str]] = {
    Repository: (Document, "repository"),
    Person: (DocumentPerson, "person"),
    Place: (Document.places.through, "place"),
    Subject: (Document.subjects.through, "subject"),
    Collection: (CollectionMembership, "collection"),
}
# Each kind of record's label (as its `label()` says), the first of these fields with a value:
# read as plain values, since a sidebar labels a hundred records or more.
LABEL_FIELDS: dict[type[PublicRecord], tuple[str, ...]] = {
    Repository: ("short_name", "name"),
    Person: ("name",),
    Place: ("name",),
    Subject: ("name",),
    Collection: ("title",),
}


def record_labels(
    model: type[PublicRecord], values: Iterable[str], counted: Iterable[str] = ()
) -> dict[str, str]:
    """Public id (as a string) -> label, in one query for those `counted` and one for the
    others. Values counted in the search index (which holds public documents only) are known to
    be named by one, so only the others are checked (a correlated EXISTS costs more to compile
    than to run)."""
    values = list(values)
    known = set(counted)
    found: dict[str, str] = {}
    for named, ids in ((True, _ids(v for v in values if v in known)), (False, _ids(values))):
        ids = [i for i in ids if str(i) not in found and (named or str(i) not in known)]
        if not ids:
            continue
        records = model._default_manager.filter(public_id__in=ids)
        if not named:
            records = records.filter(named_by_public(model))
        rows = records.order_by().values_list("public_id", *LABEL_FIELDS[model])
        found.update((str(public_id), next(filter(None, names), "")) for public_id, *names in rows)
    return found


def named_by_public(model: type[PublicRecord]) -> Exists:
    """True for records a public document links to: an EXISTS on the link table by the
    record's key, each link's document checked by primary key (it stops at the first public
    one; led by the documents' status index instead, SQLite reads thousands of documents for a
    rarely named record)."""
    table, field = LINKS[model]
    document = "pk" if table is Document else "document_id"
    public = Document.objects.public().filter(pk=OuterRef(document))
    links = table._default_manager.filter(**{field: OuterRef("pk")})
    return Exists(links.filter(Exists(public)))


def _ids(values: Iterable[str]) -> list[int]:
    return [int(v) for v in values if v.isascii() and v.isdigit() and int(v) < 2**63]
