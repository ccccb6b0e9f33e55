/* RFC 8554 LMS / LM-OTS, SHA-256/192 (n = 24), h = 15, w = 4. See cptra_lms.h. */
/* The low-level SHA-256 API is deprecated in OpenSSL 3 but is ~1.5x faster than EVP for the
 * millions of tiny one-block hashes a tree needs. */
#define OPENSSL_SUPPRESS_DEPRECATED
#include "cptra_lms.h"
#include "vp_bytes.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define N  CPTRA_LMS_N
#define H  CPTRA_LMS_H
#define P  CPTRA_LMS_P
#define W  4
#define LS 4

#define D_PBLC 0x8080u
#define D_MESG 0x8181u
#define D_LEAF 0x8282u
#define D_INTR 0x8383u

/* Signature field offsets. */
#define SIG_Q    0
#define SIG_OTS  4
#define SIG_C    8
#define SIG_Y    32
#define SIG_TYPE (SIG_Y + P * N) /* 1256 */
#define SIG_PATH (SIG_TYPE + 4)  /* 1260 */


/* SHA-256 compressions for a message of len bytes (with padding). */
static uint32_t sha256_blocks(size_t len) {
    return (uint32_t)((len + 9 + 63) / 64);
}

static void hash_final24(SHA256_CTX *c, uint8_t out[N]) {
    uint8_t full[32];
    SHA256_Final(full, c);
    memcpy(out, full, N);
}

/* coef(S, i, 4): the i-th nibble, most significant first. */
static unsigned coef(const uint8_t *s, unsigned i) {
    return (s[i / 2] >> (4 * (1 - (i & 1)))) & 0xF;
}

/* Q || Cksm(Q) as 26 bytes. */
static void q_with_cksum(const uint8_t q[N], uint8_t out[N + 2]) {
    unsigned sum = 0;
    for (unsigned i = 0; i < (8 * N) / W; i++)
        sum += 15u - coef(q, i);
    sum <<= LS;
    memcpy(out, q, N);
    out[N] = (uint8_t)(sum >> 8);
    out[N + 1] = (uint8_t)sum;
}

/* Chain steps j = from .. to-1: tmp = H(I || u32(q) || u16(i) || u8(j) || tmp). */
static void chain_fast(const uint8_t I[16], uint32_t q, unsigned i, unsigned from, unsigned to,
                       uint8_t tmp[N]) {
    uint8_t buf[16 + 4 + 2 + 1 + N];
    memcpy(buf, I, 16);
    put_be32(buf + 16, q);
    buf[20] = (uint8_t)(i >> 8);
    buf[21] = (uint8_t)i;
    for (unsigned j = from; j < to; j++) {
        SHA256_CTX c;
        buf[22] = (uint8_t)j;
        memcpy(buf + 23, tmp, N);
        SHA256_Init(&c);
        SHA256_Update(&c, buf, sizeof buf);
        hash_final24(&c, tmp);
    }
}

/* x_q[i] = H(I || u32(q) || u16(i) || 0xFF || SEED)  (RFC 8554 Appendix A) */
static void ots_priv(const uint8_t I[16], const uint8_t seed[N], uint32_t q, unsigned i,
                     uint8_t out[N]) {
    uint8_t buf[16 + 4 + 2 + 1 + N];
    SHA256_CTX c;
    memcpy(buf, I, 16);
    put_be32(buf + 16, q);
    buf[20] = (uint8_t)(i >> 8);
    buf[21] = (uint8_t)i;
    buf[22] = 0xFF;
    memcpy(buf + 23, seed, N);
    SHA256_Init(&c);
    SHA256_Update(&c, buf, sizeof buf);
    hash_final24(&c, out);
}

/* K = H(I || u32(q) || u16(D_PBLC) || z[0] || ... || z[p-1]) */
static void ots_pub_from_z(const uint8_t I[16], uint32_t q, const uint8_t z[P][N], uint8_t K[N]) {
    uint8_t hdr[22];
    SHA256_CTX c;
    memcpy(hdr, I, 16);
    put_be32(hdr + 16, q);
    hdr[20] = (uint8_t)(D_PBLC >> 8);
    hdr[21] = (uint8_t)D_PBLC;
    SHA256_Init(&c);
    SHA256_Update(&c, hdr, sizeof hdr);
    SHA256_Update(&c, z, (size_t)P * N);
    hash_final24(&c, K);
}

static void ots_pub(const uint8_t I[16], const uint8_t seed[N], uint32_t q, uint8_t K[N]) {
    uint8_t z[P][N];
    for (unsigned i = 0; i < P; i++) {
        ots_priv(I, seed, q, i, z[i]);
        chain_fast(I, q, i, 0, 15, z[i]);
    }
    ots_pub_from_z(I, q, z, K);
}

