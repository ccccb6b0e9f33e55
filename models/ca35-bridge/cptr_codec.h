/* CPTR wire protocol codec (docs/bridge-protocol.md, spec/qemu-bridge.md §1).
 *
 * Pure C, no I/O, no allocation after init: encoders write into caller buffers, the decoder is
 * incremental (feed any number of bytes, get whole frames or a sticky error).
 *
 * Version 1 is the QEMU ast2700fc / caliptra-server protocol byte for byte: 12-byte LE header
 * (magic 0x43505452, u16 version = 1, u16 command, u32 payload_len), APB_READ/APB_RDATA and
 * APB_WRITE/APB_WACK with absolute Caliptra addresses and one 32-bit word per access.
 * Version 2 uses the same header with version = 2 on the same socket, chosen per message, and
 * adds bus status on replies, posted writes, batches, a one-round-trip mailbox command and HELLO.
 */
#ifndef CPTR_CODEC_H
#define CPTR_CODEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CPTR_MAGIC   0x43505452u /* wire bytes 52 54 50 43 ("RTPC") */
#define CPTR_HDR_LEN 12u
#define CPTR_V1      1u
#define CPTR_V2      2u

/* Largest payload_len accepted in any frame: QEMU's CALIPTRA_SOCKET_MAX_PAYLOAD (4 MiB).
 * Bytes beyond what a command uses are read and discarded (reference behaviour), never stored. */
#define CPTR_MAX_PAYLOAD (4u * 1024u * 1024u)
/* Mailbox SRAM size (caliptra-1x.md §0): bound of a v2 mailbox request/response. */
#define CPTR_MBOX_MAX_DATA 0x20000u
/* Entries per v2 batch. */
#define CPTR_BATCH_MAX 1024u

typedef enum cptr_cmd {
    /* v1 and v2 */
    CPTR_APB_READ = 3,  /* -> server: u32 addr */
    CPTR_APB_RDATA = 4, /* <- server: u32 data (v2: + u32 status) */
    CPTR_APB_WRITE = 5, /* -> server: u32 addr, u32 data */
    CPTR_APB_WACK = 6,  /* <- server: empty (v2: u32 status) */
    /* v2 only */
    CPTR_APB_WRITE_POSTED = 7, /* -> server: u32 addr, u32 data; no reply */
    CPTR_MBOX_EXEC = 8,        /* -> server: u32 cmd, u32 dlen, dlen bytes */
    CPTR_MBOX_RESULT = 9,      /* <- server: u32 result, status, fw_error, dlen, dlen bytes */
    CPTR_BATCH = 10,           /* -> server: u32 count, count x {u32 op, addr, data} */
    CPTR_BATCH_RESULT = 11,    /* <- server: u32 count, count x {u32 data, status} */
    CPTR_HELLO = 12,           /* -> server: empty */
    CPTR_HELLO_REPLY = 13,     /* <- server: u32 max_version, pauser, max_payload, features */
    CPTR_ERROR = 15,           /* <- server: u32 error kind (cptr_err_t), u32 detail */
} cptr_cmd_t;

/* v2 per-access bus status (APB_RDATA, APB_WACK, BATCH_RESULT) */
enum { CPTR_BUS_OK = 0, CPTR_BUS_SLVERR = 1 };

/* v2 BATCH op codes */
enum { CPTR_OP_READ = 0, CPTR_OP_WRITE = 1 };

/* v2 MBOX_RESULT.result */
typedef enum cptr_mbox_result {
    CPTR_MBOX_OK = 0,          /* DATA_READY (response attached) or CMD_COMPLETE (no data) */
    CPTR_MBOX_CMD_FAILURE = 1, /* STATUS = CMD_FAILURE; fw_error = CPTRA_FW_ERROR_NON_FATAL */
    CPTR_MBOX_LOCK_BUSY = 2,   /* another agent held the lock for the whole retry budget */
    CPTR_MBOX_BUS_ERROR = 3,   /* PSLVERR on a mailbox access (e.g. PAUSER not valid) */
    CPTR_MBOX_TIMEOUT = 4,     /* STATUS stayed CMD_BUSY for the whole poll budget */
    CPTR_MBOX_BAD_REQUEST = 5, /* dlen larger than the mailbox */
    CPTR_MBOX_PROTOCOL = 6,    /* mailbox in MBOX_ERROR or an unexpected state/response */
} cptr_mbox_result_t;

/* HELLO_REPLY.features bits */
#define CPTR_FEAT_POSTED 0x1u
#define CPTR_FEAT_BATCH  0x2u
#define CPTR_FEAT_MBOX   0x4u

/* Decoder outcome / error kinds (also the CPTR_ERROR frame's kind field). */
typedef enum cptr_err {
    CPTR_OK = 0,
    CPTR_NEED_MORE = 1, /* not an error: feed more bytes */
    CPTR_E_BAD_MAGIC = 2,
    CPTR_E_BAD_VERSION = 3,
    CPTR_E_UNKNOWN_CMD = 4,   /* not a command of this version and direction */
    CPTR_E_SHORT_PAYLOAD = 5, /* payload_len below the command's minimum */
    CPTR_E_OVERSIZED = 6,     /* payload_len above CPTR_MAX_PAYLOAD or the command's maximum */
    CPTR_E_BAD_PAYLOAD = 7,   /* v2 inner length/count inconsistent with payload_len */
    CPTR_E_TRUNCATED = 8,     /* stream ended inside a frame */
} cptr_err_t;

