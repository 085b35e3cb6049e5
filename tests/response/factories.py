"""Responses are made through the services, as the hotline makes them. Every name is invented."""

from itertools import count

from clinic.models import User
from intake.models import Intake
from intake.services import Identity, intake_emergency_create
from response import services
from response.models import FacilityKind, LocatorCheck, Response
from response.services import Caller, Detention

_numbers = count(1)


def emergency_intake(*, volunteer: User, given: str = "Persona", a_number: str | None = None) -> Intake:
    n = next(_numbers)
    return intake_emergency_create(
        identity=Identity(
            given_names=f"{given}{n}", family_names="Inventada", a_number=a_number or f"90000{n:04d}"
        ),
        facility="Detenido en la calle",
        detained_on=None,
        caller_name="Llamante Inventado",
        callback_phone="+1 555 010 0123",
        narrative="",
        acting_user=volunteer,
    )


def open_response(
    *, intake: Intake, acting_user: User, detention: Detention | None = None, caller: Caller | None = None
) -> Response:
    return services.response_open(
        intake=intake,
        detention=detention or Detention(country_of_birth="Mexico"),
        caller=caller or Caller(relation=Response.Relation.SPOUSE),
        acting_user=acting_user,
    )


def found_at(
    response: Response, facility: str, *, acting_user: User, state="IL", kind=FacilityKind.ICE, at=None
):
    return services.locator_check_record(
        response=response,
        source=LocatorCheck.Source.ICE_LOCATOR,
        searched_by=LocatorCheck.SearchedBy.A_NUMBER,
        country_searched="Mexico",
        result=LocatorCheck.Result.FOUND,
        facility_name=facility,
        facility_state=state,
        facility_kind=kind,
        checked_at=at,
        acting_user=acting_user,
    )


def not_found(response: Response, *, acting_user: User, at=None):
    return services.locator_check_record(
        response=response,
        source=LocatorCheck.Source.ICE_LOCATOR,
        searched_by=LocatorCheck.SearchedBy.NAME,
        country_searched="Mexico",
        result=LocatorCheck.Result.NOT_FOUND,
        checked_at=at,
        acting_user=acting_user,
    )
