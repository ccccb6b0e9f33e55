/* CA35 bridge server core: QEMU ast2700fc Caliptra socket protocol (CPTR v1, byte-compatible
 * with caliptra-server) plus the v2 extension (docs/bridge-protocol.md).
 *
 * Lifecycle. cptr_server_new() only stores the configuration. The socket file is created
 * (stale file removed, mode 0600) and listened on when the owner calls cptr_server_start()
 * (queue mode) or cptr_server_serve_with() (synchronous mode); the platform does that once
 * Caliptra is runtime-ready (CPTRA_BOOT_STATUS = 0x600, qemu-bridge.md §3.3). One client is
 * served at a time; a second waits in the listen backlog. A malformed frame drops that
 * connection (v2 frames get a CPTR_ERROR frame first) and the next client is served; the model
 * is never reset by the bridge, so reconnecting keeps Caliptra's state.
 *
 * Queue mode (the platform). Socket I/O runs on the server's own thread. Every APB access that
 * a frame implies (v1 read/write, v2 read/write/posted/batch entries, and each access of the
 * mailbox sequence a v2 MBOX_EXEC expands to) is queued; the owner (the simulation thread)
 * takes them with cptr_server_next() and answers with cptr_server_complete(), in order, so
 * accesses enter the APB path in simulation context. A bus error (PSLVERR) answers 0xDEADBEEF
 * on v1 reads and WACK on v1 writes, as the reference backend does; v2 replies carry a status.
 *
 * Synchronous mode (tests, tools). cptr_server_serve_with() runs the same protocol loop on the
 * calling thread and performs each access immediately through owner callbacks.
 *
 * Time policy (knobs in cptr_server_cfg_t; the SystemC shell implements them in queue mode):
 *   CPTR_TIME_IDLE_ADVANCE (default): while a client is attached and no request arrives for
 *     idle_poll_us of wall time, the owner lets idle_advance_cycles of simulated time pass, so
 *     a command's busy period completes while the guest polls STATUS (a busy guest polls
 *     anyway: every access costs APB cycles). No client attached: time does not advance, like
 *     the reference server frozen in accept().
 *   CPTR_TIME_REALTIME: on each idle poll, simulated time advances by the wall time elapsed
 *     since the last request times realtime_cycles_per_us (400 = real time at 400 MHz).
 *   CPTR_TIME_AFAP: simulated time advances only through accesses and their delay_cycles
 *     (STATUS-poll and lock-retry delays of the v2 mailbox sequence): as fast as possible and
 *     deterministic for a given request stream.
 * Every request also carries delay_cycles: simulated time to let pass before the access.
 */
#ifndef CPTR_SERVER_H
#define CPTR_SERVER_H

#include <stdbool.h>
#include <stdint.h>

#include "cptr_codec.h"
#include "cptr_mbox_seq.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Default PAUSER the bridge stamps on CA35 accesses (not on the wire: qemu-bridge.md §5).
 * Our choice: one of the hw-model's valid PAUSERs [0..4]; the platform locks it in a
 * CPTRA_MBOX_VALID_PAUSER slot. Configurable. */
#define CPTR_DEFAULT_PAUSER 0x00000002u
#define CPTR_READ_ERROR     0xDEADBEEFu /* RDATA on PSLVERR (qemu-bridge.md §1.5) */

typedef enum cptr_time_mode {
    CPTR_TIME_IDLE_ADVANCE = 0,
    CPTR_TIME_REALTIME = 1,
    CPTR_TIME_AFAP = 2,
} cptr_time_mode_t;

typedef struct cptr_server_cfg {
    const char *socket_path; /* copied by cptr_server_new */
    uint32_t pauser;         /* PAUSER of every bridge access */
    bool enable_v2;          /* false: v2 frames are "bad version" (pure v1 server) */
    int backlog;             /* listen() backlog: clients waiting their turn */
    cptr_time_mode_t time_mode;
    uint32_t idle_poll_us;           /* wall period after which an attached client is "idle" */
    uint64_t idle_advance_cycles;    /* IDLE_ADVANCE: simulated cycles per idle poll */
    uint32_t realtime_cycles_per_us; /* REALTIME: simulated cycles per wall microsecond */
    cptr_mbox_seq_cfg_t mbox;        /* v2 MBOX_EXEC sequence (pauser filled from .pauser) */
    /* Queue mode, optional: called on the I/O thread after each request is queued, so an
     * owner that does not block in cptr_server_wait() can be woken (a SystemC shell calls
     * sc_prim_channel::async_request_update() here). Must be thread-safe and must not call
     * back into the server. */
    void (*on_request)(void *ctx);
    void *on_request_ctx;
    void (*log)(void *ctx, const char *msg); /* optional; NULL = stderr */
    void *log_ctx;
} cptr_server_cfg_t;

