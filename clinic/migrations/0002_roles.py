from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = ["intake volunteer", "attorney", "coordinator", "administrator"]
# Administrators manage accounts through the admin site; reading case content needs the
# coordinator role as well (DESIGN.md).
ADMINISTRATOR_PERMISSIONS = [
    ("clinic", "add_user"),
    ("clinic", "change_user"),
    ("clinic", "view_user"),
    ("auth", "view_group"),
]


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name in ROLES:
        Group.objects.get_or_create(name=name)
    administrators = Group.objects.get(name="administrator")
    for app_label, codename in ADMINISTRATOR_PERMISSIONS:
        administrators.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
