"""A session photo, or its thumbnail (`?size=thumb`), for those who may read
sessions. The only way to a session photo: the files have no public address.
Browsers and proxies are told to keep no copy."""

import mimetypes

from django.contrib.auth.decorators import permission_required
from django.http import FileResponse
from django.shortcuts import get_object_or_404

from campaigns.area_scope import scope_of
from campaigns.models import SessionPhoto
from campaigns.photos import thumbnail_of


# Refused outright (403), not sent to the login page: a photo is read by an
# <img> of a page its reader is signed in to, never opened on its own.
@permission_required("campaigns.view_outreachsession", raise_exception=True)
def session_photo(request, pk):
    photos = SessionPhoto.objects.filter(scope_of(request.user).inside("session__area"))
    photo = get_object_or_404(photos, pk=pk)
    storage = photo.file.storage
    name = (
        thumbnail_of(photo) if request.GET.get("size") == "thumb" else photo.file.name
    )
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(storage.open(name, "rb"), content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    return response
