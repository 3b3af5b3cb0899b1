"""Every value of one facet for a result set: the page behind a facet's "more" list."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from readingroom.search.facets import FACETS_BY_NAME
from readingroom.search.params import SearchParams

from .facetlist import Chip, FacetGroup, chips, facet_groups, facet_labels
from .listing import Listing, fetch

ALL_VALUES = 1000  # values listed at most


@dataclass
class FacetPage:
    name: str
    label: str
    total: int
    group: FacetGroup | None
    chips: list[Chip]
    back_url: str
    capped: bool


def facet_page(name: str, params: SearchParams) -> FacetPage:
    """The facet's values (up to ALL_VALUES) with counts; each links to the search with it."""
    facet = FACETS_BY_NAME.get(name)
    if facet is None:
        raise Http404(f"No facet {name}")
    search = Listing("/search", params.with_page(1))
    result = fetch(search.params, limit=0, facet_limit=ALL_VALUES, facet_names=(name,))
    result.facets = {name: result.facets.get(name, ())}
    labels = facet_labels(result.facets, search.params)
    groups = facet_groups(result, search, labels)
    group = groups[0] if groups else None
    return FacetPage(
        name=name,
        label=facet.label,
        total=result.total,
        group=group,
        chips=chips(search.params, labels, search.url),
        back_url=search.here,
        capped=len(result.facets[name]) >= ALL_VALUES,
    )
