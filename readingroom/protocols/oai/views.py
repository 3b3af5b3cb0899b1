"""The /oai endpoint: GET or POST, one verb a request."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl

from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from readingroom.protocols import conf, throttle
from readingroom.protocols.page_cache import cached

from .arguments import read_request
from .errors import OAIError
from .responses import envelope, error_response, serialize
from .verbs import VERB_FUNCTIONS

SCHEMA_FILE = Path(__file__).resolve().parent / "readingroom.xsd"


@csrf_exempt
@require_http_methods(["GET", "POST", "HEAD"])
def endpoint(request: HttpRequest) -> HttpResponseBase:
    wait = throttle.check(request)
    if wait:  # OAI-PMH flow control: 503 with Retry-After, which harvesters honour
        response = HttpResponse("Too many requests; retry later.", status=503)
        response["Retry-After"] = str(wait)
        return response
    return _answer(request)


@cached("machine")
def _answer(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        raw = request.body.decode("utf-8", errors="replace")
    else:
        raw = request.META.get("QUERY_STRING", "")
    pairs = parse_qsl(raw, keep_blank_values=True)
    base_url = f"{conf.site_url()}/oai"
    try:
        oai_request = read_request(pairs)
        root = envelope(base_url, {"verb": oai_request.verb, **oai_request.arguments})
        VERB_FUNCTIONS[oai_request.verb](root, oai_request.arguments, base_url)
    except OAIError as error:
        given = {name: value for name, value in pairs}
        root = error_response(base_url, given, [error])
    return HttpResponse(serialize(root), content_type="text/xml; charset=utf-8")


def record_schema(request: HttpRequest) -> FileResponse:
    """The XML Schema of our `readingroom` metadata format."""
    return FileResponse(SCHEMA_FILE.open("rb"), content_type="application/xml")
