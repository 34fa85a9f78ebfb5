from django.contrib.staticfiles.apps import StaticFilesConfig


class TryggsamStaticFilesConfig(StaticFilesConfig):
    """Tryggsam draws its own pages, not viewflow's Material UI: leaving
    viewflow's 150 MB of bundled assets (and source maps, and ReDoc, which we
    do not serve) out keeps collectstatic fast."""

    ignore_patterns = [
        *StaticFilesConfig.ignore_patterns, "viewflow/*", "material/*", "*.map",
        "drf_spectacular_sidecar/redoc/*",
    ]
