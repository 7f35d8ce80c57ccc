from julianaschool.demo import DemoSchool
from policy import demo
from policy.models import Acknowledgement


def test_demo_seed_lets_two_staff_members_acknowledge_and_is_idempotent(world):
    school = DemoSchool(school_year=world.school_year, groups={"5": world.group5},
                        users={"leerkracht": world.leerkracht5, "medewerker": world.medewerker, "ouder": world.ouder5})
    demo.seed(school=school)
    demo.seed(school=school)
    assert sorted(Acknowledgement.objects.values_list("user__username", "version__major")) == [
        ("leerkracht5", 1), ("medewerker", 1)]
