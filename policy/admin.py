"""Read-only admin: the protocol changes only through the portal's pages (services, audit trail)."""

from django.contrib import admin

from julianaschool.admin import ReadOnlyAdmin

from .models import Acknowledgement, ProtocolVersion, Review, ReviewReminder, Section, VersionStep


class SectionInline(admin.TabularInline):
    model = Section
    fields = ["position", "title", "parent", "style"]
    readonly_fields = fields
    extra = 0
    can_delete = False


class StepInline(admin.TabularInline):
    model = VersionStep
    fields = ["at", "from_status", "to_status", "actor_name", "comment"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(ProtocolVersion)
class ProtocolVersionAdmin(ReadOnlyAdmin):
    list_display = ["number", "period", "status", "kind", "effective_from", "review_on"]
    list_filter = ["status", "kind"]
    inlines = [SectionInline, StepInline]


@admin.register(Acknowledgement)
class AcknowledgementAdmin(ReadOnlyAdmin):
    list_display = ["user", "version", "at"]
    list_select_related = ["user", "version"]


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ["version", "next_review_on", "recorded_by", "recorded_at", "confirmed_by", "confirmed_at"]


@admin.register(ReviewReminder)
class ReviewReminderAdmin(ReadOnlyAdmin):
    list_display = ["version", "review_on", "milestone", "sent_at", "recipients"]
