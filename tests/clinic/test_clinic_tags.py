from django.utils import translation

from clinic.templatetags.clinic_tags import language_names


def test_languages_django_does_not_know_are_named_from_the_intakes_list():
    assert language_names(["ht", "zh", "mam", "qu"]) == "Haitian Creole, Chinese, Mam, Quechua"


def test_language_names_follow_the_readers_language():
    with translation.override("es"):
        assert language_names(["es", "ht"]) == "Español, Criollo haitiano"


def test_a_code_nobody_knows_is_shown_as_it_was_given():
    assert language_names(["xx-unknown"]) == "xx-unknown"


def test_fixed_url_reverses_a_pattern_as_the_url_tag_does_in_each_language():
    from django.template import Context, Template
    from django.urls import reverse
    from django.utils import translation

    template = Template("{% load clinic_tags %}{% fixed_url 'cases:case_list' %}|{% url 'cases:case_list' %}")
    for language in ("en", "es"):
        with translation.override(language):
            fixed, reversed_ = template.render(Context()).split("|")
            assert fixed == reversed_ == reverse("cases:case_list")
