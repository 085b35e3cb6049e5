from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm, UserCreationForm
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from clinic.access_log import record_access
from clinic.models import AccessEvent, RoleChange, User
from clinic.permissions import is_coordinator, user_roles
from clinic.roles import Role
from clinic.services import RoleChangeError, user_roles_set


class ReadOnlyAdminMixin:
    """The admin site reads; services write. No add, change or delete, whatever the user's permissions."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AccessLoggedAdminMixin(ReadOnlyAdminMixin):
    """Read-only, and opening one object (which shows client data) writes an access-log row."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        obj = getattr(response, "context_data", {}).get("original") if response.status_code == 200 else None
        if obj is not None:
            record_access(request, obj, detail="admin site")
        return response

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        obj = self.get_object(request, object_id)
        if obj is not None and response.status_code == 200:
            record_access(request, obj, detail="admin site history")
        return response


def _holds_power(user: User) -> bool:
    return user.is_superuser or bool(user_roles(user) & {Role.COORDINATOR.value, Role.ADMINISTRATOR.value})


class RolesField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


def _roles_field() -> forms.MultipleChoiceField:
    return RolesField(
        label=_("Roles"),
        choices=Role.choices,
        required=False,
        help_text=_(
            "Volunteer and attorney apply at once. Coordinator and administrator wait for a coordinator "
            "to confirm them. Nobody changes their own roles."
        ),
    )


class UserChangeRolesForm(UserChangeForm):
    roles = _roles_field()

    class Meta:
        model = User
        fields = (
            "username",
            "password",
            "first_name",
            "last_name",
            "email",
            "phone",
            "is_on_call",
            "is_active",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["roles"].initial = list(
                self.instance.groups.filter(name__in=Role.values).values_list("name", flat=True)
            )


class UserAddRolesForm(UserCreationForm):
    roles = _roles_field()

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "first_name", "last_name", "email")


@admin.register(User)
class ClinicUserAdmin(SimpleHistoryAdmin, UserAdmin):
    """Accounts without the keys to the kingdom: no superuser, staff, group or raw-permission fields.

    Roles go through clinic.services (administrators: volunteer and attorney; coordinator and
    administrator need a coordinator's confirmation). Nobody edits their own roles or flags here.
    """

    form = UserChangeRolesForm
    add_form = UserAddRolesForm
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("first_name", "last_name", "email", "phone", "is_on_call")}),
        (_("Access"), {"fields": ("is_active", "roles")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {"fields": ("username", "first_name", "last_name", "email", "password1", "password2", "roles")},
        ),
    )
    readonly_fields = ("last_login", "date_joined")
    list_display = ("username", "first_name", "last_name", "is_active", "is_on_call")
    list_filter = ("is_active", "is_on_call", "groups")
    filter_horizontal = ()

    def has_change_permission(self, request, obj=None):
        # An account that holds power (coordinator, administrator, superuser) is changed, password
        # included, only by a coordinator: otherwise an administrator could take it over by its
        # e-mail address or password.
        if (
            obj is not None
            and obj.pk != request.user.pk
            and _holds_power(obj)
            and not is_coordinator(request.user)
        ):
            return False
        return super().has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and (obj.pk == request.user.pk or obj.is_superuser):
            fields += ["is_active", "is_on_call"]  # own flags, and a superuser's, are not for this form
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and (obj.pk == request.user.pk or obj.is_superuser):
            return [
                (name, {"fields": [f for f in opts["fields"] if f != "roles"]}) for name, opts in fieldsets
            ]
        return fieldsets

    def save_model(self, request, obj, form, change):
        obj._history_user = request.user
        super().save_model(request, obj, form, change)
        if "roles" not in form.cleaned_data:
            return
        try:
            changes = user_roles_set(
                user=obj,
                roles={Role(r) for r in form.cleaned_data["roles"]},
                acting_user=request.user,
                ip_address=request.META.get("REMOTE_ADDR"),
            )
        except RoleChangeError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return
        if any(c.status == RoleChange.Status.PENDING for c in changes):
            self.message_user(request, _("The coordinator or administrator role waits for a coordinator."))

    def save_related(self, request, form, formsets, change):
        # Groups and permissions are not on the form; roles went through the service in save_model.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


@admin.register(RoleChange)
class RoleChangeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("user", "role", "grant", "status", "requested_by", "requested_at", "decided_by")
    list_filter = ("status", "role")


@admin.register(AccessEvent)
class AccessEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: the log is append-only, and the chain would show any edit."""

    list_display = ("seq", "at", "actor", "action", "object_type", "object_id", "ip_address")
    list_filter = ("action", "object_type")
    ordering = ("-seq",)
