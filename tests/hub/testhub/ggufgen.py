"""GGUF v3 headers as llama.cpp writes them (ggml docs/gguf.md): the metadata of a
real model (architecture, context, layers, heads, file type, tokenizer with its
token arrays, chat template, split fields) and one tensor info per tensor with
the real shapes and ggml types, padded to the alignment where the data starts.

The files that carry these headers are much smaller than the models the shapes
describe: nothing reads tensor data past the header, and a reader must not
assume the offsets fit the file.
"""
import struct

# gguf_type
U32, I32, F32, BOOL, STRING, ARRAY, U16 = 4, 5, 6, 7, 8, 9, 2
# ggml_type ids
GGML = {"F32": 0, "F16": 1, "Q4_0": 2, "Q8_0": 8, "Q2_K": 10, "Q3_K": 11, "Q4_K": 12, "Q5_K": 13,
        "Q6_K": 14}
# llama_ftype: general.file_type, and the tensor types llama.cpp's quantizer picks for it
# (most weights, and the "important" ones: attn_v, ffn_down, output).
FILE_TYPES = {
    "F16": (1, "F16", "F16"),
    "Q4_0": (2, "Q4_0", "Q4_0"),
    "Q8_0": (7, "Q8_0", "Q8_0"),
    "Q2_K": (10, "Q2_K", "Q3_K"),
    "Q4_K_M": (15, "Q4_K", "Q6_K"),
    "Q5_K_M": (17, "Q5_K", "Q6_K"),
    "Q6_K": (18, "Q6_K", "Q6_K"),
}

CHAT_TEMPLATE = ("{% for message in messages %}<|{{ message['role'] }}|>\n{{ message['content'] }}"
                 "<|end|>\n{% endfor %}{% if add_generation_prompt %}<|assistant|>\n{% endif %}")


def _str(text):
    raw = text.encode()
    return struct.pack("<Q", len(raw)) + raw


def _kv(key, kind, value):
    out = _str(key) + struct.pack("<I", kind)
    if kind == STRING:
        return out + _str(value)
    if kind == ARRAY:
        item_kind, items = value
        out += struct.pack("<IQ", item_kind, len(items))
        if item_kind == STRING:
            return out + b"".join(_str(i) for i in items)
        fmt = {U32: "<I", I32: "<i", F32: "<f"}[item_kind]
        return out + b"".join(struct.pack(fmt, i) for i in items)
    fmt = {U32: "<I", I32: "<i", F32: "<f", BOOL: "<?", U16: "<H"}[kind]
    return out + struct.pack(fmt, value)


def _token(i):
    digits, n = "", i
    while True:
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[n % 36] + digits
        n //= 36
        if n == 0:
            return "t" + digits


def _tensors(shape, main, important):
    """(name, dims, ggml type) of every tensor of a llama-like model."""
    n_embd, n_layer, n_head, n_head_kv, n_ff, n_vocab = (
        shape["n_embd"], shape["n_layer"], shape["n_head"], shape["n_head_kv"], shape["n_ff"], shape["n_vocab"])
    kv = n_embd // n_head * n_head_kv
    out = [("token_embd.weight", (n_embd, n_vocab), main)]
    for i in range(n_layer):
        p = f"blk.{i}."
        out += [(p + "attn_norm.weight", (n_embd,), "F32"),
                (p + "attn_q.weight", (n_embd, n_embd), main),
                (p + "attn_k.weight", (n_embd, kv), main),
                (p + "attn_v.weight", (n_embd, kv), important),
                (p + "attn_output.weight", (n_embd, n_embd), main),
                (p + "ffn_norm.weight", (n_embd,), "F32"),
                (p + "ffn_gate.weight", (n_embd, n_ff), main),
                (p + "ffn_up.weight", (n_embd, n_ff), main),
                (p + "ffn_down.weight", (n_ff, n_embd), important)]
    out += [("output_norm.weight", (n_embd,), "F32"), ("output.weight", (n_embd, n_vocab), important)]
    return out


