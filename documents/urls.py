from django.urls import path

from documents import views

app_name = "documents"
urlpatterns = [
    path("case/<uuid:public_id>/add/", views.upload_to_case, name="upload_to_case"),
    path("intake/<uuid:public_id>/add/", views.upload_to_intake, name="upload_to_intake"),
    path("<uuid:public_id>/", views.document_detail, name="detail"),
    path("<uuid:public_id>/versions/add/", views.version_add, name="version_add"),
    path("<uuid:public_id>/versions/<uuid:version_id>/", views.version_download, name="download"),
]
