/* The byte-crunching half of the test hub's Xet store, loaded from Python with ctypes:
 * gearhash content-defined chunking (docs/xet/chunking.md), BLAKE3 keyed hashing (written
 * from the BLAKE3 specification), and the xorb chunk compression (docs/xet/xorb.md: LZ4
 * frame, and BG4 byte grouping + LZ4 frame). Python loops over a 1 GiB model would take
 * minutes; these run at hundreds of MB/s. No state: every function is reentrant. */
#include <lz4frame.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gear_table.h"

/* ---- BLAKE3 -------------------------------------------------------------------------- */

enum { CHUNK_START = 1, CHUNK_END = 2, PARENT = 4, ROOT = 8, KEYED_HASH = 16 };
enum { B3_BLOCK = 64, B3_CHUNK = 1024 };

static const uint32_t B3_IV[8] = {0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A,
                                  0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19};
static const uint8_t B3_PERM[16] = {2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8};

static inline uint32_t rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

static inline uint32_t load32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

/* Message word order of each of the 7 rounds: the permutation applied 0..6 times, so the
 * rounds index the block directly instead of permuting it between rounds. */
static uint8_t B3_SCHEDULE[7][16];

static void init_schedule(void)
{
    static int done;
    if (done)
        return;
    uint8_t order[16], next[16];
    for (int i = 0; i < 16; ++i)
        order[i] = (uint8_t)i;
    for (int r = 0; r < 7; ++r) {
        memcpy(B3_SCHEDULE[r], order, 16);
        for (int i = 0; i < 16; ++i)
            next[i] = order[B3_PERM[i]];
        memcpy(order, next, 16);
    }
    done = 1;
}

#define G(a, b, c, d, mx, my)              \
    do {                                   \
        s[a] = s[a] + s[b] + (mx);         \
        s[d] = rotr(s[d] ^ s[a], 16);      \
        s[c] = s[c] + s[d];                \
        s[b] = rotr(s[b] ^ s[c], 12);      \
        s[a] = s[a] + s[b] + (my);         \
        s[d] = rotr(s[d] ^ s[a], 8);       \
        s[c] = s[c] + s[d];                \
        s[b] = rotr(s[b] ^ s[c], 7);       \
    } while (0)

/* The compression function; out receives the first 8 words of the output (a chaining value,
 * or the 32-byte root hash), which is all this library ever needs. */
static void compress(const uint32_t cv[8], const uint32_t m[16], uint64_t counter,
                     uint32_t block_len, uint32_t flags, uint32_t out[8])
{
    uint32_t s[16];
    memcpy(s, cv, 32);
    memcpy(s + 8, B3_IV, 16);
    s[12] = (uint32_t)counter;
    s[13] = (uint32_t)(counter >> 32);
    s[14] = block_len;
    s[15] = flags;
    for (int r = 0; r < 7; ++r) {
        const uint8_t *o = B3_SCHEDULE[r];
        G(0, 4, 8, 12, m[o[0]], m[o[1]]);
        G(1, 5, 9, 13, m[o[2]], m[o[3]]);
        G(2, 6, 10, 14, m[o[4]], m[o[5]]);
        G(3, 7, 11, 15, m[o[6]], m[o[7]]);
        G(0, 5, 10, 15, m[o[8]], m[o[9]]);
        G(1, 6, 11, 12, m[o[10]], m[o[11]]);
        G(2, 7, 8, 13, m[o[12]], m[o[13]]);
        G(3, 4, 9, 14, m[o[14]], m[o[15]]);
    }
    for (int i = 0; i < 8; ++i)
        out[i] = s[i] ^ s[i + 8];
}

