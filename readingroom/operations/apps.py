from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "readingroom.operations"
    verbose_name = "Operations"
