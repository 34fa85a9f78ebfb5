"""Who may see and edit analytics, walks, surveys and the medborgarlöfte."""

import rules

from accounts.roles import (
    is_est_staff,
    is_management,
    is_planning_chief,
    is_public_health,
)

# Lägesbild analytics, walks, surveys, promises and the yearly report: the TSK
# staff (coordinator, security coordinator, public-health strategist), the
# planning chief and management.
can_view_insights = is_est_staff | is_public_health | is_planning_chief | is_management
# Recording walks, importing surveys, editing promises: TSK staff only.
can_manage_insights = is_est_staff | is_public_health

rules.add_perm("insights.view_insights", can_view_insights)
rules.add_perm("insights.manage_insights", can_manage_insights)
