import campaigns.photo_fields
import campaigns.photo_storage
import campaigns.photos
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('campaigns', '0008_plausible_figures'),
        ('wagtailimages', '0027_image_description'),
    ]

    operations = [
        migrations.AddField(
            model_name='sessionphoto',
            name='file',
            field=campaigns.photo_fields.PrivatePhotoField(default='', height_field='height', max_length=255, storage=campaigns.photo_storage.session_photo_storage, upload_to=campaigns.photos.photo_path, verbose_name='photo', width_field='width'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='sessionphoto',
            name='height',
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name='sessionphoto',
            name='width',
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AlterField(
            model_name='sessionphoto',
            name='image',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, to='wagtailimages.image', verbose_name='photo'),
        ),
    ]
