/* Internal state of the firmware behaviour model, shared by fw.c (agent, ROM, FMC) and rt.c
 * (runtime commands). Not a public header. */
#ifndef CPTRA_FW_INT_H
#define CPTRA_FW_INT_H

#include "cptra_authman.h"
#include "cptra_bundle.h"
#include "cptra_fw.h"
#include "vp_bytes.h"

#define FW_MAX_STEPS  96
#define FW_RT_MAX_REQ 14344u /* 3586 dwords (caliptra-1x.md §3.1) */
#define FW_RESP_MAX   512u

typedef enum {
    STEP_BOOT_STATUS, /* a = value */
    STEP_FLOW_SET,    /* a = bits */
    STEP_FLOW_CLR,    /* a = bits */
    STEP_FW_REV,      /* a = register index 0/1, b = value */
    STEP_TIMELINE,    /* name */
    STEP_PHASE,       /* a = new phase */
    STEP_RESPOND,     /* write the prepared response / status */
    STEP_FATAL,       /* a = code */
    STEP_SELF_TEST_DONE,
} step_kind_t;

typedef struct {
    uint64_t cycle;
    step_kind_t kind;
    uint32_t a, b;
    const char *name;
} fw_step_t;

typedef struct fw {
    cptra_hw_t hw;
    cptra_fw_cfg_t cfg;
    uint8_t *rom;
    uint8_t rom_sha256[32];
    cptra_fw_cost_t cost;

    cptra_fw_phase_t phase;
    fw_step_t steps[FW_MAX_STEPS];
    int nsteps, istep;
    uint64_t last_cycle; /* last cycle at which we touched hw */

    /* mailbox */
    bool cmd_pending;
    uint64_t cmd_avail;
    bool busy;            /* a command is being executed: response scheduled */
    uint32_t resp_status; /* MBOX_STATUS_* to write */
    uint32_t resp_err;    /* error code for CMD_FAILURE */
    bool resp_fatal;      /* ROM: the error is fatal */
    uint8_t resp[FW_RESP_MAX];
    uint32_t resp_len;

    /* soft registers shadowed by the fw */
    uint32_t flow; /* FW-owned CPTRA_FLOW_STATUS bits */
    uint32_t boot_status;
    uint32_t fatal;
    uint32_t last_err;
    uint64_t bs_cycle[0x700]; /* cycle at which each boot status value was written */

    /* ROM */
    int stash_count;
    uint8_t rom_stash[8][48];
    uint32_t fuse_lifecycle;

    /* image */
    uint8_t *image;
    size_t image_len;
    cptra_bundle_info_t info;
    bool image_valid;
    uint64_t verify_cycles;
    uint32_t min_rt_svn;

    /* runtime */
    uint8_t pcr[32][48];
    uint32_t pcr_reset[32];
    bool attestation_disabled;
    bool shutdown;
    int self_test; /* 0 idle, 1 running, 2 done */
    uint64_t self_test_done;
    cptra_authman_t *am; /* the runtime's persistent copy (zero until SET_AUTH_MANIFEST) */
    bool authman_valid;
    uint8_t authman_digest[48];
    uint32_t lms_verify_fuse;
} fw_t;

/* fw.c services used by rt.c */
void fw_sched(fw_t *f, uint64_t cycle, step_kind_t kind, uint32_t a, uint32_t b, const char *n);
uint32_t fw_rd(fw_t *f, uint64_t cycle, uint32_t addr);
void fw_wr(fw_t *f, uint64_t cycle, uint32_t addr, uint32_t data);
void fw_resp_header(fw_t *f, uint32_t len); /* fills chksum + fips_status over resp[0..len) */
void fw_pcr_extend(fw_t *f, int idx, const uint8_t *data, size_t len);
void fw_read_fuses(fw_t *f, uint64_t cycle, cptra_fuse_vals_t *fv);

/* rt.c: executes one runtime command on req (dlen bytes) from `pauser`; fills f->resp /
 * resp_len and returns 0, or returns the error code. *cost gets the command's cycles. */
uint32_t rt_execute(fw_t *f, uint64_t t0, uint32_t cmd, const uint8_t *req, uint32_t dlen,
                    uint32_t pauser, uint64_t *cost);
void rt_start_update(fw_t *f, uint64_t t0);

/* helpers */

#endif
