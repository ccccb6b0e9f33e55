/* cptr-testserver: serves the CPTR protocol (v1 + v2) against the C Caliptra hw model with the
 * tiny test uC agent. For bridge tests and for the lead's integration until the firmware model
 * is wired in. Powers the model up, locks a mailbox PAUSER slot for the bridge PAUSER, waits
 * for runtime-ready (BOOT_STATUS 0x600) and only then listens (qemu-bridge.md §3.3, §5). */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cptr_server.h"
#include "cptr_test_agent.h"
#include "cptra_hw.h"
#include "cptra_sim.h"

static const char usage[] =
    "usage: cptr-testserver --socket PATH [options]\n"
    "  --pauser N        PAUSER stamped on bridge accesses (default 0x2)\n"
    "  --mode queue|sync queue: I/O thread + owner loop (default); sync: serve_with\n"
    "  --time idle|realtime|afap   time policy while a client is attached (default idle)\n"
    "  --idle-cycles N   cycles per idle poll (default 400000)\n"
    "  --cmd-cycles N    test agent busy time per command (default 2000)\n"
    "  --v1-only         reject version-2 frames\n"
    "  --quiet           no per-connection log\n";

typedef struct {
    cptra_sim_t *sim;
    uint64_t accesses;
} owner_t;

static atomic_bool g_stop;
static cptr_server_t *g_srv;
static bool g_quiet;

static bool access_cb(void *ctx, const cptr_req_t *r, uint32_t *rdata) {
    owner_t *o = ctx;
    apb_resp_t resp = r->write ? cptra_sim_write(o->sim, r->addr, r->data, r->pauser)
                               : cptra_sim_read(o->sim, r->addr, r->pauser);
    *rdata = resp.rdata;
    o->accesses++;
    return resp.slverr != 0;
}

static void advance_cb(void *ctx, uint64_t cycles) {
    owner_t *o = ctx;
    cptra_sim_advance(o->sim, cycles);
}

static void quiet_log(void *ctx, const char *msg) {
    (void)ctx;
    if (!g_quiet) fprintf(stderr, "cptr-testserver: %s\n", msg);
}

static void *signal_thread(void *arg) {
    sigset_t *set = arg;
    int sig = 0;
    sigwait(set, &sig);
    atomic_store(&g_stop, true);
    if (g_srv) cptr_server_stop(g_srv);
    return NULL;
}

static bool parse_u64(const char *s, uint64_t *v) {
    char *end;
    errno = 0;
    unsigned long long x = strtoull(s, &end, 0);
    if (errno || end == s || *end) return false;
    *v = x;
    return true;
}

