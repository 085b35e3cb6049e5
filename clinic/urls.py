from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from clinic import role_views, two_factor_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("coordinator/", views.coordinator_home, name="coordinator_home"),
    path("accounts/", views.accounts, name="accounts"),
    path("audit/access-log/", views.access_log, name="access_log"),
    path("sign-in/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    # Password reset by e-mail: the same answer whether or not an account has that address, and an
    # e-mail that carries the link and nothing else.
    path("sign-in/reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("sign-in/reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "sign-in/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "sign-in/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"
    ),
    path("sign-in/two-factor/", two_factor_views.two_factor_verify, name="two_factor_verify"),
    path("sign-in/two-factor/setup/", two_factor_views.two_factor_setup, name="two_factor_setup"),
    path(
        "sign-in/two-factor/recovery-codes/",
        two_factor_views.two_factor_recovery_codes,
        name="two_factor_recovery_codes",
    ),
    path("accounts/role-changes/", role_views.role_changes_pending, name="role_changes_pending"),
    path("accounts/role-changes/<int:pk>/", role_views.role_change_decide, name="role_change_decide"),
    path("accounts/two-factor/", two_factor_views.two_factor_devices, name="two_factor_devices"),
    path("accounts/two-factor/<int:pk>/reset/", two_factor_views.two_factor_reset, name="two_factor_reset"),
    path("language/", login_not_required(set_language), name="set_language"),
    path("intake/", include("intake.urls")),
    path("response/", include("response.urls")),
    path("cases/", include("cases.urls")),
    path("documents/", include("documents.urls")),
    path("reports/", include("reports.urls")),
    path("admin/", admin.site.urls),
]
