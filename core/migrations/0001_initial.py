"""SiteIdentity, which lived in the wiring package before the base app existed: an existing table is adopted
(renamed), a new database gets it created."""

import django.db.models.deletion
from django.db import migrations, models

OLD_TABLE = "vitrine_siteidentity"


def adopt_or_create(apps, schema_editor):
    model = apps.get_model("core", "SiteIdentity")
    if OLD_TABLE in schema_editor.connection.introspection.table_names():
        schema_editor.alter_db_table(model, OLD_TABLE, model._meta.db_table)
    else:
        schema_editor.create_model(model)


def drop(apps, schema_editor):
    schema_editor.delete_model(apps.get_model("core", "SiteIdentity"))


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SiteIdentity",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("site_name", models.CharField(default="Vitrine", max_length=100, verbose_name="site name")),
                        ("tagline", models.CharField(blank=True, max_length=200, verbose_name="tagline")),
                        ("default_share_image", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="wagtailimages.image", verbose_name="default share image")),
                        ("site", models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to="wagtailcore.site")),
                    ],
                    options={"verbose_name": "site identity"},
                ),
            ]
        ),
        migrations.RunPython(adopt_or_create, drop),
    ]
