from django.db import migrations, models


class Migration(migrations.Migration):
    """Paged pupil lists read the first 50 by the Dutch sort key without sorting the whole school."""

    dependencies = [
        ('julianaschool', '0004_mail_and_calendar'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='pupil',
            index=models.Index(fields=['sort_name', 'id'], name='pupil_by_name'),
        ),
    ]
