"""Demo data for `manage.py seed_demo`: attorney profiles, grants and cases in every state.

Every person and firm here is invented. Running it again changes nothing: profiles and grants are
updated in place, and a demo client who already has a case is left alone. Besides today's cases, a
year of past ones (opened, assigned, heard, timed, closed, each step at its past date through the
demo clock) gives the funding report something in every table.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.models import Group
from django.utils import timezone

from cases import services
from cases.models import (
    AttorneyProfile,
    CaseType,
    ClientGroup,
    ClosingCode,
    Court,
    Deadline,
    Funder,
    Grant,
    Hearing,
    Outcome,
    ProblemCode,
    ReportMetric,
    Trigger,
)
from clinic.demo import demo_clock
from clinic.models import User
from clinic.roles import Role
from intake.demo import YEAR_INTAKES, demo_moment, demo_person
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


M = ReportMetric
GRANTS = {
    # code: funder, name, LSC, amount, case types (none: every type), client groups, metrics asked for
    "DEMO-LSC-BF": (
        "Legal Services Corporation (demo)",
        "Basic field grant",
        True,
        Decimal("480000"),
        [],
        [ClientGroup.LOW_INCOME],
        [M.CLIENTS_SERVED, M.CASES_CLOSED, M.LSC_CASE_SERVICE_REPORT, M.CASES_CLOSED_BY_PROBLEM_CODE,
         M.CLIENTS_BY_INCOME, M.LSC_101, M.LSC_111],
    ),
    "DEMO-LCF-DD": (
        "Lakeshore Community Foundation (demo)",
        "Detained defense fund",
        False,
        Decimal("250000"),
        [CaseType.REMOVAL_DEFENSE, CaseType.BOND, CaseType.FEAR, CaseType.ASYLUM],
        [ClientGroup.DETAINED, ClientGroup.CHICAGO_RESIDENTS],
        [M.CASES_OPENED, M.RELEASED, M.DETENTIONS, M.HOURS_TO_REPRESENTED, M.OUTCOMES, M.HEARINGS,
         M.CLIENTS_BY_COMMUNITY_AREA, M.CLIENTS_BY_WARD, M.PRO_BONO_HOURS],
    ),
    "DEMO-CYF-SV": (
        "Chicago Youth and Families Fund (demo)",
        "Children and survivors",
        False,
        Decimal("120000"),
        [CaseType.SIJS, CaseType.U_VISA, CaseType.T_VISA, CaseType.VAWA, CaseType.ASYLUM, CaseType.DACA,
         CaseType.TPS, CaseType.NATURALISATION, CaseType.OTHER],
        [ClientGroup.CHILDREN, ClientGroup.SURVIVORS, ClientGroup.CHICAGO_RESIDENTS],
        [M.CLIENTS_SERVED, M.CLIENTS_BY_AGE, M.CLIENTS_BY_GENDER, M.CLIENTS_BY_ZIP, M.CASES_OPENED_BY_TYPE,
         M.OUTCOMES],
    ),
}  # fmt: skip


def _grants() -> dict[str, Grant]:
    """The demo's grants, running from a year ago to a year from now, updated in place."""
    today = timezone.localdate()
    grants = {}
    for code, (funder, name, lsc, amount, case_types, groups, metrics) in GRANTS.items():
        grants[code], _ = Grant.objects.update_or_create(
            code=code,
            defaults={
                "funder": Funder.objects.get_or_create(name=funder)[0],
                "name": name,
                "is_lsc_funded": lsc,
                "restrictions": "Alien-eligibility rules of 45 CFR 1626 apply." if lsc else "",
                "amount": amount,
                "starts_on": today.replace(month=1, day=1) - timedelta(days=365),
                "ends_on": today.replace(month=12, day=31),
                "case_types": [str(value) for value in case_types],
                "client_groups": [str(value) for value in groups],
                "metrics": [str(value) for value in metrics],
            },
        )
    return grants


def _grant_for(grants: dict[str, Grant], *, case_type: str, eligible: bool, detained: bool) -> Grant:
    """LSC money for eligible clients; otherwise the fund whose case types cover the case."""
    if eligible:
        return grants["DEMO-LSC-BF"]
    detained_fund = grants["DEMO-LCF-DD"]
    if detained_fund.covers(case_type) and (detained or not grants["DEMO-CYF-SV"].covers(case_type)):
        return detained_fund
    return grants["DEMO-CYF-SV"]


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
    grants = _grants()
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
        eligible = basis not in services.INELIGIBLE_FOR_LSC
        grant = _grant_for(grants, case_type=case_type, eligible=eligible, detained=detained)
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
    _a_year_of_cases(people, grants, court, volunteer, coordinator)


# A year of past cases ---------------------------------------------------------------------------

YEAR_CASES = 24  # demo people 40 to 63: one opened every two weeks
# The attorney who takes each, in turn: pro bono volunteers and staff.
YEAR_ATTORNEYS = ["attorney2", "pb_ferreira", "attorney", "pb_okafor", "staff_lindqvist"]
PROBLEM_CODES = {
    CaseType.VAWA: ProblemCode.DOMESTIC_ABUSE,
    CaseType.U_VISA: ProblemCode.DOMESTIC_ABUSE,
    CaseType.T_VISA: ProblemCode.HUMAN_TRAFFICKING,
    CaseType.SIJS: ProblemCode.MINOR_GUARDIANSHIP,
}
# How each case ended, in turn, and the LSC closing code that goes with it.
ENDINGS = [
    (Outcome.RELIEF_GRANTED, ClosingCode.IB),
    (Outcome.RELEASED_ON_BOND, ClosingCode.IA),
    (Outcome.RELIEF_DENIED, ClosingCode.IB),
    (Outcome.TERMINATED, ClosingCode.IA),
    (Outcome.RELIEF_GRANTED, ClosingCode.H),
    (Outcome.ADMIN_CLOSED, ClosingCode.L),
    (Outcome.VOLUNTARY_DEPARTURE, ClosingCode.IB),
    (Outcome.WITHDRAWN, ClosingCode.B),
    (Outcome.RELIEF_GRANTED, ClosingCode.IC),
    (Outcome.REMOVAL_ORDERED, ClosingCode.IB),
    (Outcome.OTHER, ClosingCode.A),
]
DAYS_TO_CLOSE = 110


