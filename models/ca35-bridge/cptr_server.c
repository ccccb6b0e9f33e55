/* CA35 bridge server core. See cptr_server.h and docs/bridge-protocol.md. */
#include "cptr_server.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define QCAP   2048u /* requests in flight (>= CPTR_BATCH_MAX + posted writes) */
#define RX_CAP 65536u
/* Busy-wait before blocking on a condition variable: a model access takes ~1 us, a futex
 * wake-up several. The I/O thread spins briefly for a completion (SPIN_NS); the owner spins
 * longer for the next request (OWNER_SPIN_NS), which catches a v1 client's next access without
 * sleeping. Measured with bench-bridge on the shared 2-core machine: no spin = 3.7x the raw
 * socket round trip, these values = 1.8x; yielding (sched_yield) instead of spinning was much
 * worse under load (threads starving each other, 300 us/access). */
#define SPIN_NS       3000
#define OWNER_SPIN_NS 30000

typedef struct {
    uint32_t rdata;
    uint8_t slverr;
} result_t;

struct cptr_server {
    cptr_server_cfg_t cfg;
    char *path;
    int lfd;
    int stop_pipe[2];
    pthread_t thr;
    bool thr_started;
    bool listening;
    atomic_bool stopping;
    atomic_bool attached;
    /* synchronous mode */
    const cptr_owner_ops_t *ops;
    void *ctx;
    /* queue mode */
    pthread_mutex_t mu;
    pthread_cond_t cv_req, cv_done;
    cptr_req_t q[QCAP];
    result_t res[QCAP];
    uint64_t head;              /* next id the owner takes (owner only) */
    _Atomic uint64_t tail;      /* next id to assign */
    _Atomic uint64_t completed; /* ids below this are complete */
    cptr_server_stats_t st;     /* under mu */
    /* I/O thread buffers */
    cptr_decoder_t dec;
    uint8_t *rx;
    uint8_t *tx;        /* 28 + CPTR_MBOX_MAX_DATA: the largest reply */
    uint8_t *mbox_resp; /* CPTR_MBOX_MAX_DATA */
    uint32_t (*batch_res)[2];
};

static void logf_(cptr_server_t *s, const char *fmt, ...) {
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (s->cfg.log)
        s->cfg.log(s->cfg.log_ctx, msg);
    else
        fprintf(stderr, "cptr-server: %s\n", msg);
}

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void cptr_server_default_cfg(cptr_server_cfg_t *cfg) {
    memset(cfg, 0, sizeof(*cfg));
    cfg->socket_path = NULL;
    cfg->pauser = CPTR_DEFAULT_PAUSER;
    cfg->enable_v2 = true;
    cfg->backlog = 4;
    cfg->time_mode = CPTR_TIME_IDLE_ADVANCE;
    /* estimate: 1 ms of wall idleness advances 1 ms of simulated time at 400 MHz, i.e. roughly
     * real time for an idle guest, while a polling guest is never idle. */
    cfg->idle_poll_us = 1000;
    cfg->idle_advance_cycles = 400000;
    cfg->realtime_cycles_per_us = 400; /* 400 MHz Caliptra clock (caliptra-1x.md §4) */
    cptr_mbox_seq_default_cfg(&cfg->mbox, cfg->pauser);
}

