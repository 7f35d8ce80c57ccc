"""Issue 14: the office runs its people all year.

Teachers of a group get a model of their own (GroupTeacher, with a role per group); the existing
links of the automatic many-to-many table are copied into it before that table goes. Enrollments
get an optional start and end date; the existing ones keep both empty, which means "the whole
school year", so they mean exactly what they meant before. Staff invitations, ended guardian links
and the plan for the next school year are new tables.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def copy_group_teachers(apps, schema_editor):
    ClassGroup = apps.get_model("julianaschool", "ClassGroup")
    GroupTeacher = apps.get_model("julianaschool", "GroupTeacher")
    links = ClassGroup.teachers.through.objects.values_list("classgroup_id", "staffmember_id")
    GroupTeacher.objects.bulk_create([GroupTeacher(group_id=g, teacher_id=t) for g, t in links], ignore_conflicts=True)


def copy_group_teachers_back(apps, schema_editor):
    ClassGroup = apps.get_model("julianaschool", "ClassGroup")
    GroupTeacher = apps.get_model("julianaschool", "GroupTeacher")
    through = ClassGroup.teachers.through
    through.objects.bulk_create([through(classgroup_id=g, staffmember_id=t)
                                 for g, t in GroupTeacher.objects.values_list("group_id", "teacher_id")],
                                ignore_conflicts=True)


class Migration(migrations.Migration):

    dependencies = [
        ('julianaschool', '0006_guardian_postal_address'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='EndedGuardianLink',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('linked_at', models.DateTimeField(blank=True, null=True)),
                ('ended_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('reason', models.CharField(max_length=300, verbose_name='reden')),
            ],
            options={
                'verbose_name': 'beëindigde koppeling ouder-kind',
                'verbose_name_plural': 'beëindigde koppelingen ouder-kind',
                'ordering': ['-ended_at'],
            },
        ),
        migrations.CreateModel(
            name='GroupTeacher',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(blank=True, choices=[('groepsleerkracht', 'groepsleerkracht'), ('onderwijsassistent', 'onderwijsassistent'), ('stagiair', 'stagiair')], max_length=20, verbose_name='rol in de groep')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
            ],
            options={
                'verbose_name': 'leerkracht van een groep',
                'verbose_name_plural': 'leerkrachten van groepen',
                'ordering': ['group', 'teacher__sort_name'],
            },
        ),
        migrations.CreateModel(
            name='YearPlan',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('data', models.JSONField(default=dict)),
                ('status', models.CharField(choices=[('draft', 'concept'), ('saved', 'opgeslagen'), ('started', 'gestart')], default='draft', max_length=10, verbose_name='status')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('saved_at', models.DateTimeField(blank=True, null=True)),
                ('started_at', models.DateTimeField(blank=True, null=True)),
            ],
            options={
                'verbose_name': 'plan voor het nieuwe schooljaar',
                'verbose_name_plural': 'plannen voor het nieuwe schooljaar',
            },
        ),
        migrations.RemoveConstraint(
            model_name='enrollment',
            name='one_group_per_pupil_per_year',
        ),
        migrations.AddField(
            model_name='classgroup',
            name='ended_on',
            field=models.DateField(blank=True, null=True, verbose_name='opgeheven op'),
        ),
        migrations.AddField(
            model_name='classgroup',
            name='year_groups',
            field=models.CharField(blank=True, help_text='Bijvoorbeeld 4,5 voor een combinatiegroep; leeg: volgt uit de naam', max_length=20, verbose_name='jaargroepen'),
        ),
        migrations.AddField(
            model_name='enrollment',
            name='ends_on',
            field=models.DateField(blank=True, null=True, verbose_name='tot en met'),
        ),
        migrations.AddField(
            model_name='enrollment',
            name='starts_on',
            field=models.DateField(blank=True, null=True, verbose_name='vanaf'),
        ),
        migrations.AddField(
            model_name='boardmember',
            name='left_on',
            field=models.DateField(blank=True, null=True, verbose_name='afgetreden op'),
        ),
        migrations.AddField(
            model_name='boardmember',
            name='invited_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='uitgenodigd op'),
        ),
        migrations.AddField(
            model_name='staffmember',
            name='invited_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='uitgenodigd op'),
        ),
        migrations.AddField(
            model_name='staffmember',
            name='invited_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddConstraint(
            model_name='enrollment',
            constraint=models.UniqueConstraint(condition=models.Q(('starts_on__isnull', True)), fields=('pupil', 'school_year'), name='one_first_group_per_pupil_per_year'),
        ),
        migrations.AddConstraint(
            model_name='enrollment',
            constraint=models.UniqueConstraint(fields=('pupil', 'starts_on'), name='one_group_per_pupil_per_start'),
        ),
        migrations.AddConstraint(
            model_name='enrollment',
            constraint=models.CheckConstraint(condition=models.Q(('ends_on__isnull', True), ('starts_on__isnull', True), ('ends_on__gte', models.F('starts_on')), _connector='OR'), name='enrollment_ends_after_start'),
        ),
        migrations.AddField(
            model_name='endedguardianlink',
            name='ended_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='endedguardianlink',
            name='guardian',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='ended_links', to='julianaschool.guardian'),
        ),
        migrations.AddField(
            model_name='endedguardianlink',
            name='pupil',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='ended_guardian_links', to='julianaschool.pupil'),
        ),
        migrations.AddField(
            model_name='groupteacher',
            name='group',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='assignments', to='julianaschool.classgroup', verbose_name='groep'),
        ),
        migrations.AddField(
            model_name='groupteacher',
            name='teacher',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='assignments', to='julianaschool.staffmember', verbose_name='leerkracht'),
        ),
        migrations.AddField(
            model_name='yearplan',
            name='from_year',
            field=models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='next_plan', to='julianaschool.schoolyear', verbose_name='van schooljaar'),
        ),
        migrations.AddField(
            model_name='yearplan',
            name='saved_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='yearplan',
            name='to_year',
            field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='plan', to='julianaschool.schoolyear', verbose_name='naar schooljaar'),
        ),
        migrations.AddConstraint(
            model_name='groupteacher',
            constraint=models.UniqueConstraint(fields=('group', 'teacher'), name='unique_teacher_per_group'),
        ),
        migrations.RunPython(copy_group_teachers, copy_group_teachers_back),
        migrations.RemoveField(model_name='classgroup', name='teachers'),
        migrations.AddField(
            model_name='classgroup',
            name='teachers',
            field=models.ManyToManyField(blank=True, related_name='groups', through='julianaschool.GroupTeacher', to='julianaschool.staffmember', verbose_name='leerkrachten'),
        ),
    ]
