/* Tiny uC agent for the bridge test server. See cptr_test_agent.h. */
#include "cptr_test_agent.h"

#include <stdlib.h>
#include <string.h>

/* Command codes, error codes and layouts: caliptra-1x.md §3.2, §3.3, §3.6. */
#define OP_CAPABILITIES      0x43415053u
#define OP_VERSION           0x46505652u
#define OP_FW_INFO           0x494E464Fu
#define OP_TEST_ECHO         0x4543484Fu /* "ECHO": test agent only, answers header + request data */
#define ERR_UNIMPLEMENTED    0x000E0002u
#define ERR_INSUFFICIENT_MEM 0x000E0003u
#define ERR_INVALID_CHECKSUM 0x000E0005u
#define ERR_INVALID_PARAMS   0x000E0009u
#define CAPS_RESP_LEN        24u
#define VERSION_RESP_LEN     36u
#define FW_INFO_RESP_LEN     312u    /* rt-1.2.5 */
#define ROM_VERSION          0x0880u /* 1.2.0 (§3.7 encoding) */
#define FMC_VERSION          0x0885u /* 1.2.5 */
#define RT_VERSION           0x01020005u

typedef struct agent {
    cptra_hw_t hw;
    cptr_test_agent_cfg_t cfg;
    uint64_t boot_due; /* CPTRA_UC_IDLE when none */
    uint64_t cmd_due;
    uint64_t commands;
    uint8_t buf[CPTRA_MBOX_SRAM_SIZE];
    uint8_t req[CPTRA_MBOX_SRAM_SIZE];
} agent_t;

void cptr_test_agent_default_cfg(cptr_test_agent_cfg_t *cfg) {
    /* estimates for a test double: short enough for fast tests, long enough that a SoC sees
     * CMD_BUSY for several polls (each APB read takes >= 2 cycles). */
    cfg->boot_cycles = 1000;
    cfg->cmd_cycles = 2000;
    cfg->pl0_pauser = 0x00000001u;
}

static uint32_t csum(uint32_t cmd, const uint8_t *p, uint32_t n) {
    uint32_t s = (cmd & 0xFF) + ((cmd >> 8) & 0xFF) + ((cmd >> 16) & 0xFF) + (cmd >> 24);
    for (uint32_t i = 0; i < n; i++)
        s += p[i];
    return 0u - s;
}

