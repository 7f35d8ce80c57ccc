"""Categories: seeded from the protocol, managed by directie."""

from django.urls import reverse

from incidents.models import Category, Severity

PROTOCOL = [
    "Hacken van een account", "Pesten", "Kwetsen", "Stalken", "Bedreigen", "Radicalisering", "In diskrediet brengen",
    "Anderszins beschadigen", "Foto, film of geluid opnemen zonder toestemming", "Verspreiden van beeldmateriaal",
    "Bewust bezoeken van sites met racisme, geweld of seks", "Sociale media tijdens de les zonder toestemming",
    "Telefoon aan tijdens schooltijd", "Vertrouwelijke informatie gepubliceerd", "Persoonsgegevens gedeeld",
    "Downloaden op school", "Overig",
]


def test_the_protocols_categories_are_seeded_in_order_with_severity_and_criminal_flag(db):
    assert list(Category.objects.values_list("name", flat=True)) == PROTOCOL
    assert Category.objects.get(name="Hacken van een account").possibly_criminal
    assert Category.objects.get(name="Bedreigen").default_severity == Severity.SERIOUS
    assert not Category.objects.get(name="Telefoon aan tijdens schooltijd").possibly_criminal


def test_directie_adds_and_retires_a_category(world, client_for):
    client = client_for(world.directie)
    client.post(reverse("incidents:categories"), {"name": "Sexting", "default_severity": "ernstig", "possibly_criminal": "on",
                                                   "active": "on"})
    category = Category.objects.get(name="Sexting")
    assert category.possibly_criminal and category.active
    client.post(reverse("incidents:category_edit", args=[category.pk]), {"name": "Sexting", "default_severity": "ernstig",
                                                                          "possibly_criminal": "on"})
    category.refresh_from_db()
    assert not category.active
    assert "Sexting" not in client_for(world.leerkracht5).get(reverse("incidents:report")).content.decode()


def test_a_teacher_cannot_manage_categories(world, client_for):
    response = client_for(world.leerkracht5).post(reverse("incidents:categories"), {"name": "X", "default_severity": "licht"})
    assert response.status_code == 403
    assert not Category.objects.filter(name="X").exists()
