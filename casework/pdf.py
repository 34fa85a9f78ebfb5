"""The lägesbild as PDF for management (WeasyPrint; fonts from the system,
no network access: the HTML references nothing outside itself)."""

import logging

from django.template.loader import render_to_string
from django.utils import translation

# WeasyPrint logs every layout step at INFO; keep our logs readable.
logging.getLogger("weasyprint").setLevel(logging.WARNING)
logging.getLogger("fontTools").setLevel(logging.WARNING)


def picture_pdf(picture) -> bytes:
    from weasyprint import HTML

    from .selectors import measures_visible_to, picture_figures

    with translation.override("sv"):
        html = render_to_string("casework/picture_pdf.html", {
            "picture": picture, "figures": picture_figures(picture),
            # Mailed to management: only what a reader outside any group may see.
            "measures": measures_visible_to(
                None, picture.measures.select_related("owner_organisation")),
        })
    return HTML(string=html, base_url=None).write_pdf()