void cptr_server_default_cfg(cptr_server_cfg_t *cfg);

/* Where an access came from (statistics, traces). */
typedef enum {
    CPTR_SRC_V1,
    CPTR_SRC_V2,
    CPTR_SRC_POSTED,
    CPTR_SRC_BATCH,
    CPTR_SRC_MBOX
} cptr_src_t;

typedef struct cptr_req {
    uint64_t id;           /* monotonically increasing; complete in order */
    uint8_t write;         /* 1 = write */
    uint32_t addr;         /* absolute Caliptra address (0x3002_0000..0x3003_FFFF) */
    uint32_t data;         /* write data */
    uint32_t pauser;       /* the bridge's PAUSER */
    uint64_t delay_cycles; /* simulated time to let pass before performing the access */
    uint8_t src;           /* cptr_src_t */
} cptr_req_t;

typedef struct cptr_server_stats {
    uint64_t connections;
    uint64_t frames;
    uint64_t accesses;
    uint64_t bus_errors;
    uint64_t malformed;  /* connections dropped for a malformed frame */
    uint64_t truncated;  /* connections that ended inside a frame */
    uint64_t mbox_cmds;  /* v2 MBOX_EXEC executed */
    uint64_t idle_polls; /* sync mode: idle time-policy steps taken */
} cptr_server_stats_t;

typedef struct cptr_server cptr_server_t;

cptr_server_t *cptr_server_new(const cptr_server_cfg_t *cfg);
/* Stops (if running), joins the I/O thread, closes and unlinks the socket file. */
void cptr_server_free(cptr_server_t *s);

/* Queue mode: create/listen the socket and start the I/O thread. 0 or -errno. */
int cptr_server_start(cptr_server_t *s);
/* Thread-safe; ends the I/O thread / serve_with loop, wakes a waiting owner. */
void cptr_server_stop(cptr_server_t *s);

/* Owner side (queue mode), all from the simulation thread. */
bool cptr_server_poll(cptr_server_t *s);                  /* a request is waiting */
bool cptr_server_next(cptr_server_t *s, cptr_req_t *req); /* take it (non-blocking) */
/* Block until a request is waiting (true), timeout_us passed or stop (false). */
bool cptr_server_wait(cptr_server_t *s, uint32_t timeout_us);
/* Answer the request taken last (rdata ignored for writes). */
void cptr_server_complete(cptr_server_t *s, uint64_t id, uint32_t rdata, bool slverr);
bool cptr_server_attached(const cptr_server_t *s);
/* Idle step for the owner: cycles to advance now under the configured time policy, given
 * that the last request was taken `idle_wall_us` of wall time ago (0 when AFAP / detached). */
uint64_t cptr_server_idle_cycles(const cptr_server_t *s, uint64_t idle_wall_us);

/* Synchronous mode: callbacks performed on the calling thread. */
typedef struct cptr_owner_ops {
    /* Perform one APB access now; store read data in *rdata; return true on PSLVERR. */
    bool (*access)(void *ctx, const cptr_req_t *req, uint32_t *rdata);
    /* Let `cycles` of simulated time pass (delay_cycles and idle policy). May be NULL. */
    void (*advance)(void *ctx, uint64_t cycles);
} cptr_owner_ops_t;

/* Listens (creating the socket like cptr_server_start) and serves clients on the calling
 * thread until cptr_server_stop(). 0 or -errno. Do not combine with cptr_server_start. */
int cptr_server_serve_with(cptr_server_t *s, const cptr_owner_ops_t *ops, void *ctx);

void cptr_server_get_stats(cptr_server_t *s, cptr_server_stats_t *out);
const char *cptr_server_socket_path(const cptr_server_t *s);

#ifdef __cplusplus
}
#endif

#endif
