"""Admin panels that show editors what the page's data means."""

from wagtail.admin.panels import Panel

from content.usage import USAGE_PROVIDERS


class RunningTimePanel(Panel):
    """For a radio script: the running time in each language, from the
    language's reading rate, against the slot (as last saved)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "content/panels/running_time_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["estimates"] = self.instance.running_times()
            context["slot_seconds"] = self.instance.slot_seconds
            return context


class RecordingStatusPanel(Panel):
    """For a recording: whether it was made from the script as it reads now
    in its language, or the script changed since and it should be recorded
    again."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "content/panels/recording_status_panel.html"

        def is_shown(self):
            return self.instance is not None and self.instance.pk is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["recording"] = self.instance
            return context


class WhereUsedPanel(Panel):
    """For a piece: the campaigns and sessions that used it, in which
    languages and with what result (filled in by the apps that use it)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "content/panels/where_used_panel.html"

        def is_shown(self):
            return self.instance is not None and self.instance.pk is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["parts"] = [provider(self.instance) for provider in USAGE_PROVIDERS]
            return context


class PrintRunsPanel(Panel):
    """For a piece: the copies printed, of which version, in which language
    and when ("500 copies of v5 in Ede, printed 2025-08-04")."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "content/panels/print_runs_panel.html"

        def is_shown(self):
            return self.instance is not None and self.instance.pk is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["runs"] = self.instance.print_runs.select_related("version")
            return context
