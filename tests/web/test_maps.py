"""Maps drawn by the server (web/maps.py): the bundled Natural Earth land read from TopoJSON,
a place's page with its map, and the places of a result set on a map with the list that is its
text alternative. Places without coordinates are listed, never drawn."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from readingroom.catalogue.models import Place
from readingroom.web import maps

pytestmark = pytest.mark.django_db


def test_the_land_is_read_whole_from_the_bundled_topojson() -> None:
    path = maps.land_path()
    rings = path.count("M")
    assert rings > 100 and path.count("Z") == rings  # every ring closed
    numbers = [float(n) for n in re.findall(r"-?\d+\.\d+", path)]
    longitudes, latitudes = numbers[0::2], numbers[1::2]
    assert min(longitudes) >= -180 and max(longitudes) <= 180
    assert min(latitudes) >= -90 and max(latitudes) <= 90  # (y is minus the latitude)
    assert min(latitudes) < -70 and max(latitudes) > 80  # the Arctic and Antarctica are there


def test_a_map_escapes_names_and_frames_its_places() -> None:
    spots = [maps.Spot(87.6, 43.8, 'Urumqi <"Tihwa">', "/places/1?a=1&b=2", 3)]
    drawn = str(maps.svg(spots, "Map & key"))
    assert 'aria-label="Map &amp; key"' in drawn and "&lt;&quot;Tihwa&quot;&gt;" in drawn
    assert 'href="/places/1?a=1&amp;b=2"' in drawn and 'cx="87.600" cy="-43.800"' in drawn
    assert 'role="group"' in drawn  # links inside: not a picture
    assert 'role="img"' in str(maps.svg([maps.Spot(1, 2, "Nowhere")], "A picture"))
    frame = maps.frame_around(spots)
    assert frame.west < 87.6 < frame.east and frame.south < 43.8 < frame.north
    assert maps.frame_around([]) == maps.WORLD


@pytest.fixture
def located(seed_archive: object) -> None:
    Place.objects.filter(key="place:urumqi").update(latitude=43.8, longitude=87.6)
    Place.objects.filter(key="place:soviet-union").update(latitude=61.5, longitude=105.3)


def test_a_place_with_coordinates_has_its_map_and_one_without_has_none(
    located: None, client: Client
) -> None:
    urumqi = Place.objects.get(key="place:urumqi")
    page = client.get(urumqi.get_absolute_url()).content.decode()
    assert '<svg class="map" role="img" aria-label="Map: Urumqi"' in page
    assert 'cy="-43.800"' in page and "Coordinates: 43.8000, 87.6000" in page
    japan = Place.objects.get(key="place:japan")
    assert '<svg class="map"' not in client.get(japan.get_absolute_url()).content.decode()


def test_the_places_of_a_search_on_a_map_and_in_a_list(located: None, client: Client) -> None:
    results = client.get("/search").content.decode()
    assert 'href="/search/map"' in results  # from the places' facet
    page = client.get("/search/map").content.decode()
    circles = re.findall(r'<a href="([^"]+)" aria-label="[^"]+"><circle class="map-spot"', page)
    assert len(circles) == 2  # the two places with coordinates
    listed = re.findall(r'<li><a href="(/search\?place=\d+)">([^<]+)</a>', page)
    names = [name for _, name in listed]
    assert {"Urumqi", "Soviet Union", "Japan", "Korea"} <= set(names)
    assert "(no coordinates)" in page
    for url, name in listed[:3]:
        narrowed = client.get(url).content.decode()
        assert name in narrowed and "No documents match" not in narrowed
    assert client.get("/search/map?page=1&q=").status_code == 301  # one spelling, as /search
    nothing = client.get("/search/map?q=zzzzqqq").content.decode()
    assert "No document in these results names a place." in nothing
