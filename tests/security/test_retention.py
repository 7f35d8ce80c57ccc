"""AVG retention: `apply_retention` removes consent records after the consent period, incident
dossiers after theirs, then anonymises the person; the audit trail keeps that it happened."""

import datetime
import io

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import IntegrityError, InternalError, transaction
from django.utils import timezone

from consent import services as consent_services
from consent.models import ConsentRecord, Purpose
from incidents import services as incident_services
from incidents.audit_actions import Action as IncidentAction
from incidents.models import Category, Incident, TimelineEntry
from julianaschool import retention, services
from julianaschool.audit_actions import Action as CoreAction
from julianaschool.models import AuditEntry, LinkCode


def years_ago(years: int, days: int = 10) -> datetime.date:
    return retention.years_before(timezone.localdate(), years) - datetime.timedelta(days=days)


def give_consent(world, guardian, pupil, user):
    choices = {p.pk: True for p in Purpose.objects.active()}
    return consent_services.record_guardian_choices(guardian=guardian, pupil=pupil, choices=choices, actor=user)


def report(world, *pupils):
    return incident_services.report_incident(
        reporter=world.directie, occurred_at=timezone.now(), place="schoolplein", category=Category.objects.first(),
        severity="licht", description="Geduw bij de schommel.",
        parties=[{"role": "dader", "pupil": p} for p in pupils])


@pytest.fixture
def leaver(world):
    """Mila (pupil7, only child of ouder7) answered every purpose, was in an incident, and left."""
    give_consent(world, world.guardian7, world.pupil7, world.ouder7)
    give_consent(world, world.guardian5, world.pupil5, world.ouder5)
    world.incident7 = report(world, world.pupil7)
    world.incident_both = report(world, world.pupil7, world.pupil5)
    services.mark_pupil_left(pupil=world.pupil7, left_on=timezone.localdate(), actor=world.administratie)
    return world.pupil7


def set_left(pupil, years):
    type(pupil).objects.filter(pk=pupil.pk).update(left_on=years_ago(years))
    pupil.refresh_from_db()


def run(*args) -> str:
    out = io.StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def test_nothing_happens_to_a_pupil_who_left_recently(leaver):
    records = ConsentRecord.objects.count()
    assert "Niets te doen" in run()
    assert ConsentRecord.objects.count() == records
    leaver.refresh_from_db()
    assert leaver.first_name == "Mila" and leaver.anonymised_at is None


def test_a_dry_run_shows_the_plan_without_names_and_changes_nothing(leaver):
    set_left(leaver, 6)
    records, incidents, audit = ConsentRecord.objects.count(), Incident.objects.count(), AuditEntry.objects.count()
    output = run("--dry-run")
    assert f"leerling {leaver.pk}" in output and "anonimiseren" in output and "Proefdraai" in output
    assert "Mila" not in output and "Bakker" not in output
    assert (ConsentRecord.objects.count(), Incident.objects.count(), AuditEntry.objects.count()) == (records, incidents, audit)


def test_after_the_consent_period_the_leavers_consent_records_are_deleted_and_the_rest_stays(leaver, world):
    set_left(leaver, 3)
    others = ConsentRecord.objects.exclude(pupil=leaver).count()
    assert ConsentRecord.objects.filter(pupil=leaver).exists()
    run()
    assert not ConsentRecord.objects.filter(pupil=leaver).exists()
    assert ConsentRecord.objects.count() == others
    leaver.refresh_from_db()
    assert leaver.first_name == "Mila"  # anonymised only after the people period
    assert Incident.objects.filter(pk=world.incident7.pk).exists()  # incidents are kept for 5 years
    entry = AuditEntry.objects.get(action=CoreAction.PUPIL_PURGED, object_id=str(leaver.pk))
    assert entry.changes["toestemmingsbesluiten verwijderd"] > 0 and entry.actor_name == "systeem"


def test_the_ledger_still_refuses_update_and_delete_after_a_retention_run(leaver):
    set_left(leaver, 3)
    run()
    record = ConsentRecord.objects.first()
    for statement in (lambda: ConsentRecord.objects.filter(pk=record.pk).update(given=not record.given),
                      lambda: ConsentRecord.objects.filter(pk=record.pk).delete()):
        with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
            statement()
    assert ConsentRecord.objects.filter(pk=record.pk, given=record.given).exists()


def test_after_the_people_period_the_pupil_guardian_and_incident_are_gone_or_anonymised(leaver, world):
    LinkCode.objects.create(guardian=world.guardian7, code_hash="x" * 64, expires_at=timezone.now())
    type(world.guardian7).objects.filter(pk=world.guardian7.pk).update(street="Hertogstraat 1", postcode="6511 RV", city="Nijmegen")
    set_left(leaver, 6)
    timeline_of_kept = TimelineEntry.objects.filter(incident=world.incident_both).count()
    run()
    leaver.refresh_from_db()
    assert (leaver.first_name, leaver.last_name) == ("Oud-leerling", str(leaver.pk))
    assert leaver.date_of_birth == datetime.date(2014, 1, 1) and leaver.anonymised_at is not None
    # The incident about her alone is deleted with its timeline; the one that also concerns a
    # pupil still at school is kept whole.
    assert not Incident.objects.filter(pk=world.incident7.pk).exists()
    assert not TimelineEntry.objects.filter(incident_id=world.incident7.pk).exists()
    assert TimelineEntry.objects.filter(incident=world.incident_both).count() == timeline_of_kept
    guardian = type(world.guardian7).objects.get(pk=world.guardian7.pk)
    assert guardian.last_name == str(guardian.pk) and guardian.email == "" and guardian.anonymised_at
    assert guardian.postal_address == []
    account = type(world.ouder7).objects.get(pk=world.ouder7.pk)
    assert not account.is_active and not account.has_usable_password() and account.username == f"oud-ouder-{guardian.pk}"
    assert not account.groups.exists() and not LinkCode.objects.filter(guardian=guardian).exists()
    # The audit trail keeps that it happened, not who it was.
    trail = " ".join(f"{e.actor_name} {e.object_repr} {e.changes}" for e in AuditEntry.objects.all())
    assert "Mila" not in trail and "Bakker" not in trail
    assert AuditEntry.objects.filter(action=IncidentAction.INCIDENT_PURGED).count() == 1
    assert AuditEntry.objects.filter(action=CoreAction.GUARDIAN_ANONYMISED).count() == 1
    # Others are untouched.
    world.pupil5.refresh_from_db()
    assert world.pupil5.first_name == "Sanne" and ConsentRecord.objects.filter(pupil=world.pupil5).exists()


def test_a_second_run_finds_nothing_more_to_do(leaver):
    set_left(leaver, 6)
    run()
    assert "Niets te doen" in run()


def test_a_staff_member_who_left_long_ago_is_anonymised_and_their_account_closed(world):
    staff = world.medewerker.staff
    type(staff).objects.filter(pk=staff.pk).update(left_on=years_ago(6))
    run()
    staff.refresh_from_db()
    assert staff.first_name == "Oud-medewerker" and staff.email == ""
    user = type(world.medewerker).objects.get(pk=world.medewerker.pk)
    assert not user.is_active and user.username == f"oud-medewerker-{staff.pk}"


def test_a_people_period_shorter_than_the_record_periods_is_refused(settings, leaver):
    settings.RETENTION_PEOPLE_YEARS = 1
    with pytest.raises(ImproperlyConfigured):
        run()
