"""The Swagger UI page of the API, under the site's Content Security Policy.

drf-spectacular's split view serves the page's start-up script as a file of its own (``?script``) instead of inline,
and our template moves the page's few style rules to a static file. Swagger UI's style sheet draws its icons as
``data:`` images, which this one page allows.
"""

from csp.decorators import csp_update
from drf_spectacular.views import SpectacularSwaggerSplitView

api_docs = csp_update({"img-src": ["data:"]})(
    SpectacularSwaggerSplitView.as_view(url_name="api-schema", template_name="api_docs.html")
)
