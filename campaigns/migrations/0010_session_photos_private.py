from django.db import migrations

import campaigns.photo_move


class Migration(migrations.Migration):

    dependencies = [
        ('campaigns', '0009_session_photo_file'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.RunPython(
            campaigns.photo_move.move_photos, migrations.RunPython.noop
        ),
    ]
