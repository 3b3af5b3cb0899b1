"""Maps drawn by the server as SVG: the land of the world (Natural Earth 1:110m, bundled in
basemap/, no tile server) in a plain longitude/latitude projection, and the archive's places
with coordinates on it as dots, each a link with its name; every map comes with its text
alternative (the places and their coordinates as a list beside it).

TopoJSON is read here by hand (arcs delta-encoded and quantized, rings made of arcs, a negative
index a reversed arc): about thirty lines, where a library would bring a geometry stack for a
single outline drawn once per process.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

LAND = Path(__file__).parent / "basemap" / "land-110m.json"
Point = tuple[float, float]  # (longitude, latitude)


@dataclass(frozen=True)
class Spot:
    """A place on a map: where, its name, where it leads, and how many documents (its size)."""

    longitude: float
    latitude: float
    label: str
    url: str = ""  # a link, or none (the dot is part of a picture)
    documents: int = 0


@dataclass(frozen=True)
class Frame:
    west: float
    south: float
    east: float
    north: float

    @property
    def width(self) -> float:
        return self.east - self.west

    @property
    def height(self) -> float:
        return self.north - self.south


WORLD = Frame(-180, -60, 180, 84)


def _arcs(topology: dict) -> list[list[Point]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(indexes: Sequence[int], arcs: list[list[Point]]) -> list[Point]:
    points: list[Point] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


@lru_cache(maxsize=1)
def land_path() -> str:
    """The land as one SVG path in (longitude, -latitude) units."""
    topology = json.loads(LAND.read_text())
    arcs = _arcs(topology)
    parts = []
    for geometry in topology["objects"]["land"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for ring in polygon:
                points = _ring(ring, arcs)
                parts.append("M" + "L".join(f"{lon:.2f},{-lat:.2f}" for lon, lat in points) + "Z")
    return "".join(parts)


def frame_around(spots: Sequence[Spot], margin: float = 8.0) -> Frame:
    """The part of the world that shows every spot with a margin (at least 30° by 18°), or the
    world when there are none."""
    if not spots:
        return WORLD
    west = min(s.longitude for s in spots) - margin
    east = max(s.longitude for s in spots) + margin
    south = min(s.latitude for s in spots) - margin
    north = max(s.latitude for s in spots) + margin
    if east - west < 30:
        middle = (east + west) / 2
        west, east = middle - 15, middle + 15
    if north - south < 18:
        middle = (north + south) / 2
        south, north = middle - 9, middle + 9
    return Frame(max(west, -180), max(south, -90), min(east, 180), min(north, 90))


def svg(spots: Sequence[Spot], title: str, frame: Frame | None = None) -> SafeString:
    """The map as inline SVG: land, then a dot a place (larger for more documents), each a
    link whose name is its label."""
    frame = frame or frame_around(spots)
    largest = max((s.documents for s in spots), default=0) or 1
    unit = max(frame.width, frame.height) / 120  # a dot's radius, in degrees
    dots = "".join(_dot(s, unit * (1 + 1.5 * (s.documents / largest) ** 0.5)) for s in spots)
    # a picture, or, when its dots are links, a group of links a screen reader can walk
    role = "group" if any(s.url for s in spots) else "img"
    box = f"{frame.west:.2f} {-frame.north:.2f} {frame.width:.2f} {frame.height:.2f}"
    sea = (
        f'<rect class="map-sea" x="{frame.west:.2f}" y="{-frame.north:.2f}" '
        f'width="{frame.width:.2f}" height="{frame.height:.2f}"/>'
    )
    return mark_safe(  # the labels and addresses escaped, the rest numbers
        f'<svg class="map" role="{role}" aria-label="{escape(title)}" viewBox="{box}" '
        'preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg">'
        f'{sea}<path class="map-land" d="{land_path()}"/>{dots}</svg>'
    )


def _dot(spot: Spot, radius: float) -> str:
    circle = (
        f'<circle class="map-spot" cx="{spot.longitude:.3f}" cy="{-spot.latitude:.3f}" '
        f'r="{radius:.3f}"><title>{escape(spot.label)}</title></circle>'
    )
    if not spot.url:
        return circle
    return f'<a href="{escape(spot.url)}" aria-label="{escape(spot.label)}">{circle}</a>'
