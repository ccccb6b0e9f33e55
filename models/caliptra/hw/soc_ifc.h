/* soc_ifc_reg: SoC interface registers, fuses, error pins, TRNG, PAUSER lists
 * (caliptra-1x.md §2). The boot FSM state lives in boot_fsm.c and is read live. */
#ifndef CPTRA_SOC_IFC_H
#define CPTRA_SOC_IFC_H

#include <stdbool.h>
#include <stdint.h>

#include "boot_fsm.h"
#include "cptra_hw.h"
#include "hw_int.h"

#define SOC_IFC_NREGS (0x1000u / 4u)

/* Latency table (cycles after the ACCESS cycle c of the write that changes an error register). */
enum {
    /* Error register bit visible c+1, pin registered from it: [measured] "pin high 2 clk after
     * the offending access" (§1.2, §4); used for HW (mailbox) and FW error writes alike. */
    SOC_IFC_LAT_ERR_PIN = 2,
};

typedef enum {
    R_NONE = 0,
    R_RW,      /* SoC RW, uC RW */
    R_RW1C,    /* SoC and uC write-1-to-clear, HW sets */
    R_UC,      /* SoC RO, uC RW */
    R_SOC,     /* SoC RW, uC RO */
    R_RO,      /* RO to both (HW / strap) */
    R_PLOCKED, /* SoC RW until the associated lock bit is set; uC RO */
    R_LOCKBIT, /* SoC: bit0 writable until set; uC RO */
    R_FUSE,    /* SoC RW until FUSE_WR_DONE; uC RO */
    R_FUSE_W1, /* secret fuse: write-once, SoC reads 0, uC reads value */
    R_UC_WO,   /* uC write-only (reads 0), SoC no access */
    R_SPECIAL, /* handled in code */
} soc_reg_kind_t;

typedef struct soc_reg_desc {
    uint16_t off;
    uint16_t count;
    const char *name;
    uint32_t reset;
    uint32_t mask;   /* implemented bits */
    uint8_t kind;    /* soc_reg_kind_t */
    uint8_t pwrgood; /* 1: cold-reset domain only; 0: rst_b domain */
} soc_reg_desc_t;

/* The register table (exported for table-driven tests). Terminated by count == 0. */
extern const soc_reg_desc_t soc_ifc_regs[];
const soc_reg_desc_t *soc_ifc_desc(uint32_t off);

typedef struct soc_ifc {
    hw_notify_t notify;
    boot_blk_t *boot;
    uint32_t r[SOC_IFC_NREGS];
    uint64_t w1_written[2]; /* write-once tracking for UDS/FE words (20 words) */
    uint32_t security_state, hw_config, gen_in[2];
    uint32_t set_mbox_pauser_integ, mbox_pauser_integ[5];
    bool set_fuse_pauser_integ;
    uint32_t fuse_pauser_integ;
    lag_t nf_pin, fatal_pin;
} soc_ifc_t;

void soc_ifc_init(soc_ifc_t *s, const cptra_model_cfg_t *cfg, boot_blk_t *boot,
                  const hw_notify_t *n);
void soc_ifc_reset(soc_ifc_t *s, bool cold); /* cold: pwrgood domain too */
uint32_t soc_ifc_read(soc_ifc_t *s, uint64_t c, uint32_t off, bool soc, uint32_t pauser);
void soc_ifc_write(soc_ifc_t *s, uint64_t c, uint32_t off, uint32_t d, bool soc, uint32_t pauser);
/* PAUSER checks made by the arbiter (§0). */
bool soc_ifc_mbox_pauser_ok(const soc_ifc_t *s, uint32_t pauser);
bool soc_ifc_fuse_pauser_ok(const soc_ifc_t *s, uint32_t pauser);
/* HW error inputs (mailbox protocol errors). */
void soc_ifc_hw_error_nf(soc_ifc_t *s, uint64_t c, uint32_t bits);
bool soc_ifc_dbg_read(const soc_ifc_t *s, uint32_t off, uint32_t *d);
bool soc_ifc_dbg_write(soc_ifc_t *s, uint32_t off, uint32_t d);
uint32_t soc_ifc_flow_status(const soc_ifc_t *s, uint64_t c);

#endif
