/* bench-bridge: latency of one APB access through the CPTR bridge vs a raw Unix-socket
 * ping-pong of the same size, measured in the same run; accesses per second (v1, v2 batch,
 * v2 posted); a CAPABILITIES command and a 1 KiB command in v1 (word by word) and v2 (one
 * message). Server in-process on its own thread (sync mode = serve_with; queue mode = I/O
 * thread + owner thread), the C hw model + test agent behind it. Not asserted.
 * Usage: bench-bridge [N] */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "cptr_server.h"
#include "cptr_test_agent.h"
#include "cptra_sim.h"
#include "cptra_transport.h"

#define PAUSER 0x2u

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ---- raw ping-pong: 16-byte request, 16-byte reply (the size of a v1 READ/RDATA) ---- */
static void *echo_thread(void *arg) {
    int fd = *(int *)arg;
    uint8_t b[16];
    for (;;) {
        size_t got = 0;
        while (got < 16) {
            ssize_t r = read(fd, b + got, 16 - got);
            if (r <= 0) return NULL;
            got += (size_t)r;
        }
        if (write(fd, b, 16) != 16) return NULL;
    }
}

static double raw_pingpong(int n) {
    char path[] = "/tmp/bench-raw-XXXXXX";
    int tmp = mkstemp(path);
    close(tmp);
    unlink(path);
    struct sockaddr_un sa;
    memset(&sa, 0, sizeof sa);
    sa.sun_family = AF_UNIX;
    snprintf(sa.sun_path, sizeof sa.sun_path, "%s", path);
    int l = socket(AF_UNIX, SOCK_STREAM, 0);
    if (bind(l, (struct sockaddr *)&sa, sizeof sa) || listen(l, 1)) return -1;
    int c = socket(AF_UNIX, SOCK_STREAM, 0);
    if (connect(c, (struct sockaddr *)&sa, sizeof sa)) return -1;
    int s = accept(l, NULL, NULL);
    pthread_t th;
    pthread_create(&th, NULL, echo_thread, &s);
    uint8_t b[16] = {0};
    double t0 = now_s();
    for (int i = 0; i < n; i++) {
        if (write(c, b, 16) != 16) return -1;
        size_t got = 0;
        while (got < 16) {
            ssize_t r = read(c, b + got, 16 - got);
            if (r <= 0) return -1;
            got += (size_t)r;
        }
    }
    double dt = now_s() - t0;
    close(c);
    pthread_join(th, NULL);
    close(s);
    close(l);
    unlink(path);
    return dt / n;
}

/* ---- in-process bridge ---- */
typedef struct {
    cptra_hw_t hw;
    cptra_uc_agent_t agent;
    cptra_sim_t *sim;
    cptr_server_t *srv;
    bool queue;
    atomic_bool stop;
    pthread_t th;
    char path[64];
} bed_t;

static bool acc(void *ctx, const cptr_req_t *r, uint32_t *rd) {
    bed_t *b = ctx;
    apb_resp_t x = r->write ? cptra_sim_write(b->sim, r->addr, r->data, r->pauser)
                            : cptra_sim_read(b->sim, r->addr, r->pauser);
    *rd = x.rdata;
    return x.slverr;
}
static void adv(void *ctx, uint64_t c) {
    cptra_sim_advance(((bed_t *)ctx)->sim, c);
}
static const cptr_owner_ops_t OPS = {acc, adv};

static void *owner_thread(void *arg) {
    bed_t *b = arg;
    if (!b->queue) {
        cptr_server_serve_with(b->srv, &OPS, b);
        return NULL;
    }
    while (!atomic_load(&b->stop)) {
        cptr_req_t r;
        if (cptr_server_wait(b->srv, 1000) && cptr_server_next(b->srv, &r)) {
            uint32_t d = 0;
            if (r.delay_cycles) cptra_sim_advance(b->sim, r.delay_cycles);
            bool e = acc(b, &r, &d);
            cptr_server_complete(b->srv, r.id, d, e);
        }
    }
    return NULL;
}

