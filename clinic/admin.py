from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from guardian.admin import GuardedModelAdminMixin
from simple_history.admin import SimpleHistoryAdmin

from clinic.models import AccessEvent, User


@admin.register(User)
class ClinicUserAdmin(GuardedModelAdminMixin, SimpleHistoryAdmin, UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Clinic", {"fields": ("is_on_call", "phone")}))
    list_display = ("username", "first_name", "last_name", "is_active", "is_on_call")
    list_filter = ("is_active", "is_on_call", "groups")


@admin.register(AccessEvent)
class AccessEventAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only, and the chain would show any edit."""

    list_display = ("seq", "at", "actor", "action", "object_type", "object_id", "ip_address")
    list_filter = ("action", "object_type")
    ordering = ("-seq",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