static void leaf_node(const uint8_t I[16], uint32_t r, const uint8_t K[N], uint8_t out[N]) {
    uint8_t buf[16 + 4 + 2 + N];
    SHA256_CTX c;
    memcpy(buf, I, 16);
    put_be32(buf + 16, r);
    buf[20] = (uint8_t)(D_LEAF >> 8);
    buf[21] = (uint8_t)D_LEAF;
    memcpy(buf + 22, K, N);
    SHA256_Init(&c);
    SHA256_Update(&c, buf, sizeof buf);
    hash_final24(&c, out);
}

static void inner_node(const uint8_t I[16], uint32_t r, const uint8_t *left, const uint8_t *right,
                       uint8_t out[N]) {
    uint8_t buf[16 + 4 + 2 + 2 * N];
    SHA256_CTX c;
    memcpy(buf, I, 16);
    put_be32(buf + 16, r);
    buf[20] = (uint8_t)(D_INTR >> 8);
    buf[21] = (uint8_t)D_INTR;
    memcpy(buf + 22, left, N);
    memcpy(buf + 22 + N, right, N);
    SHA256_Init(&c);
    SHA256_Update(&c, buf, sizeof buf);
    hash_final24(&c, out);
}

/* Q = H(I || u32(q) || u16(D_MESG) || C || msg) */
static void msg_hash(const uint8_t I[16], uint32_t q, const uint8_t C[N], const uint8_t *msg,
                     size_t len, uint8_t Q[N], uint32_t *blocks) {
    uint8_t hdr[22];
    SHA256_CTX c;
    memcpy(hdr, I, 16);
    put_be32(hdr + 16, q);
    hdr[20] = (uint8_t)(D_MESG >> 8);
    hdr[21] = (uint8_t)D_MESG;
    SHA256_Init(&c);
    SHA256_Update(&c, hdr, sizeof hdr);
    SHA256_Update(&c, C, N);
    if (len) SHA256_Update(&c, msg, len);
    hash_final24(&c, Q);
    if (blocks) *blocks += sha256_blocks(22 + N + len);
}

int cptra_lms_verify_ex(const uint8_t *msg, size_t msg_len, const uint8_t *pub /* 48 B */,
                        const uint8_t *sig, size_t sig_len, uint32_t *blocks) {
    if (!pub || !sig || (!msg && msg_len)) return CPTRA_LMS_E_MALFORMED;
    /* Algorithm types first: an unsupported type makes the length meaningless. */
    if (be32(pub) != CPTRA_LMS_SHA256_N24_H15 || be32(pub + 4) != CPTRA_LMOTS_SHA256_N24_W4)
        return CPTRA_LMS_E_ALGORITHM;
    if (sig_len < 8) return CPTRA_LMS_E_MALFORMED;
    if (be32(sig + SIG_OTS) != CPTRA_LMOTS_SHA256_N24_W4) return CPTRA_LMS_E_ALGORITHM;
    if (sig_len != CPTRA_LMS_SIG_LEN) return CPTRA_LMS_E_MALFORMED;
    if (be32(sig + SIG_TYPE) != CPTRA_LMS_SHA256_N24_H15) return CPTRA_LMS_E_ALGORITHM;
    uint32_t q = be32(sig + SIG_Q);
    if (q >= CPTRA_LMS_LEAVES) return CPTRA_LMS_E_MALFORMED;

    const uint8_t *I = pub + 8;
    uint8_t Q[N + 2], z[P][N], tmp[N];
    msg_hash(I, q, sig + SIG_C, msg, msg_len, Q, blocks);
    q_with_cksum(Q, Q);
    for (unsigned i = 0; i < P; i++) {
        memcpy(z[i], sig + SIG_Y + i * N, N);
        unsigned a = coef(Q, i);
        chain_fast(I, q, i, a, 15, z[i]);
        if (blocks) *blocks += (15u - a) * sha256_blocks(16 + 4 + 2 + 1 + N);
    }
    ots_pub_from_z(I, q, z, tmp);
    if (blocks) *blocks += sha256_blocks(22 + (size_t)P * N);

    uint32_t node = CPTRA_LMS_LEAVES + q;
    leaf_node(I, node, tmp, tmp);
    if (blocks) *blocks += sha256_blocks(22 + N);
    for (unsigned i = 0; node > 1; i++, node >>= 1) {
        const uint8_t *path = sig + SIG_PATH + i * N;
        if (node & 1)
            inner_node(I, node >> 1, path, tmp, tmp);
        else
            inner_node(I, node >> 1, tmp, path, tmp);
        if (blocks) *blocks += sha256_blocks(22 + 2 * N);
    }
    return CRYPTO_memcmp(tmp, pub + 24, N) == 0 ? CPTRA_LMS_OK : CPTRA_LMS_MISMATCH;
}

