from django.db import migrations, models

from locales.normalize import fold


def fill_search_names(apps, schema_editor):
    Area = apps.get_model("campaigns", "Area")
    batch = []
    for area in Area.objects.only("pk", "name").iterator(chunk_size=2000):
        area.search_name = fold(area.name)[:120]
        batch.append(area)
        if len(batch) == 2000:
            Area.objects.bulk_update(batch, ["search_name"])
            batch = []
    Area.objects.bulk_update(batch, ["search_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0012_session_withdrawal"),
    ]

    operations = [
        migrations.AddField(
            model_name="area",
            name="search_name",
            field=models.CharField(
                db_index=True,
                default="",
                editable=False,
                max_length=120,
                verbose_name="search name",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill_search_names, migrations.RunPython.noop),
    ]