/* Chaining value (or, with ROOT in root_flag, the root words) of one chunk of <= 1024 bytes. */
static void chunk_cv(const uint32_t key[8], const uint8_t *in, size_t len, uint64_t index,
                     uint32_t flags, uint32_t root_flag, uint32_t out[8])
{
    uint32_t cv[8], block[16];
    uint8_t buf[B3_BLOCK];
    memcpy(cv, key, 32);
    size_t nblocks = len == 0 ? 1 : (len + B3_BLOCK - 1) / B3_BLOCK;
    for (size_t b = 0; b < nblocks; ++b) {
        size_t off = b * B3_BLOCK;
        size_t n = len - off < B3_BLOCK ? len - off : B3_BLOCK;
        const uint8_t *src = in + off;
        if (n < B3_BLOCK) { /* the last block is zero-padded */
            memset(buf, 0, sizeof buf);
            if (n)
                memcpy(buf, src, n);
            src = buf;
        }
        for (int i = 0; i < 16; ++i)
            block[i] = load32(src + 4 * i);
        uint32_t f = flags;
        if (b == 0)
            f |= CHUNK_START;
        if (b == nblocks - 1)
            f |= CHUNK_END | root_flag;
        compress(cv, block, index, (uint32_t)n, f, cv);
    }
    memcpy(out, cv, 32);
}

static void parent_cv(const uint32_t key[8], const uint32_t left[8], const uint32_t right[8],
                      uint32_t flags, uint32_t out[8])
{
    uint32_t block[16];
    memcpy(block, left, 32);
    memcpy(block + 8, right, 32);
    compress(key, block, 0, B3_BLOCK, flags | PARENT, out);
}

/* BLAKE3 in keyed mode of the whole input, 32-byte output. Chunks are merged into the tree
 * as soon as a subtree is complete (the spec's chaining-value stack); the last chunk and the
 * merges above it wait until the input is known to end, so ROOT lands on the right node. */
void txh_blake3_keyed(const uint8_t key_bytes[32], const uint8_t *in, size_t len, uint8_t out[32])
{
    uint32_t key[8], root[8];
    init_schedule();
    for (int i = 0; i < 8; ++i)
        key[i] = load32(key_bytes + 4 * i);
    if (len <= B3_CHUNK) {
        chunk_cv(key, in, len, 0, KEYED_HASH, ROOT, root);
    } else {
        uint32_t stack[64][8];
        int depth = 0;
        uint64_t nchunks = (len + B3_CHUNK - 1) / B3_CHUNK;
        for (uint64_t c = 0; c + 1 < nchunks; ++c) {
            uint32_t cv[8];
            chunk_cv(key, in + c * B3_CHUNK, B3_CHUNK, c, KEYED_HASH, 0, cv);
            for (uint64_t total = c + 1; (total & 1) == 0; total >>= 1)
                parent_cv(key, stack[--depth], cv, KEYED_HASH, cv);
            memcpy(stack[depth++], cv, 32);
        }
        uint64_t last = nchunks - 1;
        uint32_t cv[8];
        chunk_cv(key, in + last * B3_CHUNK, len - last * B3_CHUNK, last, KEYED_HASH, 0, cv);
        while (depth > 0) {
            --depth;
            parent_cv(key, stack[depth], cv, KEYED_HASH | (depth == 0 ? ROOT : 0), cv);
        }
        memcpy(root, cv, 32);
    }
    for (int i = 0; i < 8; ++i) {
        out[4 * i] = (uint8_t)root[i];
        out[4 * i + 1] = (uint8_t)(root[i] >> 8);
        out[4 * i + 2] = (uint8_t)(root[i] >> 16);
        out[4 * i + 3] = (uint8_t)(root[i] >> 24);
    }
}

/* ---- Content-defined chunking -------------------------------------------------------- */

enum { MIN_CHUNK = 8 * 1024, MAX_CHUNK = 128 * 1024 };
static const uint64_t GEAR_MASK = 0xFFFF000000000000ull;
static const uint8_t DATA_KEY[32] = {102, 151, 245, 119, 91,  149, 80,  222, 49,  53, 203,
                                     172, 165, 151, 24,  28,  157, 228, 33,  16,  155, 235,
                                     43,  88,  180, 208, 176, 75,  147, 173, 242, 41};

/* Length of the chunk starting at data[0]; 0 when no boundary lies in [0, len) and the input
 * continues (eof == 0). The hash depends only on the last 64 bytes, so hashing starts
 * MIN - 64 - 1 bytes in: the first admissible test at MIN sees the same h as a full scan. */
