/* Mailbox sender sequence as a pure C state machine (caliptra-1x.md §1.3), used by the bridge to
 * execute a v2 MBOX_EXEC message as ordinary APB accesses (same effect as a v1 client doing it).
 *
 * Drive it with: while (cptr_mbox_seq_next(&s, &acc)) { perform acc; cptr_mbox_seq_result(&s,
 * rdata, slverr); }. No I/O and no time: each access carries `delay_cycles`, simulated time the
 * owner lets pass before performing it (STATUS polls and lock retries), so the busy period of
 * the command can complete.
 *
 * Stale lock recovery (docs/bridge-protocol.md §6): if LOCK reads 1 and MBOX_USER equals the
 * bridge's own PAUSER, the lock was left by an earlier client of this bridge (only one client is
 * served at a time). The sequence reads STATUS.mbox_fsm_ps and finishes that transaction the
 * only way the FSM allows from the SoC side: RDY_FOR_CMD is taken over; RDY_FOR_DLEN writes
 * DLEN=0 then EXECUTE=1; RDY_FOR_DATA writes EXECUTE=1; EXECUTE_UC polls until the firmware
 * answers; EXECUTE_SOC writes EXECUTE=0. Then the lock is acquired again.
 */
#ifndef CPTR_MBOX_SEQ_H
#define CPTR_MBOX_SEQ_H

#include <stdbool.h>
#include <stdint.h>

#include "cptr_codec.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cptr_access {
    uint8_t write;
    uint32_t addr;
    uint32_t data;         /* write data */
    uint64_t delay_cycles; /* let this much simulated time pass before the access */
} cptr_access_t;

typedef struct cptr_mbox_seq_cfg {
    uint32_t pauser;            /* PAUSER the bridge stamps: identifies a stale own lock */
    uint32_t mbox_base;         /* 0x3002_0000 */
    uint32_t soc_ifc_base;      /* 0x3003_0000 */
    uint32_t lock_retries;      /* LOCK reads while another agent holds it */
    uint64_t lock_retry_cycles; /* delay between LOCK reads */
    uint64_t max_polls;         /* STATUS reads while CMD_BUSY */
    uint64_t poll_cycles;       /* delay between STATUS reads */
} cptr_mbox_seq_cfg_t;

void cptr_mbox_seq_default_cfg(cptr_mbox_seq_cfg_t *cfg, uint32_t pauser);

typedef struct cptr_mbox_seq {
    cptr_mbox_seq_cfg_t cfg;
    int state;
    uint32_t cmd;
    const uint8_t *req;
    uint32_t req_len;
    uint8_t *resp;
    uint32_t resp_cap;
    uint32_t idx;        /* DATAIN/DATAOUT word index */
    uint32_t tries;      /* lock reads */
    uint64_t polls;      /* status reads */
    uint32_t recoveries; /* stale own locks cleared */
    bool pending;        /* an access was handed out and awaits its result */
    cptr_access_t last;
    /* results (valid when cptr_mbox_seq_next returned false) */
    cptr_mbox_result_t result;
    uint32_t status;    /* last STATUS[3:0] seen */
    uint32_t fw_error;  /* CPTRA_FW_ERROR_NON_FATAL on CMD_FAILURE */
    uint32_t resp_len;  /* response bytes stored in resp (DLEN, clamped to resp_cap) */
    uint32_t resp_dlen; /* DLEN the mailbox reported */
} cptr_mbox_seq_t;

void cptr_mbox_seq_init(cptr_mbox_seq_t *s, const cptr_mbox_seq_cfg_t *cfg, uint32_t cmd,
                        const uint8_t *req, uint32_t req_len, uint8_t *resp, uint32_t resp_cap);
/* Next access to perform; false when the sequence has finished (see result fields). */
bool cptr_mbox_seq_next(cptr_mbox_seq_t *s, cptr_access_t *acc);
/* How many of the upcoming accesses (starting with the one the next cptr_mbox_seq_next will
 * return) are identical DATAOUT reads whose values do not change the path of the sequence: a
 * driver may issue them back to back and feed the results in order afterwards. 0 otherwise. */
uint32_t cptr_mbox_seq_burst(const cptr_mbox_seq_t *s);
/* Result of the access returned by the last cptr_mbox_seq_next (rdata ignored for writes). */
void cptr_mbox_seq_result(cptr_mbox_seq_t *s, uint32_t rdata, bool slverr);

#ifdef __cplusplus
}
#endif

#endif
