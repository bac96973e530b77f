"""The headless API's endpoints, under /api/v2/ (documented in the README)."""

from wagtail.api.v2.router import WagtailAPIRouter

from campaigns.api import CampaignsAPIViewSet
from content.api import LocalisedPagesAPIViewSet

api_router = WagtailAPIRouter("api")
api_router.register_endpoint("pages", LocalisedPagesAPIViewSet)
api_router.register_endpoint("campaigns", CampaignsAPIViewSet)
