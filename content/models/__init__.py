"""Content models: the page types of material and the snippets they cite."""

from content.models.explainers import ExplainerIndexPage, PolicyExplainerPage
from content.models.faq import FAQAnswerPage, FAQIndexPage
from content.models.home import HomePage
from content.models.material import MaterialPage
from content.models.material_code import MaterialCode
from content.models.print_runs import PrintRun
from content.models.radio import RadioRecording, RadioScriptIndexPage, RadioScriptPage
from content.models.search import SearchDocument
from content.models.snippets import Audience, LegalProvision, Topic
from content.models.topics import TopicIndexPage
from content.models.versions import PieceVersion

# Every kind of piece of material, in the order staff screens list them.
MATERIAL_MODELS = (PolicyExplainerPage, RadioScriptPage, FAQAnswerPage)

__all__ = [
    "MATERIAL_MODELS",
    "Audience",
    "ExplainerIndexPage",
    "FAQAnswerPage",
    "FAQIndexPage",
    "HomePage",
    "LegalProvision",
    "MaterialCode",
    "MaterialPage",
    "PieceVersion",
    "PolicyExplainerPage",
    "PrintRun",
    "RadioRecording",
    "RadioScriptIndexPage",
    "RadioScriptPage",
    "SearchDocument",
    "Topic",
    "TopicIndexPage",
]
