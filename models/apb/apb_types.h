/* APB transaction as seen by a target: one aligned 32-bit word.
 * Shared by every C core that sits on the Caliptra APB path (hw model, RTL adapter, lockstep,
 * perf counters, bridge). Timing convention: `cycle` is the Caliptra clock cycle of the APB
 * ACCESS phase (SETUP was cycle-1); the transfer completes at the end of cycle + wait. */
#ifndef APB_TYPES_H
#define APB_TYPES_H

#include <stdint.h>

typedef struct apb_req {
    uint32_t addr;   /* Caliptra address (0x3002_0000..0x3003_FFFF); targets decode PADDR[17:0] */
    uint32_t wdata;  /* write data (ignored on reads) */
    uint32_t pauser; /* PAUSER of the initiator */
    uint8_t write;   /* 1 = PWRITE */
    uint8_t pprot;   /* PPROT[2:0]; Caliptra ignores it */
} apb_req_t;

typedef struct apb_resp {
    uint32_t rdata; /* PRDATA; 0 when slverr */
    uint32_t wait;  /* wait states: cycles PREADY was low in the ACCESS phase */
    uint8_t slverr; /* PSLVERR */
} apb_resp_t;

/* Minimum APB transfer: SETUP + ACCESS (caliptra-1x.md §0, apb_slv_sif). */
#define APB_MIN_CYCLES 2u

#endif
