"""The storage origin ("CDN"): serves bytes after the hubs' redirects.

It never requires auth (clients are expected to drop Authorization on the
cross-origin redirect; the request log shows whether they did).  URLs are
signed so a client that mangles or rebuilds them gets the real S3-style 403."""
import hashlib
import hmac
import re
from urllib.parse import quote

from .content import make_png
from .httpbase import BaseHandler, HttpError

SECRET = b"modeldock-test-hub"
IMAGE_RE = re.compile(r"^/images/([A-Za-z0-9._-]+?)(?:-(\d+)x(\d+))?\.png$")


def sign(path, disposition):
    return hmac.new(SECRET, f"{path}\n{disposition}".encode(), hashlib.sha256).hexdigest()


def attachment(name):
    return f"attachment; filename*=UTF-8''{quote(name)}; filename=\"{name}\";"


def lfs_url(storage_base, sha, name):
    disp = attachment(name)
    path = f"/lfs/{sha}"
    query = ("X-Amz-Algorithm=AWS4-HMAC-SHA256"
             "&X-Amz-Credential=TESTHUB%2F20260101%2Fus-east-1%2Fs3%2Faws4_request"
             "&X-Amz-Date=20260101T000000Z&X-Amz-Expires=3600"
             f"&X-Amz-Signature={sign(path, disp)}&X-Amz-SignedHeaders=host"
             f"&response-content-disposition={quote(disp, safe='')}"
             "&response-content-type=application%2Foctet-stream&x-id=GetObject")
    return f"{storage_base}{path}?{query}"


def civitai_url(storage_base, fid, name):
    disp = f'attachment; filename="{name}"'
    path = f"/civitai/{fid}/{quote(name)}"
    return (f"{storage_base}{path}?sig={sign(path, disp)}&expires=86400"
            f"&response-content-disposition={quote(disp, safe='')}")


def _s3_error(status, code, message):
    body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{code}</Code>'
            f"<Message>{message}</Message></Error>").encode()
    return HttpError(status, body, content_type="application/xml")


class StorageHandler(BaseHandler):
    def route(self):
        if self.headers.get("Authorization") and self.take(("reject_authorization",)):
            # What S3 answers a presigned URL that also carries an Authorization header
            # (hub-api.md A11.4): a client that forwards its hub token fails loudly.
            raise _s3_error(400, "InvalidArgument",
                            "Only one auth mechanism allowed; only the X-Amz-Algorithm query "
                            "parameter, Signature query string parameter or the Authorization "
                            "header should be specified")
        if self.command not in ("GET", "HEAD"):
            raise _s3_error(405, "MethodNotAllowed", "The specified method is not allowed")
        p = self.url_path
        if p.startswith("/lfs/"):
            self._serve_signed(p, self.q("X-Amz-Signature"), self.app.store.blob_by_sha(p[5:]))
        elif p.startswith("/civitai/"):
            fid = p.split("/")[2]
            blob = self.app.civitai_files.get(int(fid)) if fid.isdigit() else None
            self._serve_signed(p, self.q("sig"), blob)
        elif p.startswith("/images/"):
            m = IMAGE_RE.match(p)
            if not m:
                raise _s3_error(404, "NoSuchKey", "The specified key does not exist.")
            w, h = int(m.group(2) or 64), int(m.group(3) or 64)
            png = make_png(m.group(1), min(w, 2048), min(h, 2048))
            etag = '"%s"' % hashlib.md5(png).hexdigest()
            self.send_blob(None, etag=etag, content_type="image/png", raw_bytes=png,
                           headers=[("Cache-Control", "public, max-age=31536000")])
        else:
            raise _s3_error(404, "NoSuchKey", "The specified key does not exist.")

    def _serve_signed(self, path, sig, blob):
        disp = self.q("response-content-disposition", "")
        if not sig or not hmac.compare_digest(sig, sign(path, disp)):
            raise _s3_error(403, "SignatureDoesNotMatch",
                            "The request signature we calculated does not match the signature you provided.")
        if blob is None:
            raise _s3_error(404, "NoSuchKey", "The specified key does not exist.")
        expire = self.take(("expire_link",))
        if expire and expire.params.get("after", 0) > 0:
            # `after`: the first N matching links still work (the link expires mid-download).
            expire.params["after"] -= 1
            if expire.count is not None:
                expire.count += 1
            expire = None
        if expire:
            # What S3 answers a presigned URL past its X-Amz-Expires (and Civitai's storage a
            # link past `expires`): the client must ask the hub for a fresh link.
            raise _s3_error(403, "AccessDenied", "Request has expired")
        scen = self.take(("change_content",))
        if scen and id(blob) not in scen.changed:
            scen.changed.add(id(blob))
            blob.bump()
        if not disp:
            disp = attachment(blob.name)
        self.send_blob(blob, etag=f'"{blob.sha256}"',
                       headers=[("Content-Disposition", disp),
                                ("Last-Modified", "Thu, 01 Jan 2026 00:00:00 GMT")])