def gguf_model_header(arch, name, quant, shape, *, tokens=0, tokenizer="llama", split=None,
                      chat_template=CHAT_TEMPLATE):
    """The header of `quant` of a model of `shape` (n_embd, n_layer, n_head, n_head_kv, n_ff,
    n_vocab, n_ctx). `tokens` entries in tokenizer.ggml.tokens (the tensors keep n_vocab: the
    test files stay small); `split` = (index, count) for a shard of a split model: each shard
    holds its share of the tensors, the first one all the metadata."""
    file_type, main, important = FILE_TYPES[quant]
    tensors = _tensors(shape, main, important)
    kvs = []
    if split:
        index, count = split
        per = -(-len(tensors) // count)
        tensors = tensors[index * per:(index + 1) * per]
        kvs += [_kv("split.no", U16, index), _kv("split.count", U16, count),
                _kv("split.tensors.count", I32, len(_tensors(shape, main, important)))]
    if not split or split[0] == 0:
        kvs += [_kv("general.architecture", STRING, arch), _kv("general.name", STRING, name),
                _kv("general.file_type", U32, file_type), _kv("general.quantization_version", U32, 2),
                _kv(f"{arch}.context_length", U32, shape["n_ctx"]),
                _kv(f"{arch}.embedding_length", U32, shape["n_embd"]),
                _kv(f"{arch}.block_count", U32, shape["n_layer"]),
                _kv(f"{arch}.feed_forward_length", U32, shape["n_ff"]),
                _kv(f"{arch}.attention.head_count", U32, shape["n_head"]),
                _kv(f"{arch}.attention.head_count_kv", U32, shape["n_head_kv"]),
                _kv(f"{arch}.rope.dimension_count", U32, shape["n_embd"] // shape["n_head"]),
                _kv("tokenizer.ggml.model", STRING, tokenizer)]
        if tokens:
            kvs.append(_kv("tokenizer.ggml.tokens", ARRAY, (STRING, [_token(i) for i in range(tokens)])))
            kvs.append(_kv("tokenizer.ggml.token_type", ARRAY, (I32, [1] * tokens)))
            if tokenizer == "llama":
                kvs.append(_kv("tokenizer.ggml.scores", ARRAY, (F32, [0.0] * tokens)))
        kvs += [_kv("tokenizer.ggml.bos_token_id", U32, 1), _kv("tokenizer.chat_template", STRING, chat_template)]
    out = b"GGUF" + struct.pack("<IQQ", 3, len(tensors), len(kvs)) + b"".join(kvs)
    offset = 0
    for tname, dims, ggml in tensors:
        out += _str(tname) + struct.pack("<I", len(dims)) + b"".join(struct.pack("<Q", d) for d in dims)
        out += struct.pack("<IQ", GGML[ggml], offset)
        offset += 32  # the data is not there: offsets only have to be aligned and increasing
    return out + b"\0" * (-len(out) % 32)


# Shapes of the demo catalog's models (the real models' hyperparameters).
LLAMA32_1B = dict(n_embd=2048, n_layer=16, n_head=32, n_head_kv=8, n_ff=8192, n_vocab=128256, n_ctx=131072)
LLAMA32_3B = dict(n_embd=3072, n_layer=28, n_head=24, n_head_kv=8, n_ff=8192, n_vocab=128256, n_ctx=131072)
QWEN25_05B = dict(n_embd=896, n_layer=24, n_head=14, n_head_kv=2, n_ff=4864, n_vocab=151936, n_ctx=32768)
QWEN25_15B = dict(n_embd=1536, n_layer=28, n_head=12, n_head_kv=2, n_ff=8960, n_vocab=151936, n_ctx=32768)
TINYSTORIES = dict(n_embd=768, n_layer=4, n_head=16, n_head_kv=16, n_ff=2048, n_vocab=32000, n_ctx=2048)
SMOLLM = dict(n_embd=576, n_layer=30, n_head=9, n_head_kv=3, n_ff=1536, n_vocab=49152, n_ctx=2048)
