"""Security headers beyond Django's own: the Content Security Policy (built by
django-csp from `CONTENT_SECURITY_POLICY`) and a Permissions-Policy.

Public pages get the strict policy: nothing inline, everything from the site
itself. Wagtail's admin still relies on inline scripts and styles, so under
`/admin/` the policy also allows those.
"""

# Features no page of Loa uses; a photo is taken through a file input,
# which needs no camera permission.
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)
ADMIN_ALLOWANCES = {
    "script-src": ["'unsafe-inline'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["blob:"],
}


class SecurityHeadersMiddleware:
    """Sits after django-csp's middleware, so its changes reach the policy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if request.path.startswith("/admin/"):
            response._csp_update = ADMIN_ALLOWANCES
        return response
