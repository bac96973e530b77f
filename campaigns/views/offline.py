"""What the officer's phone needs to work without a connection: the rules to
check a session before keeping it, and the screen that lists the sessions
kept on the phone (those waiting to be sent and those the server refused)."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control

from campaigns.phone_rules import phone_rules
from campaigns.views.officer import officer_required


@officer_required("campaigns.add_outreachsession")
@cache_control(private=True, no_cache=True)
def session_rules(request):
    """The session rules as JSON, in the interface's language, for the
    phone's check of a form before it keeps it offline."""
    return JsonResponse(phone_rules(), json_dumps_params={"ensure_ascii": False})


@officer_required("campaigns.add_outreachsession")
def kept_sessions(request):
    """The sessions kept on this phone. The page itself holds none: its
    script reads them from the phone's storage, so it works offline and
    nothing typed on one phone shows on another."""
    return render(request, "campaigns/officer/kept_sessions.html")
