"""Demo data for `manage.py seed_demo`: attorney profiles, grants and cases in every state.

Every person and firm here is invented. Running it again changes nothing: profiles and grants are
updated in place, and a demo client who already has a case is left alone.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.models import Group
from django.utils import timezone

from cases import services
from cases.models import AttorneyProfile, ClosingCode, Court, Funder, Grant, Hearing, Outcome, Trigger
from clinic.models import User
from clinic.roles import Role
from intake.models import Intake
from intake.services import (
    Identity,
    Means,
    Party,
    Situation,
    client_find_existing,
    client_lsc_eligibility_set,
    conflict_check_run,
    intake_start,
    intake_submit,
)

PROFILES = {
    # username: kind, firm, languages, practice areas, experience, capacity, detained, on call
    "attorney": ("staff", "", ["en", "es"], ["removal", "asylum", "bond", "u_visa"], 3, 6, True, True),
    "attorney2": (
        "pro_bono",
        "Nowicki Law Group",
        ["en", "pl"],
        ["naturalisation", "fear", "asylum", "tps"],
        2,
        3,
        False,
        False,
    ),
}
EXTRA_ATTORNEYS = [
    # username, first, last, kind, firm, languages, areas, experience, capacity, detained
    (
        "pb_ferreira",
        "Inês",
        "Ferreira",
        "pro_bono",
        "Calloway & Marsh LLP",
        ["en", "pt", "es"],
        ["removal", "bond", "sijs"],
        4,
        4,
        True,
    ),
    (
        "pb_okafor",
        "Chidi",
        "Okafor",
        "pro_bono",
        "Brightwater Legal",
        ["en", "fr"],
        ["asylum", "fear", "t_visa"],
        2,
        2,
        True,
    ),
    (
        "staff_lindqvist",
        "Maja",
        "Lindqvist",
        "staff",
        "",
        ["en", "sv", "uk"],
        ["tps", "daca", "vawa", "u_visa"],
        3,
        8,
        False,
    ),
]
CASES = [
    # given, family, languages, eligibility, case type, detained, state, adverse parties
    ("Lucía", "Benítez Ramos", ["es"], "unknown", "removal", True, "awaiting", []),
    ("Jean-Baptiste", "Morel", ["fr", "ht"], "none", "asylum", False, "awaiting", []),
    ("Oksana", "Hrytsenko", ["uk", "ru"], "refugee_asylee", "tps", False, "offered:attorney", []),
    ("Mateo", "Quispe Huamán", ["es", "qu"], "unknown", "bond", True, "offered:attorney,pb_ferreira", []),
    ("Amara", "Diallo", ["fr", "wo"], "none", "asylum", False, "active:attorney", []),
    (
        "Yesenia",
        "Ortiz Camacho",
        ["es"],
        "u_visa",
        "u_visa",
        False,
        "active:attorney",
        ["Ricardo Fuentes Vela"],
    ),
    ("Dawit", "Tesfaye", ["am", "en"], "refugee_asylee", "fear", True, "active:pb_okafor", []),
    ("Wiktoria", "Zielińska", ["pl"], "lpr", "naturalisation", False, "closed:attorney2", []),
    ("Hamid", "Karimi", ["fa", "en"], "refugee_asylee", "asylum", False, "closed:attorney", []),
]


def _attorney_users(password: str, users: dict) -> dict[str, User]:
    group = Group.objects.get(name=Role.ATTORNEY)
    people = {name: users[name] for name in PROFILES}
    for username, first, last, *_rest in EXTRA_ATTORNEYS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@clinic.example"},
        )
        user.set_password(password)
        user.save(update_fields=["password"])
        user.groups.add(group)
        people[username] = user
    return people


def _profiles(people: dict[str, User]) -> None:
    today = timezone.localdate()
    rows = dict(PROFILES)
    rows.update(
        {row[0]: (row[3], row[4], row[5], row[6], row[7], row[8], row[9], False) for row in EXTRA_ATTORNEYS}
    )
    for username, (kind, firm, languages, areas, experience, capacity, detained, on_call) in rows.items():
        AttorneyProfile.objects.update_or_create(
            user=people[username],
            defaults={
                "kind": kind,
                "firm": firm,
                "bar_admissions": "Illinois",
                "languages": languages,
                "practice_areas": areas,
                "experience": experience,
                "capacity": capacity,
                "takes_detained": detained,
                "is_on_call": on_call,
                "available_from": today - timedelta(days=365),
            },
        )


def _grants() -> tuple[Grant, Grant]:
    lsc, _ = Funder.objects.get_or_create(name="Legal Services Corporation (demo)")
    foundation, _ = Funder.objects.get_or_create(name="Lakeshore Community Foundation (demo)")
    lsc_grant, _ = Grant.objects.update_or_create(
        code="DEMO-LSC-BF",
        defaults={
            "funder": lsc,
            "name": "Basic field grant",
            "is_lsc_funded": True,
            "restrictions": "Alien-eligibility rules of 45 CFR 1626 apply.",
        },
    )
    private, _ = Grant.objects.update_or_create(
        code="DEMO-LCF-DD",
        defaults={"funder": foundation, "name": "Detained defense fund", "is_lsc_funded": False},
    )
    return lsc_grant, private


# Deadlines due soon, overdue and far off: (event or manual title, days from today).
EVENTS = {
    # Awaiting an attorney: the BIA deadlines have no owner, and the coordinators' list says so.
    "Lucía": [(Trigger.IJ_DECISION, -24)],
    # The one-year asylum deadline, months away.
    "Amara": [(Trigger.ARRIVAL, -250)],
    # An IJ decision three weeks ago: the BIA appeal is due within days.
    "Dawit": [(Trigger.IJ_DECISION, -22)],
    # Entered by hand: one overdue, one far off.
    "Yesenia": [("Send the signed G-28 to the court", -2), ("Ask the police for the I-918 Supplement B", 45)],
}


def _at_court(court: Court, *, days: int, hour: int) -> datetime:
    """A time on the hearing notice: `hour` o'clock at the court, `days` from today."""
    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(hour, 0), tzinfo=court.zone)


