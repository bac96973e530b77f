"""An outreach officer who opens the admin is sent to the officer's screens,
where their work is, instead of meeting "no permission" there."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation

ADMIN = "/admin/"
# Signing in and out stay reachable, to change to another account.
OPEN_TO_ALL = ("/admin/login/", "/admin/logout/", "/admin/password_reset/")


class OfficerEntranceMiddleware:
    """Redirects an officer (who may log sessions but not use the admin)
    from any admin page to their list of sessions."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _officer_in_the_admin(request):
            with translation.override(settings.LANGUAGE_CODE):
                return redirect(reverse("officer:sessions"))
        return self.get_response(request)


def _officer_in_the_admin(request) -> bool:
    path = request.path_info
    if not path.startswith(ADMIN) or path.startswith(OPEN_TO_ALL):
        return False
    user = request.user
    return (
        user.is_authenticated
        and not user.has_perm("wagtailadmin.access_admin")
        and user.has_perm("campaigns.add_outreachsession")
    )
