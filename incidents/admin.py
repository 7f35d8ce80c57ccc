"""Admin views for superusers: read-only for what is append-only; the portal is where work happens."""

from django.contrib import admin

from julianaschool.admin import ReadOnlyAdmin

from .models import Category, DossierDocument, Incident, Measure, TimelineEntry


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "default_severity", "possibly_criminal", "active", "order"]
    list_editable = ["order"]


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
