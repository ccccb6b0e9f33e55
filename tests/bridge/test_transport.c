/* bridge.transport: the host library without a socket. Checksum vectors of caliptra-1x.md
 * §3.1; a user transport built from the three porting functions (read_reg, write_reg, wait)
 * over the in-process C hw model runs CAPABILITIES word by word; argument checks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cptr_test_agent.h"
#include "cptra_sim.h"
#include "cptra_transport.h"

#define PAUSER 0x2u

static void checksum_vectors(void **st) {
    (void)st;
    const uint8_t d[] = {0x83, 0xE7, 0x25};
    assert_int_equal(cptra_checksum(0xE8DC3994u, d, 3), 0xFFFFFBE0u);
    /* header-only response with fips_status 0x4242: chksum = 0 - 0x84 */
    uint8_t r[8] = {0, 0, 0, 0, 0x42, 0x42, 0, 0};
    assert_int_equal(cptra_checksum(0, r + 4, 4), 0u - 0x84u);
    uint32_t c = 0u - 0x84u;
    memcpy(r, &c, 4);
    assert_true(cptra_checksum_ok(0, r, 8));
    r[5] ^= 1;
    assert_false(cptra_checksum_ok(0, r, 8));
    assert_false(cptra_checksum_ok(0, r, 3));
    /* the RFC's CAPABILITIES checksum word */
    assert_int_equal(cptra_checksum(0x43415053u, NULL, 0), 0xFFFFFED9u);
}

typedef struct {
    cptra_hw_t hw;
    cptra_uc_agent_t agent;
    cptra_sim_t *sim;
    unsigned reads, writes, waits;
} port_t;

static cptra_status_t p_read(void *ctx, uint32_t addr, uint32_t *data) {
    port_t *p = ctx;
    apb_resp_t r = cptra_sim_read(p->sim, addr, PAUSER);
    p->reads++;
    *data = r.rdata;
    return r.slverr ? CPTRA_ERR_BUS : CPTRA_OK;
}
static cptra_status_t p_write(void *ctx, uint32_t addr, uint32_t data) {
    port_t *p = ctx;
    p->writes++;
    return cptra_sim_write(p->sim, addr, data, PAUSER).slverr ? CPTRA_ERR_BUS : CPTRA_OK;
}
static cptra_status_t p_wait(void *ctx, uint64_t cycles) {
    port_t *p = ctx;
    p->waits++;
    cptra_sim_advance(p->sim, cycles);
    return CPTRA_OK;
}
static const cptra_transport_ops_t port_ops = {p_read, p_write, p_wait, NULL, NULL};

static void user_transport(void **st) {
    (void)st;
    static port_t p;
    cptra_model_cfg_t c;
    cptra_model_default_cfg(&c);
    p.hw = cptra_model_new(&c);
    p.agent = cptr_test_agent_new(p.hw, NULL);
    p.sim = cptra_sim_new(p.hw, &p.agent);
    cptra_sim_power_on(p.sim);
    uint32_t v;
    assert_true(cptra_sim_poll(p.sim, CPTRA_SOC_IFC_BASE + CPTRA_FLOW_STATUS,
                               FLOW_STATUS_READY_FOR_FUSES, FLOW_STATUS_READY_FOR_FUSES, PAUSER,
                               100000, &v));
    cptra_sim_write(p.sim, CPTRA_SOC_IFC_BASE + CPTRA_MBOX_VALID_PAUSER0, PAUSER, PAUSER);
    cptra_sim_write(p.sim, CPTRA_SOC_IFC_BASE + CPTRA_MBOX_PAUSER_LOCK0, 1, PAUSER);
    cptra_sim_write(p.sim, CPTRA_SOC_IFC_BASE + CPTRA_FUSE_WR_DONE, 1, PAUSER);
    assert_true(cptra_sim_poll(p.sim, CPTRA_SOC_IFC_BASE + CPTRA_BOOT_STATUS, ~0u, 0x600, PAUSER,
                               1000000, &v));

    assert_null(cptra_transport_new(NULL, NULL));
    cptra_transport_t *t = cptra_transport_new(&port_ops, &p);
    assert_non_null(t);
    uint8_t req[4] = {0xAA, 0xBB, 0xCC, 0xDD}; /* overwritten by the library's checksum */
    uint8_t resp[64];
    size_t rl = 0;
    uint32_t fe = 7;
    assert_int_equal(cptra_mbox_exec(t, 0x43415053u, req, 4, resp, sizeof resp, &rl, &fe),
                     CPTRA_OK);
    assert_int_equal(rl, 24);
    assert_int_equal(fe, 0);
    assert_int_equal(resp[15], 0x01); /* RT_BASE */
    assert_true(cptra_checksum_ok(0, resp, rl));
    assert_int_equal(req[0], 0xAA); /* the caller's buffer is not modified */
    assert_int_equal(p.writes, 5);  /* CMD, DLEN, 1 DATAIN, EXECUTE=1, EXECUTE=0 (§1.3) */
    assert_true(p.waits > 0);       /* STATUS re-polls asked the port to wait */
    /* VERSION reads the HW/FW revision registers (caliptra-1x.md §3.3) */
    assert_int_equal(cptra_mbox_exec(t, 0x46505652u, req, 4, resp, sizeof resp, &rl, &fe),
                     CPTRA_OK);
    assert_int_equal(rl, 36);
    assert_memory_equal(resp + 24, "Caliptra RTM", 12);
    /* argument checks */
    assert_int_equal(cptra_mbox_exec(t, 0x43415053u, req, 3, resp, sizeof resp, &rl, &fe),
                     CPTRA_ERR_ARG);
    assert_int_equal(cptra_mbox_exec(t, 0x43415053u, NULL, 4, resp, sizeof resp, &rl, &fe),
                     CPTRA_ERR_ARG);
    assert_int_equal(cptra_mbox_exec(t, 0x43415053u, req, 4, NULL, 8, &rl, &fe), CPTRA_ERR_ARG);
    /* unknown command: CMD_FAILURE with the runtime's error code */
    assert_int_equal(cptra_mbox_exec(t, 0x51525354u, req, 4, resp, sizeof resp, &rl, &fe),
                     CPTRA_ERR_CMD_FAILURE);
    assert_int_equal(fe, 0x000E0002u);
    cptra_transport_close(t);
    cptra_sim_free(p.sim);
    p.agent.ops->destroy(p.agent.ctx);
    p.hw.ops->destroy(p.hw.ctx);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(checksum_vectors),
        cmocka_unit_test(user_transport),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
