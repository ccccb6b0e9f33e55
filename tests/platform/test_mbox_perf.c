/* platform.mbox_perf: mailbox round-trip counters fed with synthetic event streams.
 * Definitions under test (mbox_perf.h): stamps are access cycles; with n sorted samples
 * v[0..n-1], median = v[(n-1)/2] and p99 = v[ceil(0.99 n) - 1]. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "hw_tap.h"
#include "mbox_perf.h"
#include "vp_timeline.h"

#define MB   0x30020000u
#define CAPS 0x43415053u
#define FWLD 0x46574C44u

static void rd(mbox_perf_t *p, uint64_t c, uint32_t off, uint32_t pauser, uint32_t rdata,
               int slverr) {
    apb_req_t q = {MB + off, 0, pauser, 0, 0};
    apb_resp_t r = {slverr ? 0 : rdata, 0, (uint8_t)slverr};
    mbox_perf_apb(p, c, &q, &r);
}

static void wr(mbox_perf_t *p, uint64_t c, uint32_t off, uint32_t data, uint32_t pauser) {
    apb_req_t q = {MB + off, data, pauser, 1, 0};
    apb_resp_t r = {0, 0, 0};
    mbox_perf_apb(p, c, &q, &r);
}

/* One complete SoC round trip: lock at t, busy (uC) time `busy`; returns release cycle. */
static uint64_t trip(mbox_perf_t *p, uint64_t t, uint32_t cmd, uint32_t pauser, uint64_t busy) {
    rd(p, t, 0x00, pauser, 0, 0);                       /* lock */
    wr(p, t + 2, 0x08, cmd, pauser);                    /* CMD */
    wr(p, t + 4, 0x0C, 8, pauser);                      /* DLEN */
    wr(p, t + 6, 0x10, 1, pauser);                      /* DATAIN */
    wr(p, t + 8, 0x10, 2, pauser);                      /* last DATAIN */
    wr(p, t + 10, 0x18, 1, pauser);                     /* EXECUTE=1 */
    rd(p, t + 12, 0x1C, pauser, 0, 0);                  /* polling STATUS: ignored */
    mbox_perf_uc_write(p, t + 10 + busy, MB + 0x1C, 1); /* uC: DATA_READY */
    rd(p, t + 10 + busy + 3, 0x14, pauser, 0xAA, 0);    /* DATAOUT */
    rd(p, t + 10 + busy + 5, 0x14, pauser, 0xBB, 0);    /* last DATAOUT */
    wr(p, t + 10 + busy + 7, 0x18, 0, pauser);          /* EXECUTE=0 */
    return t + 10 + busy + 7;
}

static void exact_stamps(void **state) {
    (void)state;
    mbox_perf_t *p = mbox_perf_new(400.0);
    trip(p, 100, CAPS, 1, 105);
    assert_int_equal(mbox_perf_trips(p), 1);
    const mbox_perf_trip_t *t = mbox_perf_trip(p, 0);
    assert_int_equal(t->t_lock, 100);
    assert_int_equal(t->t_cmd, 102);
    assert_int_equal(t->t_dlen, 104);
    assert_int_equal(t->t_datain, 108);
    assert_int_equal(t->t_execute, 110);
    assert_int_equal(t->t_status, 215);
    assert_int_equal(t->t_dataout, 220);
    assert_int_equal(t->t_release, 222);
    assert_int_equal(t->dlen, 8);
    const mbox_perf_row_t *rows;
    assert_int_equal(mbox_perf_rows(p, &rows), 1);
    assert_int_equal(rows[0].command, CAPS);
    assert_int_equal(rows[0].pauser, 1);
    assert_int_equal(rows[0].count, 1);
    uint64_t want[MBOX_PERF_NMETRICS] = {2, 2, 4, 2, 105, 5, 2, 122};
    for (int m = 0; m < MBOX_PERF_NMETRICS; m++) {
        assert_int_equal(rows[0].m[m].min, want[m]);
        assert_int_equal(rows[0].m[m].median, want[m]);
        assert_int_equal(rows[0].m[m].p99, want[m]);
        assert_int_equal(rows[0].m[m].max, want[m]);
    }
    /* 122 cycles at 400 MHz = 305 ns */
    assert_true(mbox_perf_ns(p, 122) > 304.999 && mbox_perf_ns(p, 122) < 305.001);
    mbox_perf_free(p);
}

