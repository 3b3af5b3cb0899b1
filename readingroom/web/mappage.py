"""The places of a result set on a map (/search/map?...): every place its documents name that
has coordinates, a dot sized by its documents and linking to the search narrowed to it, and the
same places as a list (the map's text alternative), with those that have no coordinates."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString

from readingroom.catalogue.models import Place
from readingroom.search.params import SearchParams

from . import maps
from .listing import Listing, fetch

MAPPED = 500  # places counted at most


@dataclass(frozen=True)
class MappedPlace:
    place: Place
    documents: int
    url: str  # the search narrowed to this place

    @property
    def located(self) -> bool:
        return self.place.latitude is not None and self.place.longitude is not None


@dataclass
class MapPage:
    total: int
    places: list[MappedPlace]
    svg: SafeString
    back_url: str

    @property
    def located(self) -> list[MappedPlace]:
        return [p for p in self.places if p.located]

    @property
    def unlocated(self) -> list[MappedPlace]:
        return [p for p in self.places if not p.located]


def map_page(params: SearchParams) -> MapPage:
    search = Listing("/search", params.with_page(1))
    result = fetch(search.params, limit=0, facet_limit=MAPPED, facet_names=("place",))
    counts = {int(c.value): c.count for c in result.facets.get("place", ()) if c.value.isdigit()}
    found = {p.public_id: p for p in Place.objects.filter(public_id__in=counts)}
    places = [
        MappedPlace(found[i], n, search.url(search.params.with_filter("place", str(i))))
        for i, n in counts.items()
        if i in found
    ]
    spots = [_spot(p) for p in places if p.located]
    return MapPage(result.total, places, maps.svg(spots, "Map of the places"), search.here)


def _spot(mapped: MappedPlace) -> maps.Spot:
    place = mapped.place
    label = f"{place.name}: {mapped.documents} document{'s' if mapped.documents != 1 else ''}"
    return maps.Spot(place.longitude, place.latitude, label, mapped.url, mapped.documents)  # type: ignore[arg-type]
