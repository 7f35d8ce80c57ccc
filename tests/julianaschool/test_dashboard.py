from django.urls import reverse


def test_parent_dashboard_names_their_own_children_only(world, parent5, client_for):
    page = client_for(parent5).get(reverse("dashboard")).content.decode()
    assert "Sanne de Vries" in page
    assert "Mila Bakker" not in page


def test_teacher_dashboard_names_their_group(world, teacher5, client_for):
    page = client_for(teacher5).get(reverse("dashboard")).content.decode()
    assert "groep 5" in page
    assert "groep 7" not in page


def test_the_dashboard_is_in_dutch_by_default(world, director, client_for):
    page = client_for(director).get(reverse("dashboard")).content.decode()
    assert '<html lang="nl">' in page
    assert "Uitloggen" in page


def test_a_visitor_who_is_not_signed_in_is_sent_to_the_login_page(client, db):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_password_reset_mails_a_link(world, parent5, client):
    from django.core import mail

    response = client.post(reverse("password_reset"), {"email": parent5.email})
    assert response.status_code == 302
    assert mail.outbox[-1].to == [parent5.email]
    assert "/accounts/reset/" in mail.outbox[-1].body
