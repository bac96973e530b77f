"""The exchange importers fuzzed: random bytes and mutated real exports in
each format are either imported or refused with an `ExchangeError`: never
another exception, and never a partial write."""

from django.contrib.auth import get_user_model

import pytest
from hypothesis import given
from hypothesis import strategies as st

from locales.exchange.export import export_units
from locales.exchange.formats import ExchangeError, read, write
from locales.exchange.importer import apply_import
from locales.models import TranslationRecord
from tests.factories import PolicyExplainerPageFactory, stream
from tests.fuzzing import fuzz, rolled_back

FORMATS = {
    "xliff": "rad.xlf",
    "xliff2": "rad.xliff",
    "po": "rad.po",
    "xlsx": "rad.xlsx",
}
FUZZ = fuzz(examples=25)
# Edits a translator's tool, a bad connection or a curious person might make:
# (position as a share of the file, bytes to put there, bytes to remove).
MUTATIONS = st.lists(
    st.tuples(st.floats(0, 1), st.binary(max_size=8), st.integers(0, 16)),
    min_size=1,
    max_size=6,
)


@pytest.fixture
def piece(explainer_index):
    return PolicyExplainerPageFactory(
        parent=explainer_index,
        summary_vi="Giảm 30 % cho người thứ hai.",
        body_vi=stream(("paragraph", "<p>Người dân từ đủ 15 tuổi.</p>")),
    )


@pytest.fixture
def user(db):
    return get_user_model().objects.create_superuser("fuzz")


def mutate(data: bytes, mutations) -> bytes:
    for share, inserted, removed in mutations:
        at = int(share * len(data))
        data = data[:at] + inserted + data[at + removed :]
    return data


def written_state(piece):
    piece.refresh_from_db()
    records = TranslationRecord.objects.order_by("pk").values_list(
        "field", "language", "status", "text"
    )
    return list(records), piece.summary_rad, list(piece.body_rad.raw_data)


def import_or_refuse(name: str, data: bytes, piece, user):
    """Import `data`; whatever it holds, the outcome is a clean one."""
    before = written_state(piece)
    try:
        exchange = read(name, data)
    except ExchangeError:
        assert written_state(piece) == before
        return
    plan = apply_import(exchange, user)
    if not plan.can_apply:
        assert written_state(piece) == before


@pytest.mark.parametrize("file_format", FORMATS)
def test_mutated_exports_are_imported_or_refused_cleanly(piece, user, file_format):
    original = write(export_units([piece], "rad"), file_format)

    @FUZZ
    @given(MUTATIONS)
    def check(mutations):
        with rolled_back():
            import_or_refuse(
                FORMATS[file_format], mutate(original, mutations), piece, user
            )

    check()


@pytest.mark.parametrize("name", [*FORMATS.values(), "notes.txt"])
def test_random_bytes_are_refused_cleanly(piece, user, name):
    @FUZZ
    @given(st.binary(max_size=2048))
    def check(data):
        with rolled_back():
            import_or_refuse(name, data, piece, user)

    check()
