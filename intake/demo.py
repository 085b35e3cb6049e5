"""Demo clients and intakes for `manage.py seed_demo`. Every name, number and story is invented.

Idempotent: clients are found again through their blind indexes (A-number or name and date of
birth), and an intake is only added when its client has none through the same channel. Besides
today's work, a year of past intakes and workshops (stamped at their past dates by the demo clock)
gives the funding report something in every table.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from clinic.demo import demo_clock
from clinic.models import User
from intake.models import CommunityArea, Gender, Intake, OutreachEvent
from intake.services import (
    Demographics,
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
    outreach_event_save,
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
    today = timezone.localdate()

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
    _a_year_of_outreach(coordinator)
    _a_year_of_intakes(volunteer, coordinator)


# A year of past activity ------------------------------------------------------------------------

# Where demo clients live: ZIP code, community area and ward (None: the client did not know it).
PLACES = [
    ("60623", CommunityArea.SOUTH_LAWNDALE, 22),
    ("60608", CommunityArea.LOWER_WEST_SIDE, 25),
    ("60632", CommunityArea.BRIGHTON_PARK, 12),
    ("60629", CommunityArea.CHICAGO_LAWN, None),
    ("60639", CommunityArea.BELMONT_CRAGIN, 30),
    ("60647", CommunityArea.LOGAN_SQUARE, 1),
    ("60618", CommunityArea.IRVING_PARK, None),
    ("60625", CommunityArea.ALBANY_PARK, 39),
    ("60640", CommunityArea.UPTOWN, 46),
    ("60453", CommunityArea.OUTSIDE_CHICAGO, None),  # Oak Lawn
    ("", "", None),  # not asked
]
GENDERS = [Gender.WOMAN, Gender.MAN, Gender.WOMAN, Gender.NON_BINARY, Gender.DECLINED, Gender.MAN,
           Gender.NOT_ASKED]  # fmt: skip
AGES = [16, 21, 29, 34, 38, 47, 52, 58, 67, None]  # None: no date of birth given
# Names, languages and countries, combined so that no two demo people share a name.
GIVEN = ["Adriana", "Bilal", "Camila", "Dmytro", "Esperanza", "Farida", "Gustavo", "Hana", "Ibrahim",
         "Jazmín", "Kofi", "Leticia", "Mohammed", "Noemí", "Olena", "Pablo", "Qiu", "Rosalba", "Samir",
         "Teresa"]  # fmt: skip
FAMILY = ["Arriaga", "Benítez", "Cárdenas", "Duarte", "Espinoza", "Figueroa", "Galindo", "Herrera"]  # 8
LANGUAGES = ["es", "es", "en", "ar", "uk", "es", "fr", "zh", "ht", "pl"]
COUNTRIES = ["Mexico", "Honduras", "Guatemala", "Syria", "Ukraine", "El Salvador", "Haiti", "China",
             "Venezuela", "Poland", "Ecuador"]  # fmt: skip
# (household size, annual income): at or under 125%, under 200% and over 200% of the guideline.
MEANS = [(3, Decimal("18000")), (2, Decimal("30000")), (4, Decimal("95000")), (1, Decimal("14000")), None]
CHANNELS = list(Intake.Channel.values)


def demo_moment(days_ago: int, hour: int = 10) -> datetime:
    """A time of day `days_ago` days before today, in the clinic's time zone."""
    return timezone.make_aware(datetime.combine(timezone.localdate() - timedelta(days=days_ago), time(hour)))


def demo_person(n: int) -> tuple[Identity, Demographics, Means, str]:
    """The n-th synthetic person of the demo year (no two share a name below n = 320), with what
    they told the volunteer and the channel they came through. Each part of the demo takes its own
    range of n: the A-number (2004 and n) finds them again when the demo runs twice."""
    age = AGES[n % len(AGES)]
    born = None if age is None else timezone.localdate() - timedelta(days=365 * age + 40 + n)
    zip_code, area, ward = PLACES[n % len(PLACES)]
    language = LANGUAGES[n % len(LANGUAGES)]
    identity = Identity(
        given_names=GIVEN[n % len(GIVEN)],
        family_names=f"{FAMILY[n % 8]} {FAMILY[(n // 8 + 3) % 8]}",
        date_of_birth=born,
        a_number=f"2004{n:05d}",
        country_of_birth=COUNTRIES[n % len(COUNTRIES)],
        preferred_language=language,
        languages=[language],
    )
    demographics = Demographics(
        gender=GENDERS[n % len(GENDERS)], zip_code=zip_code, community_area=area, ward=ward
    )
    household = MEANS[n % len(MEANS)]
    means = Means(*household) if household else Means()
    return identity, demographics, means, CHANNELS[n % len(CHANNELS)]


