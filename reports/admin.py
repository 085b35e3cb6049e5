from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from reports.models import FundingReport


@admin.register(FundingReport)
class FundingReportAdmin(SimpleHistoryAdmin):
    """Read-only: reports are asked for and built through the reports pages."""

    list_display = ("requested_at", "requested_by", "start", "end", "grant", "format", "status")
    list_filter = ("status", "format")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