cptr_server_t *cptr_server_new(const cptr_server_cfg_t *cfg) {
    if (!cfg || !cfg->socket_path) return NULL;
    cptr_server_t *s = calloc(1, sizeof(*s));
    if (!s) return NULL;
    pthread_mutex_init(&s->mu, NULL);
    pthread_cond_init(&s->cv_req, NULL);
    pthread_cond_init(&s->cv_done, NULL);
    s->cfg = *cfg;
    s->cfg.mbox.pauser = cfg->pauser;
    s->path = strdup(cfg->socket_path);
    s->cfg.socket_path = s->path;
    s->lfd = -1;
    s->stop_pipe[0] = s->stop_pipe[1] = -1;
    s->rx = malloc(RX_CAP);
    s->tx = malloc(28 + CPTR_MBOX_MAX_DATA);
    s->mbox_resp = malloc(CPTR_MBOX_MAX_DATA);
    s->batch_res = malloc(sizeof(*s->batch_res) * CPTR_BATCH_MAX);
    if (!s->path || !s->rx || !s->tx || !s->mbox_resp || !s->batch_res ||
        pipe2(s->stop_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
        cptr_server_free(s);
        return NULL;
    }
    cptr_decoder_init(&s->dec, CPTR_ROLE_SERVER);
    return s;
}

void cptr_server_stop(cptr_server_t *s) {
    atomic_store(&s->stopping, true);
    if (s->stop_pipe[1] >= 0) {
        ssize_t r = write(s->stop_pipe[1], "x", 1);
        (void)r;
    }
    pthread_mutex_lock(&s->mu);
    pthread_cond_broadcast(&s->cv_req);
    pthread_cond_broadcast(&s->cv_done);
    pthread_mutex_unlock(&s->mu);
}

void cptr_server_free(cptr_server_t *s) {
    if (!s) return;
    if (s->thr_started) {
        cptr_server_stop(s);
        pthread_join(s->thr, NULL);
    }
    pthread_mutex_destroy(&s->mu);
    pthread_cond_destroy(&s->cv_req);
    pthread_cond_destroy(&s->cv_done);
    if (s->lfd >= 0) {
        close(s->lfd);
        unlink(s->path);
    }
    for (int i = 0; i < 2; i++)
        if (s->stop_pipe[i] >= 0) close(s->stop_pipe[i]);
    cptr_decoder_free(&s->dec);
    free(s->rx);
    free(s->tx);
    free(s->mbox_resp);
    free(s->batch_res);
    free(s->path);
    free(s);
}

const char *cptr_server_socket_path(const cptr_server_t *s) {
    return s->path;
}
bool cptr_server_attached(const cptr_server_t *s) {
    return atomic_load(&s->attached);
}

void cptr_server_get_stats(cptr_server_t *s, cptr_server_stats_t *out) {
    pthread_mutex_lock(&s->mu);
    *out = s->st;
    pthread_mutex_unlock(&s->mu);
}

uint64_t cptr_server_idle_cycles(const cptr_server_t *s, uint64_t idle_wall_us) {
    if (!cptr_server_attached(s)) return 0;
    switch (s->cfg.time_mode) {
    case CPTR_TIME_IDLE_ADVANCE:
        return s->cfg.idle_advance_cycles;
    case CPTR_TIME_REALTIME:
        if (idle_wall_us > 1000000u) /* at most 1 s per step: a stalled host does not jump */
            idle_wall_us = 1000000u;
        return idle_wall_us * s->cfg.realtime_cycles_per_us;
    case CPTR_TIME_AFAP:
    default:
        return 0;
    }
}

/* ---- socket ---- */

static int listen_socket(cptr_server_t *s) {
    struct sockaddr_un sa;
    struct stat sb;
    if (s->listening) return 0;
    memset(&sa, 0, sizeof sa);
    sa.sun_family = AF_UNIX;
    if (strlen(s->path) >= sizeof sa.sun_path) {
        logf_(s, "socket path too long: %s", s->path);
        return -ENAMETOOLONG;
    }
    strcpy(sa.sun_path, s->path);
    /* Stale socket file from an earlier run: remove it. Refuse to delete anything else. */
    if (lstat(s->path, &sb) == 0) {
        if (!S_ISSOCK(sb.st_mode)) {
            logf_(s, "%s exists and is not a socket", s->path);
            return -EEXIST;
        }
        unlink(s->path);
    }
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -errno;
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
        int e = errno;
        logf_(s, "bind %s: %s", s->path, strerror(e));
        close(fd);
        return -e;
    }
    /* Before listen() nobody can connect, so tightening the mode here leaves no window. */
    if (chmod(s->path, 0600) != 0 || listen(fd, s->cfg.backlog > 0 ? s->cfg.backlog : 1) != 0) {
        int e = errno;
        close(fd);
        unlink(s->path);
        return -e;
    }
    s->lfd = fd;
    s->listening = true;
    return 0;
}

