from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from clinic.admin import AccessLoggedAdminMixin
from intake.models import Client, ConflictCheck, Intake, PovertyGuideline


@admin.register(Client)
class ClientAdmin(AccessLoggedAdminMixin, SimpleHistoryAdmin):
    # Only opaque columns: personal data is read through the application, where reads are logged.
    list_display = ("pk", "created_at")
    fields = ("preferred_language", "lsc_eligibility")


@admin.register(Intake)
class IntakeAdmin(AccessLoggedAdminMixin, SimpleHistoryAdmin):
    list_display = ("pk", "channel", "status", "is_urgent", "conflict_status", "created_at")
    list_filter = ("status", "channel", "is_urgent", "conflict_status")
    fields = ("channel", "status", "is_urgent", "conflict_status")
    readonly_fields = ("status", "conflict_status")


@admin.register(PovertyGuideline)
class PovertyGuidelineAdmin(SimpleHistoryAdmin):
    list_display = ("year", "region", "base_amount", "per_additional_person")
    list_filter = ("region",)


@admin.register(ConflictCheck)
class ConflictCheckAdmin(AccessLoggedAdminMixin, SimpleHistoryAdmin):
    list_display = ("pk", "intake", "run_at", "run_by", "hit_count")
    readonly_fields = ("intake", "run_by", "names_checked", "hit_count")
