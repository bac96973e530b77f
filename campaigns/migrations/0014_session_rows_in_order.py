"""Number the session rows saved without a place (the officer's form and the
phone left them unnumbered) in the order they were entered, so that a
session's rows read the same on SQLite and PostgreSQL."""

from django.db import migrations

ROWS = ("SessionOutcome", "SessionQuestion", "SessionPhoto", "MaterialUse")


def number_rows(apps, schema_editor):
    for name in ROWS:
        model = apps.get_model("campaigns", name)
        unnumbered = model.objects.filter(sort_order=None).order_by("session_id", "pk")
        places = {}
        for row in unnumbered.iterator():
            if row.session_id not in places:
                numbered = model.objects.filter(session_id=row.session_id)
                last = numbered.exclude(sort_order=None).order_by("-sort_order")
                top = last.values_list("sort_order", flat=True).first()
                places[row.session_id] = -1 if top is None else top
            places[row.session_id] += 1
            row.sort_order = places[row.session_id]
            row.save(update_fields=["sort_order"])


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0013_area_search_name")]

    operations = [migrations.RunPython(number_rows, migrations.RunPython.noop)]