static int send_all(int fd, const uint8_t *p, size_t n) {
    while (n) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* ---- queue ---- */

static void enqueue(cptr_server_t *s, cptr_req_t *r) {
    pthread_mutex_lock(&s->mu);
    while (atomic_load(&s->tail) - atomic_load(&s->completed) >= QCAP && !atomic_load(&s->stopping))
        pthread_cond_wait(&s->cv_done, &s->mu);
    r->id = atomic_load(&s->tail);
    s->q[r->id % QCAP] = *r;
    atomic_store(&s->tail, r->id + 1);
    pthread_cond_signal(&s->cv_req);
    pthread_mutex_unlock(&s->mu);
    if (s->cfg.on_request) s->cfg.on_request(s->cfg.on_request_ctx);
}

static bool wait_done(cptr_server_t *s, uint64_t id) {
    uint64_t t0 = now_ns();
    while (atomic_load(&s->completed) <= id) {
        if (atomic_load(&s->stopping)) return false;
        if (now_ns() - t0 > SPIN_NS) {
            pthread_mutex_lock(&s->mu);
            while (atomic_load(&s->completed) <= id && !atomic_load(&s->stopping))
                pthread_cond_wait(&s->cv_done, &s->mu);
            pthread_mutex_unlock(&s->mu);
        }
    }
    return true;
}

bool cptr_server_poll(cptr_server_t *s) {
    return atomic_load(&s->tail) > s->head;
}

bool cptr_server_next(cptr_server_t *s, cptr_req_t *req) {
    if (atomic_load(&s->tail) <= s->head) return false;
    pthread_mutex_lock(&s->mu);
    *req = s->q[s->head % QCAP];
    s->head++;
    pthread_mutex_unlock(&s->mu);
    return true;
}

bool cptr_server_wait(cptr_server_t *s, uint32_t timeout_us) {
    uint64_t t0 = now_ns();
    while (!cptr_server_poll(s)) {
        if (atomic_load(&s->stopping)) return false;
        uint64_t el = now_ns() - t0;
        if (el >= (uint64_t)timeout_us * 1000u) return false;
        if (el > OWNER_SPIN_NS) {
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            uint64_t left = (uint64_t)timeout_us * 1000u - el;
            ts.tv_sec += (time_t)(left / 1000000000u);
            ts.tv_nsec += (long)(left % 1000000000u);
            if (ts.tv_nsec >= 1000000000L) {
                ts.tv_sec++;
                ts.tv_nsec -= 1000000000L;
            }
            pthread_mutex_lock(&s->mu);
            int rc = 0;
            while (!cptr_server_poll(s) && !atomic_load(&s->stopping) && rc == 0)
                rc = pthread_cond_timedwait(&s->cv_req, &s->mu, &ts);
            pthread_mutex_unlock(&s->mu);
            return cptr_server_poll(s);
        }
    }
    return true;
}

void cptr_server_complete(cptr_server_t *s, uint64_t id, uint32_t rdata, bool slverr) {
    pthread_mutex_lock(&s->mu);
    s->res[id % QCAP].rdata = rdata;
    s->res[id % QCAP].slverr = slverr;
    s->st.accesses++;
    if (slverr) s->st.bus_errors++;
    atomic_store(&s->completed, id + 1);
    pthread_cond_broadcast(&s->cv_done);
    pthread_mutex_unlock(&s->mu);
}

/* ---- access execution (either mode) ---- */

static void make_req(cptr_server_t *s, cptr_req_t *r, uint8_t write, uint32_t addr, uint32_t data,
                     uint64_t delay, cptr_src_t src) {
    memset(r, 0, sizeof(*r));
    r->write = write;
    r->addr = addr;
    r->data = data;
    r->pauser = s->cfg.pauser;
    r->delay_cycles = delay;
    r->src = (uint8_t)src;
}

/* Posted: queue mode does not wait for the result. Returns false when stopping. */
static bool do_access(cptr_server_t *s, cptr_req_t *r, bool posted, uint32_t *rdata, bool *slverr) {
    if (s->ops) {
        uint32_t d = 0;
        if (r->delay_cycles && s->ops->advance) s->ops->advance(s->ctx, r->delay_cycles);
        pthread_mutex_lock(&s->mu);
        r->id = s->tail;
        atomic_store(&s->tail, r->id + 1);
        pthread_mutex_unlock(&s->mu);
        bool e = s->ops->access(s->ctx, r, &d);
        cptr_server_complete(s, r->id, d, e);
        s->head = r->id + 1;
        if (rdata) *rdata = e ? 0 : d;
        if (slverr) *slverr = e;
        return true;
    }
    enqueue(s, r);
    if (posted) return true;
    if (!wait_done(s, r->id)) return false;
    if (rdata) *rdata = s->res[r->id % QCAP].rdata;
    if (slverr) *slverr = s->res[r->id % QCAP].slverr;
    return true;
}

/* Returns 0, or -1 to drop the connection (write failure or stop). */
static int handle_frame(cptr_server_t *s, int fd, const cptr_frame_t *f) {
    cptr_req_t r;
    uint32_t rd = 0;
    bool err = false;
    size_t n = 0;
    cptr_src_t src = f->version == CPTR_V1 ? CPTR_SRC_V1 : CPTR_SRC_V2;
    pthread_mutex_lock(&s->mu);
    s->st.frames++;
    pthread_mutex_unlock(&s->mu);
    switch (f->cmd) {
    case CPTR_APB_READ:
        make_req(s, &r, 0, f->addr, 0, 0, src);
        if (!do_access(s, &r, false, &rd, &err)) return -1;
        n = cptr_encode_apb_rdata(s->tx, f->version, err ? CPTR_READ_ERROR : rd,
                                  err ? CPTR_BUS_SLVERR : CPTR_BUS_OK);
        break;
    case CPTR_APB_WRITE:
        make_req(s, &r, 1, f->addr, f->data, 0, src);
        if (!do_access(s, &r, false, NULL, &err)) return -1;
        n = cptr_encode_apb_wack(s->tx, f->version, err ? CPTR_BUS_SLVERR : CPTR_BUS_OK);
        break;
    case CPTR_APB_WRITE_POSTED:
        make_req(s, &r, 1, f->addr, f->data, 0, CPTR_SRC_POSTED);
        return do_access(s, &r, true, NULL, NULL) ? 0 : -1;
    case CPTR_HELLO:
        n = cptr_encode_hello_reply(s->tx, s->cfg.pauser, CPTR_MAX_PAYLOAD,
                                    CPTR_FEAT_POSTED | CPTR_FEAT_BATCH | CPTR_FEAT_MBOX);
        break;
    case CPTR_BATCH: {
        uint64_t first = 0;
        for (uint32_t i = 0; i < f->count; i++) {
            const uint8_t *e = f->bytes + 12 * i;
            make_req(s, &r, cptr_get32(e) == CPTR_OP_WRITE, cptr_get32(e + 4), cptr_get32(e + 8), 0,
                     CPTR_SRC_BATCH);
            if (s->ops) {
                if (!do_access(s, &r, false, &s->batch_res[i][0], &err)) return -1;
                s->batch_res[i][1] = err ? CPTR_BUS_SLVERR : CPTR_BUS_OK;
                if (err && !r.write) s->batch_res[i][0] = CPTR_READ_ERROR;
            } else {
                enqueue(s, &r); /* all at once: the owner executes them back to back */
                if (i == 0) first = r.id;
            }
        }
        if (!s->ops) {
            if (!wait_done(s, first + f->count - 1)) return -1;
            for (uint32_t i = 0; i < f->count; i++) {
                const result_t *x = &s->res[(first + i) % QCAP];
                bool w = cptr_get32(f->bytes + 12 * i) == CPTR_OP_WRITE;
                s->batch_res[i][0] = x->slverr && !w ? CPTR_READ_ERROR : (w ? 0 : x->rdata);
                s->batch_res[i][1] = x->slverr ? CPTR_BUS_SLVERR : CPTR_BUS_OK;
            }
        }
        n = cptr_encode_batch_result(s->tx, (const uint32_t(*)[2])s->batch_res, f->count);
        break;
    }
    case CPTR_MBOX_EXEC: {
        cptr_mbox_seq_t seq;
        cptr_access_t a;
        cptr_mbox_seq_init(&seq, &s->cfg.mbox, f->mbox_cmd, f->bytes, f->dlen, s->mbox_resp,
                           CPTR_MBOX_MAX_DATA);
        for (;;) {
            uint32_t burst = cptr_mbox_seq_burst(&seq);
            if (!s->ops && burst > 1) {
                /* DATAOUT words: queue them back to back, then feed the results in order. */
                uint64_t first = 0;
                if (burst > QCAP / 2) burst = QCAP / 2;
                for (uint32_t i = 0; i < burst; i++) {
                    make_req(s, &r, 0, s->cfg.mbox.mbox_base + 0x14u, 0, 0, CPTR_SRC_MBOX);
                    enqueue(s, &r);
                    if (i == 0) first = r.id;
                }
                if (!wait_done(s, first + burst - 1)) return -1;
                for (uint32_t i = 0; i < burst; i++) {
                    const result_t *x = &s->res[(first + i) % QCAP];
                    if (!cptr_mbox_seq_next(&seq, &a)) break;
                    cptr_mbox_seq_result(&seq, x->slverr ? 0 : x->rdata, x->slverr);
                }
                continue;
            }
            if (!cptr_mbox_seq_next(&seq, &a)) break;
            /* Queue mode posts the sequence's writes (the owner runs requests in order, and
             * the next read waits for them). Mailbox/soc_ifc writes with a PAUSER whose LOCK
             * read did not fault cannot fault either (PSLVERR is decided per window and
             * PAUSER, caliptra-1x.md §0), so nothing is lost by not waiting. */
            bool post = a.write && !s->ops;
            make_req(s, &r, a.write, a.addr, a.data, a.delay_cycles, CPTR_SRC_MBOX);
            rd = 0;
            err = false;
            if (!do_access(s, &r, post, &rd, &err)) return -1;
            cptr_mbox_seq_result(&seq, rd, err);
        }
        if (seq.recoveries) logf_(s, "mailbox: cleared a lock left by an earlier client");
        pthread_mutex_lock(&s->mu);
        s->st.mbox_cmds++;
        pthread_mutex_unlock(&s->mu);
        n = cptr_encode_mbox_result(s->tx, seq.result, seq.status, seq.fw_error, s->mbox_resp,
                                    seq.result == CPTR_MBOX_OK ? seq.resp_len : 0);
        break;
    }
    default:
        return -1; /* the decoder only yields request commands */
    }
    return send_all(fd, s->tx, n);
}

static bool stop_requested(cptr_server_t *s) {
    return atomic_load(&s->stopping);
}

static void serve_conn(cptr_server_t *s, int fd) {
    cptr_decoder_reset(&s->dec);
    uint64_t last = now_ns();
    bool idle_steps = s->ops && s->cfg.time_mode != CPTR_TIME_AFAP;
    for (;;) {
        struct pollfd p[2] = {{fd, POLLIN, 0}, {s->stop_pipe[0], POLLIN, 0}};
        struct timespec to = {(time_t)(s->cfg.idle_poll_us / 1000000u),
                              (long)(s->cfg.idle_poll_us % 1000000u) * 1000L};
        int pr = ppoll(p, 2, idle_steps ? &to : NULL, NULL);
        if (stop_requested(s)) return;
        if (pr < 0) {
            if (errno == EINTR) continue;
            return;
        }
        if (pr == 0) { /* idle: time policy (synchronous mode) */
            uint64_t t = now_ns();
            uint64_t c = cptr_server_idle_cycles(s, (t - last) / 1000u);
            last = t;
            if (c && s->ops->advance) s->ops->advance(s->ctx, c);
            pthread_mutex_lock(&s->mu);
            s->st.idle_polls++;
            pthread_mutex_unlock(&s->mu);
            continue;
        }
        ssize_t n = read(fd, s->rx, RX_CAP);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            if (cptr_decoder_eof(&s->dec) == CPTR_E_TRUNCATED) {
                logf_(s, "client closed inside a frame");
                pthread_mutex_lock(&s->mu);
                s->st.truncated++;
                pthread_mutex_unlock(&s->mu);
            }
            return;
        }
        size_t off = 0;
        while (off < (size_t)n) {
            size_t used = 0;
            cptr_frame_t f;
            cptr_err_t r = cptr_decoder_feed(&s->dec, s->rx + off, (size_t)n - off, &used, &f);
            off += used;
            if (r == CPTR_OK) {
                if (f.version == CPTR_V2 && !s->cfg.enable_v2) {
                    r = CPTR_E_BAD_VERSION;
                } else {
                    if (handle_frame(s, fd, &f) != 0) return;
                    continue;
                }
            }
            if (r == CPTR_NEED_MORE) break;
            /* Malformed: drop this connection, keep the model (qemu-bridge.md §1.5). */
            uint16_t ver = (uint16_t)(s->dec.hdr[4] | s->dec.hdr[5] << 8);
            logf_(s, "connection error: %s", cptr_err_name(r));
            pthread_mutex_lock(&s->mu);
            s->st.malformed++;
            pthread_mutex_unlock(&s->mu);
            if (ver == CPTR_V2 && s->cfg.enable_v2 && cptr_get32(s->dec.hdr) == CPTR_MAGIC) {
                size_t m = cptr_encode_error(s->tx, (uint32_t)r, 0);
                (void)send_all(fd, s->tx, m);
            }
            return;
        }
        last = now_ns();
    }
}

