from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    name = "readingroom.search"
    verbose_name = "Search"

    def ready(self) -> None:
        post_migrate.connect(prepare_index, sender=self)


def prepare_index(verbosity: int = 1, using: str = "default", **kwargs: Any) -> None:
    """After `migrate` (so after `readingroom init`): make sure a search index of this version
    exists, building it from the database when there is none or it is of another version."""
    from django.conf import settings

    from .consistency import reindex
    from .service import get_backend
    from .tantivy.engine import TantivyBackend

    backend = get_backend()
    if using != "default" or not isinstance(backend, TantivyBackend) or backend.usable():
        return
    if verbosity:
        print(f"Building the search index in {settings.SEARCH_INDEX_DIR} ...")
    count = reindex(backend)
    if verbosity:
        print(f"Search index built: {count} documents.")
