"""Building blocks for the apps' rule books (django-rules).

A rule book combines two kinds of right: model permissions, which roles grant through groups (core.roles) and
an administrator can change in the admin, and object rules, which say whose object it is. `holds()` lets an
object rule ask for a model permission without asking `has_perm` again (which would evaluate the same rule).
"""

import rules


def holds(permission):
    """Predicate: the user holds this model permission (through a group or directly), or is a superuser."""

    @rules.predicate(name=f"holds {permission}")
    def holds_permission(user):
        if not getattr(user, "is_active", False):
            return False
        return user.is_superuser or permission in user.get_all_permissions()

    return holds_permission
