"""Scenarios: fault injection rules installed through POST /_admin/scenario.

A scenario matches a request by origin, method and a substring of the raw
path+query.  It is *consumed* only where its fault actually applies (e.g. a
`cut_after` is not used up by a HEAD or a 302), so `count` means "the first K
requests that this fault really altered"."""
import threading

FAULTS = {"cut_after", "ignore_range", "corrupt_byte", "status", "slow", "change_content",
          "stall", "malformed_json", "oversized_json", "reject_authorization", "expire_link", "drop"}
BODY_FAULTS = ("cut_after", "corrupt_byte", "slow", "stall")


class Scenario:
    def __init__(self, sid, spec):
        self.id = sid
        self.origin = spec.get("origin", "any")
        self.path = spec.get("path", "")
        self.method = spec.get("method")
        self.fault = spec["fault"]
        self.count = spec.get("count")
        self.params = {k: v for k, v in spec.items()
                       if k not in ("origin", "path", "method", "fault", "count")}
        self.changed = set()  # change_content: blobs already switched

    def matches(self, origin, method, path):
        return ((self.origin in ("any", origin))
                and (self.method is None or self.method.upper() == method)
                and self.path in path
                and (self.count is None or self.count > 0))

    def to_json(self):
        out = {"id": self.id, "origin": self.origin, "path": self.path, "method": self.method,
               "fault": self.fault, "count": self.count}
        out.update(self.params)
        return out


def validate(spec):
    if not isinstance(spec, dict):
        raise ValueError("body must be a JSON object")
    if spec.get("fault") not in FAULTS:
        raise ValueError(f"fault must be one of {sorted(FAULTS)}")
    if spec.get("origin", "any") not in ("hf", "civitai", "storage", "cas", "xorbs", "any"):
        raise ValueError("origin must be hf, civitai, storage, cas, xorbs or any")
    count = spec.get("count")
    if count is not None and (not isinstance(count, int) or count < 0):
        raise ValueError("count must be a non-negative integer")
    fault = spec["fault"]
    if fault == "cut_after" and not isinstance(spec.get("bytes"), int):
        raise ValueError("cut_after needs an integer 'bytes'")
    if fault == "slow" and not (isinstance(spec.get("rate"), (int, float)) and spec["rate"] > 0):
        raise ValueError("slow needs a positive 'rate' (bytes per second)")
    if fault == "reject_authorization" and spec.get("origin", "any") not in ("storage", "any"):
        raise ValueError(f"{fault} applies to the storage origin only")
    if fault == "expire_link" and spec.get("origin", "any") not in ("storage", "xorbs", "any"):
        raise ValueError(f"{fault} applies to the storage and xorbs origins only")
    if fault == "status" and not isinstance(spec.get("status", 503), int):
        raise ValueError("status must be an integer")


class Scenarios:
    def __init__(self):
        self._lock = threading.Lock()
        self._items = []
        self._next = 0

    def add(self, spec):
        validate(spec)
        with self._lock:
            self._next += 1
            self._items.append(Scenario(self._next, spec))
            return self._next

    def remove(self, sid):
        with self._lock:
            before = len(self._items)
            self._items = [s for s in self._items if s.id != sid]
            return len(self._items) != before

    def clear(self):
        with self._lock:
            self._items = []

    def list(self):
        with self._lock:
            return [s.to_json() for s in self._items]

    def take(self, origin, method, path, faults):
        """First matching scenario whose fault is in `faults`; consumes one use."""
        with self._lock:
            for s in self._items:
                if s.fault in faults and s.matches(origin, method, path):
                    if s.count is not None:
                        s.count -= 1
                    return s
        return None
