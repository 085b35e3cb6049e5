"""Demo detention responses for `manage.py seed_demo`: one in every state, one moved twice, and a
year of past ones that ended (stamped at their past dates by the demo clock).

Every name, number and place is invented. Running it again changes nothing: a demo person who
already has a hotline emergency is left alone.
"""

from datetime import timedelta

from django.utils import timezone

from clinic.demo import demo_clock
from clinic.models import User
from intake.demo import demo_moment, demo_person
from intake.models import Intake
from intake.services import Identity, client_find_existing, intake_emergency_create
from response import services
from response.models import FacilityKind, LocatorCheck, OnCallShift, Response

S = Response.Status
BROADVIEW = ("Broadview Processing Center (demo)", "IL", FacilityKind.ICE)
COOK_JAIL = ("Cook County Jail (demo)", "IL", FacilityKind.JAIL)
LAKE_JAIL = ("Lake County Jail (demo)", "IN", FacilityKind.JAIL)
FAR_AWAY = ("Moshannon Valley Processing Center (demo)", "PA", FacilityKind.ICE)

# given, family, country, hours since the call, facilities found in order, steps after locating
PEOPLE = [
    ("Esteban", "Morales Cruz", "Mexico", 3, [], []),
    ("Ana", "Lucía Torres", "Guatemala", 10, [COOK_JAIL], []),
    ("Kwame", "Boateng", "Ghana", 20, [LAKE_JAIL], [S.REPRESENTED]),
    ("Marisol", "Fuentes", "El Salvador", 40, [BROADVIEW], [S.REPRESENTED, S.CUSTODY_DECIDED]),
    ("Pedro", "Alvarado", "Honduras", 60, [BROADVIEW], [S.RELEASED]),
    ("Irina", "Volkova", "Russia", 80, [BROADVIEW], [S.REPRESENTED, S.CUSTODY_DECIDED, S.BONDED]),
    ("Joseph", "Mensah", "Nigeria", 100, [LAKE_JAIL, BROADVIEW, FAR_AWAY], [S.TRANSFERRED_OUT]),
    ("Luis", "Hernández Paz", "Mexico", 150, [BROADVIEW], [S.REMOVED]),
    ("Sofía", "Rivas", "Colombia", 200, [], [S.CLOSED]),
]


# Past detentions: days since the call, facilities found in order, steps after locating.
YEAR = [
    (330, [BROADVIEW], [S.REPRESENTED, S.CUSTODY_DECIDED, S.BONDED]),
    (280, [COOK_JAIL, BROADVIEW], [S.REPRESENTED, S.RELEASED]),
    (230, [BROADVIEW, FAR_AWAY], [S.TRANSFERRED_OUT]),
    (170, [BROADVIEW], [S.REPRESENTED, S.CUSTODY_DECIDED, S.REMOVED]),
    (120, [LAKE_JAIL], [S.RELEASED]),
    (70, [], [S.CLOSED]),
    (35, [BROADVIEW], [S.REPRESENTED, S.CUSTODY_DECIDED, S.BONDED]),
    (12, [BROADVIEW], [S.REPRESENTED]),
]
FIRST_YEAR_PERSON = 64  # after the intakes' and the cases' demo people


def _person(index: int, given: str, family: str) -> Identity:
    return Identity(given_names=given, family_names=family, a_number=f"2003000{index:02d}")


def seed(*, password: str, users: dict) -> None:
    volunteer, coordinator, attorney = users["volunteer"], users["coordinator"], users["attorney"]
    now = timezone.now()
    _rota(coordinator, attorney, now)
    _a_year_of_responses(volunteer, coordinator, attorney)
    for index, (given, family, country, hours, facilities, steps) in enumerate(PEOPLE):
        identity = _person(index, given, family)
        known = client_find_existing(identity=identity)
        if known is not None and known.intakes.filter(is_emergency=True).exists():
            continue
        _one(
            identity,
            country,
            now - timedelta(hours=hours),
            facilities,
            steps,
            volunteer,
            coordinator,
            attorney,
        )


