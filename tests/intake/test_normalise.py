import pytest
from django.core.exceptions import ValidationError

from intake.normalise import format_a_number, normalise_a_number, normalise_name


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("A-012-345-678", "012345678"),
        ("a 12345678", "012345678"),
        ("12345678", "012345678"),
        ("A123456789", "123456789"),
        (" A 123 456 789 ", "123456789"),
        ("A.123.456.789", "123456789"),
    ],
)
def test_it_normalises_a_numbers_to_nine_digits(typed, stored):
    assert normalise_a_number(typed) == stored


@pytest.mark.parametrize("typed", ["", "A1234567", "A1234567890", "B12345678", "A-12-34x-5678", "AA12345678"])
def test_it_refuses_anything_that_is_not_an_a_number(typed):
    with pytest.raises(ValidationError, match="letter A followed by 8 or 9 digits"):
        normalise_a_number(typed)


def test_it_formats_a_stored_a_number_for_people():
    assert format_a_number("012345678") == "A-012-345-678"


def test_names_meet_whatever_the_accents_order_and_commas():
    assert (
        normalise_name("García López, María") == normalise_name("Maria Garcia Lopez") == "garcia lopez maria"
    )


def test_names_in_other_scripts_are_transliterated():
    assert normalise_name("Łukasz Wójcik") == "lukasz wojcik"
    assert normalise_name("王小明") == "ming wang xiao"


@pytest.mark.parametrize(
    "typed",
    [
        "A-٠١٢-٣٤٥-٦٧٨",  # Arabic-Indic digits
        "A-۰۱۲-۳۴۵-۶۷۸",  # Extended Arabic-Indic (Persian) digits
        "Ａ０１２３４５６７８",  # full-width
        "A\u2011012\u2013345\u2212678",  # non-breaking hyphen, en dash, minus sign
    ],
)
def test_digits_of_other_scripts_give_the_same_number_as_ascii(typed):
    assert normalise_a_number(typed) == normalise_a_number("A-012-345-678") == "012345678"


def test_digits_of_other_scripts_give_the_same_blind_index(settings):
    from intake.services.clients import a_number_index

    assert a_number_index(normalise_a_number("٠١٢٣٤٥٦٧٨")) == a_number_index(normalise_a_number("012345678"))


@pytest.mark.parametrize("typed", ["000000000", "A-000-000-000", "00000000", "A00123456", "001234567"])
def test_it_refuses_impossible_a_numbers(typed):
    with pytest.raises(ValidationError, match="cannot be an A-number") as raised:
        normalise_a_number(typed)
    assert raised.value.code == "impossible_a_number"


@pytest.mark.parametrize("typed", ["A12345678\u0000", "A１２３４５６７８x", "A 1234\u00bd678"])
def test_it_refuses_other_characters_among_the_digits(typed):
    with pytest.raises(ValidationError):
        normalise_a_number(typed)
