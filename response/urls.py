from django.urls import path

from response import views

app_name = "response"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("mine/", views.mine, name="mine"),
    path("checklist/", views.checklist_templates, name="checklist"),
    path("checklist/<int:pk>/", views.template_edit, name="template_edit"),
    path("rules/", views.rules, name="rules"),
    path("rules/states/<int:pk>/", views.rule_edit, name="rule_edit"),
    path("rules/countries/<int:pk>/", views.country_edit, name="country_edit"),
    path("rota/", views.rota, name="rota"),
    path("rota/<int:pk>/end/", views.shift_end, name="shift_end"),
    path("partner/reports/", views.partner_report, name="partner_report"),
    path("from-intake/<uuid:public_id>/", views.response_open, name="open"),
    path("<uuid:public_id>/", views.response_detail, name="detail"),
    path("<uuid:public_id>/status/", views.status_set, name="status"),
    path("<uuid:public_id>/checks/", views.locator_check_add, name="check_add"),
    path("<uuid:public_id>/assign/", views.assign, name="assign"),
    path("<uuid:public_id>/windows/", views.windows_set, name="windows"),
    path("<uuid:public_id>/checklist/<int:item_id>/", views.checklist_item_toggle, name="checklist_toggle"),
]
