/* Shared test bench for the fw tests: C hw model + fw agent + cptra_sim + SoC sequencer. */
#ifndef FW_TEST_UTIL_H
#define FW_TEST_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "cptra_fw.h"
#include "cptra_hw.h"
#include "cptra_sim.h"
#include "soc_seq.h"

#define SOC_PAUSER 0x21212121u /* the sequencer's own PAUSER = image pl0_pauser */
#define A35_PAUSER 0x00000001u
#define MBOX(o)    (CPTRA_MBOX_CSR_BASE + (o))
#define SOC(o)     (CPTRA_SOC_IFC_BASE + (o))
#define SHA(o)     (CPTRA_SHA_ACC_BASE + (o))

#define SECURITY_STATE_UNPROV 0x0u
#define SECURITY_STATE_PROD   0x7u /* device_lifecycle = 3, debug_locked */

typedef struct {
    char ev[64][48];
    uint64_t cyc[64];
    int n;
} tl_log_t;

typedef struct {
    cptra_hw_t hw;
    cptra_uc_agent_t fw;
    cptra_sim_t *sim;
    tl_log_t fw_tl, soc_tl;
} tb_t;

uint8_t *tb_load(const char *path, size_t *len); /* malloc'd file contents */
const char *tb_bundle_path(int irot);            /* prebuilt ASPEED bundle */
/* Production fuses holding the bundle's hashes (testdata/README.md). */
void tb_prod_fuses(int irot, soc_fuses_t *f);

/* New bench: model with the given CPTRA_SECURITY_STATE strap; fw with default cfg + timeline. */
tb_t *tb_new(uint32_t security_state, const cptra_fw_cfg_t *fwcfg);
void tb_free(tb_t *tb);
/* Full SoC boot with the sequencer. Returns the final action (SOC_SEQ_DONE on success). */
soc_seq_action_t tb_boot(tb_t *tb, const soc_fuses_t *fuses, const uint8_t *fw, size_t len,
                         char *msg, size_t msglen);
/* Sequencer up to ready_for_fw only (no FIRMWARE_LOAD). lock: lock the PAUSER slots. */
void tb_boot_until_ready_for_fw(tb_t *tb, const soc_fuses_t *fuses, int lock);

/* One mailbox round trip as a SoC sender (§1.3). Returns the final STATUS (DATA_READY,
 * CMD_COMPLETE, CMD_FAILURE) or -1 on a bus error / timeout; resp gets DLEN bytes (DATA_READY). */
int tb_mbox(tb_t *tb, uint32_t pauser, uint32_t cmd, const uint8_t *req, uint32_t len,
            uint8_t *resp, uint32_t resp_max, uint32_t *resp_len);
/* Builds a request with a correct checksum into req (len bytes; payload after the checksum). */
void tb_fill_chksum(uint32_t cmd, uint8_t *req, uint32_t len);
uint32_t tb_rd(tb_t *tb, uint32_t addr);
int tl_find(const tl_log_t *l, const char *ev, uint64_t *cyc);

uint32_t tle32(const uint8_t *p);
void tput32(uint8_t *p, uint32_t v);

#endif