static void bed_start(bed_t *b, bool queue, uint64_t cmd_cycles) {
    memset(b, 0, sizeof(*b));
    cptra_model_cfg_t c;
    cptra_model_default_cfg(&c);
    b->hw = cptra_model_new(&c);
    cptr_test_agent_cfg_t ac;
    cptr_test_agent_default_cfg(&ac);
    ac.cmd_cycles = cmd_cycles;
    b->agent = cptr_test_agent_new(b->hw, &ac);
    b->sim = cptra_sim_new(b->hw, &b->agent);
    cptra_sim_power_on(b->sim);
    uint32_t v;
    cptra_sim_poll(b->sim, CPTRA_SOC_IFC_BASE + CPTRA_FLOW_STATUS, FLOW_STATUS_READY_FOR_FUSES,
                   FLOW_STATUS_READY_FOR_FUSES, PAUSER, 100000, &v);
    cptra_sim_write(b->sim, CPTRA_SOC_IFC_BASE + CPTRA_MBOX_VALID_PAUSER0, PAUSER, PAUSER);
    cptra_sim_write(b->sim, CPTRA_SOC_IFC_BASE + CPTRA_MBOX_PAUSER_LOCK0, 1, PAUSER);
    cptra_sim_write(b->sim, CPTRA_SOC_IFC_BASE + CPTRA_FUSE_WR_DONE, 1, PAUSER);
    cptra_sim_poll(b->sim, CPTRA_SOC_IFC_BASE + CPTRA_BOOT_STATUS, ~0u, 0x600, PAUSER, 1000000, &v);
    snprintf(b->path, sizeof b->path, "/tmp/bench-bridge-%d-%d.sock", (int)getpid(), queue);
    cptr_server_cfg_t cfg;
    cptr_server_default_cfg(&cfg);
    cfg.socket_path = b->path;
    cfg.time_mode = CPTR_TIME_AFAP;
    cfg.log = NULL;
    b->srv = cptr_server_new(&cfg);
    b->queue = queue;
    if (queue) cptr_server_start(b->srv);
    pthread_create(&b->th, NULL, owner_thread, b);
    for (int i = 0; i < 200 && access(b->path, F_OK) != 0; i++)
        usleep(5000);
}

static void bed_stop(bed_t *b) {
    atomic_store(&b->stop, true);
    cptr_server_stop(b->srv);
    pthread_join(b->th, NULL);
    cptr_server_free(b->srv);
    cptra_sim_free(b->sim);
    b->agent.ops->destroy(b->agent.ctx);
    b->hw.ops->destroy(b->hw.ctx);
}

static double reads(cptra_transport_t *t, int n) {
    uint32_t d;
    double t0 = now_s();
    for (int i = 0; i < n; i++)
        cptra_reg_read(t, CPTRA_SOC_IFC_BASE + CPTRA_BOOT_STATUS, &d);
    return (now_s() - t0) / n;
}

static double posted(cptra_transport_t *t, int n) {
    uint32_t d;
    double t0 = now_s();
    for (int i = 0; i < n; i++)
        cptra_sock_write_posted(t, CPTRA_SOC_IFC_BASE + CPTRA_FW_EXTENDED_ERROR_INFO0, (uint32_t)i);
    cptra_reg_read(t, CPTRA_SOC_IFC_BASE + CPTRA_BOOT_STATUS, &d); /* drain */
    return (now_s() - t0) / (n + 1);
}

static double batch(const char *path, int n) {
    struct sockaddr_un sa;
    memset(&sa, 0, sizeof sa);
    sa.sun_family = AF_UNIX;
    snprintf(sa.sun_path, sizeof sa.sun_path, "%s", path);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa)) return -1;
    enum { K = 256 };
    static uint32_t ops[K][3];
    static uint8_t b[16 + 12 * K], r[16 + 8 * K];
    for (int i = 0; i < K; i++) {
        ops[i][0] = CPTR_OP_READ;
        ops[i][1] = CPTRA_SOC_IFC_BASE + CPTRA_BOOT_STATUS;
    }
    size_t len = cptr_encode_batch(b, (const uint32_t(*)[3])ops, K);
    int rounds = n / K > 0 ? n / K : 1;
    double t0 = now_s();
    for (int i = 0; i < rounds; i++) {
        if (write(fd, b, len) != (ssize_t)len) return -1;
        size_t got = 0;
        while (got < sizeof r) {
            ssize_t x = read(fd, r + got, sizeof r - got);
            if (x <= 0) return -1;
            got += (size_t)x;
        }
    }
    double dt = now_s() - t0;
    close(fd);
    return dt / (rounds * K);
}

static double command(cptra_transport_t *t, uint32_t cmd, size_t len, int n, uint64_t *frames) {
    static uint8_t req[1024], resp[2048];
    size_t rl;
    for (size_t i = 4; i < len; i++)
        req[i] = (uint8_t)i;
    cptra_sock_stats_t s0, s1;
    cptra_sock_get_stats(t, &s0);
    double t0 = now_s();
    for (int i = 0; i < n; i++) {
        cptra_status_t st = cptra_mbox_exec(t, cmd, req, len, resp, sizeof resp, &rl, NULL);
        if (st != CPTRA_OK) {
            fprintf(stderr, "command failed: %s\n", cptra_status_str(st));
            return -1;
        }
    }
    double dt = now_s() - t0;
    cptra_sock_get_stats(t, &s1);
    *frames = (s1.frames_sent - s0.frames_sent) / (uint64_t)n;
    return dt / n;
}

