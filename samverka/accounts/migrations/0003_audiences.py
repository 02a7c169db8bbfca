"""The three audience tags every installation has: project leader, regional official, other actor."""

from django.db import migrations

CODES = ["project_leader", "regional_official", "other_actor"]


def create_audiences(apps, schema_editor):
    Audience = apps.get_model("accounts", "Audience")
    for code in CODES:
        Audience.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_invitation_project_role_language")]

    operations = [migrations.RunPython(create_audiences, migrations.RunPython.noop)]
