"""The first-hours checklist, the mandatory consular-notification countries and the detainer rules
of Illinois and its neighbours, as data that coordinators then edit."""

from django.db import migrations

CHECKLIST = [
    # code, title, guidance, citation, owner, due hours after the call, applies, position
    (
        "locate",
        "Locate the person",
        "Search the ICE online detainee locator by A-number and country of birth, or by name, country of "
        "birth and date of birth; check county jail rosters; call the facility. Record every search.",
        "",
        "coordinator",
        2,
        "always",
        10,
    ),
    (
        "confirm-custody",
        "Confirm it is ICE custody, not a criminal arrest, before contacting ICE",
        "If they are held on criminal charges, a criminal defence lawyer comes first: a call to ICE can "
        "prompt a detainer. Ask the jail whether an ICE detainer (Form I-247A) has been lodged.",
        "8 CFR 287.7",
        "coordinator",
        3,
        "always",
        20,
    ),
    (
        "notice-of-appearance",
        "File a notice of appearance (G-28 with ICE, EOIR-28 with the court)",
        "So that ICE and the immigration court deal with counsel, and the attorney can see the person.",
        "8 CFR 292.4(a); 8 CFR 1003.17",
        "attorney",
        24,
        "always",
        30,
    ),
    (
        "consular-notification",
        "Consular notification",
        "Mandatory for nationals of the countries on the list (kept as data); otherwise only if the person "
        "asks. Check that ICE has notified the consulate.",
        "8 CFR 236.1(e)",
        "coordinator",
        24,
        "always",
        40,
    ),
    (
        "custody-bond",
        "Custody determination and bond request",
        "Ask ICE for its custody determination and request a bond redetermination hearing before the "
        "immigration judge where the person is eligible.",
        "8 CFR 236.1(d); 8 CFR 1236.1(d); 8 CFR 1003.19",
        "attorney",
        48,
        "always",
        50,
    ),
    (
        "stay-of-removal",
        "Stay of removal (Form I-246) where removal is imminent",
        "Where there is a final order and removal may happen at any time, file an administrative stay "
        "request with ICE and consider an emergency stay motion.",
        "8 CFR 241.6",
        "attorney",
        24,
        "always",
        60,
    ),
    (
        "family-plan",
        "Family plan: a caregiver for the children, short-term guardianship where the state has one",
        "Make sure every child has a safe adult tonight; in Illinois a parent may designate a short-term "
        "guardian in writing (755 ILCS 5/11-5.4).",
        "755 ILCS 5/11-5.4",
        "coordinator",
        12,
        "dependants",
        70,
    ),
    (
        "medical-needs",
        "Pass on medical needs",
        "Tell the facility's medical staff and the attorney about medication and conditions, in writing.",
        "",
        "coordinator",
        6,
        "medical",
        80,
    ),
]

# The Department of State's list of mandatory-notification countries, to which 8 CFR 236.1(e) refers.
COUNTRIES = [
    "Algeria", "Antigua and Barbuda", "Armenia", "Azerbaijan", "Bahamas", "Barbados", "Belarus", "Belize",
    "Brunei", "Bulgaria", "China", "Costa Rica", "Cyprus", "Czech Republic", "Dominica", "Fiji", "Gambia",
    "Georgia", "Ghana", "Grenada", "Guyana", "Hungary", "Jamaica", "Kazakhstan", "Kiribati", "Kuwait",
    "Kyrgyzstan", "Malaysia", "Malta", "Mauritius", "Moldova", "Mongolia", "Nigeria", "Philippines",
    "Poland", "Romania", "Russia", "Saint Kitts and Nevis", "Saint Lucia", "Saint Vincent and the Grenadines",
    "Seychelles", "Sierra Leone", "Singapore", "Slovakia", "Tajikistan", "Tanzania", "Tonga",
    "Trinidad and Tobago", "Turkmenistan", "Tuvalu", "Ukraine", "United Kingdom", "Uzbekistan", "Zambia",
    "Zimbabwe",
]
COUNTRY_NOTES = {
    "China": "Includes Hong Kong and Macao.",
    "Poland": "Not for Polish nationals who are lawful permanent residents.",
    "United Kingdom": "Includes some overseas territories; check the Department of State's list.",
}

RULES = [
    # state, jails may hold on a detainer, citation, note
    (
        "IL",
        False,
        "5 ILCS 805/15 (Illinois TRUST Act)",
        "No law enforcement agency may detain anyone solely on an immigration detainer or civil warrant: "
        "a jail doing so is flagged for the attorney.",
    ),
    ("IN", True, "8 CFR 287.7(d)", "Jails may honour detainers: 48 hours excluding weekends and holidays."),
    ("WI", True, "8 CFR 287.7(d)", "Jails may honour detainers: 48 hours excluding weekends and holidays."),
    ("IA", True, "8 CFR 287.7(d); Iowa Code 27A", "State law requires jails to honour detainers."),
    ("MO", True, "8 CFR 287.7(d)", "Jails may honour detainers: 48 hours excluding weekends and holidays."),
    ("KY", True, "8 CFR 287.7(d)", "Jails may honour detainers: 48 hours excluding weekends and holidays."),
    ("MI", True, "8 CFR 287.7(d)", "Jails may honour detainers: 48 hours excluding weekends and holidays."),
]


def seed(apps, schema_editor):
    Item = apps.get_model("response", "ChecklistTemplateItem")
    Country = apps.get_model("response", "MandatoryNotificationCountry")
    Rule = apps.get_model("response", "DetainerRule")
    for code, title, guidance, citation, owner, due, condition, position in CHECKLIST:
        Item.objects.get_or_create(
            code=code,
            defaults={
                "title": title,
                "guidance": guidance,
                "citation": citation,
                "owner_role": owner,
                "due_hours": due,
                "condition": condition,
                "position": position,
            },
        )
    for name in COUNTRIES:
        Country.objects.get_or_create(name=name, defaults={"note": COUNTRY_NOTES.get(name, "")})
    for state, honours, citation, note in RULES:
        Rule.objects.get_or_create(
            state=state, defaults={"honours_detainers": honours, "citation": citation, "note": note}
        )


def unseed(apps, schema_editor):
    apps.get_model("response", "ChecklistTemplateItem").objects.filter(code__in=[row[0] for row in CHECKLIST]).delete()
    apps.get_model("response", "MandatoryNotificationCountry").objects.filter(name__in=COUNTRIES).delete()
    apps.get_model("response", "DetainerRule").objects.filter(state__in=[row[0] for row in RULES]).delete()


class Migration(migrations.Migration):
    dependencies = [("response", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
