"""Admin views for superusers: read-only for what is append-only; the portal is where work happens."""

from django.contrib import admin

from .models import Category, DossierDocument, Incident, Measure, TimelineEntry


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "default_severity", "possibly_criminal", "active", "order"]
    list_editable = ["order"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Incidents, timelines, measures and dossier documents change only through incidents.services."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Incident)
class IncidentAdmin(ReadOnlyAdmin):
    list_display = ["pk", "category", "severity", "status", "occurred_at", "reported_by"]
    list_filter = ["status", "severity", "category"]


@admin.register(TimelineEntry)
class TimelineEntryAdmin(ReadOnlyAdmin):
    list_display = ["incident", "at", "author_name", "kind"]


@admin.register(Measure)
class MeasureAdmin(ReadOnlyAdmin):
    list_display = ["incident", "kind", "status", "decided_on"]


@admin.register(DossierDocument)
class DossierDocumentAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "pupil", "staff", "created_at"]