OUTREACH = [
    # kind, title, place, community area, language, partner, attendees, materials
    ("kyr", "Know your rights at work", "Parish hall", "Pilsen, 60608", "es", "Worker centre", 42, 80),
    ("forum", "Forum on detentions", "Public library", "Little Village, 60623", "es", "", 65, 120),
    ("presentation", "Immigration basics", "High school", "Albany Park, 60625", "en", "Teachers", 28, 40),
    ("clinic", "DACA renewal clinic", "Community college", "Belmont Cragin, 60639", "es", "", 19, 25),
    ("kyr", "Знай свої права", "Church hall", "Ukrainian Village, 60622", "uk", "", 23, 45),
    ("kyr", "اعرف حقوقك", "Mosque community room", "Bridgeview, 60455", "ar", "", 31, 60),
    ("forum", "Forum after the raids", "Union hall", "Brighton Park, 60632", "es", "Union local", 88, 150),
    ("clinic", "Asylum application clinic", "Clinic office", "Uptown, 60640", "fr", "", 14, 20),
    ("presentation", "Rights for caregivers", "Senior centre", "Chinatown, 60616", "zh", "", 26, 35),
    ("kyr", "Konnen dwa ou", "Church", "Rogers Park, 60626", "ht", "", 17, 30),
    ("clinic", "Naturalisation clinic", "Public library", "Avondale, 60618", "pl", "", 21, 30),
    ("kyr", "Know your rights on the road", "Day labour corner", "Logan Square, 60647", "es", "", 35, 70),
]


def _a_year_of_outreach(coordinator: User) -> None:
    """One workshop or forum a month over the past year (found again by title)."""
    for month, (kind, title, place, area, language, partner, attendees, materials) in enumerate(OUTREACH):
        title = f"{title} (demo)"
        if OutreachEvent.objects.filter(title=title).exists():
            continue
        outreach_event_save(
            event=None,
            acting_user=coordinator,
            kind=kind,
            title=title,
            held_on=timezone.localdate() - timedelta(days=345 - 30 * month),
            place=place,
            community_area=area,
            language=language,
            partner=partner,
            attendees=attendees,
            materials=materials,
        )


YEAR_INTAKES = 40  # demo people 0 to 39: one every nine days; the last ten still open


def _a_year_of_intakes(volunteer: User, coordinator: User) -> None:
    """Intakes over the past year on every channel, referred out, declined or (the latest) open.

    Accepted ones come from cases' part of the demo, which opens a case for each."""
    events = list(OutreachEvent.objects.filter(title__endswith="(demo)").order_by("held_on"))
    for n in range(YEAR_INTAKES):
        identity, demographics, means, channel = demo_person(n)
        if client_find_existing(identity=identity) is not None:
            continue
        submitted = demo_moment(days_ago=360 - 9 * n, hour=9 + n % 8)
        taken_at = None
        if channel == Intake.Channel.WORKSHOP:
            taken_at = next((e for e in reversed(events) if e.held_on <= submitted.date()), None)
        with demo_clock(submitted):
            intake = intake_submit(
                intake=intake_start(acting_user=volunteer, channel=channel),
                principal=identity,
                members=[],
                parties=[],
                situation=Situation(channel=channel, outreach_event=taken_at),
                means=means,
                narrative="Demo: historia inventada.",
                demographics=demographics,
                acting_user=volunteer,
            )
        if n >= YEAR_INTAKES - 10:
            continue  # still waiting for a coordinator
        with demo_clock(submitted + timedelta(days=3)):
            if (n // len(CHANNELS)) % 2 == 0:
                intake_refer(
                    intake=intake,
                    referred_to="Legal aid partner (demo)",
                    reason="Outside what our grants pay for.",
                    acting_user=coordinator,
                )
            else:
                intake_decline(intake=intake, reason="No legal remedy we can offer.", acting_user=coordinator)
