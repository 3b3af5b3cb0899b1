"""Addresses for records in every script: Cyrillic and Chinese titles and names give slugs in
Latin letters (ALA-LC, Pinyin), not the record type alone; the record's page answers there, and
the address it had before redirects to it."""

from __future__ import annotations

import pytest
from django.test import Client

from readingroom.catalogue.models import Document, Person, slug_for
from readingroom.catalogue.romanize import latin


@pytest.mark.parametrize(
    ("label", "slug"),
    [
        ("Письмо Молотова Сталину", "pismo-molotova-stalinu"),
        (
            "盛世才致斯大林的信函关于新疆问题",
            "sheng-shi-cai-zhi-si-da-lin-de-xin-han-guan-yu-xin-jiang-wen-ti",
        ),
        ("蘇聯與中國", "su-lian-yu-zhong-guo"),  # Traditional characters too
        ("Записка 1945 г. о Синьцзяне", "zapiska-1945-g-o-sintsziane"),
        ("Cable “Filippov” to Pyongyang", "cable-filippov-to-pyongyang"),  # as before
        ("평양에서", "document"),  # Hangul: not romanized yet, the record type
    ],
)
def test_titles_in_other_scripts_give_latin_slugs(label: str, slug: str) -> None:
    assert slug_for(label, "document") == slug


def test_latin_leaves_other_scripts_as_they_are() -> None:
    for text in ("Ürümqi", "Plain title", "평양에서", "ひらがな", ""):
        assert latin(text) == text
    assert latin("北海道の覚書").split() == ["bei", "hai", "dao", "の", "jue", "shu"]


@pytest.mark.django_db
def test_a_record_page_answers_at_its_latin_address(client: Client) -> None:
    document = Document.objects.create(title="关于朝鲜问题的电报", status="published")
    document.refresh_from_db()
    assert document.slug == "guan-yu-chao-xian-wen-ti-de-dian-bao"
    assert client.get(document.get_absolute_url()).status_code == 200
    assert client.get(f"/documents/{document.public_id}").status_code == 301
    person = Person.objects.create(name="Вячеслав Молотов")
    assert person.slug == "viacheslav-molotov"
