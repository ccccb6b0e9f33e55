/* SHA-512 accelerator (sha512_acc_csr, caliptra-1x.md §2.1). */
#ifndef CPTRA_SHA_ACC_H
#define CPTRA_SHA_ACC_H

#include <stdbool.h>
#include <stdint.h>

#include "cptra_hw.h"

/* Latency table (cycles). Derivation from §4 [measured] streaming figures: at full APB rate a
 * 128-byte block takes 32 DATAIN transfers x 2 clk = 64 clk, and the first DATAIN of a new block
 * stalls up to 19 clk while the core still works on the previous block => the core needs
 * 64 + 19 = 83 clk per block (the steady-state period, inside the measured 78..83 range; the
 * HW-spec core figure is 87). Cross-check with "EXECUTE->VALID for 1 KiB ~186 clk incl. pad
 * block + polling": in steady state the last data block enters the core 21 clk after its last
 * DATAIN w, EXECUTE comes at w+2, the pad block follows the data block => VALID at w+21+2*83 =
 * EXECUTE+185, first 2-clk poll at +185/+186. */
enum {
    SHA_ACC_BLOCK_CLKS = 83,  /* core cycles per 1024-bit block (derived above) */
    SHA_ACC_HANDOFF_CLKS = 1, /* full buffer -> core start (flop), estimate */
    SHA_ACC_VALID_CLKS = 0,   /* last block done -> STATUS.VALID (estimate, folded in block) */
};

typedef struct sha_acc sha_acc_t;

sha_acc_t *sha_acc_new(void);
void sha_acc_free(sha_acc_t *s);
void sha_acc_reset(sha_acc_t *s); /* rst_b: LOCK=1 (held by uC), everything else 0 */
/* `sram` is the mailbox SRAM (mailbox mode, uC only). `wait` receives APB wait states. */
uint32_t sha_acc_read(sha_acc_t *s, uint64_t c, uint32_t off, bool soc, uint32_t pauser);
void sha_acc_write(sha_acc_t *s, uint64_t c, uint32_t off, uint32_t d, bool soc, uint32_t pauser,
                   const uint32_t *sram, uint32_t *wait);
bool sha_acc_dbg_read(const sha_acc_t *s, uint32_t off, uint32_t *d);
bool sha_acc_lock(const sha_acc_t *s);

#endif