const char *cptr_err_name(cptr_err_t e);

/* Which side's frames the decoder accepts. */
typedef enum { CPTR_ROLE_SERVER = 0 /* decodes requests */, CPTR_ROLE_CLIENT = 1 } cptr_role_t;

/* A decoded frame. Pointers refer to the decoder's buffer: valid until the next feed. */
typedef struct cptr_frame {
    uint16_t version;
    uint16_t cmd;
    uint32_t payload_len; /* from the header (may exceed what the command uses) */
    /* APB_READ/WRITE/WRITE_POSTED: addr, data. RDATA: data, status. WACK: status. */
    uint32_t addr;
    uint32_t data;
    uint32_t status;
    /* MBOX_EXEC: mbox_cmd, dlen, bytes. MBOX_RESULT: result, status, fw_error, dlen, bytes. */
    uint32_t mbox_cmd;
    uint32_t result;
    uint32_t fw_error;
    uint32_t dlen;
    const uint8_t *bytes;
    /* BATCH / BATCH_RESULT: count entries at `bytes` (12 resp. 8 bytes each, LE) */
    uint32_t count;
    /* HELLO_REPLY */
    uint32_t max_version, pauser, max_payload, features;
    /* ERROR: status = kind, data = detail */
} cptr_frame_t;

typedef struct cptr_decoder {
    cptr_role_t role;
    cptr_err_t err; /* sticky error, CPTR_OK otherwise */
    uint8_t hdr[CPTR_HDR_LEN];
    uint32_t hdr_got;
    uint32_t keep; /* payload bytes stored */
    uint32_t got;  /* payload bytes consumed so far */
    uint8_t *buf;  /* payload storage (malloc'd once, grows up to the largest keep) */
    uint32_t buf_cap;
    uint64_t frames; /* frames decoded */
} cptr_decoder_t;

void cptr_decoder_init(cptr_decoder_t *d, cptr_role_t role);
void cptr_decoder_free(cptr_decoder_t *d);
void cptr_decoder_reset(cptr_decoder_t *d); /* new stream (keeps the buffer) */

/* Consume bytes from `data`. Returns CPTR_OK with *out filled when a frame completed
 * (*consumed tells how much input was used; feed the rest again), CPTR_NEED_MORE when all input
 * was consumed without completing a frame, or an error (sticky until reset). */
cptr_err_t cptr_decoder_feed(cptr_decoder_t *d, const uint8_t *data, size_t len, size_t *consumed,
                             cptr_frame_t *out);
/* The stream ended: CPTR_OK at a frame boundary, CPTR_E_TRUNCATED inside a frame. */
cptr_err_t cptr_decoder_eof(const cptr_decoder_t *d);
/* True when no partial frame is buffered. */
bool cptr_decoder_idle(const cptr_decoder_t *d);

/* ---- little-endian helpers ---- */
static inline void cptr_put32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}
static inline uint32_t cptr_get32(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* ---- encoders: return the frame length; `buf` must hold it (sizes below) ---- */
#define CPTR_APB_READ_LEN  16u
#define CPTR_APB_WRITE_LEN 20u
size_t cptr_encode_header(uint8_t *buf, uint16_t version, uint16_t cmd, uint32_t payload_len);
size_t cptr_encode_apb_read(uint8_t *buf, uint16_t version, uint32_t addr);
size_t cptr_encode_apb_write(uint8_t *buf, uint16_t version, uint32_t addr, uint32_t data);
size_t cptr_encode_apb_write_posted(uint8_t *buf, uint32_t addr, uint32_t data);
/* v1: 16 bytes, status ignored. v2: 20 bytes. */
size_t cptr_encode_apb_rdata(uint8_t *buf, uint16_t version, uint32_t data, uint32_t status);
/* v1: 12 bytes. v2: 16 bytes. */
size_t cptr_encode_apb_wack(uint8_t *buf, uint16_t version, uint32_t status);
/* 20 + dlen bytes */
size_t cptr_encode_mbox_exec(uint8_t *buf, uint32_t mbox_cmd, const uint8_t *data, uint32_t dlen);
/* 28 + dlen bytes */
size_t cptr_encode_mbox_result(uint8_t *buf, uint32_t result, uint32_t status, uint32_t fw_error,
                               const uint8_t *data, uint32_t dlen);
/* 16 + 12*count bytes; ops = count x {op, addr, data} */
size_t cptr_encode_batch(uint8_t *buf, const uint32_t (*ops)[3], uint32_t count);
/* 16 + 8*count bytes; res = count x {data, status} */
size_t cptr_encode_batch_result(uint8_t *buf, const uint32_t (*res)[2], uint32_t count);
size_t cptr_encode_hello(uint8_t *buf);
size_t cptr_encode_hello_reply(uint8_t *buf, uint32_t pauser, uint32_t max_payload,
                               uint32_t features);
size_t cptr_encode_error(uint8_t *buf, uint32_t kind, uint32_t detail);

#ifdef __cplusplus
}
#endif

#endif