/* Latency figures are the minimum over ROUNDS interleaved rounds (raw, v1, v2 alternate), which
 * filters the noise of a shared machine; the median is printed too. */
#define ROUNDS 7

static int cmp_d(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

typedef struct {
    double v[ROUNDS];
    int n;
} stat_t;
static void add(stat_t *s, double x) {
    s->v[s->n++] = x;
}
static double smin(stat_t *s) {
    qsort(s->v, (size_t)s->n, sizeof(double), cmp_d);
    return s->v[0];
}
static double smed(stat_t *s) {
    qsort(s->v, (size_t)s->n, sizeof(double), cmp_d);
    return s->v[s->n / 2];
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 20000;
    if (n < 700) n = 700;
    int per = n / ROUNDS;
    printf("bench-bridge: %d accesses per figure in %d interleaved rounds; min (median) per "
           "round; wall clock, not asserted\n",
           per * ROUNDS, ROUNDS);
    for (int q = 0; q <= 1; q++) {
        bed_t b;
        bed_start(&b, q, 200);
        printf("-- server %s mode (AFAP time, test agent busy 200 cycles/command)\n",
               q ? "queue (I/O thread + owner thread)" : "sync (serve_with)");
        stat_t raw = {0}, r1 = {0}, r2 = {0}, p2 = {0}, bt = {0}, c1 = {0}, c2 = {0}, e1 = {0},
               e2 = {0};
        uint64_t f1 = 0, f2 = 0, f3 = 0, f4 = 0;
        for (int r = 0; r < ROUNDS; r++) {
            add(&raw, raw_pingpong(per));
            cptra_transport_t *t = NULL;
            if (cptra_sock_open(&t, b.path, 1, 5000) != CPTRA_OK) {
                fprintf(stderr, "v1 open failed\n");
                return 1;
            }
            add(&r1, reads(t, per));
            add(&c1, command(t, 0x43415053u, 4, per / 100 + 1, &f1));
            add(&e1, command(t, 0x4543484Fu, 1024, per / 500 + 1, &f3));
            cptra_transport_close(t);
            if (cptra_sock_open(&t, b.path, 2, 5000) != CPTRA_OK) {
                fprintf(stderr, "v2 open failed\n");
                return 1;
            }
            add(&r2, reads(t, per));
            add(&p2, posted(t, per));
            add(&c2, command(t, 0x43415053u, 4, per / 100 + 1, &f2));
            add(&e2, command(t, 0x4543484Fu, 1024, per / 500 + 1, &f4));
            cptra_transport_close(t);
            add(&bt, batch(b.path, per));
        }
        double rw = smin(&raw);
        printf("raw unix-socket ping-pong (16 B each way):  %9.2f us (%9.2f)\n", rw * 1e6,
               smed(&raw) * 1e6);
        double a = smin(&r1);
        printf("v1 APB read through the bridge:             %9.2f us (%9.2f)  %.2fx raw, %.0f "
               "accesses/s\n",
               a * 1e6, smed(&r1) * 1e6, a / rw, 1 / a);
        a = smin(&r2);
        printf("v2 APB read:                                %9.2f us (%9.2f)  %.2fx raw\n", a * 1e6,
               smed(&r2) * 1e6, a / rw);
        a = smin(&p2);
        printf("v2 posted write:                            %9.2f us (%9.2f)  %.0f accesses/s\n",
               a * 1e6, smed(&p2) * 1e6, 1 / a);
        a = smin(&bt);
        printf("v2 batch of 256 reads, per access:          %9.2f us (%9.2f)  %.0f accesses/s\n",
               a * 1e6, smed(&bt) * 1e6, 1 / a);
        printf("CAPABILITIES v1 (word by word, %3llu frames): %9.2f us (%9.2f)\n",
               (unsigned long long)f1, smin(&c1) * 1e6, smed(&c1) * 1e6);
        printf("CAPABILITIES v2 (one message, %llu frame):    %9.2f us (%9.2f)\n",
               (unsigned long long)f2, smin(&c2) * 1e6, smed(&c2) * 1e6);
        printf("1 KiB ECHO v1 (word by word, %3llu frames):   %9.2f us (%9.2f)\n",
               (unsigned long long)f3, smin(&e1) * 1e6, smed(&e1) * 1e6);
        printf("1 KiB ECHO v2 (one message, %llu frame):      %9.2f us (%9.2f)\n",
               (unsigned long long)f4, smin(&e2) * 1e6, smed(&e2) * 1e6);
        bed_stop(&b);
    }
    return 0;
}
