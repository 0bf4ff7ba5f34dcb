"""ctypes front of native/testhubxet.c (chunking, BLAKE3, chunk compression) and the Xet
hash rules built on it (docs/xet/hashing.md): the merkle tree with xet-core's variable
fan-out, file hashes, and the hash string form."""
import ctypes
import os

DATA_KEY = bytes([102, 151, 245, 119, 91, 149, 80, 222, 49, 53, 203, 172, 165, 151, 24, 28,
                  157, 228, 33, 16, 155, 235, 43, 88, 180, 208, 176, 75, 147, 173, 242, 41])
INTERNAL_NODE_KEY = bytes([1, 126, 197, 199, 165, 71, 41, 150, 253, 148, 102, 102, 180, 138, 2, 230,
                           93, 221, 83, 111, 55, 199, 109, 210, 248, 99, 82, 230, 74, 83, 113, 63])
ZERO_KEY = bytes(32)
MAX_CHUNK = 128 * 1024
ENV_VAR = "MODELDOCK_TESTHUB_XET_NATIVE"


def hash_hex(raw: bytes) -> str:
    """The API form: each 8-byte block read as a little-endian u64, printed as 16 hex digits."""
    return "".join(raw[i:i + 8][::-1].hex() for i in range(0, 32, 8))


def hash_raw(text: str) -> bytes:
    raw = bytes.fromhex(text)
    return b"".join(raw[i:i + 8][::-1] for i in range(0, 32, 8))


class Native:
    """The loaded library. Construct with a path; raises OSError when it cannot load."""

    def __init__(self, path):
        lib = ctypes.CDLL(path)
        u8p = ctypes.c_char_p
        lib.txh_blake3_keyed.argtypes = [u8p, u8p, ctypes.c_size_t, ctypes.c_char_p]
        lib.txh_blake3_keyed.restype = None
        lib.txh_chunk_and_hash.argtypes = [u8p, ctypes.c_size_t, ctypes.c_int,
                                           ctypes.POINTER(ctypes.c_uint32), ctypes.c_char_p,
                                           ctypes.c_size_t, ctypes.POINTER(ctypes.c_size_t)]
        lib.txh_chunk_and_hash.restype = ctypes.c_size_t
        lib.txh_compress_bound.argtypes = [ctypes.c_size_t]
        lib.txh_compress_bound.restype = ctypes.c_size_t
        lib.txh_compress_chunk.argtypes = [u8p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_size_t,
                                           ctypes.POINTER(ctypes.c_int)]
        lib.txh_compress_chunk.restype = ctypes.c_size_t
        self._lib = lib
        self._out_cap = lib.txh_compress_bound(MAX_CHUNK)
        self.path = path

    def blake3_keyed(self, key: bytes, data: bytes) -> bytes:
        out = ctypes.create_string_buffer(32)
        self._lib.txh_blake3_keyed(key, data, len(data), out)
        return out.raw

    def chunks(self, pieces):
        """Yield (chunk bytes, chunk hash) for the stream of byte pieces, in order."""
        buf = b""
        max_n = 512
        lengths = (ctypes.c_uint32 * max_n)()
        hashes = ctypes.create_string_buffer(32 * max_n)
        consumed = ctypes.c_size_t()
        it = iter(pieces)
        eof = False
        while not eof or buf:
            if not eof and len(buf) < 32 * MAX_CHUNK:
                piece = next(it, None)
                if piece is None:
                    eof = True
                else:
                    buf += piece
                    continue
            n = self._lib.txh_chunk_and_hash(buf, len(buf), int(eof), lengths, hashes, max_n,
                                            ctypes.byref(consumed))
            pos = 0
            raw = hashes.raw
            for i in range(n):
                ln = lengths[i]
                yield buf[pos:pos + ln], raw[32 * i:32 * i + 32]
                pos += ln
            buf = buf[consumed.value:]
            if n == 0 and not eof:
                raise RuntimeError("chunker made no progress")

    def compress(self, chunk: bytes):
        """(scheme, stored bytes): the smallest of none / LZ4 frame / BG4 + LZ4 frame."""
        out = ctypes.create_string_buffer(self._out_cap)
        scheme = ctypes.c_int()
        n = self._lib.txh_compress_chunk(chunk, len(chunk), out, self._out_cap, ctypes.byref(scheme))
        return scheme.value, out.raw[:n]

    # -- the merkle tree (hashing.md; xet-core aggregated_hashes.rs for the tree shape) ------
    def merkle_root(self, nodes):
        """Root hash over [(raw hash, size)]. Each level cuts its list into groups of at most
        9 nodes: a group ends after its first node, from the third on, whose hash's 4th
        little-endian u64 is divisible by 4, else at 9 nodes or at the end of the level."""
        if not nodes:
            return bytes(32)
        level = list(nodes)
        while len(level) > 1:
            parents = []
            start = 0
            while start < len(level):
                rest = len(level) - start
                end = start + rest
                if rest > 2:
                    end = start + min(9, rest)
                    for i in range(start + 2, end):
                        if int.from_bytes(level[i][0][24:32], "little") % 4 == 0:
                            end = i + 1
                            break
                group = level[start:end]
                text = "".join(f"{hash_hex(h)} : {size}\n" for h, size in group).encode()
                parents.append((self.blake3_keyed(INTERNAL_NODE_KEY, text), sum(s for _, s in group)))
                start = end
            level = parents
        return level[0][0]

    def file_hash(self, chunk_nodes):
        if not chunk_nodes:
            return bytes(32)
        return self.blake3_keyed(ZERO_KEY, self.merkle_root(chunk_nodes))


def load(path):
    """The library at `path` (or $MODELDOCK_TESTHUB_XET_NATIVE); (None, reason) if unusable."""
    path = path or os.environ.get(ENV_VAR)
    if not path:
        return None, f"no native library (--xet-native or ${ENV_VAR})"
    try:
        return Native(path), None
    except OSError as err:
        return None, f"cannot load {path}: {err}"
