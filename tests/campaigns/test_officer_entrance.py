"""An officer who opens the admin lands on their sessions; everyone else,
and signing in and out, is left to the admin."""


def test_an_officer_opening_the_admin_lands_on_their_sessions(client, officer):
    client.force_login(officer)
    for path in ("/admin/", "/admin/reports/sessions/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"] == "/vi/officer/sessions/"
    assert client.get(response["Location"]).status_code == 200
    # Signing in as someone else stays possible.
    assert client.get("/admin/login/").status_code == 200


def test_staff_and_visitors_are_left_to_the_admin(client, admin_client):
    assert admin_client.get("/admin/").status_code == 200
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
