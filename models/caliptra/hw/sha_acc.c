/* SHA-512 accelerator, streaming and mailbox modes (caliptra-1x.md §2.1). Digests by OpenSSL
 * EVP; timing by the block model in sha_acc.h. */
#include "sha_acc.h"

#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

struct sha_acc {
    bool lock, soc_has_lock, execute, started;
    uint32_t user, mode, start_addr, dlen, datain;
    uint32_t digest[16];
    uint64_t bytes_in;      /* message bytes absorbed so far (<= dlen) */
    uint32_t buf_words;     /* words in the 1024-bit block buffer */
    uint64_t blocks_handed; /* full blocks handed to the core */
    uint64_t buf_free_at;   /* cycle the buffer is empty again (core took the block) */
    uint64_t core_done_at;  /* cycle the core finishes its current block */
    uint64_t valid_at;      /* STATUS.VALID from this cycle (when execute) */
    EVP_MD_CTX *ctx;
};

sha_acc_t *sha_acc_new(void) {
    sha_acc_t *s = calloc(1, sizeof(*s));
    if (!s) return NULL;
    s->ctx = EVP_MD_CTX_new();
    if (!s->ctx) {
        free(s);
        return NULL;
    }
    sha_acc_reset(s);
    return s;
}

void sha_acc_free(sha_acc_t *s) {
    if (!s) return;
    EVP_MD_CTX_free(s->ctx);
    free(s);
}

static void stream_reset(sha_acc_t *s) {
    s->started = false;
    s->bytes_in = 0;
    s->buf_words = 0;
    s->blocks_handed = 0;
    s->buf_free_at = 0;
    s->core_done_at = 0;
    s->valid_at = UINT64_MAX;
    EVP_MD_CTX_reset(s->ctx);
}

void sha_acc_reset(sha_acc_t *s) {
    s->lock = true; /* held by the uC out of reset; ROM KAT releases it (§2.1) */
    s->soc_has_lock = false;
    s->execute = false;
    s->user = s->mode = s->start_addr = s->dlen = s->datain = 0;
    memset(s->digest, 0, sizeof(s->digest));
    stream_reset(s);
}

bool sha_acc_lock(const sha_acc_t *s) {
    return s->lock;
}

static const EVP_MD *md_of(uint32_t mode) {
    return (mode & 1u) ? EVP_sha512() : EVP_sha384();
}

static void start_op(sha_acc_t *s) {
    if (s->started) return;
    s->started = true;
    memset(s->digest, 0, sizeof(s->digest));
    EVP_DigestInit_ex(s->ctx, md_of(s->mode), NULL);
}

static uint32_t bswap32(uint32_t v) {
    return (v >> 24) | ((v >> 8) & 0xFF00u) | ((v << 8) & 0xFF0000u) | (v << 24);
}

static void absorb_word(sha_acc_t *s, uint32_t w) {
    /* Streaming words are big-endian: first message byte in bits 31:24 ([measured] §2.1). */
    if (s->mode & SHA_ACC_MODE_ENDIAN_TOGGLE) w = bswap32(w);
    uint8_t b[4] = {(uint8_t)(w >> 24), (uint8_t)(w >> 16), (uint8_t)(w >> 8), (uint8_t)w};
    uint64_t left = s->dlen > s->bytes_in ? s->dlen - s->bytes_in : 0;
    size_t n = left < 4 ? (size_t)left : 4;
    if (n) {
        EVP_DigestUpdate(s->ctx, b, n);
        s->bytes_in += n;
    }
}

static uint64_t total_blocks(uint32_t dlen) {
    /* SHA-384/512 padding: 0x80 byte + 128-bit length => 17 bytes */
    return ((uint64_t)dlen + 17u + 127u) / 128u;
}

static void finish(sha_acc_t *s, uint64_t c, bool soc, const uint32_t *sram) {
    uint64_t remaining;
    if (!soc && (s->mode & 2u)) {
        /* Mailbox mode (uC): message = DLEN bytes of mailbox SRAM from START_ADDRESS. */
        stream_reset(s);
        start_op(s);
        uint64_t a = s->start_addr;
        for (uint64_t i = 0; i < s->dlen && sram; i++, a++) {
            if (a >= CPTRA_MBOX_SRAM_SIZE) break;
            uint32_t w = sram[a / 4];
            unsigned k = (unsigned)(a % 4);
            /* ENDIAN_TOGGLE: bytes in memory (little-endian) order; else big-endian words. */
            uint8_t byte = (s->mode & SHA_ACC_MODE_ENDIAN_TOGGLE) ? (uint8_t)(w >> (8 * k))
                                                                  : (uint8_t)(w >> (24 - 8 * k));
            EVP_DigestUpdate(s->ctx, &byte, 1);
        }
        remaining = total_blocks(s->dlen);
    } else {
        start_op(s);
        uint64_t tot = total_blocks(s->dlen);
        remaining = tot > s->blocks_handed ? tot - s->blocks_handed : 1;
    }
    uint8_t md[64];
    unsigned len = 0;
    EVP_DigestFinal_ex(s->ctx, md, &len);
    memset(s->digest, 0, sizeof(s->digest));
    for (unsigned i = 0; i < len / 4; i++)
        s->digest[i] = (uint32_t)md[4 * i] << 24 | (uint32_t)md[4 * i + 1] << 16 |
                       (uint32_t)md[4 * i + 2] << 8 | md[4 * i + 3];
    uint64_t start = c + SHA_ACC_HANDOFF_CLKS;
    if (s->core_done_at > start) start = s->core_done_at;
    s->valid_at = start + remaining * SHA_ACC_BLOCK_CLKS + SHA_ACC_VALID_CLKS;
    s->core_done_at = s->valid_at;
}

