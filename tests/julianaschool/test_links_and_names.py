"""One absolute-URL helper and one way to name an account: a mail's link is right whether the base
address ends in a slash or not, and work nobody did is recorded as "systeem" in every language."""

from pathlib import Path

from django.contrib.auth.models import AnonymousUser
from django.test import override_settings
from django.utils import translation

from julianaschool.links import absolute_reverse, absolute_url
from julianaschool.names import account_name

ROOT = Path(__file__).resolve().parents[2]
APPS = ("julianaschool", "consent", "incidents", "policy")


def _sources():
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")


@override_settings(PORTAL_BASE_URL="https://portaal.example.nl/")
def test_a_base_address_with_a_trailing_slash_gives_one_slash():
    assert absolute_url("/toestemming/") == "https://portaal.example.nl/toestemming/"
    assert absolute_reverse("policy:current").startswith("https://portaal.example.nl/") is True
    assert "//" not in absolute_reverse("policy:current").removeprefix("https://")


def test_an_address_the_user_came_in_on_wins_over_the_configured_base():
    assert absolute_url("/x/", base_url="http://school.test") == "http://school.test/x/"


def test_an_account_is_named_by_its_full_name_else_its_username(world):
    world.ouder5.first_name, world.ouder5.last_name = "", ""
    assert account_name(world.ouder5) == world.ouder5.username
    assert account_name(world.directie) == world.directie.get_full_name()


def test_work_nobody_did_is_recorded_as_systeem_in_either_language():
    with translation.override("en"):
        assert account_name(None) == account_name(AnonymousUser()) == "systeem"


def test_no_module_but_links_puts_the_base_address_in_front_of_a_path():
    readers = [name for name, source in _sources() if "PORTAL_BASE_URL" in source]
    assert sorted(readers) == ["julianaschool/links.py", "julianaschool/settings.py"]


def test_no_module_but_names_builds_an_accounts_name_itself():
    builders = [name for name, source in _sources() if "get_full_name() or" in source]
    assert builders == ["julianaschool/names.py"]
