"""The portal speaks Dutch by default and complete English on request.

The English catalogue is checked as a file (every entry translated, nothing fuzzy, placeholders kept)
and against the source (every marked string of the portal has an entry), and pages are requested
in both languages. Pages need the compiled catalogues: `make messages` (or `manage.py compilemessages`)
before the run, as `make test` does.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from policy.models import ProtocolVersion

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "locale"
EN_PO = LOCALE / "en" / "LC_MESSAGES" / "django.po"
NL_PO = LOCALE / "nl" / "LC_MESSAGES" / "django.po"
# The folders makemessages skips (as in the documented command), plus ones without strings.
NOT_SOURCE = {".venv", "var", "tests", "bench", ".git", "node_modules", "static", "docs", "locale", "__pycache__",
              ".pytest_cache", ".hypothesis", "test-artifacts"}

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]|\{\{\s*[\w.]+\s*\}\}")


def unquote(text: str) -> str:
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text[1:-1])


def read_po(path: Path) -> list[dict]:
    """The entries of a .po file as dicts (msgid, msgid_plural, msgstr / msgstr[n], flags); the
    header and obsolete (#~) entries are left out. Small on purpose: polib is not a dependency."""
    entries, current, key = [], None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if current is not None and current.get("msgid"):
                entries.append(current)
            current, key = None, None
            continue
        if line.startswith("#~"):
            continue
        current = current if current is not None else {"flags": set()}
        if line.startswith("#,"):
            current["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            current[key] += unquote(line)
        else:
            key, _space, value = line.partition(" ")
            current[key] = unquote(value)
    return entries


def translations(entry: dict) -> list[str]:
    return [value for key, value in entry.items() if key.startswith("msgstr")]


def test_every_english_entry_is_translated_and_none_is_fuzzy():
    entries = read_po(EN_PO)
    assert len(entries) > 100  # the catalogue really was read
    untranslated = [e["msgid"] for e in entries if not all(translations(e))]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []


def test_english_keeps_every_placeholder_and_both_plural_forms():
    for entry in read_po(EN_PO):
        if "msgid_plural" in entry:
            assert set(entry) >= {"msgstr[0]", "msgstr[1]"}, entry["msgid"]
            sources = [entry["msgid"], entry["msgid_plural"]]
        else:
            sources = [entry["msgid"]]
        wanted = sorted(set().union(*(PLACEHOLDER.findall(s) for s in sources)))
        for text in translations(entry):
            assert sorted(set(PLACEHOLDER.findall(text))) == wanted, entry["msgid"]
        assert entry["msgid"].count("\n") == translations(entry)[0].count("\n"), entry["msgid"]


def test_the_dutch_catalogue_exists_with_the_same_entries_and_shows_the_source():
    english = {e["msgid"] for e in read_po(EN_PO)}
    dutch = read_po(NL_PO)
    assert {e["msgid"] for e in dutch} == english
    assert [e["msgid"] for e in dutch if any(translations(e))] == []  # Dutch is the source text itself


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext (msgfmt) is not installed")
@pytest.mark.parametrize("path", [EN_PO, NL_PO], ids=["en", "nl"])
def test_the_catalogues_compile_with_format_checks(path, tmp_path):
    result = subprocess.run(["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="gettext (xgettext) is not installed")
def test_every_marked_string_in_the_source_has_an_english_translation(tmp_path):
    """makemessages on a copy of the source: a string marked after the last catalogue update fails
    here, so the catalogue cannot fall behind the code unnoticed."""
    copy = tmp_path / "src"
    copy.mkdir()
    for item in ROOT.iterdir():
        if item.name in NOT_SOURCE or item.name.startswith("."):
            continue
        if item.is_dir():
            shutil.copytree(item, copy / item.name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(item, copy / item.name)
    (copy / "locale" / "en" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy2(EN_PO, copy / "locale" / "en" / "LC_MESSAGES" / "django.po")
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-obsolete", "-v", "0"],
        cwd=copy, capture_output=True, text=True,
        env={"PATH": "/usr/bin:/bin", "DEBUG": "true", "DJANGO_SETTINGS_MODULE": "julianaschool.settings"},
    )
    assert result.returncode == 0, result.stderr
    fresh = read_po(copy / "locale" / "en" / "LC_MESSAGES" / "django.po")
    missing = [e["msgid"] for e in fresh if not all(translations(e)) or "fuzzy" in e["flags"]]
    assert missing == []


def test_dutch_is_the_default_without_any_language_setting(client_for):
    page = client_for(None).get(reverse("login")).content.decode()
    assert '<html lang="nl">' in page
    assert "Inloggen" in page and "Wachtwoord vergeten?" in page
    assert "Log in" not in page


def test_a_signed_in_parent_chooses_english_in_the_menu_and_gets_english_pages(world, client_for):
    client = client_for(world.ouder5)
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("dashboard")})
    assert response.status_code == 302 and response["Location"] == reverse("dashboard")
    page = client.get(reverse("dashboard")).content.decode()
    assert '<html lang="en">' in page
    assert "Overview" in page and "Log out" in page
    assert "Uitloggen" not in page, "is the English catalogue compiled? run `make messages`"


def test_the_login_page_in_english_shows_log_in(client_for):
    client = client_for(None)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("login")).content.decode()
    assert '<html lang="en">' in page
    assert "Log in" in page and "Forgotten your password?" in page and "I have a link code from the school" in page
    assert "Inloggen" not in page, "is the English catalogue compiled? run `make messages`"


def test_a_visitor_who_is_not_signed_in_chooses_english_on_the_login_page(client_for):
    client = client_for(None)
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert response.status_code == 302 and response["Location"] == reverse("login")
    page = client.get(reverse("login")).content.decode()
    assert "Log in" in page and "Inloggen" not in page


def test_a_phone_set_to_english_still_gets_dutch_until_the_visitor_chooses(client_for):
    client = client_for(None)
    page = client.get(reverse("login"), headers={"accept-language": "en"}).content.decode()
    assert "Inloggen" in page
    client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    page = client.get(reverse("login"), headers={"accept-language": "nl"}).content.decode()
    assert "Log in" in page and "Inloggen" not in page


def test_a_parent_sees_the_dashboard_and_menu_in_english(world, client_for):
    client = client_for(world.ouder5)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("dashboard")).content.decode()
    assert "Welcome," in page and "Your children" in page and "Log out" in page
    assert "Welkom" not in page and "Uitloggen" not in page


def test_the_english_protocol_page_labels_the_dutch_protocol_text_in_english(world, client_for):
    """The interface is English; the protocol itself is content and stays as adopted (Dutch)."""
    client = client_for(None)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("policy:current")).content.decode()
    for label in ("Adopted by management", "Approved by the board", "Policy due for review", "Chair of the board"):
        assert label in page
    assert "June 2024" in page and "1 September 2022" in page
    assert "Samenvatting van het protocol" in page  # a chapter title of the adopted text