static bool valid(const sha_acc_t *s, uint64_t c) {
    return s->execute && c >= s->valid_at;
}

uint32_t sha_acc_read(sha_acc_t *s, uint64_t c, uint32_t off, bool soc, uint32_t pauser) {
    switch (off) {
    case SHA_ACC_LOCK: {
        uint32_t v = s->lock;
        if (!s->lock) { /* read-to-set */
            s->lock = true;
            s->soc_has_lock = soc;
            s->user = soc ? pauser : CPTRA_UC_PAUSER;
        }
        return v;
    }
    case SHA_ACC_USER:
        return s->user;
    case SHA_ACC_MODE:
        return s->mode;
    case SHA_ACC_START_ADDRESS:
        return s->start_addr;
    case SHA_ACC_DLEN:
        return s->dlen;
    case SHA_ACC_DATAIN:
        return s->datain;
    case SHA_ACC_EXECUTE:
        return s->execute;
    case SHA_ACC_STATUS:
        return (valid(s, c) ? 1u : 0u) | (s->soc_has_lock ? 2u : 0u);
    case SHA_ACC_CONTROL:
        return 0;
    default:
        if (off >= SHA_ACC_DIGEST0 && off < SHA_ACC_DIGEST0 + 64 && !(off & 3u))
            return (s->execute && !valid(s, c)) ? 0 : s->digest[(off - SHA_ACC_DIGEST0) / 4];
        return 0; /* intr block and undefined offsets: 0 */
    }
}

static bool holder(const sha_acc_t *s, bool soc, uint32_t pauser) {
    if (!s->lock) return false;
    return soc ? (s->soc_has_lock && pauser == s->user) : !s->soc_has_lock;
}

void sha_acc_write(sha_acc_t *s, uint64_t c, uint32_t off, uint32_t d, bool soc, uint32_t pauser,
                   const uint32_t *sram, uint32_t *wait) {
    if (!holder(s, soc, pauser))
        return; /* writes by anyone but the lock holder are dropped (§2.1) */
    switch (off) {
    case SHA_ACC_LOCK:
        if (d & 1u) { /* write-1-to-clear: release, engine idle, DIGEST kept */
            s->lock = false;
            s->soc_has_lock = false;
            s->execute = false;
            stream_reset(s);
        }
        break;
    case SHA_ACC_MODE:
        /* Stored as written; the SoC is forced to streaming when the op runs (finish()). */
        s->mode = d & 7u;
        break;
    case SHA_ACC_START_ADDRESS:
        s->start_addr = d;
        break;
    case SHA_ACC_DLEN:
        s->dlen = d;
        break;
    case SHA_ACC_DATAIN: {
        if (s->execute) break;
        start_op(s);
        uint64_t a = c;
        if (s->buf_words == 0 && a < s->buf_free_at) { /* buffer still full: hold PREADY */
            if (wait) *wait = (uint32_t)(s->buf_free_at - a);
            a = s->buf_free_at;
        }
        s->datain = d;
        absorb_word(s, d);
        if (++s->buf_words == 32) {
            uint64_t st = a + SHA_ACC_HANDOFF_CLKS;
            if (s->core_done_at > st) st = s->core_done_at;
            s->core_done_at = st + SHA_ACC_BLOCK_CLKS;
            s->buf_free_at = st;
            s->buf_words = 0;
            s->blocks_handed++;
        }
        break;
    }
    case SHA_ACC_EXECUTE:
        if ((d & 1u) && !s->execute) {
            s->execute = true;
            finish(s, c, soc, sram);
        }
        break;
    case SHA_ACC_CONTROL:
        if (d & 1u) { /* ZEROIZE */
            memset(s->digest, 0, sizeof(s->digest));
            s->execute = false;
            s->datain = 0;
            stream_reset(s);
        }
        break;
    default:
        break;
    }
}

bool sha_acc_dbg_read(const sha_acc_t *s, uint32_t off, uint32_t *d) {
    switch (off) {
    case SHA_ACC_LOCK:
        *d = s->lock;
        return true;
    case SHA_ACC_USER:
        *d = s->user;
        return true;
    case SHA_ACC_MODE:
        *d = s->mode;
        return true;
    case SHA_ACC_START_ADDRESS:
        *d = s->start_addr;
        return true;
    case SHA_ACC_DLEN:
        *d = s->dlen;
        return true;
    case SHA_ACC_DATAIN:
        *d = s->datain;
        return true;
    case SHA_ACC_EXECUTE:
        *d = s->execute;
        return true;
    case SHA_ACC_STATUS:
        *d = (s->execute ? 1u : 0u) | (s->soc_has_lock ? 2u : 0u);
        return true;
    default:
        *d = 0;
        if (off >= SHA_ACC_DIGEST0 && off < SHA_ACC_DIGEST0 + 64 && !(off & 3u))
            *d = s->digest[(off - SHA_ACC_DIGEST0) / 4];
        return off < 0x1000u;
    }
}
