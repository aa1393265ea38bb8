"""Signing in starts the session's sign-in state afresh: who the person is (officer or judge?), whether a code is
owed, and the idle clock."""

from core.signin import idle, two_factor


def signed_in(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is None:
        return
    session[two_factor.STATE_KEY] = two_factor.work_out_state(user)
    idle.record(request)