int cptra_lms_verify(const uint8_t *msg, size_t msg_len, const uint8_t *pub /* 48 B */,
                     const uint8_t *sig, size_t sig_len) {
    return cptra_lms_verify_ex(msg, msg_len, pub, sig, sig_len, NULL);
}

/* ---- tree ---- */

struct cptra_lms_tree {
    uint8_t priv[48];
    int sparse;
    uint32_t sparse_q;
    /* nodes[r] for r = 1 .. 2^(h+1)-1, RFC numbering (root = 1, leaves 2^h .. 2^(h+1)-1). */
    uint8_t nodes[2 * CPTRA_LMS_LEAVES][N];
};

static int priv_ok(const uint8_t *priv /* 48 B */) {
    return priv && be32(priv) == CPTRA_LMS_SHA256_N24_H15 &&
           be32(priv + 4) == CPTRA_LMOTS_SHA256_N24_W4;
}

/* Leaf computation dominates (32768 OTS public keys, ~25M SHA-256 calls): split it over a few
 * threads. Each thread owns a contiguous range of leaves; the result is identical. */
typedef struct {
    cptra_lms_tree_t *t;
    uint32_t lo, hi;
} leaf_job_t;

static void *leaf_worker(void *arg) {
    leaf_job_t *j = arg;
    cptra_lms_tree_t *t = j->t;
    const uint8_t *I = t->priv + 8, *seed = t->priv + 24;
    static const uint8_t zero[N];
    for (uint32_t q = j->lo; q < j->hi; q++) {
        uint8_t K[N];
        if (t->sparse && q != t->sparse_q)
            memcpy(K, zero, N);
        else
            ots_pub(I, seed, q, K);
        leaf_node(I, CPTRA_LMS_LEAVES + q, K, t->nodes[CPTRA_LMS_LEAVES + q]);
    }
    return NULL;
}

#define MAX_THREADS 4

static cptra_lms_tree_t *tree_build(const uint8_t *priv, int sparse, uint32_t sparse_q) {
    if (!priv_ok(priv) || (sparse && sparse_q >= CPTRA_LMS_LEAVES)) return NULL;
    cptra_lms_tree_t *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    memcpy(t->priv, priv, 48);
    t->sparse = sparse;
    t->sparse_q = sparse_q;
    long ncpu = sparse ? 1 : sysconf(_SC_NPROCESSORS_ONLN);
    int nt = ncpu < 1 ? 1 : ncpu > MAX_THREADS ? MAX_THREADS : (int)ncpu;
    leaf_job_t jobs[MAX_THREADS];
    pthread_t th[MAX_THREADS];
    int started[MAX_THREADS] = {0};
    for (int i = 0; i < nt; i++) {
        jobs[i].t = t;
        jobs[i].lo = CPTRA_LMS_LEAVES / (uint32_t)nt * (uint32_t)i;
        jobs[i].hi =
            i == nt - 1 ? CPTRA_LMS_LEAVES : CPTRA_LMS_LEAVES / (uint32_t)nt * (uint32_t)(i + 1);
        if (i > 0) started[i] = pthread_create(&th[i], NULL, leaf_worker, &jobs[i]) == 0;
    }
    leaf_worker(&jobs[0]);
    for (int i = 1; i < nt; i++) {
        if (started[i])
            pthread_join(th[i], NULL);
        else
            leaf_worker(&jobs[i]); /* could not start a thread: do it here */
    }
    const uint8_t *I = priv + 8;
    for (uint32_t r = CPTRA_LMS_LEAVES - 1; r >= 1; r--)
        inner_node(I, r, t->nodes[2 * r], t->nodes[2 * r + 1], t->nodes[r]);
    return t;
}

cptra_lms_tree_t *cptra_lms_tree_build(const uint8_t *priv /* 48 B */) {
    return tree_build(priv, 0, 0);
}

cptra_lms_tree_t *cptra_lms_tree_build_sparse(const uint8_t *priv /* 48 B */, uint32_t sparse_q) {
    return tree_build(priv, 1, sparse_q);
}

void cptra_lms_tree_free(cptra_lms_tree_t *t) {
    if (t) {
        OPENSSL_cleanse(t->priv, sizeof t->priv);
        free(t);
    }
}

