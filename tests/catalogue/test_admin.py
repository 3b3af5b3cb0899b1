"""The editors' admin, driven through real requests: forms as a browser would submit them."""

from __future__ import annotations

import pytest
from django.test import Client
from lxml import html

from readingroom.catalogue.models import Document, DocumentPerson, Person, PersonVariant, Status
from readingroom.importers.pipeline import import_file
from readingroom.search.models import OutboxEntry

pytestmark = pytest.mark.django_db

RECORDS = """\
{"type":"person","key":"stalin","name":"Joseph Stalin","sort_name":"Stalin, Joseph","variants":[{"name":"Filippov","kind":"pseudonym"}]}
{"type":"person","key":"stalin-dup","name":"I. V. Stalin","variants":[{"name":"Filipov","kind":"misspelling"}]}
{"type":"person","key":"molotov","name":"Vyacheslav Molotov"}
{"type":"document","key":"d1","title":"Cable from Molotov","date":"1945-08-23","authors":["molotov"],"recipients":["stalin"],"status":"published"}
{"type":"document","key":"d2","title":"Letter to Stalin","date":"1936","recipients":["stalin-dup"],"people":["molotov"],"status":"published"}
{"type":"document","key":"d3","title":"Note on both Stalins","date":"undated","recipients":["stalin","stalin-dup"],"status":"draft"}
"""


