from django.urls import path

from intake import views

app_name = "intake"
urlpatterns = [
    path("", views.home, name="home"),
    path("queue/", views.queue, name="queue"),
    path("new/", views.intake_new, name="new"),
    path("emergency/", views.emergency_new, name="emergency"),
    path("guidelines/", views.guidelines, name="guidelines"),
    path("outreach/", views.outreach_list, name="outreach_list"),
    path("outreach/new/", views.outreach_edit, name="outreach_create"),
    path("outreach/<int:pk>/", views.outreach_edit, name="outreach_edit"),
    path("clients/", views.client_search, name="client_search"),
    path("clients/<uuid:public_id>/", views.client_detail, name="client_detail"),
    path("clients/<uuid:public_id>/identity/", views.client_edit, name="client_edit"),
    path("clients/<uuid:public_id>/merge/<uuid:source_id>/", views.client_merge, name="client_merge"),
    path("<uuid:public_id>/", views.intake_detail, name="detail"),
    path("<uuid:public_id>/step/<slug:step>/", views.intake_step, name="step"),
    path("<uuid:public_id>/conflict-check/", views.conflict_check_run, name="conflict_check"),
    path("<uuid:public_id>/hits/<int:hit_id>/clear/", views.conflict_hit_clear, name="hit_clear"),
    path("<uuid:public_id>/matches/<int:match_id>/", views.client_match_review, name="match_review"),
    path("<uuid:public_id>/refer/", views.intake_refer, name="refer"),
    path("<uuid:public_id>/decline/", views.intake_decline, name="decline"),
    path("<uuid:public_id>/demographics/", views.intake_demographics, name="demographics"),
]
