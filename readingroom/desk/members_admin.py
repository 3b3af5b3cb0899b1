"""A collection's members in the admin as a paginated list, whatever the collection's size:
search within them, move one to a position, remove one, find documents and add them. Each
change is its own small transaction with its history (`editorial.members`); the collection's
own form saves its fields only."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Window
from django.db.models.functions import Coalesce, RowNumber
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render

from readingroom.catalogue.models import Collection, CollectionMembership, Document
from readingroom.editorial import members

PER_PAGE = 50
FOUND_TO_ADD = 20


def _matching(text: str, prefix: str = "") -> Q:
    """Documents (through `prefix`) whose title holds `text`, or whose public id it is."""
    query = Q(**{f"{prefix}title__icontains": text})
    if text.isascii() and text.isdigit() and len(text) <= 18:
        query |= Q(**{f"{prefix}public_id": int(text)})
    return query


def member_rows(collection: Collection, text: str) -> QuerySet[CollectionMembership]:
    """The members in curated order (those matching `text`, if given), each with its `place`
    in that order from 1: what "Move to position" means, whatever numbers are stored (an
    import may number from 0 or leave gaps)."""
    rows = collection.memberships.select_related("document").order_by("position", "pk")
    if not text:
        order = [F("position").asc(), F("pk").asc()]
        return rows.annotate(place=Window(RowNumber(), order_by=order))
    before = collection.memberships.filter(
        Q(position__lt=OuterRef("position"))
        | Q(position=OuterRef("position"), pk__lt=OuterRef("pk"))
    )
    ahead = before.order_by().values("collection").annotate(n=Count("pk")).values("n")
    place = Coalesce(Subquery(ahead), 0) + 1
    return rows.filter(_matching(text, "document__")).annotate(place=place)


def candidates(collection: Collection, text: str) -> list[Document]:
    """Documents to add: matching `text`, not members yet (the first FOUND_TO_ADD)."""
    if not text:
        return []
    members_of = CollectionMembership.objects.filter(collection=collection).values("document_id")
    found = Document.objects.filter(_matching(text)).exclude(pk__in=members_of)
    return list(found.order_by("public_id")[:FOUND_TO_ADD])


def members_view(model_admin: Any, request: HttpRequest, object_id: str) -> HttpResponse:
    collection = get_object_or_404(Collection, pk=object_id)
    if not model_admin.has_change_permission(request, collection):
        model_admin.message_user(request, "You may not change this collection.", messages.ERROR)
        return HttpResponseRedirect("../")
    if request.method == "POST":
        _change(model_admin, request, collection)
        return HttpResponseRedirect(f"{request.path}?{request.GET.urlencode()}")
    text = request.GET.get("q", "").strip()[:200]
    wanted = request.GET.get("add", "").strip()[:200]
    page = Paginator(member_rows(collection, text), PER_PAGE).get_page(request.GET.get("page"))

    def query(number: int | str) -> str:
        return urlencode({"q": text, "add": wanted, "page": number})

    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "collection": collection,
        "title": f"Documents in {collection.title}",
        "page": page,
        "total": collection.memberships.count(),
        "pages": [(n, query(n)) for n in page.paginator.get_elided_page_range(page.number)],
        "q": text,
        "add": wanted,
        "candidates": candidates(collection, wanted),
    }
    return render(request, "admin/catalogue/collection/members.html", context)


def _change(model_admin: Any, request: HttpRequest, collection: Collection) -> None:
    action = request.POST.get("action", "")
    ids = [int(i) for i in request.POST.getlist("document") if i.isascii() and i.isdigit()][:500]
    found = {d.public_id: d for d in Document.objects.filter(public_id__in=ids)}
    documents = [found[i] for i in dict.fromkeys(ids) if i in found]
    try:
        done = _act(action, collection, documents, request)
    except members.MembersRefused as refusal:
        model_admin.message_user(request, str(refusal), messages.ERROR)
    else:
        model_admin.message_user(request, done)


def _act(action: str, collection: Collection, documents: list[Document], request: Any) -> str:
    if action == "add" and documents:
        added = members.add(collection, documents, request.user)
        return f"Added {added} document(s) at the end."
    if action == "remove" and documents:
        members.remove(collection, documents[0], request.user)
        return f"Removed document {documents[0].public_id}."
    if action == "move" and documents:
        to = request.POST.get("position", "")
        if not (to.isascii() and to.isdigit() and len(to) <= 9):
            raise members.MembersRefused("A position is a whole number, 1 for the first.")
        where = members.move(collection, documents[0], int(to), request.user)
        return f"Moved document {documents[0].public_id} to position {where}."
    raise members.MembersRefused("Choose a document and what to do with it.")
