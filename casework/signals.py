"""Signals casework sends. Receivers run inside the sender's transaction."""

from django.dispatch import Signal

# A new report was saved (inside the transaction): the triage flow starts on it.
# Arguments: report (the Report instance).
report_submitted = Signal()

