"""The published lägesbild's PDF, stored once on the picture (rendered after
publishing commits) instead of a base64 copy in every management e-mail."""

from django.db import migrations, models

import casework.models


class Migration(migrations.Migration):

    dependencies = [
        ("casework", "0008_situationpicture_unique_period"),
    ]

    operations = [
        migrations.AddField(
            model_name="situationpicture",
            name="document",
            field=models.FileField(blank=True, editable=False,
                                   upload_to=casework.models.picture_document_path,
                                   verbose_name="document"),
        ),
    ]
