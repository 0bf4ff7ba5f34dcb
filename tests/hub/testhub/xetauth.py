"""The two secrets of the Xet path: CAS access tokens (what /xet-read-token hands out,
scoped to one repo, expiring) and signed xorb URLs (CloudFront-style `Expires` and
`Signature`, valid for exactly the byte ranges in `X-Xet-Signed-Range`)."""
import base64
import hashlib
import hmac
import json
import time
from urllib.parse import quote

TOKEN_SECRET = b"modeldock-test-hub-xet-token"
URL_SECRET = b"modeldock-test-hub-xet-url"


def _mac(secret, text):
    return hmac.new(secret, text.encode(), hashlib.sha256).hexdigest()


def make_token(repo_id, ttl):
    """(token, exp). The token is opaque to clients; here a signed {repo, exp}."""
    exp = int(time.time()) + int(ttl)
    body = base64.urlsafe_b64encode(json.dumps({"repo": repo_id, "exp": exp}).encode()).decode()
    return f"xet_{body}.{_mac(TOKEN_SECRET, body)}", exp


def check_token(header):
    """The repo a `Bearer` token grants, or (None, reason)."""
    if not header or not header.startswith("Bearer "):
        return None, "missing token"
    token = header[7:].strip()
    if not token.startswith("xet_") or "." not in token:
        return None, "invalid token"
    body, mac = token[4:].rsplit(".", 1)
    if not hmac.compare_digest(mac, _mac(TOKEN_SECRET, body)):
        return None, "invalid token"
    claims = json.loads(base64.urlsafe_b64decode(body))
    if claims["exp"] <= time.time():
        return None, "token expired"
    return claims["repo"], None


def _url_mac(xorb_hash, signed_range, expires):
    return _mac(URL_SECRET, f"{xorb_hash}\n{signed_range}\n{expires}")


def xorb_url(base, xorb_hash, byte_ranges, ttl):
    """Signed URL for the inclusive (start, end) byte ranges of one xorb."""
    signed = "bytes=" + ",".join(f"{a}-{b}" for a, b in byte_ranges)
    expires = int(time.time()) + int(ttl)
    return (f"{base}/xorb/default/{xorb_hash}?X-Xet-Signed-Range={quote(signed, safe='')}"
            f"&Expires={expires}&Signature={_url_mac(xorb_hash, signed, expires)}"
            f"&Key-Pair-Id=TESTHUBXETKEY")


def check_url(xorb_hash, signed_range, expires, signature):
    """None when valid, else why not ("signature" or "expired")."""
    if not signed_range or not expires or not signature or not expires.isdigit():
        return "signature"
    if not hmac.compare_digest(signature, _url_mac(xorb_hash, signed_range, expires)):
        return "signature"
    if int(expires) <= time.time():
        return "expired"
    return None


def parse_ranges(spec):
    """'bytes=a-b,c-d' -> [(a, b)] inclusive, or None when malformed or open-ended."""
    if not spec or not spec.startswith("bytes="):
        return None
    out = []
    for part in spec[6:].split(","):
        first, sep, last = part.strip().partition("-")
        if not sep or not first.isdigit() or not last.isdigit() or int(last) < int(first):
            return None
        out.append((int(first), int(last)))
    return out
