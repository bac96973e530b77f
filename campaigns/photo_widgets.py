"""The photo input of a session's admin form: the stored photo's thumbnail
(served by the permission-checked photo view) beside the file input that
replaces it. Django's usual input would link the file's storage URL, which
session photos do not have."""

from django import forms

SHOWN_EDGE = 240


class SessionPhotoInput(forms.FileInput):
    template_name = "campaigns/widgets/session_photo_input.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        photo = getattr(value, "instance", None)
        if value and photo is not None and photo.pk:
            scale = min(1, SHOWN_EDGE / max(photo.width, photo.height, 1))
            context["photo"] = photo
            context["shown"] = (round(photo.width * scale), round(photo.height * scale))
        return context
