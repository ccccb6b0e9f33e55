/* Caliptra host transport library (C11).
 *
 * Layers (seeds/001 host library design, libcaliptra porting layer):
 *   - command API: cptra_mbox_exec() runs one mailbox command with checksums (caliptra-1x.md
 *     §3.1) over any transport;
 *   - transport: an ops table with three porting functions (read_reg, write_reg, wait) and an
 *     optional whole-command fast path (mbox_exec). Without the fast path the command runs
 *     word by word with the SoC sender protocol (§1.3), including recovery of a lock left by
 *     an earlier client of the same PAUSER (docs/bridge-protocol.md §6);
 *   - implementations: the CPTR socket transport (v1 = APB words, v2 = one message per
 *     command), cptra_sock_open(). Other transports fill cptra_transport_ops_t.
 */
#ifndef CPTRA_TRANSPORT_H
#define CPTRA_TRANSPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum cptra_status {
    CPTRA_OK = 0,
    CPTRA_ERR_ARG = 1,          /* bad argument (length, buffer) */
    CPTRA_ERR_CONNECT = 2,      /* cannot connect (no socket, refused) */
    CPTRA_ERR_IO = 3,           /* connection lost / write failed */
    CPTRA_ERR_TIMEOUT = 4,      /* no reply in time, or command stayed busy */
    CPTRA_ERR_PROTOCOL = 5,     /* malformed reply, unexpected mailbox state, server error */
    CPTRA_ERR_BUS = 6,          /* PSLVERR (v2) or 0xDEADBEEF where impossible (v1) */
    CPTRA_ERR_LOCK = 7,         /* mailbox held by another agent */
    CPTRA_ERR_CMD_FAILURE = 8,  /* STATUS = CMD_FAILURE; see fw_err */
    CPTRA_ERR_CHECKSUM = 9,     /* response checksum mismatch */
    CPTRA_ERR_TOO_BIG = 10,     /* response larger than the buffer (truncated) */
    CPTRA_ERR_UNSUPPORTED = 11, /* e.g. server does not speak v2 */
} cptra_status_t;

const char *cptra_status_str(cptra_status_t s);

/* Porting layer. Return CPTRA_OK or an error. */
typedef struct cptra_transport_ops {
    cptra_status_t (*read_reg)(void *ctx, uint32_t addr, uint32_t *data);
    cptra_status_t (*write_reg)(void *ctx, uint32_t addr, uint32_t data);
    /* Called before STATUS re-polls and LOCK retries; `cycles` is the suggested Caliptra-clock
     * delay (a real-hardware port sleeps, the socket transport returns at once because the
     * simulation advances with each access). May be NULL. */
    cptra_status_t (*wait)(void *ctx, uint64_t cycles);
    /* Optional fast path: one whole mailbox command (request/response incl. checksum words).
     * *mbox_status gets the final STATUS; *fw_err the FW error code on CMD_FAILURE. */
    cptra_status_t (*mbox_exec)(void *ctx, uint32_t cmd, const uint8_t *req, uint32_t req_len,
                                uint8_t *resp, uint32_t resp_cap, uint32_t *resp_len,
                                uint32_t *fw_err);
    void (*close)(void *ctx);
} cptra_transport_ops_t;

typedef struct cptra_transport {
    const cptra_transport_ops_t *ops;
    void *ctx;
    uint32_t mbox_base;    /* Caliptra address of mbox_csr, 0x3002_0000 */
    uint32_t soc_ifc_base; /* 0x3003_0000 */
    uint32_t own_pauser;   /* PAUSER our accesses carry (stale-lock recovery) */
    uint64_t max_polls;    /* STATUS polls before CPTRA_ERR_TIMEOUT */
    uint32_t lock_retries;
    bool use_fast_path; /* use ops->mbox_exec when present */
} cptra_transport_t;

/* Wraps a user transport (defaults for bases, PAUSER 0x2, budgets). Free with _close. */
cptra_transport_t *cptra_transport_new(const cptra_transport_ops_t *ops, void *ctx);
void cptra_transport_close(cptra_transport_t *t);

cptra_status_t cptra_reg_read(cptra_transport_t *t, uint32_t addr, uint32_t *data);
cptra_status_t cptra_reg_write(cptra_transport_t *t, uint32_t addr, uint32_t data);

/* Checksum of caliptra-1x.md §3.1: 0 - (sum of the 4 LE bytes of cmd + sum of data bytes).
 * Requests: data = payload after the checksum field. Responses: cmd = 0. */
uint32_t cptra_checksum(uint32_t cmd, const void *data, size_t len);
/* buf starts with the 4-byte LE checksum field; verifies it covers buf[4..len). */
bool cptra_checksum_ok(uint32_t cmd, const void *buf, size_t len);

/* One mailbox command. `req` is the whole request (req_len >= 4) whose first 4 bytes are the
 * checksum field: the library fills it in (its input value is ignored). On success `resp`
 * holds the whole response (chksum, fips_status, ...) and its checksum has been verified.
 * CMD_FAILURE -> CPTRA_ERR_CMD_FAILURE with *fw_err = CPTRA_FW_ERROR_NON_FATAL.
 * fw_err and resp_len may be NULL. */
cptra_status_t cptra_mbox_exec(cptra_transport_t *t, uint32_t cmd, const void *req, size_t req_len,
                               void *resp, size_t resp_cap, size_t *resp_len, uint32_t *fw_err);
/* Same without checksum handling (FIRMWARE_LOAD carries none): bytes go out as given. */
cptra_status_t cptra_mbox_exec_raw(cptra_transport_t *t, uint32_t cmd, const void *req,
                                   size_t req_len, void *resp, size_t resp_cap, size_t *resp_len,
                                   uint32_t *fw_err);

/* ---- CPTR socket transport (docs/bridge-protocol.md) ---- */
typedef struct cptra_sock_stats {
    uint64_t frames_sent;
    uint64_t frames_received;
} cptra_sock_stats_t;

/* proto 1: every register access is one v1 frame; commands run word by word.
 * proto 2: v2 frames (bus status on replies) and MBOX_EXEC per command; a HELLO at open
 * checks v2 support (CPTRA_ERR_UNSUPPORTED otherwise) and learns the bridge PAUSER.
 * timeout_ms bounds every reply wait (0 = wait forever). */
cptra_status_t cptra_sock_open(cptra_transport_t **out, const char *path, int proto,
                               uint32_t timeout_ms);
void cptra_sock_get_stats(const cptra_transport_t *t, cptra_sock_stats_t *st);
/* v2 only: posted write (no reply). */
cptra_status_t cptra_sock_write_posted(cptra_transport_t *t, uint32_t addr, uint32_t data);

#ifdef __cplusplus
}
#endif

#endif
