from django.contrib import admin
from guardian.admin import GuardedModelAdminMixin
from simple_history.admin import SimpleHistoryAdmin

from cases.models import Case


@admin.register(Case)
class CaseAdmin(GuardedModelAdminMixin, SimpleHistoryAdmin):
    list_display = ("pk", "status", "opened_at")
    list_filter = ("status",)
