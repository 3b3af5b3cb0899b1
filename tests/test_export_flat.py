"""The flat, batched export gives exactly the records of the per-object export."""

from __future__ import annotations

import pytest

from readingroom.catalogue.models import Document, Status
from readingroom.importers.pipeline import import_file
from readingroom.interchange.export import document_record, document_records, documents_for_export

pytestmark = pytest.mark.django_db

RECORDS = """\
{"type":"person","key":"p1","name":"One"}
{"type":"person","key":"p2","name":"Two"}
{"type":"place","key":"x","name":"X"}
{"type":"place","key":"a","name":"A"}
{"type":"subject","key":"s","name":"S"}
{"type":"repository","key":"r","name":"R"}
{"type":"collection","key":"c","title":"C"}
{"type":"collection","key":"b","title":"B"}
{"type":"document","key":"d1","title":"One","date":"1945-08-23","date_text":"23 August 1945","authors":["p2","p1"],"recipients":["p1"],"people":["p2"],"places":["x","a"],"subjects":["s"],"collections":["c","b"],"repository":"r","citation":"f. 1","languages":["ru","en"],"texts":[{"kind":"original","language":"ru","body":"Текст","credit":""},{"kind":"translation","language":"en","body":"Text","credit":"Translated by T"}],"credits":["c1"],"funders":["f1","f2"],"classification":"Top Secret","rights":"PD","legacy_ids":["old-1"],"related":["d2","d3"],"status":"published"}
{"type":"document","key":"d2","title":"Two","date":"undated","status":"draft","related":["d1"]}
{"type":"document","key":"d3","title":"Three","date":"1936","status":"embargoed","embargo_until":"2999-01-01"}
{"type":"document","key":"d4","title":"Four","date":"1949-10-12/1949-10-14","status":"withdrawn","withdrawn_reason":"Duplicate"}
"""


@pytest.mark.parametrize("public_only", [False, True])
def test_flat_records_equal_object_records(tmp_path, public_only):
    path = tmp_path / "records.jsonl"
    path.write_text(RECORDS, encoding="utf-8")
    assert import_file("jsonl", path).ok
    pks = list(Document.objects.values_list("pk", flat=True))
    flat = document_records(pks, public_only=public_only)
    for document in documents_for_export(Document.objects.all()):
        assert flat[document.pk] == document_record(document, public_only=public_only)
    assert flat[Document.objects.get(key="d1").pk]["related"] == (
        ["d2", "d3"] if not public_only else []
    )
    assert Document.objects.get(key="d4").status == Status.WITHDRAWN