/* busy times 1..n in a scrambled order; total = busy + 17 */
static mbox_perf_t *spread(unsigned n) {
    mbox_perf_t *p = mbox_perf_new(400.0);
    uint64_t t = 0;
    for (unsigned i = 0; i < n; i++) {
        uint64_t busy = (uint64_t)((i * 37u) % n) + 1; /* 37 coprime with 100, 200, 3 */
        t = trip(p, t + 10, CAPS, 1, busy);
    }
    return p;
}

static void aggregates(void **state) {
    (void)state;
    const mbox_perf_row_t *rows;
    struct {
        unsigned n;
        uint64_t median, p99;
    } cases[] = {
        {100, 50, 99},   /* v[49]=50, ceil(99)-1=98 -> 99 */
        {200, 100, 198}, /* v[99]=100, ceil(198)-1=197 -> 198 */
        {3, 2, 3},       /* v[1]=2, ceil(2.97)-1=2 -> 3 */
        {1, 1, 1},
    };
    for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
        mbox_perf_t *p = spread(cases[k].n);
        assert_int_equal(mbox_perf_rows(p, &rows), 1);
        const mbox_perf_stat_t *s = &rows[0].m[MBOX_PERF_EXECUTE_TO_STATUS];
        assert_int_equal(rows[0].count, cases[k].n);
        assert_int_equal(s->min, 1);
        assert_int_equal(s->max, cases[k].n);
        assert_int_equal(s->median, cases[k].median);
        assert_int_equal(s->p99, cases[k].p99);
        const mbox_perf_stat_t *tot = &rows[0].m[MBOX_PERF_TOTAL];
        assert_int_equal(tot->median, cases[k].median + 17);
        assert_int_equal(tot->max, cases[k].n + 17);
        mbox_perf_free(p);
    }
}

static void grouping(void **state) {
    (void)state;
    mbox_perf_t *p = mbox_perf_new(400.0);
    uint64_t t = 0;
    t = trip(p, t + 1, FWLD, 0x21212121, 50);
    t = trip(p, t + 1, CAPS, 0x21212121, 20);
    t = trip(p, t + 1, CAPS, 1, 30);
    t = trip(p, t + 1, CAPS, 0x21212121, 40);
    const mbox_perf_row_t *rows;
    assert_int_equal(mbox_perf_rows(p, &rows), 3);
    assert_int_equal(rows[0].command, CAPS);
    assert_int_equal(rows[0].pauser, 1);
    assert_int_equal(rows[0].count, 1);
    assert_int_equal(rows[1].command, CAPS);
    assert_int_equal(rows[1].pauser, 0x21212121);
    assert_int_equal(rows[1].count, 2);
    assert_int_equal(rows[1].m[MBOX_PERF_EXECUTE_TO_STATUS].min, 20);
    assert_int_equal(rows[1].m[MBOX_PERF_EXECUTE_TO_STATUS].max, 40);
    assert_int_equal(rows[1].m[MBOX_PERF_EXECUTE_TO_STATUS].median, 20); /* lower median */
    assert_int_equal(rows[2].command, FWLD);
    assert_int_equal(rows[2].count, 1);
    mbox_perf_free(p);
}

static void filtering_and_aborts(void **state) {
    (void)state;
    mbox_perf_t *p = mbox_perf_new(400.0);
    /* PSLVERR lock read (invalid PAUSER reads 0 with PSLVERR): not an acquisition */
    rd(p, 10, 0x00, 7, 0, 1);
    wr(p, 12, 0x08, CAPS, 7);
    /* lock already held: read 1 */
    rd(p, 14, 0x00, 1, 1, 0);
    assert_int_equal(mbox_perf_aborted(p), 0);
    /* a real trip with interference from another PAUSER and DLEN 0 / no DATAOUT */
    rd(p, 20, 0x00, 1, 0, 0);
    wr(p, 22, 0x08, CAPS, 1);
    wr(p, 23, 0x08, 0xDEAD, 2); /* other agent: ignored */
    wr(p, 24, 0x0C, 0, 1);
    wr(p, 26, 0x18, 1, 1);
    wr(p, 27, 0x18, 0, 2);                   /* other agent clearing EXECUTE: ignored */
    mbox_perf_uc_write(p, 40, MB + 0x1C, 0); /* CMD_BUSY write: not the answer */
    mbox_perf_uc_write(p, 50, MB + 0x1C, 2); /* CMD_COMPLETE */
    wr(p, 54, 0x18, 0, 1);
    assert_int_equal(mbox_perf_trips(p), 1);
    const mbox_perf_trip_t *t = mbox_perf_trip(p, 0);
    assert_int_equal(t->command, CAPS);
    assert_int_equal(t->t_datain, 24); /* no DATAIN: = dlen stamp */
    assert_int_equal(t->t_status, 50);
    assert_int_equal(t->t_dataout, 50); /* no DATAOUT: = status stamp */
    assert_int_equal(t->t_release, 54);
    /* uC force unlock aborts */
    rd(p, 60, 0x00, 1, 0, 0);
    wr(p, 62, 0x08, CAPS, 1);
    mbox_perf_uc_write(p, 70, MB + 0x20, 1);
    wr(p, 72, 0x18, 0, 1);
    assert_int_equal(mbox_perf_aborted(p), 1);
    /* reset aborts */
    rd(p, 80, 0x00, 1, 0, 0);
    mbox_perf_reset(p);
    assert_int_equal(mbox_perf_aborted(p), 2);
    /* a new acquisition while one is tracked aborts the old one */
    rd(p, 90, 0x00, 1, 0, 0);
    rd(p, 92, 0x00, 1, 0, 0);
    assert_int_equal(mbox_perf_aborted(p), 3);
    /* EXECUTE=0 before EXECUTE=1 (legal no-op) does not complete */
    wr(p, 94, 0x08, CAPS, 1);
    wr(p, 96, 0x0C, 4, 1);
    wr(p, 98, 0x18, 0, 1);
    assert_int_equal(mbox_perf_trips(p), 1);
    /* accesses outside the mailbox are ignored */
    apb_req_t q = {0x30030000u, 0, 1, 0, 0};
    apb_resp_t r = {0, 0, 0};
    mbox_perf_apb(p, 99, &q, &r);
    assert_int_equal(mbox_perf_trips(p), 1);
    mbox_perf_free(p);
}

