"""The archive's records: documents and the authority records they link to.

Every record has a public id that never changes (allocated once, exported, restored), a source
key unique in its import source (what makes imports idempotent) and a slug that may change; old
slugs are kept in `OldSlug` so every URL ever published still redirects.
"""

from __future__ import annotations

import datetime as dt

from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from .dates import HistoricalDate, display_edtf
from .fields import RECORD_TYPES
from .romanize import latin
from .text import UNDETERMINED

SLUG_LENGTH = 80


class IdSequence(models.Model):
    """The last public id handed out per record type; public ids are never reused."""

    name = models.CharField(max_length=40, primary_key=True)
    last = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name}: {self.last}"

    @classmethod
    def allocate(cls, name: str, wanted: int | None = None) -> int:
        """A new public id, or `wanted` (an imported id) with the sequence moved past it."""
        if wanted is not None:
            cls.reserve(name, wanted)
            return wanted
        return cls.allocate_block(name, 1)[0]

    @classmethod
    def allocate_block(cls, name: str, count: int) -> list[int]:
        """`count` new consecutive public ids."""
        with transaction.atomic():
            sequence, _ = cls.objects.select_for_update().get_or_create(name=name)
            first = sequence.last + 1
            sequence.last += count
            sequence.save(update_fields=["last"])
        return list(range(first, first + count))

    @classmethod
    def reserve(cls, name: str, wanted: int) -> None:
        """Move the sequence past an id given by an import, so it is never handed out again."""
        with transaction.atomic():
            sequence, _ = cls.objects.select_for_update().get_or_create(name=name)
            if wanted > sequence.last:
                sequence.last = wanted
                sequence.save(update_fields=["last"])


class PublicRecord(models.Model):
    """Fields and behaviour shared by every record that has a public page."""

    public_id = models.PositiveBigIntegerField(unique=True, editable=False)
    key = models.CharField(
        max_length=200, unique=True, help_text="Source key, unique in the archive's imports."
    )
    # Never looked up (addresses name the public id; the slug only reads well), so not
    # indexed: every index is written by every import (migration 0008).
    slug = models.SlugField(max_length=SLUG_LENGTH, blank=True, allow_unicode=False, db_index=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    url_name = ""
    sequence_name = ""

    class Meta:
        abstract = True

    def label(self) -> str:
        raise NotImplementedError

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.public_id is None:
            self.public_id = IdSequence.allocate(self.sequence_name)
        old_slug = self.slug
        self.prepare()
        if self.pk and old_slug and old_slug != self.slug:
            OldSlug.objects.get_or_create(
                record_type=self.sequence_name, public_id=self.public_id, slug=old_slug
            )
        super().save(*args, **kwargs)

    def prepare(self) -> None:
        """Derive the key (if none) and the slug; bulk writers call this instead of save()."""
        if not self.key:
            self.key = f"{self.sequence_name}-{self.public_id}"
        self.slug = slug_for(self.label(), self.sequence_name)

    def get_absolute_url(self) -> str:
        return reverse(self.url_name, kwargs={"public_id": self.public_id, "slug": self.slug})

    def __str__(self) -> str:
        return self.label()


def slug_for(label: str, sequence_name: str) -> str:
    """The slug of a record with this label (bulk writers that build rows call this too)."""
    return slugify(latin(label))[:SLUG_LENGTH].strip("-") or sequence_name


class OldSlug(models.Model):
    """A slug a record had before; its URL redirects (301) to the current one."""

    record_type = models.CharField(max_length=40)
    public_id = models.PositiveBigIntegerField()
    slug = models.SlugField(max_length=SLUG_LENGTH)

    def __str__(self) -> str:
        return f"{self.record_type} {self.public_id}: {self.slug}"

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["record_type", "public_id", "slug"], name="unique_old_slug"
            )
        ]


class VariantKind(models.TextChoices):
    PREFERRED = "preferred", "preferred form"
    PSEUDONYM = "pseudonym", "pseudonym"
    TRANSLITERATION = "transliteration", "transliteration"
    NATIVE = "native", "native script"
    MISSPELLING = "misspelling", "misspelling"
    ALTERNATE = "alternate", "alternate form"
    FORMER = "former", "former name"
    MERGED = "merged", "merged record"


class Variant(models.Model):
    """Another name by which a person, place or subject is found."""

    name = models.CharField(max_length=300)
    kind = models.CharField(
        max_length=20, choices=VariantKind.choices, default=VariantKind.ALTERNATE
    )

    class Meta:
        abstract = True
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"


class AgentKind(models.TextChoices):
    PERSON = "person", "person"
    ORGANIZATION = "organization", "organization"


