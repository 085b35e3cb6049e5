from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("<uuid:public_id>/", views.report_detail, name="report_detail"),
    path("<uuid:public_id>/download/", views.report_download, name="report_download"),
]
