import uuid

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from cases.models import Case
from clinic.links import fixed_url, public_url


def test_a_link_is_the_path_reverse_gives():
    public_id = uuid.uuid4()
    assert public_url("cases:case_detail", public_id) == reverse("cases:case_detail", args=[public_id])
    assert Case(public_id=public_id).get_absolute_url() == reverse("cases:case_detail", args=[public_id])


def test_links_follow_the_script_prefix_the_clinic_is_served_under():
    public_id = uuid.uuid4()
    at_root = reverse("cases:case_detail", args=[public_id])
    try:
        set_script_prefix("/clinic/")
        assert public_url("cases:case_detail", public_id) == f"/clinic{at_root}"
    finally:
        set_script_prefix("/")
    assert public_url("cases:case_detail", public_id).startswith("/cases/")


def test_links_are_the_same_in_every_language():
    public_id = uuid.uuid4()
    with translation.override("es"):
        assert public_url("cases:case_detail", public_id) == reverse("cases:case_detail", args=[public_id])


def test_a_pattern_that_takes_no_public_id_is_refused():
    with pytest.raises((ValueError, NoReverseMatch)):
        public_url("home", uuid.uuid4())


def test_a_fixed_link_is_the_path_reverse_gives_under_any_prefix():
    assert fixed_url("cases:case_list") == reverse("cases:case_list")
    try:
        set_script_prefix("/clinic/")
        assert fixed_url("cases:case_list") == "/clinic" + "/cases/all/"
    finally:
        set_script_prefix("/")


def test_a_url_maker_gives_the_same_links_as_reverse():
    import uuid

    from django.urls import reverse

    from clinic.links import public_url_maker

    make = public_url_maker("cases:case_detail")
    for public_id in (uuid.uuid4(), uuid.uuid4()):
        assert make(public_id) == reverse("cases:case_detail", args=[public_id])


def test_a_row_number_url_maker_gives_the_same_links_as_reverse_under_any_prefix():
    from clinic.links import pk_url_maker

    for pk in (1, 7, 9701, 123456789):
        assert pk_url_maker("cases:offer_accept")(pk) == reverse("cases:offer_accept", args=[pk])
    try:
        set_script_prefix("/clinic/")
        made = pk_url_maker("cases:offer_decline")(42)
        assert made == reverse("cases:offer_decline", args=[42]) and made.startswith("/clinic/cases/")
    finally:
        set_script_prefix("/")


def test_a_row_number_url_maker_refuses_a_pattern_without_a_number():
    from clinic.links import pk_url_maker

    with pytest.raises((ValueError, NoReverseMatch)):
        pk_url_maker("cases:case_list")
