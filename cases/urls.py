from django.urls import path

from cases import views
from cases.views import response as response_views

app_name = "cases"
urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("all/", views.case_list, name="case_list"),
    path("week/", views.my_week, name="my_week"),
    path("deadlines/", views.deadline_overview, name="deadline_overview"),
    path("rules/", views.rule_list, name="rule_list"),
    path("rules/<slug:code>/", views.rule_edit, name="rule_edit"),
    path("rules/<slug:code>/review/", views.rule_review, name="rule_review"),
    path("calendar/", views.feed_settings, name="feed_settings"),
    path("feed/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("profile/", views.profile_edit, name="profile_edit"),
    path("funding/", views.funding, name="funding"),
    path("funding/funders/new/", views.funder_edit, name="funder_create"),
    path("funding/funders/<int:pk>/", views.funder_edit, name="funder_edit"),
    path("funding/grants/new/", views.grant_edit, name="grant_create"),
    path("funding/grants/<int:pk>/", views.grant_edit, name="grant_edit"),
    path("intake/<uuid:public_id>/accept/", views.intake_accept, name="intake_accept"),
    path("response/<uuid:public_id>/open/", response_views.response_open_case, name="response_open_case"),
    path("offers/<int:pk>/accept/", views.offer_accept, name="offer_accept"),
    path("offers/<int:pk>/decline/", views.offer_decline, name="offer_decline"),
    path("<uuid:public_id>/", views.case_detail, name="case_detail"),
    path("<uuid:public_id>/history/", views.case_history, name="case_history"),
    path("<uuid:public_id>/client/", views.case_client, name="case_client"),
    path("<uuid:public_id>/edit/", views.case_edit, name="case_edit"),
    path("<uuid:public_id>/parties/", views.case_parties, name="case_parties"),
    path("<uuid:public_id>/match/", views.case_match, name="case_match"),
    path("<uuid:public_id>/notes/", views.note_add, name="note_add"),
    path("<uuid:public_id>/time/", views.time_add, name="time_add"),
    path("<uuid:public_id>/hearings/", views.hearing_add, name="hearing_add"),
    path("<uuid:public_id>/hearings/<int:hearing_pk>/", views.hearing_edit, name="hearing_edit"),
    path("<uuid:public_id>/events/", views.event_add, name="event_add"),
    path("<uuid:public_id>/deadlines/", views.deadline_add, name="deadline_add"),
    path("<uuid:public_id>/deadlines/<int:deadline_pk>/", views.deadline_edit, name="deadline_edit"),
    path("<uuid:public_id>/close/", views.case_close, name="case_close"),
    path("<uuid:public_id>/reopen/", views.case_reopen, name="case_reopen"),
    path("<uuid:public_id>/offers/<int:offer_pk>/withdraw/", views.offer_withdraw, name="offer_withdraw"),
    path("<uuid:public_id>/assignments/", views.assignment_add, name="assignment_add"),
    path(
        "<uuid:public_id>/assignments/<int:assignment_pk>/end/", views.assignment_end, name="assignment_end"
    ),
]
