/* Cycle-cost table of the Caliptra firmware behaviour model (ROM, FMC, runtime).
 *
 * One table for every firmware latency. Cycles are Caliptra clk cycles (400 MHz validated,
 * caliptra-1x.md §4). Every default carries its source in cost.c. The platform may override any
 * entry through cptra_fw_cfg_t.cost (see cptra_fw.h).
 */
#ifndef CPTRA_FW_COST_H
#define CPTRA_FW_COST_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cptra_fw_cost {
    /* ---- hardware crypto figures (HW spec v1.1) ---- */
    uint64_t ecc384_verify; /* one ECDSA P-384 verify on the ECC engine */
    uint64_t ecc384_sign;   /* one ECDSA P-384 sign */
    uint64_t ecc384_keygen; /* one P-384 key generation */
    uint64_t sha512_block;  /* SHA-512/384 core, per 128-byte block */
    uint64_t sha256_block;  /* SHA-256 core, per 64-byte block */
    uint64_t lms_verify;    /* one LMS (N24/H15/W4) verify in FW with SHA-256 HW */
    /* ---- ROM cold boot phases ---- */
    uint64_t rom_init;       /* uC reset release -> CFI initialised */
    uint64_t rom_kat_ecc;    /* ECC-384 KAT */
    uint64_t rom_kat_lms;    /* LMS KAT */
    uint64_t rom_kat_other;  /* every other KAT and unitemised ROM work before IDevID */
    uint64_t rom_cold_start; /* KAT complete -> ColdResetStarted */
    uint64_t rom_idevid;     /* IDevID layer (10 statuses) */
    uint64_t rom_ldevid;     /* LDevID layer (6 statuses) */
    /* ---- ROM mailbox and firmware processing ---- */
    uint64_t rom_cmd_base;     /* ROM mailbox command: dispatch + response */
    uint64_t mbox_word;        /* uC read or write of one mailbox dword */
    uint64_t rom_fw_manifest;  /* manifest copy + parse after the download */
    uint64_t rom_fw_dv;        /* populate data vault + extend PCRs */
    uint64_t rom_fw_load_word; /* copy one dword of FMC/RT into ICCM */
    uint64_t rom_fmc_alias;    /* FMC alias layer (6 statuses) */
    uint64_t rom_to_fmc;       /* ColdResetComplete -> FMC entry */
    /* ---- FMC and runtime boot ---- */
    uint64_t fmc_rt_alias; /* FMC: RT alias layer (0x400..0x407) */
    uint64_t rt_init;      /* RT: DPE init, PCR log, handoff -> 0x600 */
    /* ---- runtime commands ---- */
    uint64_t rt_cmd_base;      /* dispatch + checksum + response of any command */
    uint64_t rt_self_test;     /* FIPS self test (all KATs) */
    uint64_t rt_dpe_derive;    /* one DPE DeriveContext (stash measurement) */
    uint64_t rt_authman_probe; /* one binary-search probe of AUTHORIZE_AND_STASH */
} cptra_fw_cost_t;

/* Fills the calibrated defaults (sources in cost.c). */
void cptra_fw_cost_default(cptra_fw_cost_t *c);

/* Number of SHA-512 core blocks for a message of `bytes` (FIPS 180-4 padding: +17 bytes). */
uint64_t cptra_fw_sha384_blocks(uint64_t bytes);

/* Every entry of the table by name (the field name), so a platform configuration can override
 * any of them (vp: the [fw_cost] table). */
typedef struct cptra_fw_cost_field {
    const char *name;
    size_t offset; /* of the uint64_t in cptra_fw_cost_t */
} cptra_fw_cost_field_t;
const cptra_fw_cost_field_t *cptra_fw_cost_fields(size_t *count);

/* Total ROM time from uC reset release to the ROM mailbox loop. */
uint64_t cptra_fw_cost_rom_to_mbox_loop(const cptra_fw_cost_t *c);

#ifdef __cplusplus
}
#endif

#endif
