/* uc_stub: a minimal uC agent (cptra_uc_agent.h) used when no firmware behaviour model drives
 * the uC port: in script mode of `vp`, and as the test double of the platform tests.
 *   - sha_release: after the uC leaves reset, release the SHA accelerator lock that the
 *     hardware gives the uC at reset (what the ROM's SHA KAT does, caliptra-1x.md §2.1), after
 *     `sha_release_delay` cycles;
 *   - mbox_answer: answer every SoC mailbox command `answer_delay` cycles after CMD_AVAIL: for
 *     DATA_READY it writes DLEN = resp_dlen and the response words through MBOX_DLEN/DATAIN
 *     (one uC write per cycle), then MBOX_STATUS; for other statuses only MBOX_STATUS.
 * Each uC write happens at its own cycle: T = notify cycle + delay, T + op_spacing, ... */
#ifndef VP_UC_STUB_H
#define VP_UC_STUB_H

#include <stdbool.h>
#include <stdint.h>

#include "cptra_hw.h"
#include "cptra_uc_agent.h"
#include "vp_timeline.h"

#ifdef __cplusplus
extern "C" {
#endif

#define UC_STUB_MAX_WORDS 16

typedef struct uc_stub_cfg {
    bool sha_release;
    uint64_t sha_release_delay;
    bool mbox_answer;
    uint64_t answer_delay;
    uint64_t op_spacing;  /* cycles between consecutive uC writes of one answer (>= 1) */
    uint32_t resp_status; /* MBOX_STATUS_* */
    uint32_t resp_dlen;   /* bytes, for DATA_READY */
    uint32_t resp_words[UC_STUB_MAX_WORDS];
    unsigned resp_nwords;
    vp_timeline_fn timeline; /* optional: "uc_sha_lock_released", "uc_mbox_answer" */
    void *timeline_ctx;
} uc_stub_cfg_t;

void uc_stub_default_cfg(uc_stub_cfg_t *cfg);
/* `hw` is the (tapped) hw the agent drives; not owned. */
cptra_uc_agent_t uc_stub_new(cptra_hw_t hw, const uc_stub_cfg_t *cfg);
/* Number of commands answered so far. */
uint64_t uc_stub_answered(const cptra_uc_agent_t *agent);

#ifdef __cplusplus
}
#endif

#endif