class Person(PublicRecord):
    """A person or organization: an authority record that documents link to."""

    kind = models.CharField(max_length=20, choices=AgentKind.choices, default=AgentKind.PERSON)
    name = models.CharField(max_length=300, help_text="Preferred name, as displayed.")
    sort_name = models.CharField(max_length=300, blank=True, help_text='e.g. "Sheng, Shicai"')
    dates_edtf = models.CharField("life dates (EDTF)", max_length=60, blank=True)
    biography = models.TextField(blank=True)
    wikidata = models.CharField(max_length=30, blank=True)
    viaf = models.CharField(max_length=30, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from"
    )

    url_name = "person"
    sequence_name = "person"

    class Meta:
        ordering = ["sort_name", "name"]
        verbose_name_plural = "people and organizations"

    def label(self) -> str:
        return self.name

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if not self.sort_name:
            self.sort_name = self.name
        super().save(*args, **kwargs)

    @property
    def life_dates(self) -> str:
        return display_edtf(self.dates_edtf) if self.dates_edtf else ""


class PersonVariant(Variant):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="variants")


class Place(PublicRecord):
    name = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    geonames = models.CharField(max_length=30, blank=True)
    wikidata = models.CharField(max_length=30, blank=True)

    url_name = "place"
    sequence_name = "place"

    class Meta:
        ordering = ["name"]

    def label(self) -> str:
        return self.name


class PlaceVariant(Variant):
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="variants")


class Subject(PublicRecord):
    name = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    broader = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="narrower"
    )

    url_name = "subject"
    sequence_name = "subject"

    class Meta:
        ordering = ["name"]

    def label(self) -> str:
        return self.name


class SubjectVariant(Variant):
    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="variants")


class Repository(PublicRecord):
    """The archive that holds the original (e.g. RGASPI)."""

    name = models.CharField(max_length=300)
    short_name = models.CharField(max_length=60, blank=True)
    location = models.CharField(max_length=200, blank=True)
    url = models.URLField(blank=True)
    description = models.TextField(blank=True)

    url_name = "repository"
    sequence_name = "repository"

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "repositories"

    def label(self) -> str:
        return self.short_name or self.name


class Collection(PublicRecord):
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    featured = models.BooleanField(default=False)

    url_name = "collection"
    sequence_name = "collection"

    class Meta:
        ordering = ["title"]

    def label(self) -> str:
        return self.title


class Status(models.TextChoices):
    DRAFT = "draft", "draft"
    REVIEW = "review", "in review"
    PUBLISHED = "published", "published"
    EMBARGOED = "embargoed", "embargoed"
    WITHDRAWN = "withdrawn", "withdrawn"


class DocumentQuerySet(models.QuerySet["Document"]):
    def public(self, today: dt.date | None = None) -> DocumentQuerySet:
        """The one definition of what readers may see: published, or an embargo that has passed
        (`readable` is the same rule for values already read; a test holds them together)."""
        today = today or timezone.localdate()
        return self.filter(
            Q(status=Status.PUBLISHED) | Q(status=Status.EMBARGOED, embargo_until__lte=today)
        )


