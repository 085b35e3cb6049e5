"""HHS poverty guidelines for 2024 and 2025 (Federal Register, January of each year)."""

from decimal import Decimal

from django.db import migrations

GUIDELINES = [
    # year, region, one person, each additional person
    (2024, "contiguous", "15060", "5380"),
    (2024, "alaska", "18810", "6730"),
    (2024, "hawaii", "17310", "6190"),
    (2025, "contiguous", "15650", "5500"),
    (2025, "alaska", "19550", "6880"),
    (2025, "hawaii", "17990", "6325"),
]


def seed(apps, schema_editor):
    PovertyGuideline = apps.get_model("intake", "PovertyGuideline")
    for year, region, base, extra in GUIDELINES:
        PovertyGuideline.objects.update_or_create(
            year=year,
            region=region,
            defaults={"base_amount": Decimal(base), "per_additional_person": Decimal(extra)},
        )


def unseed(apps, schema_editor):
    PovertyGuideline = apps.get_model("intake", "PovertyGuideline")
    for year, region, _base, _extra in GUIDELINES:
        PovertyGuideline.objects.filter(year=year, region=region).delete()


class Migration(migrations.Migration):
    dependencies = [("intake", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
