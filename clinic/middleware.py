from django.conf import settings
from django.utils.cache import add_never_cache_headers


class NoStoreMiddleware:
    """Pages may show client data: browsers and proxies must not keep a copy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path_info.startswith("/" + settings.STATIC_URL.lstrip("/")):
            add_never_cache_headers(response)
            response["Cache-Control"] = "no-store, no-cache, must-revalidate, private, max-age=0"
        return response