static size_t next_cut(const uint8_t *data, size_t len, int eof)
{
    if (len < MIN_CHUNK)
        return eof ? len : 0;
    size_t limit = len < MAX_CHUNK ? len : MAX_CHUNK;
    uint64_t h = 0;
    for (size_t i = MIN_CHUNK - 64 - 1; i < limit; ++i) {
        h = (h << 1) + GEAR_TABLE[data[i]];
        if (i + 1 >= MIN_CHUNK && (h & GEAR_MASK) == 0)
            return i + 1;
    }
    if (limit == MAX_CHUNK)
        return MAX_CHUNK;
    return eof ? len : 0;
}

/* Splits data into chunks and hashes each one (DATA_KEY). Writes at most max_chunks lengths
 * and 32-byte hashes; returns how many chunks were found. The bytes after the last complete
 * chunk stay unconsumed when eof == 0 (the caller prepends them to the next piece). */
size_t txh_chunk_and_hash(const uint8_t *data, size_t len, int eof, uint32_t *lengths,
                          uint8_t *hashes, size_t max_chunks, size_t *consumed)
{
    size_t pos = 0, n = 0;
    while (pos < len && n < max_chunks) {
        size_t cut = next_cut(data + pos, len - pos, eof);
        if (cut == 0)
            break;
        lengths[n] = (uint32_t)cut;
        txh_blake3_keyed(DATA_KEY, data + pos, cut, hashes + 32 * n);
        pos += cut;
        ++n;
    }
    *consumed = pos;
    return n;
}

/* ---- Chunk compression --------------------------------------------------------------- */

enum { SCHEME_NONE = 0, SCHEME_LZ4 = 1, SCHEME_BG4_LZ4 = 2 };

/* Byte 0 of every 4-byte group first, then bytes 1, 2, 3; the n % 4 leftover bytes extend the
 * first groups, as xet-core's bg4 split does. Float tensors keep their exponents in bytes 2-3,
 * so grouping puts the repetitive bytes together where LZ4 finds them. */
void txh_bg4_split(const uint8_t *in, size_t n, uint8_t *out)
{
    size_t pos = 0;
    for (size_t lane = 0; lane < 4; ++lane)
        for (size_t i = lane; i < n; i += 4)
            out[pos++] = in[i];
}

static size_t lz4_frame(const uint8_t *in, size_t n, uint8_t *out, size_t cap)
{
    LZ4F_preferences_t prefs; /* all defaults: no content size, no checksums (as lz4_flex writes) */
    memset(&prefs, 0, sizeof prefs);
    size_t r = LZ4F_compressFrame(out, cap, in, n, &prefs);
    return LZ4F_isError(r) ? 0 : r;
}

/* The stored form of one chunk: the smallest of none, LZ4 and BG4+LZ4, and none whenever
 * compression does not shrink it (xorb.md). out needs txh_compress_bound(n) bytes. Returns
 * the stored length and sets *scheme. */
size_t txh_compress_bound(size_t n) { return LZ4F_compressFrameBound(n, NULL) + 64; }

size_t txh_compress_chunk(const uint8_t *in, size_t n, uint8_t *out, size_t cap, int *scheme)
{
    size_t bound = txh_compress_bound(n);
    uint8_t *tmp = malloc(bound + n);
    if (!tmp) {
        *scheme = SCHEME_NONE;
        memcpy(out, in, n);
        return n;
    }
    size_t best = n;
    *scheme = SCHEME_NONE;
    size_t lz = lz4_frame(in, n, out, cap);
    if (lz && lz < best) {
        best = lz;
        *scheme = SCHEME_LZ4;
    }
    uint8_t *grouped = tmp + bound;
    txh_bg4_split(in, n, grouped);
    size_t bg = lz4_frame(grouped, n, tmp, bound);
    if (bg && bg < best) {
        best = bg;
        *scheme = SCHEME_BG4_LZ4;
        memcpy(out, tmp, bg);
    }
    if (*scheme == SCHEME_NONE)
        memcpy(out, in, n);
    free(tmp);
    return best;
}
