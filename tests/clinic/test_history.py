"""Every record of the project keeps its history; a model added later cannot forget it.

A model may go without history only by saying why, in a `history_exempt_reason` attribute: the
append-only access log, and search indexes and counters derived from rows that keep their own
history.
"""

import pytest
from django.apps import apps

PROJECT_APPS = ("clinic", "intake", "response", "cases", "documents", "reports")
EXEMPTIONS_ALLOWED = {
    "clinic.AccessEvent",
    "clinic.NotificationSent",
    "intake.SearchName",
    "intake.SearchKey",
    "intake.SearchToken",
    "cases.AttorneyStats",
    "cases.CaseStatusCount",
}


def _project_models():
    for label in PROJECT_APPS:
        for model in apps.get_app_config(label).get_models():
            is_historical_copy = any(f.name == "history_id" for f in model._meta.fields)
            if not is_historical_copy:
                yield model


MODELS = list(_project_models())


def test_the_walk_finds_the_project_models():
    labels = {model._meta.label for model in MODELS}
    assert {"clinic.User", "intake.Client", "intake.Intake", "cases.Case"} <= labels


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_every_model_keeps_history(model):
    if getattr(model, "history_exempt_reason", ""):
        assert model._meta.label in EXEMPTIONS_ALLOWED, (
            f"{model._meta.label} claims an exemption nobody reviewed"
        )
        assert not hasattr(model._meta, "simple_history_manager_attribute")
        return
    manager_name = getattr(model._meta, "simple_history_manager_attribute", None)
    assert manager_name, f"{model._meta.label} has no HistoricalRecords()"
    assert hasattr(model, manager_name)


def test_history_records_the_acting_user_from_the_request(client, administrator, volunteer):
    client.force_login(administrator)
    url = f"/admin/clinic/user/{volunteer.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {
        k: v for k, v in form.initial.items() if v is not None and k not in ("groups", "user_permissions")
    }
    data.update(
        first_name="Renamed",
        date_joined_0="2026-01-01",
        date_joined_1="10:00",
        groups=[g.pk for g in volunteer.groups.all()],
    )
    client.post(url, data)
    latest = volunteer.history.latest()
    assert latest.first_name == "Renamed"
    assert latest.history_user == administrator
