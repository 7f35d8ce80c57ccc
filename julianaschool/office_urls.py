"""The school's plumbing for the office and directie: outgoing mail and the school calendar."""

from django.urls import path

from . import calendar_views, mail_views

app_name = "office"

urlpatterns = [
    path("mail/", mail_views.outbox, name="mail"),
    path("mail/<int:pk>/opnieuw/", mail_views.retry, name="mail_retry"),
    path("kalender/", calendar_views.calendar, name="calendar"),
    path("kalender/import/", calendar_views.import_ics, name="calendar_import"),
    path("kalender/<int:pk>/verwijderen/", calendar_views.delete, name="calendar_delete"),
]