void cptra_lms_tree_pub(const cptra_lms_tree_t *t, uint8_t pub[48]) {
    memcpy(pub, t->priv, 24); /* types + I */
    memcpy(pub + 24, t->nodes[1], N);
}

int cptra_lms_tree_sign(const cptra_lms_tree_t *t, uint32_t q, const uint8_t *msg, size_t msg_len,
                        uint8_t sig[1620]) {
    if (!t || !sig || (!msg && msg_len) || q >= CPTRA_LMS_LEAVES) return -1;
    if (t->sparse && q != t->sparse_q) return -1;
    const uint8_t *I = t->priv + 8, *seed = t->priv + 24;
    uint8_t Q[N + 2];
    put_be32(sig + SIG_Q, q);
    put_be32(sig + SIG_OTS, CPTRA_LMOTS_SHA256_N24_W4);
    if (RAND_bytes(sig + SIG_C, N) != 1) return -1;
    msg_hash(I, q, sig + SIG_C, msg, msg_len, Q, NULL);
    q_with_cksum(Q, Q);
    for (unsigned i = 0; i < P; i++) {
        uint8_t *y = sig + SIG_Y + i * N;
        ots_priv(I, seed, q, i, y);
        chain_fast(I, q, i, 0, coef(Q, i), y);
    }
    put_be32(sig + SIG_TYPE, CPTRA_LMS_SHA256_N24_H15);
    uint32_t node = CPTRA_LMS_LEAVES + q;
    for (unsigned i = 0; i < H; i++, node >>= 1)
        memcpy(sig + SIG_PATH + i * N, t->nodes[node ^ 1], N);
    return 0;
}

int cptra_lms_tree_serialize(const cptra_lms_tree_t *t, uint8_t *out, size_t cap) {
    if (!t || !out || cap < CPTRA_LMS_TREE_SERIALIZED_LEN || t->sparse) return -1;
    memcpy(out, "LMST", 4);
    put_be32(out + 4, 1);
    memcpy(out + 8, t->priv + 8, 16);
    memcpy(out + 24, t->nodes[1], (size_t)(2 * CPTRA_LMS_LEAVES - 1) * N);
    return 0;
}

cptra_lms_tree_t *cptra_lms_tree_deserialize(const uint8_t *priv, const uint8_t *buf, size_t len) {
    if (!priv_ok(priv) || !buf || len != CPTRA_LMS_TREE_SERIALIZED_LEN ||
        memcmp(buf, "LMST", 4) != 0 || be32(buf + 4) != 1 || memcmp(buf + 8, priv + 8, 16) != 0)
        return NULL;
    cptra_lms_tree_t *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    memcpy(t->priv, priv, 48);
    memcpy(t->nodes[1], buf + 24, (size_t)(2 * CPTRA_LMS_LEAVES - 1) * N);
    const uint8_t *I = priv + 8;
    for (uint32_t r = 1; r < CPTRA_LMS_LEAVES; r++) {
        uint8_t h[N];
        inner_node(I, r, t->nodes[2 * r], t->nodes[2 * r + 1], h);
        if (memcmp(h, t->nodes[r], N) != 0) {
            cptra_lms_tree_free(t);
            return NULL;
        }
    }
    return t;
}

int cptra_lms_priv_generate(uint8_t priv[48]) {
    if (!priv) return -1;
    put_be32(priv, CPTRA_LMS_SHA256_N24_H15);
    put_be32(priv + 4, CPTRA_LMOTS_SHA256_N24_W4);
    return RAND_bytes(priv + 8, 40) == 1 ? 0 : -1;
}

int cptra_lms_pub_from_priv(const uint8_t *priv /* 48 B */, uint8_t pub[48]) {
    cptra_lms_tree_t *t = cptra_lms_tree_build(priv);
    if (!t) return -1;
    cptra_lms_tree_pub(t, pub);
    cptra_lms_tree_free(t);
    return 0;
}

int cptra_lms_keygen(uint8_t priv[48], uint8_t pub[48]) {
    if (cptra_lms_priv_generate(priv) != 0) return -1;
    return cptra_lms_pub_from_priv(priv, pub);
}

int cptra_lms_sign(const uint8_t *priv /* 48 B */, uint32_t q, const uint8_t *msg, size_t msg_len,
                   uint8_t sig[1620]) {
    cptra_lms_tree_t *t = cptra_lms_tree_build(priv);
    if (!t) return -1;
    int rc = cptra_lms_tree_sign(t, q, msg, msg_len, sig);
    cptra_lms_tree_free(t);
    return rc;
}
