import pytest
from django.core.exceptions import ValidationError

from intake.normalise import conflict_name, format_a_number, normalise_a_number, normalise_name


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
    ("written", "canonical"),
    [
        ("Ma. García", "garcia maria"),
        ("Ma García", "garcia maria"),
        ("Mª García", "garcia maria"),
        ("Ma. Gpe. López", "guadalupe lopez maria"),
        ("Fco. Ruiz", "francisco ruiz"),
        ("Jse. Ruiz", "jose ruiz"),
        ("Jos. Ruiz", "jose ruiz"),
        ("Fdo. Ruiz", "fernando ruiz"),
        ("Ant. Ruiz", "antonio ruiz"),
        ("Anto. Ruiz", "antonio ruiz"),
        ("Juan Hdez.", "hernandez juan"),
    ],
)
def test_short_forms_of_names_become_the_full_name(written, canonical):
    assert conflict_name(written) == canonical


@pytest.mark.parametrize(
    "spellings",
    [
        ["María de la Cruz", "María Delacruz", "De La Cruz, María", "Maria DE LA CRUZ"],
        ["Pedro del Río", "Pedro Delrio", "Pedro Del Rio"],
        ["Anna van der Berg", "Anna Vanderberg", "Anna Van Der Berg"],
        ["Ana García y López", "Ana García López"],
        ["Omar Al-Hassan", "Omar Al Hassan", "Omar Alhassan", "Omar El-Hassan"],
        ["Abd al-Rahman Saleh", "Abdulrahman Saleh", "Abdel Rahman Saleh", "Abd-ur-Rahman Saleh"],
        ["Mohammed Ali", "Muhammad Ali", "Mohamed Ali", "Mohammad Ali", "Muhamad Ali", "Md. Ali"],
        ["Yusuf Haddad", "Youssef Haddad", "Yousef Haddad"],
        ["Hussein Ali", "Husain Ali", "Hussain Ali"],
        ["Ahmed Nasser", "Ahmad Nasser"],
        ["Oleksandr Bondarenko", "Aleksandr Bondarenko", "Alexander Bondarenko"],
        ["Sergei Ivanov", "Sergey Ivanov"],
        ["Yevgeny Petrov", "Evgeny Petrov"],
        ["Nguyễn Thị Lan", "Nguyen Thi Lan", "Ngyuen Thi Lan"],
        ["Jesús Ramos", "Jesus Ramos"],
    ],
)
def test_spellings_of_one_name_have_one_canonical_form(spellings):
    assert len({conflict_name(spelling) for spelling in spellings}) == 1


def test_initials_stay_single_letters_and_y_between_surnames_goes():
    assert conflict_name("J. Hernández") == "hernandez j"
    assert conflict_name("Y. García") == "garcia y"  # an initial, not the conjunction
    assert conflict_name("García y López, José") == "garcia jose lopez"


def test_vietnamese_van_is_a_middle_name_not_a_particle():
    assert conflict_name("Nguyễn Văn Minh") == conflict_name("Minh Van Nguyen") == "minh nguyen van"


def test_different_given_names_keep_different_canonical_forms():
    assert conflict_name("María García López") != conflict_name("José García López")
    assert conflict_name("Delgado, Ana") == "ana delgado"  # a surname that only starts like "del"


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