static void json_rows(void **state) {
    (void)state;
    mbox_perf_t *p = mbox_perf_new(400.0);
    trip(p, 100, CAPS, 1, 105);
    cJSON *arr = mbox_perf_to_json(p);
    assert_int_equal(cJSON_GetArraySize(arr), 1);
    cJSON *row = cJSON_GetArrayItem(arr, 0);
    assert_string_equal(cJSON_GetObjectItem(row, "command_name")->valuestring, "CAPS");
    assert_int_equal(cJSON_GetObjectItem(row, "command")->valuedouble, CAPS);
    assert_string_equal(cJSON_GetObjectItem(row, "command_hex")->valuestring, "0x43415053");
    assert_int_equal(cJSON_GetObjectItem(row, "pauser")->valuedouble, 1);
    assert_int_equal(cJSON_GetObjectItem(row, "count")->valuedouble, 1);
    cJSON *tot = cJSON_GetObjectItem(row, "total");
    assert_int_equal(cJSON_GetObjectItem(tot, "median_cycles")->valuedouble, 122);
    assert_true(cJSON_GetObjectItem(tot, "median_ns")->valuedouble == 305.0);
    cJSON *busy = cJSON_GetObjectItem(row, "execute_to_status");
    assert_int_equal(cJSON_GetObjectItem(busy, "p99_cycles")->valuedouble, 105);
    assert_true(cJSON_GetObjectItem(busy, "max_ns")->valuedouble == 262.5);
    cJSON_Delete(arr);
    mbox_perf_free(p);
}

static void cmd_names(void **state) {
    (void)state;
    char b[5];
    mbox_perf_cmd_name(FWLD, b);
    assert_string_equal(b, "FWLD");
    mbox_perf_cmd_name(0x46504C67u, b);
    assert_string_equal(b, "FPLg");
    mbox_perf_cmd_name(0x00000041u, b);
    assert_string_equal(b, "...A");
}

/* The tap forwards unchanged and reports APB and uC accesses to the perf sink. */
typedef struct {
    int apb, ucw, ucr, destroyed;
} fake_t;
static apb_resp_t f_apb(void *c, uint64_t cy, const apb_req_t *q) {
    (void)cy;
    ((fake_t *)c)->apb++;
    apb_resp_t r = {q->addr == MB ? 0u : 0x55u, 1, 0};
    return r;
}
static uint32_t f_ucr(void *c, uint64_t cy, uint32_t a) {
    (void)cy;
    (void)a;
    ((fake_t *)c)->ucr++;
    return 7;
}
static void f_ucw(void *c, uint64_t cy, uint32_t a, uint32_t d) {
    (void)cy;
    (void)a;
    (void)d;
    ((fake_t *)c)->ucw++;
}
static void f_pin(void *c, uint64_t cy, bool l) {
    (void)c;
    (void)cy;
    (void)l;
}
static void f_notify(void *c, cptra_notify_fn fn, void *n) {
    (void)c;
    (void)fn;
    (void)n;
}
static void f_obs(void *c, uint64_t cy, cptra_hw_obs_t *o) {
    (void)c;
    (void)cy;
    memset(o, 0, sizeof(*o));
}
static bool f_dr(void *c, uint32_t a, uint32_t *d) {
    (void)c;
    *d = a;
    return true;
}
static bool f_dw(void *c, uint32_t a, uint32_t d) {
    (void)c;
    (void)a;
    (void)d;
    return true;
}
static void f_destroy(void *c) {
    ((fake_t *)c)->destroyed = 1;
}
static const cptra_hw_ops_t fake_ops = {f_apb,    f_ucr, f_ucw, f_pin, f_pin,
                                        f_notify, f_obs, f_dr,  f_dw,  f_destroy};