def test_dates_on_the_dutch_protocol_page_are_in_dutch(world, client_for):
    page = client_for(None).get(reverse("policy:current")).content.decode()
    after_review_label = page.split("Beleid te herzien", 1)[1][:200]
    assert "juni 2024" in after_review_label  # the review date, month-precise as in the document
    assert "1 september 2022" in page  # in force from, as a full Dutch date
    assert "June" not in page and "September" not in page


def test_the_overdue_review_date_reads_as_a_dutch_date_for_management(world, client_for):
    version = ProtocolVersion.objects.in_force()
    page = client_for(world.directie).get(reverse("policy:version", args=[version.pk])).content.decode()
    assert "Herziening te laat sinds 1 juni 2024" in page


def test_an_english_import_summary_names_what_changed_in_english(world, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(world.administratie)
    client.cookies["django_language"] = "en"
    csv = ("leerlingnummer;voornaam;achternaam;geboortedatum;groep;ouder1_voornaam;ouder1_achternaam;ouder1_email;"
           "ouder2_voornaam;ouder2_achternaam;ouder2_email\n"
           "4001;Piet;Jansen;01-02-2016;5;Ans;Jansen;ans@example.nl;;;\n").encode()
    client.post(reverse("people:import"), {"file": SimpleUploadedFile("l.csv", csv, content_type="text/csv")})
    page = client.post(reverse("people:import_confirm"), follow=True).content.decode()
    assert "Import saved: 1 new pupils, 0 pupils changed, 1 new parents, 1 new parent links." in page
