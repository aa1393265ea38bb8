"""Demo judging (filled in by the judging work)."""


def seed(context):
    pass
