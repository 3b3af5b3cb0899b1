"""Public pages. Thin: parse the request, call one operation, render."""

from __future__ import annotations

from django.conf import settings
from django.db import DatabaseError
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.http import require_safe

from readingroom.catalogue.models import AttachmentKind
from readingroom.catalogue.visibility import NotAvailableNow, check_available_now, public_by_ids
from readingroom.editorial import jobs
from readingroom.editorial.releases import recent_corrections
from readingroom.protocols import dump_lag
from readingroom.protocols.page_cache import cached
from readingroom.protocols.throttle import rate_limited
from readingroom.search.health import health
from readingroom.search.reading import from_query_string

from . import datapage, documents, facetpage, indexes, mappage
from . import editorial_views as editorial
from .authorities import public_authority, record_page, record_params
from .canonical import redirect_target
from .helppage import help_page
from .home import home_page
from .listing import Listing, results_page
from .people import person_page, person_params
from .record_pdf import record_pdf


def _query(request: HttpRequest) -> str:
    return request.META.get("QUERY_STRING", "")


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _redirect(request: HttpRequest, path: str, pairs: list, notices=()) -> HttpResponse | None:  # type: ignore[no-untyped-def]
    target = redirect_target(request.path, _query(request), path, pairs, notices)
    return HttpResponsePermanentRedirect(target) if target else None


@require_safe
@cached("page")
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html", {"page": home_page()})


@require_safe
@cached("page")
def search(request: HttpRequest) -> HttpResponse:
    parsed = from_query_string(_query(request))
    redirect = _redirect(request, "/search", parsed.params.pairs(), parsed.notices)
    if redirect:
        return redirect
    page = results_page(Listing("/search", parsed.params), parsed.notices)
    status = 404 if page.past_end else 200
    return render(request, "web/search.html", {"results": page}, status=status)


@require_safe
@cached("page")
def facet_values(request: HttpRequest, name: str) -> HttpResponse:
    parsed = from_query_string(_query(request))
    path = f"/search/facets/{name}"
    redirect = _redirect(request, path, parsed.params.pairs(), parsed.notices)
    if redirect:
        return redirect
    page = facetpage.facet_page(name, parsed.params)
    return render(request, "web/facet_values.html", {"page": page})


@require_safe
@cached("page")
def search_map(request: HttpRequest) -> HttpResponse:
    parsed = from_query_string(_query(request))
    redirect = _redirect(request, "/search/map", parsed.params.pairs(), parsed.notices)
    if redirect:
        return redirect
    return render(request, "web/map.html", {"page": mappage.map_page(parsed.params)})


@require_safe
@cached("page")
def corrections(request: HttpRequest) -> HttpResponse:
    """Every recent correction of a published document, newest first."""
    return render(request, "web/corrections.html", {"corrections": recent_corrections()})


@require_safe
@cached("page")
def search_help(request: HttpRequest) -> HttpResponse:
    return render(request, "web/help.html", {"page": help_page()})


@require_safe
@rate_limited  # (a PDF is laid out in about a second: counted like the machine interfaces)
@cached("citation")
def document_pdf(request: HttpRequest, public_id: int) -> HttpResponse:
    """The record as PDF (record_pdf.py); a withdrawn or unreleased document has none."""
    try:
        document = documents.public_document(public_id)
    except Http404:
        check_available_now(public_id)
        raise
    page = documents.document_page(
        document,
        url=_absolute(document.get_absolute_url()),
        archive_name=settings.ARCHIVE_NAME,
        absolute=_absolute,
        from_search=None,
    )
    body = record_pdf(page, settings.ARCHIVE_NAME, timezone.localdate())
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{document.slug}-{public_id}.pdf"'
    return response


@require_safe
@cached("page")
def document_detail(request: HttpRequest, public_id: int, slug: str | None = None) -> HttpResponse:
    try:
        document = documents.public_document(public_id)
    except Http404:
        gone = editorial.withdrawn(request, public_id)  # 410 with the tombstone
        if gone is None:
            check_available_now(public_id)  # not available now, and when it is due back
            raise
        return gone
    path = document.get_absolute_url()
    if request.path != path:
        query = _query(request)
        return HttpResponsePermanentRedirect(f"{path}?{query}" if query else path)
    if "version" in request.GET:  # a published version, citable as it was
        return editorial.document_version(request, document)
    page = documents.document_page(
        document,
        url=_absolute(path),
        archive_name=settings.ARCHIVE_NAME,
        absolute=_absolute,
        from_search=request.GET.get("from_search"),
        from_record=request.GET.get("from_record"),
    )
    side_by_side = request.GET.get("view") == "side-by-side" and page.side_by_side is not None
    return render(request, "web/document.html", {"page": page, "side_by_side": side_by_side})