static void tap_forwards(void **state) {
    (void)state;
    fake_t f = {0};
    cptra_hw_t inner = {&fake_ops, &f};
    cptra_hw_t tap = hw_tap_new(inner);
    mbox_perf_t *p = mbox_perf_new(400.0);
    hw_tap_sink_t s = hw_tap_perf_sink(p);
    assert_true(hw_tap_add_sink(tap, &s));
    assert_false(hw_tap_add_sink(inner, &s));
    apb_req_t q = {MB, 0, 1, 0, 0};
    apb_resp_t r = cptra_hw_apb(tap, 5, &q);
    assert_int_equal(r.wait, 1);
    assert_int_equal(f.apb, 1);
    assert_int_equal(cptra_hw_uc_read(tap, 6, 0x30000000u), 7);
    cptra_hw_uc_write(tap, 7, MB + 0x20, 1);
    assert_int_equal(f.ucr, 1);
    assert_int_equal(f.ucw, 1);
    /* the LOCK read (rdata 0) started a trip; the uC unlock write aborted it via the tap */
    assert_int_equal(mbox_perf_aborted(p), 1);
    uint32_t d;
    assert_true(tap.ops->dbg_read(tap.ctx, 0x1234, &d));
    assert_int_equal(d, 0x1234);
    tap.ops->destroy(tap.ctx);
    assert_int_equal(f.destroyed, 1);
    mbox_perf_free(p);
}

static void timeline(void **state) {
    (void)state;
    vp_timeline_t *tl = vp_timeline_new();
    vp_timeline_add(tl, "rst_b_release", 10);
    vp_timeline_fn_add(tl, "pwrgood", 0); /* the callback form other components get */
    vp_timeline_add(tl, "b", 10);         /* same cycle: insertion order kept */
    apb_req_t q = {0x300300B0u, 1, 1, 1, 0};
    apb_resp_t r = {0, 0, 0};
    vp_timeline_apb_watch(tl, 26, &q, &r);
    vp_timeline_apb_watch(tl, 40, &q, &r); /* only the first FUSE_WR_DONE write */
    q.wdata = 0;
    vp_timeline_apb_watch(tl, 50, &q, &r);
    assert_int_equal(vp_timeline_count(tl), 4);
    uint64_t c;
    assert_string_equal(vp_timeline_get(tl, 0, &c), "pwrgood");
    assert_int_equal(c, 0);
    assert_string_equal(vp_timeline_get(tl, 1, &c), "rst_b_release");
    assert_string_equal(vp_timeline_get(tl, 2, &c), "b");
    assert_string_equal(vp_timeline_get(tl, 3, &c), "FUSE_WR_DONE");
    assert_int_equal(c, 26);
    assert_null(vp_timeline_get(tl, 4, &c));
    /* a pwrgood cycle re-arms the FUSE_WR_DONE stamp */
    vp_timeline_pin_watch(tl, 60, 0, false);
    q.wdata = 1;
    vp_timeline_apb_watch(tl, 90, &q, &r);
    assert_int_equal(vp_timeline_count(tl), 5);
    /* long names are truncated, NULL is ignored */
    vp_timeline_add(tl, "0123456789012345678901234567890123456789012345678901234567890123456789",
                    100);
    vp_timeline_add(tl, NULL, 101);
    vp_timeline_add(NULL, "x", 1);
    assert_int_equal(vp_timeline_count(tl), 6);
    assert_int_equal(strlen(vp_timeline_get(tl, 5, &c)), 63);
    vp_timeline_free(tl);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(exact_stamps), cmocka_unit_test(aggregates),
        cmocka_unit_test(grouping),     cmocka_unit_test(filtering_and_aborts),
        cmocka_unit_test(json_rows),    cmocka_unit_test(cmd_names),
        cmocka_unit_test(tap_forwards), cmocka_unit_test(timeline),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
