from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EditorialConfig(AppConfig):
    name = "readingroom.editorial"
    verbose_name = "Editorial workflow"

    def ready(self) -> None:
        from .roles import sync_roles_after_migrate

        # `migrate` (which `readingroom init` runs) sends post_migrate on every run, so the
        # roles are created on a new archive and brought up to date on an old one.
        post_migrate.connect(sync_roles_after_migrate, sender=self)
