from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('campaigns', '0010_session_photos_private'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='sessionphoto',
            name='image',
        ),
    ]
