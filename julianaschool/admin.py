from django.contrib import admin

from .models import (
    AuditEntry,
    BoardMember,
    ClassGroup,
    Enrollment,
    GroupTeacher,
    Guardian,
    Pupil,
    SchoolYear,
    StaffMember,
)


@admin.register(SchoolYear)
class SchoolYearAdmin(admin.ModelAdmin):
    list_display = ["name", "starts_on", "ends_on"]


class GroupTeacherInline(admin.TabularInline):
    model = GroupTeacher
    extra = 0


@admin.register(ClassGroup)
class ClassGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "school_year"]
    list_filter = ["school_year"]
    inlines = [GroupTeacherInline]


@admin.register(Pupil)
class PupilAdmin(admin.ModelAdmin):
    list_display = ["last_name", "tussenvoegsel", "first_name", "date_of_birth", "left_on"]
    search_fields = ["last_name", "first_name", "student_number", "external_key"]


admin.site.register([StaffMember, BoardMember, Guardian, Enrollment])


class ReadOnlyAdmin(admin.ModelAdmin):
    """For superusers to look, never to write: what is append-only (ledger, timeline, audit
    trail) or changes only through the services, which record who, what and when."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor_name", "action", "object_repr"]
