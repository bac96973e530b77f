"""`python manage.py build_web_fonts`: the site's script fonts, from the Noto
fonts the PDFs use (see `web.web_fonts`). Run it after adding a language
written in a script the site has no font for, or after changing an autonym."""

from django.core.management.base import BaseCommand

from web.web_fonts import SCRIPT_FONTS, build


class Command(BaseCommand):
    help = "Write site/static/fonts/: a woff2 subset per script and per autonym."

    def handle(self, *args, **options):
        for font in SCRIPT_FONTS:
            for path in build(font):
                size = path.stat().st_size
                self.stdout.write(f"{path.name}: {size:,} bytes")
