"""Stop an oversized upload while it streams in, instead of spooling all of it to disk first."""

from django.core.files.uploadhandler import FileUploadHandler, StopUpload

# Room for the multipart envelope and the other form fields around the file.
ENVELOPE_BYTES = 64 * 1024


class UploadLimitHandler(FileUploadHandler):
    def __init__(self, request, limit):
        super().__init__(request)
        self.limit = limit
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.request.upload_too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


def declared_too_large(request, limit):
    """The browser says how big the body is: refuse before reading any of it."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > limit + ENVELOPE_BYTES


def limit_upload(request, limit):
    request.upload_too_large = False
    request.upload_handlers.insert(0, UploadLimitHandler(request, limit))
