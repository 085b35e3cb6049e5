from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cases.models import (
    Assignment,
    AttorneyProfile,
    Case,
    CaseEvent,
    Court,
    Deadline,
    DeadlineRule,
    DeadlineRuleVersion,
    Funder,
    Grant,
    Hearing,
    Note,
    Offer,
    TimeEntry,
)
from clinic.admin import AccessLoggedAdminMixin, ReadOnlyAdminMixin


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    readonly_fields = ("attorney", "role", "started_at", "ended_at")
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # assignments grant object permissions: only the services create them


@admin.register(Case)
class CaseAdmin(AccessLoggedAdminMixin, SimpleHistoryAdmin):
    """Read-only and logged: cases change through cases.services, which guard the grant rules and
    the object permissions that the admin site would bypass."""

    list_display = ("pk", "status", "case_type", "is_detained", "grant", "opened_at")
    list_filter = ("status", "case_type", "is_detained", "grant")
    readonly_fields = ("status", "client", "intake", "opened_by", "accepted_at", "intake_to_acceptance")
    inlines = [AssignmentInline]


@admin.register(Offer)
class OfferAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("pk", "case", "attorney", "status", "offered_at", "expires_at")
    list_filter = ("status",)
    readonly_fields = ("case", "attorney", "status", "offered_by", "responded_at", "decline_reason")


class ReadOnlyAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Deadlines and rules change through their services (which recalculate and record why); the
    admin site only reads them."""


@admin.register(Hearing)
class HearingAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("case", "kind", "court", "starts_at", "mode", "judge")
    list_filter = ("kind", "court", "mode")


@admin.register(Court)
class CourtAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "kind", "time_zone", "is_active")
    list_filter = ("kind", "is_active")


class DeadlineRuleVersionInline(admin.TabularInline):
    model = DeadlineRuleVersion
    extra = 0
    can_delete = False
    fields = ("effective_from", "amount", "unit", "counting", "roll", "citation", "is_jurisdictional")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "trigger", "jurisdiction", "is_active")
    list_filter = ("trigger", "is_active")
    inlines = [DeadlineRuleVersionInline]


@admin.register(Deadline)
class DeadlineAdmin(ReadOnlyAdmin):
    list_display = ("case", "title", "due_date", "status", "owner", "rule_version")
    list_filter = ("status", "rule")
    date_hierarchy = "due_date"


@admin.register(CaseEvent)
class CaseEventAdmin(ReadOnlyAdmin):
    list_display = ("case", "kind", "occurred_on", "recorded_by")
    list_filter = ("kind",)


@admin.register(Note)
class NoteAdmin(AccessLoggedAdminMixin, SimpleHistoryAdmin):
    list_display = ("case", "author", "created_at")


@admin.register(TimeEntry)
class TimeEntryAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("case", "worked_by", "worked_on", "hours", "grant")
    list_filter = ("grant",)


@admin.register(AttorneyProfile)
class AttorneyProfileAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("user", "kind", "firm", "experience", "capacity", "takes_detained", "is_on_call")
    list_filter = ("kind", "experience", "takes_detained", "is_on_call")
    search_fields = ("user__username", "user__last_name", "firm")


@admin.register(Funder)
class FunderAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("name",)


@admin.register(Grant)
class GrantAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("code", "name", "funder", "amount", "is_lsc_funded", "is_active", "starts_on", "ends_on")
    list_filter = ("is_lsc_funded", "is_active", "funder")
