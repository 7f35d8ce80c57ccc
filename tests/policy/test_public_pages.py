"""Public reading: /protocol/ without login with its metadata block and table of contents,
/protocol/versies/ with the published versions (staff also see drafts), a print stylesheet."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from policy import services
from policy.models import ProtocolVersion

from .helpers import draft, published


def test_anyone_reads_the_version_in_force_with_its_metadata_block(world, client_for):
    response = client_for(None).get(reverse("policy:current"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Protocol sociale media en internetgebruik" in page and "2022-2024" in page
    for label, value in [("Vastgesteld door directie", "juni 2022"), ("Goedgekeurd door bestuur", "september 2022"),
                         ("Beleid te herzien", "juni 2024"), ("Voorzitter van het bestuur", "Margreet Lommerts")]:
        assert label in page
        assert value in page.split(label, 1)[1][:200]


def test_the_public_page_has_a_table_of_contents_linking_every_section(world, client_for):
    page = client_for(None).get(reverse("policy:current")).content.decode()
    toc = page.split('class="policy-toc"', 1)[1].split("</nav>", 1)[0]
    for section in ProtocolVersion.objects.in_force().sections.all():
        assert f'<a href="#{section.key}">' in toc
        assert f'id="{section.key}"' in page


def test_the_protocol_pages_load_the_stylesheet_with_print_rules(world, client_for):
    page = client_for(None).get(reverse("policy:current")).content.decode()
    assert "/static/css/policy.css" in page
    css = client_for(None).get("/static/css/policy.css")
    assert b"@media print" in b"".join(css.streaming_content)


def test_the_footer_links_to_the_public_protocol(world, client_for):
    assert f'href="{reverse("policy:current")}"' in client_for(None).get(reverse("login")).content.decode()


def test_the_version_list_shows_published_versions_to_all_and_drafts_to_staff(world, client_for):
    draft(world)
    public = client_for(None).get(reverse("policy:versions")).content.decode()
    staff = client_for(world.leerkracht5).get(reverse("policy:versions")).content.decode()
    assert ">1.0</a>" in public and ">2.0</a>" not in public
    assert ">1.0</a>" in staff and ">2.0</a>" in staff
    assert "2022-2024" in public


def test_a_superseded_version_stays_readable_for_everyone(world, client_for):
    published(world, change=("schoolwebsite", "De inhoud van de website", "De inhoud van onze website"))
    old = ProtocolVersion.objects.get(major=1, minor=0)
    page = client_for(None).get(reverse("policy:version", args=[old.pk])).content.decode()
    assert "Vervallen" in page and "De inhoud van de website valt onder" in page
    assert "De inhoud van onze website" in client_for(None).get(reverse("policy:current")).content.decode()


def test_a_draft_is_not_found_for_parents_and_visitors(world, client_for):
    version = draft(world)
    for user in (None, world.ouder5, world.outsider):
        assert client_for(user).get(reverse("policy:version", args=[version.pk])).status_code == 404


def test_the_version_page_has_the_pdf_hook_and_the_history(world, client_for):
    page = client_for(None).get(reverse("policy:version", args=[ProtocolVersion.objects.in_force().pk])).content.decode()
    assert "Geschiedenis" in page and "Margreet Lommerts (voorzitter van het bestuur)" in page
    assert "Filled by the signed-PDF feature" not in page  # a template comment renders as nothing


def test_the_public_page_does_not_query_per_section(world, client_for):
    client = client_for(None)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("policy:current"))
    version = draft(world)
    for i in range(8):
        services.add_section(actor=world.directie, version=version, title=f"Extra {i}", body="- tekst")
    version = services.adopt(actor=world.directie, version=version)
    from .helpers import publish

    publish(world, services.approve(actor=world.bestuur, version=version))
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("policy:current")).content.decode()
    assert "Extra 7" in page
    assert len(many) == len(few)