int main(int argc, char **argv) {
    const char *path = NULL;
    uint64_t pauser = CPTR_DEFAULT_PAUSER, idle_cycles = 400000, cmd_cycles = 2000;
    bool sync_mode = false, v1_only = false;
    cptr_time_mode_t tm = CPTR_TIME_IDLE_ADVANCE;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        bool ok = true;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage, stdout);
            return 0;
        } else if (!strcmp(a, "--socket") && v) {
            path = v, i++;
        } else if (!strcmp(a, "--pauser") && v) {
            ok = parse_u64(v, &pauser) && pauser <= 0xFFFFFFFFu, i++;
        } else if (!strcmp(a, "--idle-cycles") && v) {
            ok = parse_u64(v, &idle_cycles), i++;
        } else if (!strcmp(a, "--cmd-cycles") && v) {
            ok = parse_u64(v, &cmd_cycles), i++;
        } else if (!strcmp(a, "--mode") && v) {
            ok = !strcmp(v, "sync") || !strcmp(v, "queue");
            sync_mode = !strcmp(v, "sync"), i++;
        } else if (!strcmp(a, "--time") && v) {
            if (!strcmp(v, "idle"))
                tm = CPTR_TIME_IDLE_ADVANCE;
            else if (!strcmp(v, "realtime"))
                tm = CPTR_TIME_REALTIME;
            else if (!strcmp(v, "afap"))
                tm = CPTR_TIME_AFAP;
            else
                ok = false;
            i++;
        } else if (!strcmp(a, "--v1-only")) {
            v1_only = true;
        } else if (!strcmp(a, "--quiet")) {
            g_quiet = true;
        } else {
            ok = false;
        }
        if (!ok) {
            fprintf(stderr, "cptr-testserver: bad argument '%s'\n%s", a, usage);
            return 2;
        }
    }
    if (!path) {
        fprintf(stderr, "cptr-testserver: --socket is required\n%s", usage);
        return 2;
    }

    /* Signals go to one thread that asks the server to stop. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);

    cptra_model_cfg_t mcfg;
    cptra_model_default_cfg(&mcfg);
    cptra_hw_t hw = cptra_model_new(&mcfg);
    cptr_test_agent_cfg_t acfg;
    cptr_test_agent_default_cfg(&acfg);
    acfg.cmd_cycles = cmd_cycles;
    cptra_uc_agent_t agent = cptr_test_agent_new(hw, &acfg);
    owner_t own = {cptra_sim_new(hw, &agent), 0};
    if (!hw.ops || !agent.ctx || !own.sim) {
        fprintf(stderr, "cptr-testserver: out of memory\n");
        return 1;
    }

    /* SoC boot: PAUSER slot 0 for the bridge, fuses done, wait for runtime-ready. */
    const uint32_t pu = (uint32_t)pauser;
    uint32_t bs = 0;
    cptra_sim_power_on(own.sim);
    if (!cptra_sim_poll(own.sim, CPTRA_SOC_IFC_BASE + CPTRA_FLOW_STATUS,
                        FLOW_STATUS_READY_FOR_FUSES, FLOW_STATUS_READY_FOR_FUSES, pu, 100000u,
                        &bs)) {
        fprintf(stderr, "cptr-testserver: ready_for_fuses not seen, flow_status=0x%x\n", bs);
        return 1;
    }
    cptra_sim_write(own.sim, CPTRA_SOC_IFC_BASE + CPTRA_MBOX_VALID_PAUSER0, pu, pu);
    cptra_sim_write(own.sim, CPTRA_SOC_IFC_BASE + CPTRA_MBOX_PAUSER_LOCK0, 1, pu);
    cptra_sim_write(own.sim, CPTRA_SOC_IFC_BASE + CPTRA_FUSE_WR_DONE, 1, pu);
    if (!cptra_sim_poll(own.sim, CPTRA_SOC_IFC_BASE + CPTRA_BOOT_STATUS, 0xFFFFFFFFu,
                        CPTR_RT_READY_BOOT_STATUS, pu, 10000000u, &bs)) {
        fprintf(stderr, "cptr-testserver: boot timeout, boot_status=0x%x\n", bs);
        return 1;
    }

    cptr_server_cfg_t cfg;
    cptr_server_default_cfg(&cfg);
    cfg.socket_path = path;
    cfg.pauser = pu;
    cfg.enable_v2 = !v1_only;
    cfg.time_mode = tm;
    cfg.idle_advance_cycles = idle_cycles;
    cfg.log = quiet_log;
    g_srv = cptr_server_new(&cfg);
    if (!g_srv) {
        fprintf(stderr, "cptr-testserver: cannot create server\n");
        return 1;
    }
    pthread_t sig_thr;
    pthread_create(&sig_thr, NULL, signal_thread, &set);

    static const cptr_owner_ops_t ops = {access_cb, advance_cb};
    int rc = 0;
    if (sync_mode) {
        printf("cptr-testserver: runtime ready at cycle %llu, listening on %s\n",
               (unsigned long long)cptra_sim_now(own.sim), path);
        fflush(stdout);
        rc = cptr_server_serve_with(g_srv, &ops, &own);
    } else if ((rc = cptr_server_start(g_srv)) == 0) {
        printf("cptr-testserver: runtime ready at cycle %llu, listening on %s\n",
               (unsigned long long)cptra_sim_now(own.sim), path);
        fflush(stdout);
        /* The owner loop: the simulation thread takes queued accesses in order. */
        struct timespec last;
        clock_gettime(CLOCK_MONOTONIC, &last);
        while (!atomic_load(&g_stop)) {
            cptr_req_t r;
            if (cptr_server_wait(g_srv, cfg.idle_poll_us) && cptr_server_next(g_srv, &r)) {
                uint32_t d = 0;
                if (r.delay_cycles) cptra_sim_advance(own.sim, r.delay_cycles);
                bool e = access_cb(&own, &r, &d);
                cptr_server_complete(g_srv, r.id, e ? 0 : d, e);
                clock_gettime(CLOCK_MONOTONIC, &last);
            } else {
                struct timespec now;
                clock_gettime(CLOCK_MONOTONIC, &now);
                uint64_t us = (uint64_t)(now.tv_sec - last.tv_sec) * 1000000u +
                              (uint64_t)((now.tv_nsec - last.tv_nsec) / 1000);
                uint64_t c = cptr_server_idle_cycles(g_srv, us);
                if (c) cptra_sim_advance(own.sim, c);
                last = now;
            }
        }
    }
    if (rc) fprintf(stderr, "cptr-testserver: cannot listen on %s: %s\n", path, strerror(-rc));

    cptr_server_stats_t st;
    cptr_server_get_stats(g_srv, &st);
    if (!g_quiet)
        fprintf(stderr,
                "cptr-testserver: connections=%llu frames=%llu accesses=%llu malformed=%llu "
                "mbox=%llu commands=%llu cycle=%llu\n",
                (unsigned long long)st.connections, (unsigned long long)st.frames,
                (unsigned long long)st.accesses, (unsigned long long)st.malformed,
                (unsigned long long)st.mbox_cmds,
                (unsigned long long)cptr_test_agent_commands(&agent),
                (unsigned long long)cptra_sim_now(own.sim));
    if (!atomic_load(&g_stop)) {
        pthread_kill(sig_thr, SIGTERM); /* listen failed: release the signal thread */
    }
    pthread_join(sig_thr, NULL);
    cptr_server_free(g_srv);
    cptra_sim_free(own.sim);
    agent.ops->destroy(agent.ctx);
    hw.ops->destroy(hw.ctx);
    return rc ? 1 : 0;
}
