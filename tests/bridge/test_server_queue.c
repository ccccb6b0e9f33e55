/* bridge.server_queue: the server core's owner API in-process, without the hw model. A client
 * thread uses the transport library; the test thread is the owner (the simulation thread in
 * the platform) and answers from a tiny register file. Checks request fields, ordering, bus
 * errors (0xDEADBEEF on v1, status on v2), on_request wake-ups, socket file handling. */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "cptr_server.h"
#include "cptra_transport.h"

static atomic_int wakeups;
static void on_req(void *ctx) {
    (void)ctx;
    atomic_fetch_add(&wakeups, 1);
}

typedef struct {
    const char *path;
    int proto;
    cptra_status_t st[6];
    uint32_t d[3];
} client_t;

static void *client(void *arg) {
    client_t *c = arg;
    cptra_transport_t *t = NULL;
    c->st[0] = cptra_sock_open(&t, c->path, c->proto, 5000);
    if (c->st[0]) return NULL;
    c->st[1] = cptra_reg_write(t, 0x30030018u, 0x11223344u);
    c->st[2] = cptra_reg_read(t, 0x30030018u, &c->d[0]);
    c->st[3] = cptra_reg_read(t, 0x30022000u, &c->d[1]); /* owner answers PSLVERR */
    c->st[4] = cptra_reg_write(t, 0x30022000u, 5);
    c->st[5] = cptra_reg_read(t, 0x30030038u, &c->d[2]);
    cptra_transport_close(t);
    return NULL;
}

/* Owner: serve until the client thread is done. */
static unsigned serve(cptr_server_t *s, pthread_t th, uint32_t pauser) {
    uint32_t reg = 0;
    uint64_t last_id = 0;
    unsigned n = 0;
    bool first = true;
    for (int idle = 0; idle < 5000;) {
        cptr_req_t r;
        if (!cptr_server_wait(s, 1000) || !cptr_server_next(s, &r)) {
            if (pthread_tryjoin_np(th, NULL) == 0) return n;
            idle++;
            continue;
        }
        assert_true(cptr_server_attached(s));
        if (!first) assert_true(r.id > last_id); /* in order */
        first = false;
        last_id = r.id;
        assert_int_equal(r.pauser, pauser); /* the bridge stamps its PAUSER */
        assert_int_equal(r.delay_cycles, 0);
        bool err = r.addr == 0x30022000u;
        uint32_t d = 0;
        if (r.addr == 0x30030018u) {
            if (r.write) reg = r.data;
            d = reg;
        } else if (r.addr == 0x30030038u) {
            d = 0x600;
        }
        cptr_server_complete(s, r.id, err ? 0 : d, err);
        n++;
    }
    fail_msg("client did not finish");
    return n;
}

static void run_proto(int proto) {
    char dir[] = "/tmp/bridge-sq-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/s", dir);
    /* a stale socket file is replaced; a regular file is refused */
    FILE *f = fopen(path, "w");
    fclose(f);
    cptr_server_cfg_t cfg;
    cptr_server_default_cfg(&cfg);
    cfg.socket_path = path;
    cfg.pauser = 0x1234u;
    cfg.on_request = on_req;
    cptr_server_t *s = cptr_server_new(&cfg);
    assert_non_null(s);
    assert_int_equal(cptr_server_start(s), -EEXIST);
    cptr_server_free(s);
    unlink(path);
    s = cptr_server_new(&cfg);
    assert_int_equal(cptr_server_start(s), 0);
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    assert_true(S_ISSOCK(sb.st_mode));
    assert_int_equal(sb.st_mode & 0777, 0600);
    assert_false(cptr_server_attached(s));
    assert_int_equal(cptr_server_idle_cycles(s, 5000), 0); /* no client: time stands still */

    atomic_store(&wakeups, 0);
    client_t c = {path, proto, {0}, {0}};
    pthread_t th;
    pthread_create(&th, NULL, client, &c);
    unsigned n = serve(s, th, 0x1234u);
    assert_int_equal(c.st[0], CPTRA_OK);
    assert_int_equal(n, 5);
    assert_int_equal(atomic_load(&wakeups), 5);
    assert_int_equal(c.st[1], CPTRA_OK);
    assert_int_equal(c.st[2], CPTRA_OK);
    assert_int_equal(c.d[0], 0x11223344u);
    /* v1: PSLVERR is invisible (0xDEADBEEF / WACK); v2 reports it */
    assert_int_equal(c.st[3], proto == 1 ? CPTRA_OK : CPTRA_ERR_BUS);
    assert_int_equal(c.d[1], 0xDEADBEEFu);
    assert_int_equal(c.st[4], proto == 1 ? CPTRA_OK : CPTRA_ERR_BUS);
    assert_int_equal(c.st[5], CPTRA_OK);
    assert_int_equal(c.d[2], 0x600);
    cptr_server_stats_t st;
    cptr_server_get_stats(s, &st);
    assert_int_equal(st.accesses, 5);
    assert_int_equal(st.bus_errors, 2);
    assert_int_equal(st.connections, 1);
    cptr_server_free(s);
    assert_int_not_equal(stat(path, &sb), 0); /* the socket file is removed */
    rmdir(dir);
}

static void queue_v1(void **st) {
    (void)st;
    run_proto(1);
}
static void queue_v2(void **st) {
    (void)st;
    run_proto(2);
}

static void idle_policy(void **st) {
    (void)st;
    cptr_server_cfg_t cfg;
    cptr_server_default_cfg(&cfg);
    assert_int_equal(cfg.pauser, CPTR_DEFAULT_PAUSER);
    assert_int_equal(cfg.time_mode, CPTR_TIME_IDLE_ADVANCE);
    cfg.socket_path = "/tmp/unused";
    assert_null(cptr_server_new(&(cptr_server_cfg_t){0}));
    cptr_server_t *s = cptr_server_new(&cfg);
    assert_string_equal(cptr_server_socket_path(s), "/tmp/unused");
    assert_int_equal(cptr_server_idle_cycles(s, 1000), 0); /* detached */
    cptr_server_free(s);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(queue_v1),
        cmocka_unit_test(queue_v2),
        cmocka_unit_test(idle_policy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
