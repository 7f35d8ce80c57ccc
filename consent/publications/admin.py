"""Read-only admin views of publications and takedowns (changed by nobody; see the portal's pages)."""

from django.contrib import admin

from julianaschool.admin import ReadOnlyAdmin

from .models import Publication, Takedown


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdmin):
    list_display = ["published_on", "title", "purpose", "published_by_name", "created_at"]
    list_filter = ["purpose"]
    list_select_related = ["purpose"]


@admin.register(Takedown)
class TakedownAdmin(ReadOnlyAdmin):
    list_display = ["due_on", "publication", "reason", "assigned_to", "created_at"]
    list_filter = ["reason"]
    list_select_related = ["publication", "assigned_to"]
