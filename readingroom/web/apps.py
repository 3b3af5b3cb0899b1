from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "readingroom.web"
    verbose_name = "Reading room"