class Document(PublicRecord):
    title = models.CharField(max_length=1000)
    original_title = models.CharField("title in the original language", max_length=1000, blank=True)
    summary = models.TextField(blank=True)
    date_text = models.CharField("date as written", max_length=300, blank=True)
    date_edtf = models.CharField(
        "date (EDTF)", max_length=60, blank=True, help_text="Empty means explicitly undated."
    )
    date_earliest = models.DateField(null=True, blank=True, editable=False)
    date_latest = models.DateField(null=True, blank=True, editable=False)
    doc_type = models.CharField("document type", max_length=60, blank=True, db_index=True)
    languages = models.JSONField(
        default=list, blank=True, help_text="ISO 639 codes of the original."
    )
    repository = models.ForeignKey(
        Repository, null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    citation = models.CharField("archival citation", max_length=500, blank=True)
    credits = models.JSONField(default=list, blank=True)
    funders = models.JSONField(default=list, blank=True)
    classification = models.CharField(max_length=100, blank=True)
    rights = models.TextField(blank=True)
    legacy_ids = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    embargo_until = models.DateField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    places = models.ManyToManyField(Place, blank=True, related_name="documents")
    subjects = models.ManyToManyField(Subject, blank=True, related_name="documents")
    related = models.ManyToManyField(
        "self", blank=True, symmetrical=False, related_name="related_from"
    )

    objects = DocumentQuerySet.as_manager()

    url_name = "document"
    sequence_name = "document"

    class Meta:
        ordering = ["date_earliest", "date_latest", "title"]
        indexes = [
            models.Index(fields=["status", "embargo_until"]),
            # the admin's documents list, by date (desk/catalogue_admin.py): a deep page is a
            # walk of this index, not a sort of every row
            models.Index(fields=["date_earliest", "date_latest", "-id"], name="document_by_date"),
            # the admin's classification filter lists the values in use: a walk of this index,
            # not a read of every row (0.5 s a page at 10^6 documents)
            models.Index(fields=["classification"], name="document_classification"),
            # (by title, SQLite has an index too: migration 0006, which says why SQLite only)
        ]

    def label(self) -> str:
        return self.title

    @property
    def date(self) -> HistoricalDate:
        return HistoricalDate(
            text=self.date_text,
            edtf=self.date_edtf,
            earliest=self.date_earliest,
            latest=self.date_latest,
        )

    def set_date(self, date: HistoricalDate) -> None:
        self.date_text = date.text
        self.date_edtf = date.edtf
        self.date_earliest = date.earliest
        self.date_latest = date.latest

    @property
    def is_public(self) -> bool:
        return readable(self.status, self.embargo_until, timezone.localdate())

    def note_publication(self, now: dt.datetime) -> None:
        """Every writer calls this before saving: see `first_publication`."""
        self.published_at = first_publication(
            self.published_at, self.status, self.embargo_until, now
        )


def first_publication(
    published_at: dt.datetime | None, status: str, embargo_until: dt.date | None, now: dt.datetime
) -> dt.datetime | None:
    """When a document was first public: kept once set; `now` if it is public now (published,
    or its embargo has passed); None while readers have never seen it. Every writer asks this
    (`Document.note_publication`), and it decides whether a document leaves a public trace (a
    tombstone, an OAI-PMH deleted record) when it stops being public (visibility.py)."""
    if published_at is not None:
        return published_at
    return now if readable(status, embargo_until, timezone.localdate(now)) else None


def readable(status: str, embargo_until: dt.date | None, today: dt.date) -> bool:
    """`DocumentQuerySet.public`'s rule for a document's values already read."""
    if status == Status.PUBLISHED:
        return True
    return status == Status.EMBARGOED and embargo_until is not None and embargo_until <= today


class TextKind(models.TextChoices):
    TRANSLATION = "translation", "translation"
    TRANSCRIPT = "transcript", "transcript"
    ORIGINAL = "original", "original"


class DocumentText(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="texts")
    kind = models.CharField(max_length=20, choices=TextKind.choices, default=TextKind.TRANSLATION)
    language = models.CharField(
        max_length=12,
        default=UNDETERMINED,
        help_text="ISO 639 code, e.g. en, ru, zh; und when not known (search then detects it).",
    )
    body = models.TextField()
    credit = models.CharField(max_length=300, blank=True, help_text='e.g. "Translated by ..."')
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.language})"


class Role(models.TextChoices):
    AUTHOR = "author", "author"
    RECIPIENT = "recipient", "recipient"
    DISCUSSED = "discussed", "discussed"


class DocumentPerson(models.Model):
    """A typed link from a document to a person or organization."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="person_links")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="document_links")
    role = models.CharField(max_length=20, choices=Role.choices)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["role", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "person", "role"], name="unique_document_person_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.role})"


class CollectionMembership(models.Model):
    """A document in a collection, in the collection's curated order."""

    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="memberships")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="memberships")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["collection", "document"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.collection_id}:{self.position}"


class AttachmentKind(models.TextChoices):
    IMAGE = "image", "image"
    PDF = "pdf", "PDF"
    TEXT = "text", "text"


SUFFIXES = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/tiff": "tif",
    "image/gif": "gif",
    "image/webp": "webp",
    "application/pdf": "pdf",
    "text/plain": "txt",
}


def attachment_path(attachment: Attachment, filename: str) -> str:
    """Stored by content: a name nobody can guess, never overwritten, and an extension from
    the type the content was judged to be (never from the name it arrived with)."""
    suffix = SUFFIXES.get(attachment.mime_type, "bin")
    return f"scans/{attachment.sha256[:2]}/{attachment.sha256}.{suffix}"


class Attachment(models.Model):
    """A scan (image or PDF) or other file of a document. Served only through the document's
    pages (never straight from the media directory), so an unreleased scan never leaks."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=400)
    source = models.CharField(
        max_length=400, blank=True, help_text="The file's path in the import (the canonical name)."
    )
    sha256 = models.CharField(max_length=64, blank=True, editable=False)
    mime_type = models.CharField(max_length=100, blank=True, editable=False)
    kind = models.CharField(max_length=10, choices=AttachmentKind.choices)
    label = models.CharField(max_length=300, help_text="What the file shows, e.g. 'Page 1'.")
    position = models.PositiveIntegerField(default=0)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.label


# Every kind of record with a public page, by the name URLs, versions and imports use.
RECORD_MODELS: dict[str, type[PublicRecord]] = {
    "document": Document,
    "person": Person,
    "place": Place,
    "subject": Subject,
    "repository": Repository,
    "collection": Collection,
}
# The model of each record type of the canonical format (fields.RECORDS): an organization is a
# Person of that kind.
TYPE_MODELS: dict[str, type[PublicRecord]] = {
    kind: Person if kind == "organization" else RECORD_MODELS[kind] for kind in RECORD_TYPES
}
