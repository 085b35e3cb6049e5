from django.utils import translation

from cases.models import Case, CaseType


def test_a_label_is_read_in_the_language_that_is_active():
    case = Case(status=Case.Status.AWAITING_ASSIGNMENT, case_type=CaseType.ASYLUM)
    english = case.get_status_display()
    with translation.override("es"):
        spanish = case.get_status_display()
    assert english == str(Case.Status.AWAITING_ASSIGNMENT.label)
    with translation.override("es"):
        assert spanish == str(Case.Status.AWAITING_ASSIGNMENT.label)
    assert spanish != english
    assert translation.get_language() == "en" and case.get_status_display() == english


def test_each_field_keeps_its_own_labels():
    case = Case(status=Case.Status.ACTIVE, case_type=CaseType.ASYLUM)
    assert case.get_case_type_display() == str(CaseType.ASYLUM.label)
    assert case.get_status_display() == str(Case.Status.ACTIVE.label)


def test_a_value_outside_the_choices_is_shown_as_it_is():
    assert Case(status="retired").get_status_display() == "retired"
