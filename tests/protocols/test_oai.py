"""OAI-PMH 2.0: a real harvester (sickle) through resumption tokens, every response validated
against the official schemas, and every error condition of the specification."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from django.test import Client
from django.utils import timezone
from lxml import etree
from sickle import Sickle

from readingroom.catalogue.models import Document, Status

from .archive import PUBLIC_COUNT, SECRET_WORDS
from .xmlschemas import OAI, assert_valid_oai

pytestmark = pytest.mark.django_db(transaction=True)
ID = "oai:archive.example.org:"


class ValidatingSession(requests.Session):
    """A requests session that validates every response the harvester receives."""

    responses: list[bytes]

    def request(self, *args: Any, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        response = super().request(*args, **kwargs)
        assert_valid_oai(response.content)
        self.responses.append(response.content)
        return response


@pytest.fixture
def harvester(archive: None, live_server: Any, settings: Any) -> Iterator[Sickle]:
    settings.OAI_PAGE_SIZE = 5
    session = ValidatingSession()
    session.responses = []
    sickle = Sickle(f"{live_server.url}/oai", max_retries=0)
    sickle.session = session  # type: ignore[attr-defined]
    _patch_session(sickle, session)
    yield sickle


def _patch_session(sickle: Sickle, session: requests.Session) -> None:
    def harvest(**kwargs: Any) -> Any:
        response = session.get(sickle.endpoint, params=kwargs, timeout=30)
        response.raise_for_status()
        from sickle.response import OAIResponse

        return OAIResponse(response, params=kwargs)

    sickle.harvest = harvest  # type: ignore[method-assign]


def oai(client: Client, **params: str) -> etree._Element:
    response = client.get("/oai", params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    return assert_valid_oai(response.content)


def error_code(root: etree._Element) -> str | None:
    error = root.find(f"{OAI}error")
    return error.get("code") if error is not None else None


def test_identify(harvester: Sickle) -> None:
    identify = harvester.Identify()
    assert identify.protocolVersion == "2.0"
    assert identify.deletedRecord == "persistent"
    assert identify.granularity == "YYYY-MM-DDThh:mm:ssZ"
    assert identify.baseURL == "https://archive.example.org/oai"


def test_harvests_everything_through_resumption_tokens(harvester: Sickle) -> None:
    records = list(harvester.ListRecords(metadataPrefix="oai_dc"))
    live = [r for r in records if not r.deleted]
    deleted = [r for r in records if r.deleted]
    assert len(live) == PUBLIC_COUNT
    assert [r.header.identifier for r in deleted] == [f"{ID}903"]
    assert len({r.header.identifier for r in records}) == len(records)
    assert sum(b"resumptionToken" in body for body in harvester.session.responses) >= 5
    first = next(r for r in live if r.header.identifier == f"{ID}1")
    assert first.metadata["title"] == ["Telegram number 1 on relations"]
    assert first.metadata["creator"] == ["Stalin, Joseph"]
    assert first.metadata["date"] == ["1945-08-23"]
    assert "https://archive.example.org/documents/1" in first.metadata["identifier"]
    assert "Sergey Radchenko" in first.metadata["contributor"]


def test_harvests_our_own_format_and_identifiers(harvester: Sickle) -> None:
    identifiers = list(harvester.ListIdentifiers(metadataPrefix="readingroom"))
    assert len(identifiers) == PUBLIC_COUNT + 1
    records = list(harvester.ListRecords(metadataPrefix="readingroom", ignore_deleted=True))
    assert len(records) == PUBLIC_COUNT
    text = etree.tostring(records[0].xml, encoding="unicode")
    assert "<title>" in text and "<texts>" in text


def test_sets_and_selective_harvest(harvester: Sickle) -> None:
    specs = {s.setSpec: s.setName for s in harvester.ListSets()}
    assert specs == {
        "collection": "Documents in the archive's collections",
        "repository": "Documents by the repository that holds the original",
        "collection:1": "Sino-Soviet Relations",
        "repository:1": "Russian State Archive of Socio-Political History",
        "repository:2": "Archive of Foreign Policy",
    }  # the secret collection holds only unreleased documents: not listed
    in_avp = list(harvester.ListIdentifiers(metadataPrefix="oai_dc", set="repository:2"))
    assert [h.identifier for h in in_avp] == [f"{ID}3"]
    in_collection = list(harvester.ListIdentifiers(metadataPrefix="oai_dc", set="collection:1"))
    assert len(in_collection) == PUBLIC_COUNT - 1


def test_get_record_and_metadata_formats(harvester: Sickle) -> None:
    record = harvester.GetRecord(identifier=f"{ID}2", metadataPrefix="oai_dc")
    assert record.metadata["title"] == ["Memorandum on the border question"]
    assert "creator" not in record.metadata
    formats = {f.metadataPrefix for f in harvester.ListMetadataFormats(identifier=f"{ID}2")}
    assert formats == {"oai_dc", "readingroom"}


def test_from_until_at_day_and_second_granularity(archive: None, client: Client) -> None:
    stamp = dt.datetime(2020, 5, 17, 10, 30, 15, 500_000, tzinfo=dt.UTC)
    Document.objects.filter(public_id=5).update(updated_at=stamp)
    Document.objects.filter(public_id=6).update(updated_at=stamp + dt.timedelta(seconds=1))

    def ids(**params: str) -> list[str]:
        root = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **params)
        return [e.text or "" for e in root.iter(f"{OAI}identifier")]

    assert ids(until="2020-05-17") == [f"{ID}5", f"{ID}6"]
    assert ids(**{"from": "2020-05-17", "until": "2020-05-17"}) == [f"{ID}5", f"{ID}6"]
    assert ids(until="2020-05-17T10:30:15Z") == [f"{ID}5"]
    assert ids(**{"from": "2020-05-17T10:30:16Z", "until": "2020-05-17T10:30:16Z"}) == [f"{ID}6"]
    root = oai(client, verb="GetRecord", identifier=f"{ID}5", metadataPrefix="oai_dc")
    assert root.findtext(f".//{OAI}datestamp") == "2020-05-17T10:30:15Z"


def test_resumption_survives_concurrent_edits(archive: None, client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.OAI_PAGE_SIZE = 4
    root = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    seen = [e.text for e in root.iter(f"{OAI}identifier")]
    token = root.findtext(f".//{OAI}resumptionToken")
    # Meanwhile: an unseen document is edited, a seen one too, one is withdrawn, one is added.
    unseen = Document.objects.exclude(public_id__in=[int(str(s).rsplit(":")[-1]) for s in seen])
    edited = unseen.filter(status=Status.PUBLISHED).order_by("updated_at").first()
    assert edited is not None
    edited.title = "Edited during the harvest"
    edited.save()
    Document.objects.filter(public_id=1).update(updated_at=timezone.now())
    while token:
        root = oai(client, verb="ListIdentifiers", resumptionToken=token)
        seen += [e.text for e in root.iter(f"{OAI}identifier")]
        token = root.findtext(f".//{OAI}resumptionToken")
    assert len(seen) == len(set(seen)), "no record twice"
    # The edited one moved past the harvest's frozen `until`: the next incremental harvest
    # (from this one's first responseDate) has it.
    assert f"{ID}{edited.public_id}" not in seen
    assert len(seen) == PUBLIC_COUNT + 1 - 1


def test_withdrawn_and_deleted_documents_stay_deleted(archive: None, client: Client) -> None:
    root = oai(client, verb="GetRecord", identifier=f"{ID}903", metadataPrefix="oai_dc")
    header = root.find(f".//{OAI}header")
    assert header is not None and header.get("status") == "deleted"
    assert root.find(f".//{OAI}metadata") is None
    Document.objects.get(public_id=4).delete()
    root = oai(client, verb="GetRecord", identifier=f"{ID}4", metadataPrefix="readingroom")
    header = root.find(f".//{OAI}header")
    assert header is not None and header.get("status") == "deleted"
    assert [s.text for s in header.iter(f"{OAI}setSpec")] == ["collection:1", "repository:1"]
    root = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="collection:1")
    assert f"{ID}4" in [e.text for e in root.iter(f"{OAI}identifier")]


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, "badVerb"),
        ({"verb": "Explode"}, "badVerb"),
        ({"verb": ["Identify", "Identify"]}, "badVerb"),
        ({"verb": "Identify", "extra": "1"}, "badArgument"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({"verb": "GetRecord", "identifier": f"{ID}1"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2020-13-01"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "yesterday"}, "badArgument"),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2020-01-01",
             "until": "2020-01-02T00:00:00Z"},
            "badArgument",
        ),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2021-01-01",
             "until": "2020-01-01"},
            "badArgument",
        ),
        ({"verb": "ListRecords", "metadataPrefix": ["oai_dc", "oai_dc"]}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "nonsense"}, "badArgument"),
        ({"verb": "ListRecords", "resumptionToken": "x", "metadataPrefix": "oai_dc"}, "badArgument"),
        ({"verb": "ListRecords", "resumptionToken": "forged"}, "badResumptionToken"),
        ({"verb": "ListSets", "resumptionToken": "forged"}, "badResumptionToken"),
        ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
        (
            {"verb": "GetRecord", "identifier": f"{ID}1", "metadataPrefix": "mods"},
            "cannotDisseminateFormat",
        ),
        ({"verb": "GetRecord", "identifier": f"{ID}999", "metadataPrefix": "oai_dc"},
         "idDoesNotExist"),
        ({"verb": "GetRecord", "identifier": f"{ID}901", "metadataPrefix": "oai_dc"},
         "idDoesNotExist"),
        ({"verb": "GetRecord", "identifier": "oai:elsewhere:1", "metadataPrefix": "oai_dc"},
         "idDoesNotExist"),
        ({"verb": "ListMetadataFormats", "identifier": f"{ID}902"}, "idDoesNotExist"),
        ({"verb": "ListMetadataFormats", "identifier": f"{ID}{2**63}"}, "idDoesNotExist"),
        ({"verb": "ListMetadataFormats", "identifier": f"{ID}\u00b9"}, "idDoesNotExist"),
        ({"verb": "ListMetadataFormats", "identifier": f"{ID}0"}, "idDoesNotExist"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2999-01-01"},
         "noRecordsMatch"),
        ({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "repository:99"},
         "noRecordsMatch"),
    ],
)  # fmt: skip
def test_error_conditions(archive: None, client: Client, params: dict, code: str) -> None:  # type: ignore[type-arg]
    root = oai(client, **params)
    assert error_code(root) == code
    request = root.find(f"{OAI}request")
    assert request is not None
    if code in ("badVerb", "badArgument"):
        assert dict(request.attrib) == {}


def test_token_of_another_verb_is_refused(archive: None, client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.OAI_PAGE_SIZE = 3
    token = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc").findtext(
        f".//{OAI}resumptionToken"
    )
    root = oai(client, verb="ListRecords", resumptionToken=token or "")
    assert error_code(root) == "badResumptionToken"


def test_post_requests(archive: None, client: Client) -> None:
    response = client.post(
        "/oai", "verb=Identify", content_type="application/x-www-form-urlencoded"
    )
    assert_valid_oai(response.content)


def test_nothing_unreleased_leaks(archive: None, client: Client) -> None:
    bodies = [
        client.get("/oai", {"verb": "ListRecords", "metadataPrefix": prefix}).content
        for prefix in ("oai_dc", "readingroom")
    ]
    bodies.append(client.get("/oai", {"verb": "ListSets"}).content)
    for body in bodies:
        for word in SECRET_WORDS:
            assert word.encode() not in body


def test_flow_control_answers_503_with_retry_after(archive: None, client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    from django.core.cache import cache

    cache.clear()
    settings.API_RATE_REQUESTS = 2
    statuses = [client.get("/oai", {"verb": "Identify"}).status_code for _ in range(3)]
    assert statuses == [200, 200, 503]
    assert int(client.get("/oai", {"verb": "Identify"})["Retry-After"]) >= 1
    cache.clear()
