"""Demo clients and intakes for `manage.py seed_demo`. Every name, number and story is invented.

Idempotent: clients are found again through their blind indexes (A-number or name and date of
birth), and an intake is only added when its client has none through the same channel.
"""

from datetime import date, timedelta
from decimal import Decimal

from clinic.models import User
from intake.models import Intake
from intake.services import (
    Identity,
    Means,
    Party,
    Situation,
    client_find_existing,
    conflict_check_run,
    intake_decline,
    intake_emergency_create,
    intake_refer,
    intake_start,
    intake_submit,
)


def _already(identity: Identity, channel: str) -> bool:
    client = client_find_existing(identity=identity)
    return client is not None and client.intakes.filter(channel=channel).exists()


def _submit(volunteer: User, principal: Identity, *, channel: str, **extra) -> Intake | None:
    if _already(principal, channel):
        return None
    intake = intake_start(acting_user=volunteer, channel=channel)
    return intake_submit(
        intake=intake,
        principal=principal,
        members=extra.get("members", []),
        parties=extra.get("parties", []),
        situation=extra.get("situation", Situation(channel=channel)),
        means=extra.get("means", Means()),
        narrative=extra.get("narrative", ""),
        acting_user=volunteer,
    )


def seed(*, password: str, users: dict) -> None:
    volunteer, coordinator = users["volunteer"], users["coordinator"]
    today = date.today()

    # A mother and her son on one notice to appear, with a hearing soon: urgent, no conflict.
    _submit(
        volunteer,
        Identity(
            given_names="Lucía",
            family_names="Paredes Ríos",
            date_of_birth=date(1990, 4, 12),
            a_number="200100001",
            country_of_birth="Honduras",
            preferred_language="es",
            languages=["es"],
            phone="+1 555 010 0101",
            safe_contact_name="Marta Ríos",
            safe_contact_note="Llamar solo después de las 6 pm.",
        ),
        channel=Intake.Channel.WALK_IN,
        members=[
            Identity(
                given_names="Mateo",
                family_names="Paredes Ríos",
                date_of_birth=date(2014, 9, 3),
                relationship="child",
            )
        ],
        situation=Situation(
            channel=Intake.Channel.WALK_IN,
            nta_received=True,
            next_hearing_date=today + timedelta(days=10),
            court="Immigration Court (demo)",
        ),
        means=Means(household_size=2, annual_income=Decimal("21000")),
        narrative="Llegaron en 2022. Tienen audiencia pronto y no tienen abogado.",
    )

    # A client whose abuser must never be contacted (VAWA).
    _submit(
        volunteer,
        Identity(given_names="Rosa", family_names="Mendoza Quispe", date_of_birth=date(1987, 1, 30)),
        channel=Intake.Channel.WORKSHOP,
        parties=[Party(name="Héctor Salas Ibarra", never_contact=True)],
        means=Means(household_size=3, annual_income=Decimal("24000")),
        narrative="Sobreviviente de violencia doméstica; posible petición VAWA.",
    )

    # An earlier client, and a new intake whose adverse party is that client: a conflict to review.
    _submit(
        volunteer,
        Identity(given_names="Ramón", family_names="Castillo Vega", date_of_birth=date(1979, 6, 2)),
        channel=Intake.Channel.REFERRAL,
    )
    _submit(
        volunteer,
        Identity(given_names="Elena", family_names="Suárez", date_of_birth=date(1993, 11, 8)),
        channel=Intake.Channel.WALK_IN,
        parties=[Party(name="Ramon Castillo")],
        narrative="Disputa salarial con su antiguo empleador.",
    )

    # A hotline emergency: a reported detention, heading the queue.
    emergency = Identity(given_names="Yusuf", family_names="Karimi", a_number="200100009")
    if not _already(emergency, Intake.Channel.RAPID_RESPONSE):
        intake_emergency_create(
            identity=emergency,
            facility="Centro de Procesamiento (demo)",
            detained_on=today,
            caller_name="Nadia Karimi",
            callback_phone="+1 555 010 0199",
            narrative="Detenido esta mañana camino al trabajo.",
            acting_user=volunteer,
        )

    # Decided intakes: one referred out, one declined.
    referred = _submit(
        volunteer,
        Identity(given_names="Fang", family_names="Wang", date_of_birth=date(1995, 2, 14), languages=["zh"]),
        channel=Intake.Channel.HOTLINE,
    )
    if referred is not None:
        conflict_check_run(intake=referred, acting_user=coordinator)
        intake_refer(
            intake=referred,
            referred_to="Asociación Legal Ejemplo",
            reason="Needs help in Mandarin.",
            acting_user=coordinator,
        )
    declined = _submit(
        volunteer,
        Identity(given_names="Tomasz", family_names="Wiśniewski", date_of_birth=date(1968, 8, 21)),
        channel=Intake.Channel.WORKSHOP,
        means=Means(household_size=1, annual_income=Decimal("61000")),
    )
    if declined is not None:
        intake_decline(intake=declined, reason="Over our grants income limit.", acting_user=coordinator)

    # A draft the volunteer has not finished yet.
    if not Intake.objects.filter(volunteer=volunteer, status=Intake.Status.DRAFT).exists():
        intake_start(acting_user=volunteer)
