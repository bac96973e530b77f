"""The admin's side of session corrections: an edit in the admin's form is
logged with what the session said before and after, as a correction on the
officer's screen is; and a session is withdrawn, not deleted, by editors."""

from django.db import transaction
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.actions.edit import EditAction
from wagtail.admin.views.generic import EditView
from wagtail.admin.widgets.button import Button

from campaigns.models import OutreachSession
from campaigns.session_history import record_correction, snapshot


class SessionEditAction(EditAction):
    """Wagtail's edit, whose "wagtail.edit" log entry carries the change."""

    @transaction.atomic
    def _edit(self, skip_permission_checks=False):
        # The form has changed the instance in memory only: the database
        # still holds what the session said before.
        before = snapshot(self.instance)
        self.log_action = False
        session = super()._edit(skip_permission_checks=skip_permission_checks)
        record_correction(session, before, self.user)
        return session


WITHDRAW_ACTION = "campaigns.withdraw_session"
WITHDRAW_LABELS = (_("Withdraw session"), _("Withdrawn: no longer counted"))


def register_session_actions(registry) -> None:
    registry.register(OutreachSession, SessionEditAction)


class SessionEditView(EditView):
    """The admin's edit form, with a way to withdraw the session."""

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if not self.object.withdrawn:
            url = reverse("officer:withdraw-session", args=[self.object.pk])
            buttons.append(Button(_("Withdraw"), url=url, icon_name="cross"))
        return buttons
