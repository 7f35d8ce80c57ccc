"""The compare view: section by section, added and removed words marked, unchanged sections
folded, and a list of the sections that changed."""

from django.urls import reverse

from policy import services
from policy.diff import ADDED, CHANGED, REMOVED, UNCHANGED, compare, word_diff
from policy.models import ProtocolVersion

from .helpers import draft, edit


def test_word_diff_marks_removed_and_added_words_and_escapes_the_rest():
    html = word_diff("De telefoon mag in de la <b>.", "De telefoon mag in de bak <b>.")
    assert html == "De telefoon mag in de <del>la</del><ins>bak</ins> &lt;b&gt;."


def test_compare_finds_exactly_the_real_edits(world):
    seeded = ProtocolVersion.objects.get(major=1, minor=0)
    version = draft(world)
    edit(world, version, "eigen-telefoons", "De telefoon mag ook in de bureaulade van de leerkracht.",
         "De telefoon gaat in de telefoonbak.")
    rules = version.sections.get(key="regels")
    services.add_section(actor=world.directie, version=version, title="Voor stagiairs", parent=rules, body="- Ook voor jou.")
    services.delete_section(actor=world.directie, section=version.sections.get(key="schoolwebsite"))
    website = seeded.sections.get(key="doelgroep-en-reikwijdte")
    services.update_section(actor=world.directie, section=version.sections.get(key=website.key),
                            title="Voor wie dit protocol is", body=website.body)
    diffs = {d.key: d for d in compare(seeded, version)}
    changed = {k: d.status for k, d in diffs.items() if d.status != UNCHANGED}
    assert changed == {"eigen-telefoons": CHANGED, "voor-stagiairs": ADDED, "schoolwebsite": REMOVED,
                       "doelgroep-en-reikwijdte": CHANGED}
    phones = [r for r in diffs["eigen-telefoons"].rules if r.is_changed]
    assert [r.status for r in phones] == [CHANGED]
    assert "De telefoon <del><span class=\"visually-hidden\">verwijderd: </span>mag ook</del> in de" in phones[0].old_html
    assert "De telefoon <ins><span class=\"visually-hidden\">nieuw: </span>gaat</ins> in de" in phones[0].new_html
    assert diffs["doelgroep-en-reikwijdte"].notes == ["renamed"]
    assert diffs["voor-stagiairs"].depth == 1
    order = [d.key for d in compare(seeded, version)]
    assert order.index("schoolwebsite") == order.index("sancties-en-gevolgen") + 1


def test_the_compare_page_lists_changed_sections_and_folds_the_rest(world, client_for):
    seeded = ProtocolVersion.objects.get(major=1, minor=0)
    version = draft(world)
    edit(world, version, "schoolwebsite", "De inhoud van de website valt onder verantwoordelijkheid van de directie.",
         "De inhoud van de website valt onder verantwoordelijkheid van de directie en de administratie.")
    page = client_for(world.leerkracht7).get(
        reverse("policy:compare"), {"old": seeded.pk, "new": version.pk}).content.decode()
    assert "1 hoofdstuk gewijzigd" in page
    assert '<a href="#diff-schoolwebsite">Schoolwebsite</a>' in page
    assert ("valt onder verantwoordelijkheid van de <ins><span class=\"visually-hidden\">nieuw: </span>"
            "directie en de administratie.</ins>") in page
    assert "gewijzigd</span>" in page and "Was" in page and "Wordt" in page
    assert page.count("<details") == 12  # the other 12 sections and sub-sections are folded
    assert '<section id="diff-schoolwebsite"' in page


def test_a_parent_cannot_compare_against_a_draft(world, client_for):
    seeded = ProtocolVersion.objects.get(major=1, minor=0)
    version = draft(world)
    page = client_for(world.ouder5).get(reverse("policy:compare"), {"old": seeded.pk, "new": version.pk}).content.decode()
    assert "gewijzigd" not in page and "Naar versie:" in page