def _events(case, events, acting_user: User) -> None:
    today = timezone.localdate()
    for what, days in events:
        if what in Trigger.values:
            services.case_event_record(
                case=case, kind=what, occurred_on=today + timedelta(days=days), acting_user=acting_user
            )
        else:
            services.deadline_create(
                case=case, title=what, due_date=today + timedelta(days=days), acting_user=acting_user
            )


def seed(*, password: str, users: dict) -> None:
    coordinator = users["coordinator"]
    court = Court.objects.get(code="chicago")  # seeded by the migration
    people = _attorney_users(password, users)
    _profiles(people)
    lsc_grant, private_grant = _grants()
    volunteer = users["volunteer"]
    for index, (given, family, languages, basis, case_type, detained, state, adverse) in enumerate(CASES):
        # Through intake's and cases' own services, like a real case: the client is indexed for the
        # conflict check and every row has its history.
        identity = Identity(
            given_names=given,
            family_names=family,
            a_number=f"2002000{index:02d}",
            preferred_language=languages[0],
            languages=languages,
        )
        if client_find_existing(identity=identity) is not None:
            continue
        intake = intake_submit(
            intake=intake_start(acting_user=volunteer, channel=Intake.Channel.REFERRAL),
            principal=identity,
            members=[],
            parties=[Party(name=name, never_contact=True) for name in adverse],
            situation=Situation(channel=Intake.Channel.REFERRAL),
            means=Means(),
            narrative="",
            acting_user=volunteer,
        )
        client_lsc_eligibility_set(client=intake.client, basis=basis, acting_user=coordinator)
        conflict_check_run(intake=intake, acting_user=coordinator)
        case = services.case_open(intake=intake, opened_by=coordinator)
        grant = lsc_grant if basis not in services.INELIGIBLE_FOR_LSC else private_grant
        case = services.case_update(
            case=case,
            acting_user=coordinator,
            case_type=case_type,
            problem_code=case.problem_code,
            is_detained=detained,
            court="Chicago Immigration Court" if case_type in {"removal", "bond", "fear"} else "",
            grant=grant,
        )
        if case_type in {"removal", "bond", "fear", "asylum"}:
            services.hearing_create(
                case=case,
                court=court,
                kind=Hearing.Kind.BOND if case_type == "bond" else Hearing.Kind.MASTER,
                starts_at=_at_court(court, days=3 + index * 4, hour=9),
                mode=Hearing.Mode.VIDEO if detained else Hearing.Mode.IN_PERSON,
                judge="Hon. R. Delgado (demo)",
                acting_user=coordinator,
            )
        status, _, holders = state.partition(":")
        if status == "awaiting":
            _events(case, EVENTS.get(given, []), coordinator)
            continue
        attorneys = [people[name] for name in holders.split(",")]
        offers = services.offer_create(case=case, attorneys=attorneys, acting_user=coordinator)
        if status == "offered":
            continue
        services.offer_accept(offer=offers[0], acting_user=attorneys[0])
        services.time_entry_create(
            case=case,
            worked_by=attorneys[0],
            worked_on=timezone.localdate(),
            hours=Decimal("1.5"),
            description="First client meeting",
            grant=grant,
            acting_user=attorneys[0],
        )
        services.note_create(case=case, body="Client prefers calls in the morning.", acting_user=attorneys[0])
        if status == "active":
            _events(case, EVENTS.get(given, []), attorneys[0])
        if status == "closed":
            services.case_close(
                case=case,
                closing_code=ClosingCode.B if case_type == "naturalisation" else ClosingCode.IB,
                outcome=Outcome.RELIEF_GRANTED,
                final_hours=Decimal("0.8"),
                acting_user=attorneys[0],
            )
