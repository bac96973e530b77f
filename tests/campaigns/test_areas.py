"""Loading the administrative tree from CSV: all or nothing."""

import csv
import io

from django.core.management import CommandError, call_command

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from campaigns.area_import import AreaFileError, load_areas
from campaigns.models import Area
from tests.fuzzing import fuzz, rolled_back

pytestmark = pytest.mark.usefixtures("english")

TREE = """code,name,parent_code,level
66,Đắk Lắk,,province
66-KN,Krông Năng,66,district
66-KN-PH,Phú Xuân,66-KN,commune
66-KN-PH-P2,Buôn Pơn 2,66-KN-PH,village
66-EH,Ea H'leo,66,commune
"""


def test_the_tree_loads_in_any_row_order(db):
    lines = TREE.strip().splitlines()
    shuffled = "\n".join([lines[0], *reversed(lines[1:])])
    assert load_areas(shuffled) == (5, 0)
    village = Area.objects.get(code="66-KN-PH-P2")
    assert [a.code for a in village.get_ancestors()] == ["66", "66-KN", "66-KN-PH"]
    province = Area.objects.get(code="66")
    assert province.get_descendant_count() == 4


def test_loading_again_updates_names_and_keeps_the_tree(db):
    load_areas(TREE)
    assert load_areas(TREE.replace("Buôn Pơn 2", "Buôn Pon 2")) == (0, 1)
    assert Area.objects.get(code="66-KN-PH-P2").name == "Buôn Pon 2"
    assert Area.objects.count() == 5


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        ("66-X,Xã X,99,commune", "unknown parent code 99"),
        ("66-EH,Ea H'leo lần nữa,66,commune", "the code 66-EH is already on line 6"),
        ("66-Y,Làng Y,66-KN-PH-P2,commune", "a commune cannot be inside a village"),
        ("66-Z,Làng Z,66,hamlet", "unknown level “hamlet”"),
        (",Không mã,66,village", "a code and a name are required"),
    ],
)
def test_a_bad_line_loads_nothing(db, extra, problem):
    with pytest.raises(AreaFileError) as error:
        load_areas(TREE + extra + "\n")
    assert any(problem in message for message in error.value.problems)
    assert not Area.objects.exists()


def test_a_null_character_is_refused_with_its_line(db, tmp_path):
    path = tmp_path / "areas.csv"
    path.write_text(TREE + "66-EH-T1,Buôn\x00 Tơng,66-EH,village\n")
    with pytest.raises(CommandError) as refused:
        call_command("load_areas", str(path))
    assert str(refused.value) == (
        "Nothing was loaded:\nLine 7 holds a null character; remove it."
    )
    assert not Area.objects.exists()


def test_a_cycle_is_refused(db):
    cycle = "code,name,parent_code,level\nA,A,B,commune\nB,B,A,commune\n"
    with pytest.raises(AreaFileError, match="cycle"):
        load_areas(cycle)
    assert not Area.objects.exists()


def test_the_command_reports_problems_and_loads_nothing(db, tmp_path):
    path = tmp_path / "areas.csv"
    path.write_text("name,code\nĐắk Lắk,66\n")
    with pytest.raises(CommandError, match="first line must be"):
        call_command("load_areas", str(path))
    path.write_text(TREE)
    call_command("load_areas", str(path))
    assert Area.objects.count() == 5


def tree() -> dict[str, tuple[str, str, str]]:
    """{code: (name, level, parent code)} of every area in the database."""
    areas = list(Area.objects.values_list("path", "code", "name", "level"))
    code_at = {path: code for path, code, _name, _level in areas}
    return {
        code: (name, level, code_at.get(path[: -Area.steplen], ""))
        for path, code, name, level in areas
    }


def csv_rows(text: str) -> list[dict[str, str]]:
    """The lines of an area file, read without the loader."""
    return [
        {key.strip(): (value or "").strip() for key, value in row.items() if key}
        for row in csv.DictReader(io.StringIO(text, newline=""))
    ]


@fuzz(examples=40)
@given(
    st.lists(
        st.tuples(st.integers(0, len(TREE)), st.text(max_size=12), st.integers(0, 12)),
        min_size=1,
        max_size=5,
    )
)
# Edits that load, besides the drawn ones (most of which are refused):
# a renamed village, an added village, a commune named under another parent.
@example(edits=[(TREE.index("Pơn 2") + 3, "g", 0)])
@example(edits=[(len(TREE), "66-EH-T1,Buôn Tơng,66-EH,village\n", 0)])
@example(edits=[(TREE.index(",66-KN,commune") + 3, "", 3)])
def test_mutated_area_files_load_whole_or_not_at_all(db, edits):
    """Fuzzed: a file is refused with its problems listed and nothing
    changed, or loaded whole: every line's area, name and level as written."""
    text = TREE
    for at, inserted, removed in edits:
        text = text[:at] + inserted + text[at + removed :]
    with rolled_back():
        load_areas(TREE)  # a later file, into the tree an earlier one made
        before = tree()
        try:
            counts = load_areas(text)
        except AreaFileError as error:
            assert error.problems
            assert tree() == before
            return
        # Loaded: every line is an area with its name and level; a new area
        # sits under its parent, one already there keeps its place.
        expected = dict(before)
        for row in csv_rows(text):
            parent = before[row["code"]][2] if row["code"] in before else None
            expected[row["code"]] = (
                row["name"],
                row["level"],
                parent or row["parent_code"],
            )
        assert tree() == expected
        created = len(expected) - len(before)
        updated = sum(expected[code][:2] != before[code][:2] for code in before)
        assert counts == (created, updated)
        assert Area.find_problems() == ([], [], [], [], [])


def test_a_renamed_area_does_not_stop_later_loads(db):
    """Communes are renamed and merged; a later file still adds areas."""
    load_areas(TREE)
    renamed = TREE.replace("Ea H'leo,66,commune", "Ô Loan,66,commune")
    load_areas(renamed)
    more = renamed + "66-LK,Lắk,66,commune\n66-BD,Buôn Đôn,66,commune\n"
    assert load_areas(more) == (2, 0)
    province = Area.objects.get(code="66")
    assert {area.code for area in province.get_children()} == {
        "66-KN",
        "66-EH",
        "66-LK",
        "66-BD",
    }
