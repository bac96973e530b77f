"""E-mails lead to the site's public address (test settings:
https://loa.example), not to the host the request came to."""

from django.contrib.auth import get_user_model
from django.core import mail


def test_a_password_reset_mail_links_to_the_public_address(client, db):
    get_user_model().objects.create_user("h-nie", "h-nie@loa.example", "x" * 12)
    response = client.post("/admin/password_reset/", {"email": "h-nie@loa.example"})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert "https://loa.example/admin/password_reset/confirm/" in message.body
    assert "testserver" not in message.body
