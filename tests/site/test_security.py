"""Deployment checks, security headers and login throttling."""

import datetime
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

import pytest

from tests.factories import PolicyExplainerPageFactory
from tests.processes import run_with_settings

LOGIN = "/admin/login/"


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = run_with_settings(
        "config.settings.production",
        code="import sys; from django.core.management import execute_from_command_line;"
        " execute_from_command_line(['manage.py', 'check', '--deploy',"
        " '--fail-level', 'WARNING'])",
        SECRET_KEY="x7!Rq2#Lm9@vZ4$kT8^wB3&nJ6*pF1(hD5)sG0_yC" * 2,
        ALLOWED_HOSTS="loa.example",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_public_pages_send_a_strict_policy_and_carry_no_inline_code(
    client, explainer_index
):
    page = PolicyExplainerPageFactory(parent=explainer_index)
    for path in ("/vi/", page.url):
        response = client.get(path)
        policy = response["Content-Security-Policy"]
        # django-csp writes the directives in no fixed order.
        directives = dict(
            part.strip().split(" ", 1) for part in policy.split(";") if part.strip()
        )
        assert directives["script-src"] == "'self'" and "unsafe-inline" not in policy
        assert "object-src 'none'" in policy and "frame-ancestors 'self'" in policy
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "camera=()" in response["Permissions-Policy"]
        html = response.content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)", html)
        assert not re.search(r"\son\w+=|\sstyle=", html)


def test_the_admin_is_allowed_its_inline_code(admin_client):
    policy = admin_client.get("/admin/")["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user("bien-tap", password="right-pass-1")


def attempt(client, password, username="bien-tap", address="10.0.0.7"):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def throttled(response) -> bool:
    errors = response.context["form"].non_field_errors().as_data()
    return [error.code for error in errors] == ["throttled"]


def test_logins_are_refused_after_five_failures_for_an_account(client, editor):
    for _ in range(5):
        assert attempt(client, "wrong").status_code == 200
    response = attempt(client, "right-pass-1")
    assert response.status_code == 200  # the form again, not a login
    assert throttled(response)
    assert "_auth_user_id" not in client.session
    # From another address, the account stays locked; other accounts do not.
    assert throttled(attempt(client, "right-pass-1", address="10.0.0.8"))
    get_user_model().objects.create_user("can-bo", password="other-pass-2")
    assert attempt(client, "other-pass-2", username="can-bo").status_code == 302


@pytest.mark.skipif(
    bool(settings.REDIS_URL), reason="reads the expiry from the shared cache's table"
)
def test_the_limit_lasts_fifteen_minutes_from_the_first_failure(client, editor):
    """Not five minutes from the last: the cache's own `incr` would set each
    count again with its default timeout."""
    for _ in range(5):
        attempt(client, "wrong")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT expires FROM loa_shared_cache WHERE cache_key LIKE %s",
            ["%:login-%"],
        )
        expiries = [row[0] for row in cursor.fetchall()]
    assert len(expiries) == 3  # the account, the address, the two together
    for expires in expiries:
        if timezone.is_naive(expires):  # SQLite keeps UTC without a zone
            expires = timezone.make_aware(expires, datetime.UTC)
        left = (expires - timezone.now()).total_seconds()
        assert 14 * 60 < left <= 15 * 60


def test_a_successful_login_before_the_limit_is_not_refused(client, editor):
    for _ in range(4):
        attempt(client, "wrong")
    assert attempt(client, "right-pass-1").status_code == 302


PROXY = "10.0.0.1"


def through_proxy(client, password, username, sender, forwarded=""):
    """A login sent by `sender` through the README's reverse proxy, which
    appends the address it heard from to whatever X-Forwarded-For the sender
    wrote."""
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=", ".join(filter(None, [forwarded, sender])),
    )


@pytest.fixture
def behind_proxy(settings):
    settings.LOA_TRUSTED_PROXY_COUNT = 1


def test_failures_from_many_clients_behind_the_proxy_refuse_no_one_else(
    client, editor, behind_proxy
):
    for number in range(30):
        through_proxy(client, "wrong", f"khach-{number}", f"203.0.113.{number}")
    response = through_proxy(client, "right-pass-1", "bien-tap", "198.51.100.4")
    assert response.status_code == 302


def test_one_client_behind_the_proxy_is_refused_after_thirty_failures(
    client, editor, behind_proxy
):
    sender = "203.0.113.9"
    # Another leftmost address each time: written by the sender, never read.
    through_proxy(client, "wrong", "bien-tap", sender, forwarded="192.0.2.1")
    for number in range(29):
        through_proxy(
            client, "wrong", f"khach-{number}", sender, forwarded=f"192.0.2.{number}"
        )
    for forwarded in ("", "198.51.100.4", "192.0.2.77"):
        refused = through_proxy(client, "wrong", "khach-3", sender, forwarded)
        assert throttled(refused)
        refused = through_proxy(client, "right-pass-1", "bien-tap", sender, forwarded)
        assert throttled(refused)
    assert "_auth_user_id" not in client.session
    # The account is not over its own limit: from elsewhere it logs in.
    response = through_proxy(client, "right-pass-1", "bien-tap", "198.51.100.4")
    assert response.status_code == 302


def test_an_address_over_its_limit_still_lets_in_a_right_password(client, editor):
    """Everyone behind one address (an office, or a proxy left uncounted):
    others' failures do not lock out a person who has not failed from it."""
    for number in range(30):
        attempt(client, "wrong", username=f"khach-{number}")
    assert throttled(attempt(client, "wrong", username="khach-0"))
    assert attempt(client, "right-pass-1").status_code == 302


def test_an_address_over_its_limit_refuses_a_name_that_failed_from_it(client, editor):
    attempt(client, "wrong")
    for number in range(29):
        attempt(client, "wrong", username=f"khach-{number}")
    assert throttled(attempt(client, "right-pass-1"))
    assert "_auth_user_id" not in client.session
    # A name new to the address is checked once, and refused after failing.
    assert not throttled(attempt(client, "wrong", username="khach-new"))
    assert throttled(attempt(client, "wrong", username="khach-new"))
