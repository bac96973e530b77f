import pytest

from tests.factories import PolicyExplainerPageFactory, translator_user


@pytest.fixture
def piece(explainer_index):
    """A published explainer with a summary to translate. Modules that need
    other text define their own `piece`."""
    return PolicyExplainerPageFactory(
        parent=explainer_index,
        title_vi="Bảo hiểm y tế hộ gia đình",
        summary_vi="Giảm 30 % cho người thứ hai.",
    )


@pytest.fixture
def ede(db):
    """A translator into Ede (rad)."""
    return translator_user("h-nie", "rad")
