from django.contrib import admin
from guardian.admin import GuardedModelAdminMixin
from simple_history.admin import SimpleHistoryAdmin

from intake.models import Client, Intake


@admin.register(Client)
class ClientAdmin(GuardedModelAdminMixin, SimpleHistoryAdmin):
    list_display = ("pk", "created_at")


@admin.register(Intake)
class IntakeAdmin(SimpleHistoryAdmin):
    list_display = ("pk", "channel", "status", "is_urgent", "created_at")
    list_filter = ("status", "channel", "is_urgent")
