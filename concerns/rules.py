import rules

from .access import may_handle_concerns

rules.add_perm("concerns.handle_concern", may_handle_concerns)
