"""The action plan as PDF for kommunstyrelsen (WeasyPrint, as casework.pdf:
fonts from the system, no network access)."""

from django.template.loader import render_to_string
from django.utils import translation

from .selectors import plan_view


def plan_pdf_html(plan) -> str:
    """The HTML the PDF is made from, in Swedish: goals, measures (owners,
    due dates) and the latest follow-up. The plan's readers are the board
    and management, so the measures of the plan are shown in full."""
    with translation.override("sv"):
        return render_to_string("actionplan/plan_pdf.html", {"view": plan_view(plan)})


def plan_pdf(plan) -> bytes:
    from weasyprint import HTML

    import casework.pdf  # noqa: F401  (quietens WeasyPrint's INFO logging)

    return HTML(string=plan_pdf_html(plan), base_url=None).write_pdf()