static void put32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}
static uint32_t get32(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void boot(agent_t *a, uint64_t t) {
    cptra_hw_uc_write(a->hw, t, CPTRA_SOC_IFC_BASE + CPTRA_FW_REV_ID0,
                      FMC_VERSION << 16 | ROM_VERSION);
    cptra_hw_uc_write(a->hw, t, CPTRA_SOC_IFC_BASE + CPTRA_FW_REV_ID1, RT_VERSION);
    cptra_hw_uc_write(a->hw, t, CPTRA_SOC_IFC_BASE + CPTRA_FLOW_STATUS,
                      FLOW_STATUS_READY_FOR_RUNTIME | FLOW_STATUS_MAILBOX_FLOW_DONE);
    cptra_hw_uc_write(a->hw, t, CPTRA_SOC_IFC_BASE + CPTRA_BOOT_STATUS, CPTR_RT_READY_BOOT_STATUS);
}

/* Builds the response in a->buf; returns its length, or 0 with *err set. */
static uint32_t execute(agent_t *a, uint64_t *t, uint32_t cmd, const uint8_t *req, uint32_t dlen,
                        uint32_t *err) {
    uint32_t need;
    switch (cmd) {
    case OP_CAPABILITIES:
        need = 4;
        break;
    case OP_VERSION:
        need = 4;
        break;
    case OP_FW_INFO:
        need = 4;
        break;
    case OP_TEST_ECHO:
        need = dlen;
        break;
    default:
        *err = ERR_UNIMPLEMENTED;
        return 0;
    }
    if (dlen < 4) {
        *err = ERR_INVALID_PARAMS;
        return 0;
    }
    if (get32(req) != csum(cmd, req + 4, dlen - 4)) {
        *err = ERR_INVALID_CHECKSUM;
        return 0;
    }
    if (dlen != need) {
        *err = ERR_INSUFFICIENT_MEM;
        return 0;
    }
    uint8_t *r = a->buf;
    uint32_t len;
    switch (cmd) {
    case OP_CAPABILITIES:
        len = CAPS_RESP_LEN;
        memset(r, 0, len);
        r[8 + 7] = 0x01; /* u128 big-endian, RT_BASE = bit 64 */
        break;
    case OP_VERSION:
        len = VERSION_RESP_LEN;
        memset(r, 0, len);
        put32(r + 8, 0x46495053u); /* "FIPS" */
        put32(r + 12, cptra_hw_uc_read(a->hw, *t, CPTRA_SOC_IFC_BASE + CPTRA_HW_REV_ID));
        put32(r + 16, cptra_hw_uc_read(a->hw, *t, CPTRA_SOC_IFC_BASE + CPTRA_FW_REV_ID0));
        put32(r + 20, cptra_hw_uc_read(a->hw, *t, CPTRA_SOC_IFC_BASE + CPTRA_FW_REV_ID1));
        memcpy(r + 24, "Caliptra RTM", 12);
        break;
    case OP_TEST_ECHO: /* chksum, fips_status, then the request bytes after its checksum */
        len = dlen + 4;
        memmove(r + 8, req + 4, dlen - 4);
        break;
    default: /* FW_INFO */
        len = FW_INFO_RESP_LEN;
        memset(r, 0, len);
        put32(r + 8, a->cfg.pl0_pauser);
        put32(r + 12, 0);                     /* runtime_svn */
        put32(r + 16, 0);                     /* min_runtime_svn */
        put32(r + 20, 0);                     /* fmc_manifest_svn */
        put32(r + 24, 0);                     /* attestation_disabled */
        memcpy(r + 28, "test-agent-rom", 14); /* rom_revision (20 B) */
        memcpy(r + 48, "test-agent-fmc", 14); /* fmc_revision */
        memcpy(r + 68, "test-agent-rt", 13);  /* runtime_revision */
        for (uint32_t i = 0; i < 32; i++)
            r[88 + i] = (uint8_t)i; /* rom_sha256_digest: a recognisable pattern */
        break;
    }
    put32(r + 4, 0); /* fips_status = FIPS_APPROVED */
    put32(r, csum(0, r + 4, len - 4));
    return len;
}

/* All uC accesses of one step happen at the step's cycle: the uC port requires cycles that
 * never exceed the driver's `now` (cptra_uc_agent.h). */
static void process(agent_t *a, uint64_t t) {
    const uint32_t mb = CPTRA_MBOX_CSR_BASE;
    uint32_t cmd = cptra_hw_uc_read(a->hw, t, mb + MBOX_CMD);
    uint32_t dlen = cptra_hw_uc_read(a->hw, t, mb + MBOX_DLEN);
    uint32_t err = 0;
    uint8_t *req = a->req;
    if (dlen > 14344u) { /* RT request limit (§3.1) */
        err = ERR_INSUFFICIENT_MEM;
    } else {
        for (uint32_t i = 0; i < (dlen + 3) / 4; i++) {
            uint32_t w = cptra_hw_uc_read(a->hw, t, CPTRA_MBOX_SRAM_BASE + 4 * i);
            put32(req + 4 * i, w);
        }
    }
    /* RT clears FW_ERROR_NON_FATAL at the start of every command (§3.1). */
    cptra_hw_uc_write(a->hw, t, CPTRA_SOC_IFC_BASE + CPTRA_FW_ERROR_NON_FATAL, 0);
    uint32_t len = err ? 0 : execute(a, &t, cmd, req, dlen, &err);
    if (err) {
        cptra_hw_uc_write(a->hw, t, CPTRA_SOC_IFC_BASE + CPTRA_FW_ERROR_NON_FATAL, err);
        cptra_hw_uc_write(a->hw, t, mb + MBOX_STATUS, MBOX_STATUS_CMD_FAILURE);
    } else {
        cptra_hw_uc_write(a->hw, t, mb + MBOX_DLEN, len);
        for (uint32_t i = 0; i < (len + 3) / 4; i++)
            cptra_hw_uc_write(a->hw, t, mb + MBOX_DATAIN, get32(a->buf + 4 * i));
        cptra_hw_uc_write(a->hw, t, mb + MBOX_STATUS, MBOX_STATUS_DATA_READY);
    }
    a->commands++;
}

static void agent_notify(void *ctx, cptra_event_t ev, uint64_t cycle) {
    agent_t *a = ctx;
    switch (ev) {
    case CPTRA_EV_UC_RESET_RELEASED:
        a->boot_due = cycle + a->cfg.boot_cycles;
        break;
    case CPTRA_EV_UC_RESET_ASSERTED:
        a->boot_due = CPTRA_UC_IDLE;
        a->cmd_due = CPTRA_UC_IDLE;
        break;
    case CPTRA_EV_CMD_AVAIL:
        a->cmd_due = cycle + a->cfg.cmd_cycles;
        break;
    default:
        break;
    }
}

static uint64_t agent_run(void *ctx, uint64_t now) {
    agent_t *a = ctx;
    if (a->boot_due <= now) {
        boot(a, a->boot_due);
        a->boot_due = CPTRA_UC_IDLE;
    }
    if (a->cmd_due <= now) {
        uint64_t t = a->cmd_due;
        a->cmd_due = CPTRA_UC_IDLE;
        process(a, t);
    }
    return a->boot_due < a->cmd_due ? a->boot_due : a->cmd_due;
}

static void agent_destroy(void *ctx) {
    free(ctx);
}

static const cptra_uc_agent_ops_t agent_ops = {agent_notify, agent_run, agent_destroy};

cptra_uc_agent_t cptr_test_agent_new(cptra_hw_t hw, const cptr_test_agent_cfg_t *cfg) {
    cptra_uc_agent_t ag = {&agent_ops, NULL};
    agent_t *a = calloc(1, sizeof(*a));
    if (!a) return ag;
    a->hw = hw;
    if (cfg)
        a->cfg = *cfg;
    else
        cptr_test_agent_default_cfg(&a->cfg);
    a->boot_due = CPTRA_UC_IDLE;
    a->cmd_due = CPTRA_UC_IDLE;
    ag.ctx = a;
    return ag;
}

uint64_t cptr_test_agent_commands(const cptra_uc_agent_t *ag) {
    return ((const agent_t *)ag->ctx)->commands;
}
