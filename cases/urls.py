from django.urls import path

from cases import views

app_name = "cases"
urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("all/", views.case_list, name="case_list"),
    path("profile/", views.profile_edit, name="profile_edit"),
    path("funding/", views.funding, name="funding"),
    path("funding/funders/new/", views.funder_edit, name="funder_create"),
    path("funding/funders/<int:pk>/", views.funder_edit, name="funder_edit"),
    path("funding/grants/new/", views.grant_edit, name="grant_create"),
    path("funding/grants/<int:pk>/", views.grant_edit, name="grant_edit"),
    path("intake/<uuid:public_id>/accept/", views.intake_accept, name="intake_accept"),
    path("offers/<int:pk>/accept/", views.offer_accept, name="offer_accept"),
    path("offers/<int:pk>/decline/", views.offer_decline, name="offer_decline"),
    path("<int:pk>/", views.case_detail, name="case_detail"),
    path("<int:pk>/history/", views.case_history, name="case_history"),
    path("<int:pk>/edit/", views.case_edit, name="case_edit"),
    path("<int:pk>/parties/", views.case_parties, name="case_parties"),
    path("<int:pk>/match/", views.case_match, name="case_match"),
    path("<int:pk>/notes/", views.note_add, name="note_add"),
    path("<int:pk>/time/", views.time_add, name="time_add"),
    path("<int:pk>/hearings/", views.hearing_add, name="hearing_add"),
    path("<int:pk>/close/", views.case_close, name="case_close"),
    path("<int:pk>/reopen/", views.case_reopen, name="case_reopen"),
    path("<int:pk>/offers/<int:offer_pk>/withdraw/", views.offer_withdraw, name="offer_withdraw"),
    path("<int:pk>/assignments/", views.assignment_add, name="assignment_add"),
    path("<int:pk>/assignments/<int:assignment_pk>/end/", views.assignment_end, name="assignment_end"),
]
