/* A tiny uC agent for the bridge test server (until the firmware model is integrated).
 *
 * It plays Caliptra runtime firmware just enough for bridge tests: after the uC reset is
 * released it reports runtime-ready (CPTRA_BOOT_STATUS = 0x600, FLOW_STATUS.ready_for_runtime,
 * FW_REV_ID), and it answers mailbox commands per caliptra-1x.md §3: CAPABILITIES (RT bit 64),
 * VERSION and FW_INFO with correct framing and checksums, plus a test-only ECHO command
 * (0x4543484F: the response carries the request bytes after its checksum, for benchmarks); wrong
 * DLEN / checksum / unknown commands fail with the runtime error codes (§3.6). Each command is
 * answered `cmd_cycles` after EXECUTE (a busy period the SoC must poll through). Not the firmware
 * model.
 */
#ifndef CPTR_TEST_AGENT_H
#define CPTR_TEST_AGENT_H

#include <stdint.h>

#include "cptra_hw.h"
#include "cptra_uc_agent.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cptr_test_agent_cfg {
    uint64_t boot_cycles; /* uC reset release -> runtime ready */
    uint64_t cmd_cycles;  /* EXECUTE -> STATUS written */
    uint32_t pl0_pauser;  /* reported by FW_INFO */
} cptr_test_agent_cfg_t;

void cptr_test_agent_default_cfg(cptr_test_agent_cfg_t *cfg);
/* Drive it with cptra_sim (which forwards hw notifications to it). */
cptra_uc_agent_t cptr_test_agent_new(cptra_hw_t hw, const cptr_test_agent_cfg_t *cfg);
uint64_t cptr_test_agent_commands(const cptra_uc_agent_t *a); /* commands answered */

#define CPTR_RT_READY_BOOT_STATUS 0x600u /* caliptra-1x.md §3.7 */

#ifdef __cplusplus
}
#endif

#endif
