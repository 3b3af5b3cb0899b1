"""`original_title` and `legacy_ids` in history and the admin: imported and edited changes are
versions naming the field by its label, shown in the admin's history, edited in the admin's form,
and an older version without the field (written before it was declared) is no change."""

from __future__ import annotations

import pytest
from lxml import html

from readingroom.catalogue.models import Document
from readingroom.editorial.history import versions_of
from readingroom.editorial.models import Version
from readingroom.editorial.snapshots import changed_fields, label

from .conftest import RECORDS, errors, load, submit

pytestmark = pytest.mark.django_db

RUSSIAN = "Телеграмма Молотова Сталину"
CHINESE = "莫洛托夫致斯大林的电报"


def history() -> list[Version]:
    return versions_of("document", Document.objects.get(key="pub").public_id)


def with_fields(original_title: str, legacy_ids: list[str]) -> str:
    extra = f'"original_title":"{original_title}","legacy_ids":{legacy_ids!r},'.replace("'", '"')
    return RECORDS.replace('"title":"Cabel from Molotov",', f'"title":"Cabel from Molotov",{extra}')


def test_imported_changes_to_both_fields_are_versions_with_their_labels(archive, tmp_path):
    assert history()[-1].snapshot["original_title"] == ""
    load(tmp_path / "ru", with_fields(RUSSIAN, ["WC-1"]), name="ru.jsonl")
    version = history()[-1]
    assert version.changed_fields == ["original_title", "legacy_ids"]
    assert version.snapshot["original_title"] == RUSSIAN
    assert version.snapshot["legacy_ids"] == ["WC-1"]
    assert [label(name) for name in version.changed_fields] == [
        "title in the original language",
        "legacy ids",
    ]

    load(tmp_path / "zh", with_fields(CHINESE, ["WC-1"]), name="zh.jsonl")
    assert history()[-1].changed_fields == ["original_title"]
    assert history()[-1].snapshot["original_title"] == CHINESE


def test_the_admins_history_names_the_field_by_its_label(staff, archive, tmp_path):
    load(tmp_path / "ru", with_fields(RUSSIAN, []), name="ru.jsonl")
    pub = Document.objects.get(key="pub")
    base = f"/admin/catalogue/document/{pub.pk}"
    listing = staff("editor").get(f"{base}/history/").content.decode()
    assert "title in the original language" in listing
    page = staff("editor").get(f"{base}/history/2/").content.decode()
    assert RUSSIAN in page


def test_both_fields_are_edited_in_the_admin(staff, archive):
    editor = staff("editor")
    url = f"/admin/catalogue/document/{Document.objects.get(key='pub').pk}/change/"
    form = html.fromstring(editor.get(url).content)
    assert form.xpath("//input[@name='original_title']") and form.xpath(
        "//textarea[@name='legacy_ids']"
    )
    response = submit(
        editor,
        url,
        "document_form",
        {
            "original_title": CHINESE,
            "legacy_ids": "WC-121810\nold-7",
            "change_note": "The title as the original has it.",
        },
    )
    assert response.status_code == 302, errors(response)
    document = Document.objects.get(key="pub")
    assert (document.original_title, document.legacy_ids) == (CHINESE, ["WC-121810", "old-7"])
    assert history()[-1].changed_fields == ["original_title", "legacy_ids"]


def test_a_version_written_before_a_field_was_declared_shows_no_change_in_it() -> None:
    before = {"type": "document", "key": "d", "title": "Cable"}
    assert changed_fields(before, {**before, "original_title": ""}) == []
    assert changed_fields(before, {**before, "original_title": RUSSIAN}) == ["original_title"]
