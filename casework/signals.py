"""Signals casework sends. Receivers run inside the sender's transaction."""

from django.dispatch import Signal

# A new report was saved (inside the transaction): the triage flow starts on it.
# Arguments: report (the Report instance).
report_submitted = Signal()

# A report left EST for the violent-extremism concern track (inside the
# transaction). Arguments: report_id, actor_id. The concerns app connects here.
report_moved_to_concern_track = Signal()