def _a_year_of_responses(volunteer: User, coordinator: User, attorney: User) -> None:
    for index, (days, facilities, steps) in enumerate(YEAR):
        identity, _demographics, _means, _channel = demo_person(FIRST_YEAR_PERSON + index)
        known = client_find_existing(identity=identity)
        if known is not None and known.intakes.filter(is_emergency=True).exists():
            continue
        called_at = demo_moment(days_ago=days, hour=6 + index)
        with demo_clock(called_at):
            response = _one(
                identity,
                identity.country_of_birth,
                called_at,
                facilities,
                [],
                volunteer,
                coordinator,
                attorney,
            )
        for step, status in enumerate(steps):
            with demo_clock(called_at + timedelta(hours=30 + 36 * step)):
                services.response_status_set(response=response, status=status, acting_user=coordinator)


def _rota(coordinator: User, attorney: User, now) -> None:
    if OnCallShift.objects.filter(ends_at__gt=now).exists():
        return
    start = now.replace(minute=0, second=0, microsecond=0)
    services.shift_create(
        user=coordinator, starts_at=start, ends_at=start + timedelta(hours=12), acting_user=coordinator
    )
    services.shift_create(
        user=attorney,
        starts_at=start + timedelta(hours=12),
        ends_at=start + timedelta(hours=24),
        acting_user=coordinator,
    )


def _one(identity, country, called_at, facilities, steps, volunteer, coordinator, attorney) -> Response:
    intake = intake_emergency_create(
        identity=identity,
        facility=facilities[0][0] if facilities else "Detenido en la calle (demo)",
        detained_on=called_at.date(),
        caller_name="Familiar Inventado",
        callback_phone="+1 555 010 0150",
        narrative="Demo: detenido camino al trabajo.",
        acting_user=volunteer,
    )
    Intake.objects.filter(pk=intake.pk).update(submitted_at=called_at)  # backdate the call for the demo
    intake.refresh_from_db()
    response = services.response_open(
        intake=intake,
        detention=services.Detention(
            taken_at=called_at - timedelta(hours=1),
            agency=Response.Agency.ICE,
            country_of_birth=country,
            dependants_count=2 if country in {"Guatemala", "Honduras"} else 0,
            dependants_note="Dos niños con su tía (demo)." if country in {"Guatemala", "Honduras"} else "",
        ),
        caller=services.Caller(relation=Response.Relation.SPOUSE),
        acting_user=volunteer,
    )
    services.response_assign(
        response=response, coordinator=coordinator, attorney=attorney, acting_user=coordinator
    )
    search = {"source": LocatorCheck.Source.ICE_LOCATOR, "searched_by": LocatorCheck.SearchedBy.A_NUMBER}
    if not facilities:
        services.locator_check_record(
            response=response,
            country_searched=country,
            result=LocatorCheck.Result.NOT_FOUND,
            checked_at=called_at + timedelta(minutes=30),
            acting_user=coordinator,
            **search,
        )
    for step, (name, state, kind) in enumerate(facilities):
        services.locator_check_record(
            response=response,
            country_searched=country,
            result=LocatorCheck.Result.FOUND,
            facility_name=name,
            facility_state=state,
            facility_kind=kind,
            checked_at=called_at + timedelta(hours=1 + step * 6),
            acting_user=coordinator,
            **{
                **search,
                "source": LocatorCheck.Source.JAIL_ROSTER if kind == FacilityKind.JAIL else search["source"],
            },
        )
        if step == 0 and kind == FacilityKind.JAIL:
            services.response_windows_set(
                response=response, release_due_at=called_at, fear_referred_at=None, acting_user=coordinator
            )
    for status in steps:
        services.response_status_set(response=response, status=status, acting_user=coordinator)
    return response
