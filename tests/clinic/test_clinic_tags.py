from django.utils import translation

from clinic.templatetags.clinic_tags import language_names


def test_languages_django_does_not_know_are_named_from_the_intakes_list():
    assert language_names(["ht", "zh", "mam", "qu"]) == "Haitian Creole, Chinese, Mam, Quechua"


def test_language_names_follow_the_readers_language():
    with translation.override("es"):
        assert language_names(["es", "ht"]) == "Español, Criollo haitiano"


def test_a_code_nobody_knows_is_shown_as_it_was_given():
    assert language_names(["xx-unknown"]) == "xx-unknown"