def _a_year_of_cases(people, grants, court: Court, volunteer: User, coordinator: User) -> None:
    """Cases opened over the past year through intake and case_open, each with a hearing, an
    attorney, time, deadlines met or missed and, once old enough, a closing."""
    case_types = list(CaseType.values)
    for k in range(YEAR_CASES):
        n = YEAR_INTAKES + k
        identity, demographics, means, channel = demo_person(n)
        if client_find_existing(identity=identity) is not None:
            continue
        case_type = case_types[k % len(case_types)]
        detained = case_type in {CaseType.BOND, CaseType.FEAR} or k % 4 == 0
        eligible = k % 2 == 0
        opened = demo_moment(days_ago=350 - 14 * k, hour=9 + k % 7)
        attorney = people[YEAR_ATTORNEYS[k % len(YEAR_ATTORNEYS)]]
        with demo_clock(opened):
            intake = intake_submit(
                intake=intake_start(acting_user=volunteer, channel=channel),
                principal=identity,
                members=[],
                parties=[],
                situation=Situation(
                    channel=channel, is_detained=detained, facility="Broadview (demo)" if detained else ""
                ),
                means=means,
                narrative="Demo: historia inventada.",
                demographics=demographics,
                acting_user=volunteer,
            )
            client_lsc_eligibility_set(
                client=intake.client, basis="lpr" if eligible else "none", acting_user=coordinator
            )
        with demo_clock(opened + timedelta(hours=20)):
            case = services.case_open(intake=intake, opened_by=coordinator)
            case = services.case_update(
                case=case,
                acting_user=coordinator,
                case_type=case_type,
                problem_code=PROBLEM_CODES.get(case_type, ProblemCode.IMMIGRATION),
                is_detained=detained,
                court="Chicago Immigration Court",
                grant=_grant_for(grants, case_type=case_type, eligible=eligible, detained=detained),
            )
            offer = services.offer_create(case=case, attorneys=[attorney], acting_user=coordinator)[0]
        with demo_clock(opened + timedelta(hours=24 + 6 * (k % 5))):  # before the offer expires
            services.offer_accept(offer=offer, acting_user=attorney)
            services.hearing_create(
                case=case,
                court=court,
                kind=Hearing.Kind.BOND if detained else Hearing.Kind.MASTER,
                starts_at=datetime.combine(
                    (opened + timedelta(days=45)).date(), time(9, 0), tzinfo=court.zone
                ),
                mode=Hearing.Mode.VIDEO if detained else Hearing.Mode.IN_PERSON,
                judge="Hon. R. Delgado (demo)",
                acting_user=coordinator,
            )
            services.deadline_create(
                case=case,
                title="File the evidence packet",
                due_date=(opened + timedelta(days=30)).date(),
                acting_user=attorney,
            )
        _year_case_work(case, attorney, opened, k)


def _year_case_work(case, attorney: User, opened: datetime, k: int) -> None:
    """What the attorney did on a year-old case: time, deadlines kept (or not), and the closing."""
    now = timezone.now()
    for days, hours, what in ((3, "2.5", "Client interview"), (25, "4.0", "Evidence and declarations"),
                              (44, "1.5", "Hearing preparation")):  # fmt: skip
        worked = opened + timedelta(days=days)
        if worked < now:
            with demo_clock(worked):
                services.time_entry_create(
                    case=case,
                    worked_by=attorney,
                    worked_on=timezone.localdate(worked),
                    hours=Decimal(hours),
                    description=what,
                    acting_user=attorney,
                )
    for deadline in case.deadlines.filter(status=Deadline.Status.OPEN, due_date__lt=timezone.localdate()):
        if k % 6 == 5:
            continue  # left open after its day: the report counts it missed
        status, reason = Deadline.Status.DONE, ""
        if k % 6 == 2:
            status, reason = Deadline.Status.MISSED, "Filed late; the court accepted it."
        elif k % 6 == 4 and deadline.rule_version_id is not None:
            status, reason = Deadline.Status.WAIVED, "The judge set a different schedule."
        done_at = timezone.make_aware(datetime.combine(deadline.due_date - timedelta(days=1), time(16)))
        with demo_clock(max(done_at, opened + timedelta(days=3))):
            services.deadline_update(
                deadline=deadline, status=status, reason=reason, owner=deadline.owner, acting_user=attorney
            )
    closing = opened + timedelta(days=DAYS_TO_CLOSE + 7 * (k % 4))
    if closing < now:
        outcome, code = ENDINGS[k % len(ENDINGS)]
        if outcome == Outcome.RELEASED_ON_BOND and not case.is_detained:
            outcome = Outcome.RELIEF_GRANTED
        with demo_clock(closing):
            services.case_close(
                case=case,
                closing_code=code,
                outcome=outcome,
                final_hours=Decimal("0.5"),
                acting_user=attorney,
            )
