"""Background work of the exhibition: its public files are made after publication, never in a request."""

from django_tasks import task

from gallery.exhibition.domain import publication


@task()
def make_public_files(page_pk):
    return publication.make_public_files(page_pk)
