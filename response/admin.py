"""The admin site reads: every write here goes through response.services."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from response.models import (
    ChecklistItem,
    ChecklistTemplateItem,
    DetainerRule,
    FacilityStay,
    LocatorCheck,
    MandatoryNotificationCountry,
    OnCallShift,
    PartnerOrganisation,
    Response,
)


class ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Response)
class ResponseAdmin(ReadOnlyAdmin):
    list_display = ("reference", "status", "source", "reported_at", "facility_state", "transfer_count")
    list_filter = ("status", "source", "agency")
    # Caller's details and notes stay out of the admin: the response page shows them to the team.
    exclude = ("caller_name", "caller_phone", "dependants_note", "medical_needs")


@admin.register(LocatorCheck)
class LocatorCheckAdmin(ReadOnlyAdmin):
    list_display = ("response", "checked_at", "source", "result", "facility_state")
    list_filter = ("source", "result")


@admin.register(FacilityStay)
class FacilityStayAdmin(ReadOnlyAdmin):
    list_display = ("response", "facility_name", "facility_state", "seen_at", "is_transfer")


@admin.register(ChecklistItem)
class ChecklistItemAdmin(ReadOnlyAdmin):
    list_display = ("response", "title", "owner", "due_at", "done_at")


@admin.register(ChecklistTemplateItem)
class ChecklistTemplateItemAdmin(ReadOnlyAdmin):
    list_display = ("position", "code", "title", "owner_role", "due_hours", "condition", "is_active")


@admin.register(DetainerRule)
class DetainerRuleAdmin(ReadOnlyAdmin):
    list_display = ("state", "honours_detainers", "citation")


@admin.register(MandatoryNotificationCountry)
class MandatoryNotificationCountryAdmin(ReadOnlyAdmin):
    list_display = ("name", "is_active")


@admin.register(OnCallShift)
class OnCallShiftAdmin(ReadOnlyAdmin):
    list_display = ("user", "starts_at", "ends_at")


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(ReadOnlyAdmin):
    list_display = ("name", "token_hint", "is_active", "created_at")
