from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from clinic import views

urlpatterns = [
    path("", views.home, name="home"),
    path("coordinator/", views.coordinator_home, name="coordinator_home"),
    path("accounts/", views.accounts, name="accounts"),
    path("audit/access-log/", views.access_log, name="access_log"),
    path("sign-in/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", login_not_required(set_language), name="set_language"),
    path("intake/", include("intake.urls")),
    path("response/", include("response.urls")),
    path("cases/", include("cases.urls")),
    path("documents/", include("documents.urls")),
    path("reports/", include("reports.urls")),
    path("admin/", admin.site.urls),
]
