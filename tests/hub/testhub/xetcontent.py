"""Contents of the Xet demo GGUFs, made so that Xet's properties show: a real GGUF header
(LZ4-compressible token table and chat template), then tensors of two kinds, f16-like ones
(the exponent bytes repeat, so BG4 + LZ4 shrinks them) and quantized-like random ones
(stored uncompressed). A tensor's bytes depend only on its index and version, never on its
file offset, so a header of another length shifts the data without changing it: the
content-defined chunker then finds the same chunks again, as it does on the real Hub.

`derive` makes the next revision: a header change (another chat template, of another
length) or new versions of a fraction of the tensors (a fine-tune)."""
import hashlib
import random

from .content import BLOCK, Blob
from .ggufgen import CHAT_TEMPLATE, gguf_model_header

MIB = 1 << 20
# f16 high bytes (sign + exponent) of weights around +-0.01..1: few distinct values.
_EXPONENTS = bytes([0x1c, 0x20, 0x24, 0x28, 0x2c, 0x30, 0x34, 0x38,
                    0x9c, 0xa0, 0xa4, 0xa8, 0xac, 0xb0, 0xb4, 0xb8])
_F16_HIGH = bytes(_EXPONENTS[(b * 7 // 256) % 16] for b in range(256))


def _block(seed_key, tensor, version, index):
    seed = hashlib.sha256(f"{seed_key}\0{tensor}\0{version}\0{index}".encode()).digest()
    raw = random.Random(seed).randbytes(BLOCK)
    if tensor % 4 != 1:
        return raw  # quantized weights look random: no scheme shrinks them
    out = bytearray(raw)
    out[1::2] = raw[1::2].translate(_F16_HIGH)
    return bytes(out)


class XetGgufBlob(Blob):
    """A GGUF of `data_size` tensor bytes after a header; tensors of `tensor_size` bytes."""

    xet_backed = True  # offered through Xet even without --xet-all

    def __init__(self, store, key, name, *, seed_key, arch, model, quant, shape, data_size,
                 tensor_size, template=CHAT_TEMPLATE, tensor_versions=None, revision=0):
        header = gguf_model_header(arch, model, quant, shape, tokens=32000, chat_template=template)
        self.params = dict(seed_key=seed_key, arch=arch, model=model, quant=quant, shape=shape,
                           data_size=data_size, tensor_size=tensor_size)
        self.template = template
        self.revision = revision
        n_tensors = -(-data_size // tensor_size)
        self.tensor_versions = list(tensor_versions or [0] * n_tensors)
        super().__init__(store, f"{key}@r{revision}", name, size=len(header) + data_size,
                         header=header)

    def _generate(self, start, end, chunk):
        hlen = len(self.header)
        tsize = self.params["tensor_size"]
        seed_key = self.params["seed_key"] + f"\0v{self.version}"
        cached = (None, None)
        pos = start
        while pos < end:
            if pos < hlen:
                piece = self.header[pos:min(end, hlen, pos + chunk)]
            else:
                off = pos - hlen
                tensor, rel = divmod(off, tsize)
                index, inner = divmod(rel, BLOCK)
                ident = (tensor, index)
                if cached[0] != ident:
                    cached = (ident, _block(seed_key, tensor, self.tensor_versions[tensor], index))
                stop = min(BLOCK - inner, tsize - rel, end - pos, chunk)
                piece = cached[1][inner:inner + stop]
            yield piece
            pos += len(piece)

    def derive(self, change, fraction=0.5):
        """The next revision's file: same name and seed, one kind of change."""
        versions = list(self.tensor_versions)
        template = self.template
        rev = self.revision + 1
        if change == "header":
            template = CHAT_TEMPLATE + "{# revision %d: %s #}" % (rev, "x" * (rev * 37 % 101))
        elif change == "tensors":
            n = len(versions)
            # Spread the changed tensors evenly: tensor k changes when floor((k+1)*f) steps.
            for k in range(n):
                if int((k + 1) * fraction) > int(k * fraction):
                    versions[k] += 1
        else:
            raise ValueError("change must be 'header' or 'tensors'")
        key = self.key.rsplit("@r", 1)[0]
        return XetGgufBlob(self.store, key, self.name, template=template, tensor_versions=versions,
                           revision=rev, **self.params)


def tensor_size_for(data_size):
    """Tensors of 1/32 of the data, in whole MiB (at least one): a changed tensor then costs
    at most one extra chunk at each end, a few percent of it."""
    return max(1, data_size // 32 // MIB) * MIB
