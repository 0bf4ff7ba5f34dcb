"""The request log behind GET /_admin/requests."""
import threading
import time

LOGGED_HEADERS = ("authorization", "range", "if-range", "if-none-match", "accept-encoding",
                  "user-agent", "content-type")


class RequestLog:
    def __init__(self):
        self._lock = threading.Lock()
        self._records = []
        self._seq = 0

    def start(self, origin, method, path, headers):
        """Append a record at arrival; status/bytes_sent are filled in as the
        response goes out, so in-flight (e.g. stalled) requests are visible."""
        rec = {"origin": origin, "method": method, "path": path,
               "host": headers.get("Host", ""),
               "headers": {h: headers[h] for h in LOGGED_HEADERS if headers.get(h) is not None},
               "status": 0, "bytes_sent": 0, "t": time.time()}
        with self._lock:
            self._seq += 1
            rec["seq"] = self._seq
            self._records.append(rec)
        return rec

    def records(self, origin=None):
        with self._lock:
            return [dict(r) for r in self._records if origin in (None, r["origin"])]

    def clear(self):
        with self._lock:
            self._records = []
