"""Demo contest and entries (filled in by the contest intake work)."""


def seed(context):
    pass