@pytest.fixture
def archive(tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_text(RECORDS, encoding="utf-8")
    report = import_file("jsonl", path)
    assert report.ok, report.problems


def form_values(page: bytes, form_id: str) -> dict[str, list[str]]:
    """The values a browser would submit for the form, as rendered."""
    tree = html.fromstring(page)
    form = tree.get_element_by_id(form_id)
    values: dict[str, list[str]] = {}
    for name, value in form.form_values():
        values.setdefault(name, []).append(value)
    return values


def submit(client: Client, url: str, form_id: str, changes: dict[str, str]):
    values = form_values(client.get(url).content, form_id)
    values.update({name: [value] for name, value in changes.items()})
    # d1 is published: editorial requires a note on changes to public records.
    if not values.get("change_note", [""])[0].strip():
        values["change_note"] = ["Edited in a test"]
    values["_save"] = ["Save"]
    return client.post(url, values)


def test_every_record_type_lists_and_searches(admin_client, archive):
    for model in ("document", "person", "place", "subject", "repository", "collection"):
        response = admin_client.get(f"/admin/catalogue/{model}/?q=stalin")
        assert response.status_code == 200, model
    listing = admin_client.get("/admin/catalogue/person/?q=filippov").content.decode()
    assert "Joseph Stalin" in listing
    assert "Vyacheslav Molotov" not in listing


def test_document_list_shows_dates_as_precise_as_known(admin_client, archive):
    page = admin_client.get("/admin/catalogue/document/").content.decode()
    assert "August 23, 1945" in page
    assert ">1936<" in page
    assert "Undated" in page


def test_edit_date_validates_and_keeps_precision(admin_client, archive):
    document = Document.objects.get(key="d1")
    url = f"/admin/catalogue/document/{document.pk}/change/"
    bad = submit(admin_client, url, "document_form", {"date_edtf": "1945-13"})
    assert bad.status_code == 200
    assert "month 13 does not exist" in bad.content.decode()
    document.refresh_from_db()
    assert document.date_edtf == "1945-08-23"

    OutboxEntry.objects.all().delete()
    good = submit(admin_client, url, "document_form", {"date_edtf": "1934-06"})
    assert good.status_code == 302
    document.refresh_from_db()
    assert (document.date_edtf, str(document.date_earliest), str(document.date_latest)) == (
        "1934-06",
        "1934-06-01",
        "1934-06-30",
    )
    assert document.date.display == "June 1934"
    assert list(OutboxEntry.objects.values_list("document_id", flat=True)) == [document.public_id]


def test_edit_keeps_inline_links_and_texts(admin_client, archive):
    document = Document.objects.get(key="d1")
    url = f"/admin/catalogue/document/{document.pk}/change/"
    response = submit(admin_client, url, "document_form", {"title": "Cable from V. Molotov"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.title == "Cable from V. Molotov"
    roles = sorted(document.person_links.values_list("person__key", "role"))
    assert roles == [("molotov", "author"), ("stalin", "recipient")]


def test_undated_is_explicit_and_embargo_needs_a_day(admin_client, archive):
    document = Document.objects.get(key="d1")
    url = f"/admin/catalogue/document/{document.pk}/change/"
    blank = submit(admin_client, url, "document_form", {"date_edtf": ""})
    assert blank.status_code == 200  # an empty date is refused: 'undated' must be said
    embargo = submit(
        admin_client, url, "document_form", {"status": Status.EMBARGOED, "embargo_until": ""}
    )
    assert "needs a release day" in embargo.content.decode()
    undated = submit(admin_client, url, "document_form", {"date_edtf": "undated"})
    assert undated.status_code == 302
    document.refresh_from_db()
    assert document.date_edtf == "" and document.date.display == "Undated"


def test_date_preview(admin_client):
    ok = admin_client.get("/admin/catalogue/document/date-preview/?value=1949-10-12/1949-10-14")
    assert ok.json()["display"] == "October 12–14, 1949"
    bad = admin_client.get("/admin/catalogue/document/date-preview/?value=yesterday")
    assert bad.status_code == 400 and "Accepted:" in bad.json()["error"]


def test_autocomplete_finds_people_by_variant(admin_client, archive):
    response = admin_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "catalogue",
            "model_name": "documentperson",
            "field_name": "person",
            "term": "filipov",
        },
    )
    assert [r["text"] for r in response.json()["results"]] == ["I. V. Stalin"]


def test_merge_two_people(admin_client, archive):
    stalin, duplicate = Person.objects.get(key="stalin"), Person.objects.get(key="stalin-dup")
    old_url = duplicate.get_absolute_url()
    choose = admin_client.post(
        "/admin/catalogue/person/",
        {"action": "merge_people", "_selected_action": [stalin.pk, duplicate.pk]},
    )
    assert choose.status_code == 200 and "Keep this record" in choose.content.decode()
    OutboxEntry.objects.all().delete()
    done = admin_client.post(
        "/admin/catalogue/person/",
        {
            "action": "merge_people",
            "_selected_action": [stalin.pk, duplicate.pk],
            "survivor": stalin.pk,
        },
    )
    assert done.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.merged_into == stalin
    links = DocumentPerson.objects.filter(person=stalin)
    assert sorted(links.values_list("document__key", "role")) == [
        ("d1", "recipient"),
        ("d2", "recipient"),
        ("d3", "recipient"),
    ]
    assert not DocumentPerson.objects.filter(person=duplicate).exists()
    variants = set(PersonVariant.objects.filter(person=stalin).values_list("name", "kind"))
    assert {
        ("I. V. Stalin", "alternate"),
        ("Filipov", "misspelling"),
        ("Filippov", "pseudonym"),
    } <= variants
    reindexed = set(OutboxEntry.objects.values_list("document_id", flat=True))
    assert reindexed == set(Document.objects.values_list("public_id", flat=True))
    redirect = Client().get(old_url)
    assert redirect.status_code == 301 and redirect["Location"] == stalin.get_absolute_url()


def test_reimport_naming_a_merged_person_changes_nothing(admin_client, archive, tmp_path):
    from readingroom.editorial.merges import merge_people

    merge_people(Person.objects.get(key="stalin"), Person.objects.get(key="stalin-dup"))
    path = tmp_path / "again.jsonl"
    path.write_text(RECORDS.replace(',"variants":[{"name":"Filipov","kind":"misspelling"}]', ""))
    report = import_file("jsonl", path)
    assert report.ok, report.problems
    assert report.summary.unchanged["document"] == 3
    recipients = Document.objects.get(key="d3").person_links.filter(role="recipient")
    assert [link.person.key for link in recipients] == ["stalin"]


def test_outbox_is_visible_and_read_only(admin_client, archive):
    # Inside the test's transaction nothing has committed, so the import's rows still wait.
    waiting = OutboxEntry.objects.count()
    assert waiting > 0
    page = admin_client.get("/admin/search/outboxentry/")
    assert page.status_code == 200
    assert f"{waiting} outbox entries" in page.content.decode()
    assert admin_client.get("/admin/search/outboxentry/add/").status_code == 403


def _queries(client: Client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    ("url", "model"),
    [("/admin/catalogue/document/", "document"), ("/admin/catalogue/subject/", "subject")],
)
def test_change_lists_make_the_same_queries_for_few_rows_and_many(admin_client, url, model):
    """A row's repository (a subject's broader subject) comes with the rows, not one query a
    row (issue 18)."""
    from readingroom.catalogue.models import Repository, Subject

    repository = Repository.objects.create(key="r0", name="Archive 0")
    broader = Subject.objects.create(key="s-broad", name="Foreign relations")

    def add(start: int, count: int) -> None:
        for n in range(start, start + count):
            if model == "document":
                Document.objects.create(key=f"d{n}", title=f"Cable {n}", repository=repository)
            else:
                Subject.objects.create(key=f"s{n}", name=f"Subject {n}", broader=broader)

    add(0, 3)
    few = _queries(admin_client, url)
    add(3, 40)
    assert _queries(admin_client, url) == few


def test_the_documents_autocomplete_counts_no_further_than_it_needs(admin_client, archive):
    """On each keystroke the autocomplete asks whether there is more than a page: it counts at
    most a thousand matching rows, never every document (issue 18)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = "/admin/autocomplete/?app_label=catalogue&model_name=collectionmembership"
    with CaptureQueriesContext(connection) as captured:
        answer = admin_client.get(f"{url}&field_name=document&term=Stalin")
    assert answer.status_code == 200
    assert {r["text"] for r in answer.json()["results"]} == {
        "Letter to Stalin",
        "Note on both Stalins",
    }
    counts = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
    assert counts and all("LIMIT 1000" in sql.upper() for sql in counts), counts
