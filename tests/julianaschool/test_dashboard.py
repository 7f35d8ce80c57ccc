from django.urls import reverse


def test_parent_dashboard_names_their_own_children_only(world, client_for):
    page = client_for(world.ouder5).get(reverse("dashboard")).content.decode()
    assert "Sanne de Vries" in page
    assert "Mila Bakker" not in page


def test_teacher_dashboard_names_their_group(world, client_for):
    page = client_for(world.leerkracht5).get(reverse("dashboard")).content.decode()
    assert "groep 5" in page
    assert "groep 7" not in page


def test_the_dashboard_is_in_dutch_by_default(world, client_for):
    page = client_for(world.directie).get(reverse("dashboard")).content.decode()
    assert '<html lang="nl">' in page
    assert "Uitloggen" in page


def test_a_visitor_who_is_not_signed_in_is_sent_to_the_login_page(client, db):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_password_reset_mails_a_link_at_once(world, client, django_capture_on_commit_callbacks):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": world.ouder5.email})
    assert response.status_code == 302
    assert mail.outbox[-1].to == [world.ouder5.email]
    assert "/accounts/reset/" in mail.outbox[-1].body


def test_the_office_sees_how_many_parents_cannot_sign_in_yet(world, client_for):
    from julianaschool.models import Guardian, GuardianLink

    guardian = Guardian.objects.create(first_name="Ans", last_name="Jansen", email="ans@example.org")
    GuardianLink.objects.create(guardian=guardian, pupil=world.pupil5b)
    page = client_for(world.administratie).get(reverse("dashboard")).content.decode()
    assert "1 ouder/verzorger met een e-mailadres heeft nog geen account" in page
    assert "3 leerlingen ingeschreven" in page


def test_a_teacher_does_not_get_the_office_section(world, client_for):
    page = client_for(world.leerkracht5).get(reverse("dashboard")).content.decode()
    assert "nog geen account" not in page
