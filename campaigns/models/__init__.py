"""Campaigns: where, when, to whom and with what result."""

from campaigns.models.areas import LEVEL_ORDER, Area, AreaAssignment
from campaigns.models.campaigns import Campaign, ToolkitItem
from campaigns.models.field_kits import FieldKit
from campaigns.models.indicators import Indicator, Measurement, Target
from campaigns.models.sessions import (
    MaterialUse,
    OutreachSession,
    Partner,
    SessionLanguage,
    SessionOutcome,
    SessionPhoto,
    SessionQuestion,
    revision_live_at,
)

__all__ = [
    "LEVEL_ORDER",
    "Area",
    "AreaAssignment",
    "Campaign",
    "FieldKit",
    "Indicator",
    "MaterialUse",
    "Measurement",
    "OutreachSession",
    "Partner",
    "SessionLanguage",
    "SessionOutcome",
    "SessionPhoto",
    "SessionQuestion",
    "Target",
    "ToolkitItem",
    "revision_live_at",
]
