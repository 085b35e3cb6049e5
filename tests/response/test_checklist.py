from response import services
from response.models import ChecklistTemplateItem, MandatoryNotificationCountry
from response.services import Detention
from tests.response.factories import emergency_intake, open_response


def _codes(response):
    return list(response.checklist.values_list("code", flat=True))


def test_the_seeded_checklist_covers_the_first_hours(db):
    codes = set(ChecklistTemplateItem.objects.values_list("code", flat=True))
    assert {
        "locate",
        "confirm-custody",
        "notice-of-appearance",
        "consular-notification",
        "custody-bond",
        "stay-of-removal",
        "family-plan",
        "medical-needs",
    } <= codes
    assert MandatoryNotificationCountry.objects.filter(name="Ghana").exists()


def test_a_response_gets_the_items_that_apply_to_it_with_due_times_from_the_call(volunteer):
    plain = open_response(intake=emergency_intake(volunteer=volunteer), acting_user=volunteer)
    assert "family-plan" not in _codes(plain) and "medical-needs" not in _codes(plain)
    assert _codes(plain)[0] == "locate"
    locate = plain.checklist.get(code="locate")
    template = ChecklistTemplateItem.objects.get(code="locate")
    assert (locate.due_at - plain.reported_at).total_seconds() == template.due_hours * 3600

    family = open_response(
        intake=emergency_intake(volunteer=volunteer),
        acting_user=volunteer,
        detention=Detention(dependants_count=2, medical_needs="Insulina"),
    )
    assert {"family-plan", "medical-needs"} <= set(_codes(family))


def test_the_checklist_comes_from_data_that_coordinators_edit(volunteer, coordinator):
    item = ChecklistTemplateItem.objects.get(code="stay-of-removal")
    item.is_active = False
    services.checklist_template_save(item=item, acting_user=coordinator)
    services.checklist_template_save(
        item=ChecklistTemplateItem(
            code="call-family",
            title="Call the family back",
            owner_role="coordinator",
            due_hours=1,
            position=5,
        ),
        acting_user=coordinator,
    )
    response = open_response(intake=emergency_intake(volunteer=volunteer), acting_user=volunteer)
    assert _codes(response)[0] == "call-family"
    assert "stay-of-removal" not in _codes(response)
    assert ChecklistTemplateItem.history.filter(code="call-family", history_user=coordinator).exists()


def test_consular_notification_is_marked_mandatory_for_a_listed_country(volunteer):
    listed = open_response(
        intake=emergency_intake(volunteer=volunteer),
        acting_user=volunteer,
        detention=Detention(country_of_birth="ghana"),
    )
    unlisted = open_response(
        intake=emergency_intake(volunteer=volunteer),
        acting_user=volunteer,
        detention=Detention(country_of_birth="Mexico"),
    )
    assert "Mandatory" in listed.checklist.get(code="consular-notification").note
    assert "Not on the mandatory list" in unlisted.checklist.get(code="consular-notification").note


def test_ticking_an_item_records_who_and_when_and_can_be_undone(response, coordinator):
    item = response.checklist.get(code="locate")
    item = services.checklist_item_done(item=item, acting_user=coordinator)
    assert item.done_at is not None and item.done_by == coordinator
    item = services.checklist_item_done(item=item, done=False, acting_user=coordinator)
    assert item.done_at is None and item.done_by is None
