"""Read-only: metadata only. Bodies are read through the permission-checked, logged download view."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from documents.models import Document, DocumentVersion


class _ReadOnly(SimpleHistoryAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(_ReadOnly):
    list_display = ["public_id", "category", "uploaded_at", "uploaded_by"]
    list_filter = ["category"]
    exclude = ["description"]


@admin.register(DocumentVersion)
class DocumentVersionAdmin(_ReadOnly):
    list_display = ["public_id", "document", "number", "size", "content_type", "key_id", "created_at"]
    exclude = ["wrapped_key", "original_name"]
