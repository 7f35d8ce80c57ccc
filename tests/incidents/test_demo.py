"""The demo data: idempotent, with a serious incident about groep 5, a measure and its letter."""

from incidents import demo
from incidents.models import DossierDocument, Incident, Measure, Severity
from julianaschool.demo import DemoSchool


def test_demo_seed_is_idempotent_and_has_a_serious_incident_with_a_letter(world):
    school = DemoSchool(school_year=world.school_year, groups={"5": world.group5, "7": world.group7},
                        users={"leerkracht": world.leerkracht5, "directie": world.directie},
                        pupils=[world.pupil5, world.pupil5b, world.pupil7])
    demo.seed(school=school)
    demo.seed(school=school)
    assert Incident.objects.count() == 3
    serious = Incident.objects.get(severity=Severity.SERIOUS)
    assert serious.reported_by == world.leerkracht5 and serious.group == world.group5
    measure = Measure.objects.get()
    assert DossierDocument.objects.filter(measure=measure).count() == 1
