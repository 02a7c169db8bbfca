"""Project-wide middleware."""


class AdminStylePolicy:
    """Let the Django admin's own widgets set inline styles (select2 and the admin's scripts write
    style attributes). Only the back office, reachable by coordinators alone, gets this; scripts
    stay 'self' everywhere and the public pages keep the strict policy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.resolver_match and request.resolver_match.namespace == "admin":
            response._csp_update = {"style-src": ["'unsafe-inline'"]}
        return response