@require_safe
def document_scan(
    request: HttpRequest, public_id: int, number: int, download: bool = False
) -> FileResponse:
    """A scan of a public document, never straight from the media directory."""
    document = public_by_ids([public_id]).first()
    if document is None:
        raise Http404(f"No public document {public_id}")
    attachment = documents.scan(document, number)
    suffix = attachment.file.name.rsplit(".", 1)[-1] if "." in attachment.file.name else "bin"
    inline = attachment.kind in (AttachmentKind.IMAGE, AttachmentKind.PDF) and not download
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.mime_type or "application/octet-stream",
        as_attachment=not inline,
        filename=f"document-{public_id}-scan-{number}.{suffix}",
    )
    if attachment.mime_type == "image/svg+xml" or not inline:
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=300"
    return response


def _authority(request: HttpRequest, record_type: str, public_id: int) -> HttpResponse:
    record = public_authority(record_type, public_id)
    parsed = record_params(record, record_type, _query(request))
    path = record.get_absolute_url()
    redirect = _redirect(request, path, parsed.params.pairs(), parsed.notices)
    if redirect:
        return redirect
    page = record_page(record, record_type, parsed)
    status = 404 if page.results.past_end else 200
    return render(request, f"web/{record_type}.html", {"page": page}, status=status)


@require_safe
@cached("page")
def person_detail(request: HttpRequest, public_id: int, slug: str | None = None) -> HttpResponse:
    person = public_authority("person", public_id)
    chosen = person_params(person, _query(request))  # type: ignore[arg-type]
    redirect = _redirect(request, person.get_absolute_url(), chosen.pairs, chosen.notices)
    if redirect:
        return redirect
    page = person_page(person, chosen)  # type: ignore[arg-type]
    status = 404 if page.record.results.past_end else 200
    context = {"page": page.record, "person_page": page}
    return render(request, "web/person.html", context, status=status)


@require_safe
@cached("page")
def place_detail(request: HttpRequest, public_id: int, slug: str | None = None) -> HttpResponse:
    return _authority(request, "place", public_id)


@require_safe
@cached("page")
def subject_detail(request: HttpRequest, public_id: int, slug: str | None = None) -> HttpResponse:
    return _authority(request, "subject", public_id)


@require_safe
@cached("page")
def repository_detail(
    request: HttpRequest, public_id: int, slug: str | None = None
) -> HttpResponse:
    return _authority(request, "repository", public_id)


@require_safe
@cached("page")
def collection_detail(
    request: HttpRequest, public_id: int, slug: str | None = None
) -> HttpResponse:
    return _authority(request, "collection", public_id)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The archive's 404 page; for a document readers saw that is away for now, it says so and
    when it is due back (visibility.NotAvailableNow)."""
    away = exception if isinstance(exception, NotAvailableNow) else None
    return render(request, "404.html", {"unavailable": away}, status=404)


@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when this node can serve readers, else 503 with the reasons (JSON, never cached);
    the editors' background jobs waiting, and how far the bulk data is behind, each with a
    warning when its worker seems not to run (a warning, not a 503: readers are served all
    the same)."""
    found = health()
    answer = found.as_json()
    try:
        count, age = jobs.waiting()
    except DatabaseError:
        count, age = None, None  # (the database's problem is said above)
    try:
        dumps_lag = dump_lag.lag_seconds()
    except DatabaseError:
        dumps_lag = None
    warnings = [jobs.lag_warning(count or 0, age), dump_lag.lag_warning(dumps_lag or 0)]
    answer |= {"jobs_waiting": count, "oldest_job_waiting_seconds": age}
    answer |= {"dumps_lag_seconds": dumps_lag}
    answer["warnings"] = [warning for warning in warnings if warning]
    response = JsonResponse(answer, status=200 if found.ok else 503)
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, which browsers and crawlers ask for whatever the pages link: the site's
    icon (an SVG, linked from every page too)."""
    return HttpResponseRedirect(static("web/favicon.svg"))


@require_safe
@cached("page")
def record_index(request: HttpRequest, name: str) -> HttpResponse:
    """/people/, /places/ and the other indexes: A to Z, a letter, a filter, a page."""
    index = indexes.INDEXES[name]
    letter = request.GET.get("letter", "")[:1].upper()
    letter = letter if letter.isalpha() or letter == "#" else ""
    typed = "".join(c for c in request.GET.get("q", "") if c.isprintable())  # no NUL for SQL
    words = " ".join(typed.split())[: indexes.MAX_FILTER]
    number = request.GET.get("page", "1")
    page_number = int(number) if number.isascii() and number.isdigit() and len(number) < 6 else 0
    if page_number < 1:
        raise Http404("No such page")
    page = indexes.index_page(index, letter, words, page_number)
    if page.total and (page_number - 1) * indexes.PER_PAGE >= page.total:
        raise Http404("Past the last page")
    if page.canonical != request.get_full_path():
        return HttpResponsePermanentRedirect(page.canonical)
    return render(request, "web/index.html", {"page": page})


@require_safe
def bulk_data(request: HttpRequest) -> HttpResponse:
    """/data/: the bulk files (built by `dump --loop` beside the server). Not kept by the page
    cache: the files change without the archive changing."""
    return render(request, "web/data.html", datapage.bulk_files())


@require_safe
@cached("page")
def data_and_apis(request: HttpRequest) -> HttpResponse:
    return render(request, "web/data_and_apis.html", {"ways": datapage.ways_in()})
