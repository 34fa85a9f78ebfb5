"""The triage task's permission (named on the flow's View node) is a rules
predicate, so viewflow's own checks agree with our services' checks."""

import rules

from accounts.roles import is_est_staff

rules.add_perm("workflows.triage_report", is_est_staff)
rules.add_perm("workflows.view_reportprocess", is_est_staff)