static void serve_loop(cptr_server_t *s) {
    while (!stop_requested(s)) {
        struct pollfd p[2] = {{s->lfd, POLLIN, 0}, {s->stop_pipe[0], POLLIN, 0}};
        int pr = poll(p, 2, -1);
        if (stop_requested(s)) break;
        if (pr < 0) continue;
        if (!(p[0].revents & POLLIN)) continue;
        int fd = accept4(s->lfd, NULL, NULL, SOCK_CLOEXEC);
        if (fd < 0) continue;
        pthread_mutex_lock(&s->mu);
        s->st.connections++;
        pthread_mutex_unlock(&s->mu);
        atomic_store(&s->attached, true);
        serve_conn(s, fd);
        atomic_store(&s->attached, false);
        close(fd);
    }
}

static void *io_thread(void *arg) {
    serve_loop((cptr_server_t *)arg);
    return NULL;
}

int cptr_server_start(cptr_server_t *s) {
    if (s->thr_started || s->ops) return -EBUSY;
    int rc = listen_socket(s);
    if (rc) return rc;
    if (pthread_create(&s->thr, NULL, io_thread, s) != 0) return -EAGAIN;
    s->thr_started = true;
    return 0;
}

int cptr_server_serve_with(cptr_server_t *s, const cptr_owner_ops_t *ops, void *ctx) {
    if (s->thr_started || !ops || !ops->access) return -EINVAL;
    int rc = listen_socket(s);
    if (rc) return rc;
    s->ops = ops;
    s->ctx = ctx;
    serve_loop(s);
    s->ops = NULL;
    return 0;
}
