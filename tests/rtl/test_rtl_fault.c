/* The lockstep comparator must catch a broken behaviour at the first access where it shows.
 * Reference side: the RTL (or the C model with argv[1] == "model"); checked side: the RTL with
 * the test-only fault switch set. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "cptra_rtl.h"
#include "cptra_sim.h"
#include "lockstep.h"

static bool ref_is_model;

typedef struct {
    unsigned calls;
    char first[512];
} sink_t;

static void on_mismatch(void *ctx, const char *msg) {
    sink_t *s = ctx;
    if (!s->calls++) snprintf(s->first, sizeof(s->first), "%s", msg);
}

static cptra_hw_t make(int fault, sink_t *sink) {
    cptra_lockstep_cfg_t lc;
    cptra_lockstep_default_cfg(&lc);
    lc.on_mismatch = on_mismatch;
    lc.mismatch_ctx = sink;
    lc.name_a = ref_is_model ? "model" : "rtl";
    lc.name_b = "rtl-fault";
    cptra_hw_t b = cptra_rtl_new(NULL);
    cptra_rtl_set_fault(b, fault);
    cptra_hw_t a = ref_is_model ? cptra_model_new(NULL) : cptra_rtl_new(NULL);
    return cptra_lockstep_new(a, b, &lc);
}

static void boot(cptra_sim_t *s) {
    cptra_sim_power_on(s);
    assert_true(cptra_sim_poll(s, 0x3003Cu, 1u << 30, 1u << 30, 0xFFFFFFFFu, 100, NULL));
    cptra_sim_write(s, 0x300B0u, 1, 0xFFFFFFFFu);
    cptra_sim_advance(s, 10);
}

/* Fault 1: STATUS.mbox_fsm_ps without the register lag. The back-to-back STATUS read right after
 * the LOCK read is the first access that can see it. */
static void test_fault_status_lag(void **state) {
    (void)state;
    sink_t sink = {0};
    cptra_hw_t hw = make(CPTRA_RTL_FAULT_STATUS_NO_LAG, &sink);
    cptra_sim_t *s = cptra_sim_new(hw, NULL);
    boot(s);
    cptra_sim_read(s, 0x20000u, 0xFFFFFFFFu); /* LOCK */
    assert_int_equal(cptra_lockstep_mismatches(hw), 0);
    uint64_t c = cptra_sim_now(s) + 1;
    cptra_sim_read(s, 0x2001Cu, 0xFFFFFFFFu); /* STATUS, back to back */
    assert_true(cptra_lockstep_mismatches(hw) >= 1);
    assert_int_equal(sink.calls, cptra_lockstep_mismatches(hw));
    char want[64];
    snprintf(want, sizeof(want), "at cycle %llu ", (unsigned long long)c);
    print_message("first mismatch: %s\n", sink.first);
    assert_non_null(strstr(sink.first, want));
    assert_non_null(strstr(sink.first, "apb read pauser=0xffffffff addr=0x3002001c"));
    assert_non_null(strstr(sink.first, "PRDATA"));
    assert_string_equal(cptra_lockstep_first_mismatch(hw), sink.first);
    cptra_sim_free(s);
    hw.ops->destroy(hw.ctx);
}

/* Fault 2: DATAOUT past the latched length returns SRAM data instead of 0. */
static void test_fault_dataout_past_len(void **state) {
    (void)state;
    sink_t sink = {0};
    cptra_hw_t hw = make(CPTRA_RTL_FAULT_DATAOUT_PAST_LEN, &sink);
    cptra_sim_t *s = cptra_sim_new(hw, NULL);
    boot(s);
    cptra_sim_read(s, 0x20000u, 0xFFFFFFFFu);
    cptra_sim_write(s, 0x20008u, 0x1234u, 0xFFFFFFFFu);
    cptra_sim_write(s, 0x2000Cu, 4u, 0xFFFFFFFFu); /* one dword */
    cptra_sim_write(s, 0x20010u, 0x11u, 0xFFFFFFFFu);
    cptra_sim_write(s, 0x20010u, 0x22u, 0xFFFFFFFFu); /* stored past DLEN */
    cptra_sim_write(s, 0x20018u, 1u, 0xFFFFFFFFu);
    cptra_sim_advance(s, 4);
    uint64_t u = cptra_sim_now(s);
    assert_int_equal(hw.ops->uc_read(hw.ctx, u, 0x30020014u), 0x11u);
    cptra_sim_advance(s, 1);
    assert_int_equal(cptra_lockstep_mismatches(hw), 0);
    hw.ops->uc_read(hw.ctx, u + 1, 0x30020014u); /* past the length */
    assert_int_equal(cptra_lockstep_mismatches(hw), 1);
    print_message("first mismatch: %s\n", sink.first);
    char want[64];
    snprintf(want, sizeof(want), "at cycle %llu ", (unsigned long long)(u + 1));
    assert_non_null(strstr(sink.first, want));
    assert_non_null(strstr(sink.first, "uc read pauser=0xffffffff addr=0x30020014"));
    assert_non_null(strstr(sink.first, "=0x00000000 rtl-fault=0x00000022"));
    cptra_sim_free(s);
    hw.ops->destroy(hw.ctx);
}

int main(int argc, char **argv) {
    ref_is_model = argc > 1 && strcmp(argv[1], "model") == 0;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fault_status_lag),
        cmocka_unit_test(test_fault_dataout_past_len),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
