"""Signing in safely: failed sign-ins throttled by account and by client address (django-axes), password-reset
emails throttled, two-factor sign-in for officers and judges (django-otp), and their sign-out after a working day
without activity. See docs/operations.md#sign-in-protection."""
