"""Serving files from private storage after a permission check.

On S3 the private bucket is closed: the view redirects to a presigned URL that expires in minutes. On a local
disk the file is streamed by Django. Either way the response is never cached by shared caches.
"""

import mimetypes

from django.http import FileResponse, Http404, HttpResponseRedirect
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header


def is_presigning(storage):
    return bool(getattr(storage, "querystring_auth", False)) and hasattr(storage, "bucket_name")


def serve_private(storage, name, *, download_name=None):
    if not name:
        raise Http404
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if is_presigning(storage):
        # S3 answers the signed URL with the type and disposition asked for here, so a download stays a download.
        parameters = {"ResponseContentType": content_type}
        if download_name:
            parameters["ResponseContentDisposition"] = content_disposition_header(True, download_name)
        response = HttpResponseRedirect(storage.url(name, parameters=parameters))
    else:
        try:
            handle = storage.open(name, "rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(
            handle, content_type=content_type, as_attachment=bool(download_name), filename=download_name or ""
        )
    patch_cache_control(response, private=True, max_age=300)
    # Whatever a file holds, it runs nothing in the site's origin.
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    response["Referrer-Policy"] = "same-origin"
    return response
