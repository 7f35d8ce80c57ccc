"""Read-only admin views: the ledger is changed by nobody, the rest through the portal's pages."""

from django.contrib import admin

from julianaschool.admin import ReadOnlyAdmin

from .models import ConsentRecord, IntegrationToken, PaperForm, Purpose, PurposeVersion
from .publications import admin as _publications_admin  # noqa: F401 - registers its models


@admin.register(Purpose)
class PurposeAdmin(ReadOnlyAdmin):
    list_display = ["name", "slug", "is_public", "asked_from", "retired_at"]


@admin.register(PurposeVersion)
class PurposeVersionAdmin(ReadOnlyAdmin):
    list_display = ["purpose", "number", "substantive", "created_at"]


@admin.register(ConsentRecord)
class ConsentRecordAdmin(ReadOnlyAdmin):
    list_display = ["recorded_at", "pupil", "staff", "purpose", "given", "method", "language", "decided_by_name"]
    list_filter = ["purpose", "method", "given"]
    list_select_related = ["pupil", "staff", "purpose"]


@admin.register(PaperForm)
class PaperFormAdmin(ReadOnlyAdmin):
    list_display = ["pk", "pupil", "uploaded_at", "content_type"]


@admin.register(IntegrationToken)
class IntegrationTokenAdmin(ReadOnlyAdmin):
    list_display = ["name", "prefix", "created_at", "revoked_at"]
