"""The names records are shown by where a page or the API lists them by public id: a facet's
values, a filter's chip. The search index counts ids; the pages and the API read the names here.

Only records readers may see (catalogue/visibility.py) get a label: a filter on any other id
names nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from .ids import read_public_id
from .models import (
    Collection,
    Person,
    Place,
    PublicRecord,
    Repository,
    Subject,
)
from .visibility import public_records

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
        readable = model._default_manager.all() if named else public_records(model)
        records = readable.filter(public_id__in=ids)
        rows = records.order_by().values_list("public_id", *LABEL_FIELDS[model])
        found.update((str(public_id), next(filter(None, names), "")) for public_id, *names in rows)
    return found


def _ids(values: Iterable[str]) -> list[int]:
    return [i for i in map(read_public_id, values) if i is not None]
