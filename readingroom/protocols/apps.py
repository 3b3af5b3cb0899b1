from django.apps import AppConfig


class ProtocolsConfig(AppConfig):
    name = "readingroom.protocols"
    verbose_name = "Open protocols"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the deletion tombstones)
