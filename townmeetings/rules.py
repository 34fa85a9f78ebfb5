"""Who may see and plan trygghetsmöten: the safety coordinator plans and
edits; management reads; everyone else is denied."""

import rules

from accounts.roles import is_coordinator, is_management

can_view_town_meetings = is_coordinator | is_management
can_manage_town_meetings = is_coordinator

rules.add_perm("townmeetings.view_townmeeting", can_view_town_meetings)
rules.add_perm("townmeetings.manage_townmeeting", can_manage_town_meetings)
