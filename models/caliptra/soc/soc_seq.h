/* SoC boot sequencer for Caliptra-only mode: what a SoC boot ROM does to bring Caliptra up
 * (caliptra-1x.md §2.2; images.md §1.4 "How the bootmcu drives this"):
 *   power on -> wait ready_for_fuses -> lock mailbox PAUSER slots 0 (own PAUSER) and 1 (A35)
 *   -> write fuses -> FUSE_WR_DONE -> wait ready_for_fw -> FIRMWARE_LOAD the bundle
 *   -> wait ready_for_runtime.
 * Event-driven, pull style, one APB access at a time: the driver asks soc_seq_next() what to do
 * (an APB access, a power-on, or a wait), performs it, and reports APB results with
 * soc_seq_response(). The same core runs under the SystemC APB initiator and in C tests. */
#ifndef SOC_SEQ_H
#define SOC_SEQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "apb_types.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SOC_SEQ_DEFAULT_PAUSER 0x21212121u /* bootmcu PAUSER (images.md §1.2, ASPEED fork) */

/* Fuse register contents, words in register order (caliptra-1x.md §2 fuse table). */
typedef struct soc_fuses {
    uint32_t uds_seed[12];
    uint32_t field_entropy[8];
    uint32_t key_manifest_pk_hash[12];
    uint32_t key_manifest_pk_hash_mask;
    uint32_t owner_pk_hash[12];
    uint32_t fmc_key_manifest_svn;
    uint32_t runtime_svn[4];
    uint32_t anti_rollback_disable;
    uint32_t idevid_cert_attr[24];
    uint32_t idevid_manuf_hsm_id[4];
    uint32_t life_cycle;
    uint32_t lms_verify;
    uint32_t lms_revocation;
    uint32_t soc_stepping_id;
} soc_fuses_t;

/* TOML fuse file (format in models/caliptra/fw/README.md). Unknown keys, wrong word counts and
 * malformed values are errors. Keys absent from the file stay as they are in *out (callers
 * usually zero it first). 0 ok, -1 error with a message in err. */
int soc_fuses_parse_toml(const char *text, soc_fuses_t *out, char *err, size_t errlen);
int soc_fuses_load_toml(const char *path, soc_fuses_t *out, char *err, size_t errlen);

typedef void (*soc_seq_timeline_fn)(void *ctx, const char *event, uint64_t cycle);

typedef struct soc_seq_cfg {
    uint32_t pauser;       /* own PAUSER, locked into CPTRA_MBOX_VALID_PAUSER[0] */
    uint32_t a35_pauser;   /* locked into CPTRA_MBOX_VALID_PAUSER[1] */
    bool lock_a35_slot;    /* default true */
    bool lock_fuse_pauser; /* also lock CPTRA_FUSE_VALID_PAUSER to `pauser` (default false) */
    soc_fuses_t fuses;
    const uint8_t *fw; /* firmware bundle for FIRMWARE_LOAD (not copied; must outlive seq) */
    size_t fw_len;
    uint64_t poll_interval; /* cycles between status polls (default 4000 = 10 us @400 MHz) */
    uint64_t timeout;       /* cycles allowed per wait (default 200 M) */
    soc_seq_timeline_fn timeline;
    void *timeline_ctx;
} soc_seq_cfg_t;

void soc_seq_default_cfg(soc_seq_cfg_t *cfg);

typedef enum {
    SOC_SEQ_ACCESS,   /* perform *req on APB, then call soc_seq_response() */
    SOC_SEQ_POWER_ON, /* assert pwrgood, then release rst_b (cptra_sim_power_on) */
    SOC_SEQ_WAIT,     /* let *wait cycles pass, then call soc_seq_next() again */
    SOC_SEQ_DONE,     /* Caliptra runtime is ready */
    SOC_SEQ_FAILED,   /* see soc_seq_message() */
} soc_seq_action_t;

typedef struct soc_seq soc_seq_t;

soc_seq_t *soc_seq_new(const soc_seq_cfg_t *cfg);
void soc_seq_free(soc_seq_t *s);
/* What to do next at cycle `now`. */
soc_seq_action_t soc_seq_next(soc_seq_t *s, uint64_t now, apb_req_t *req, uint64_t *wait);
/* Result of the access returned by the last soc_seq_next(); `now` = cycle after completion. */
void soc_seq_response(soc_seq_t *s, uint64_t now, const apb_resp_t *resp);
const char *soc_seq_message(const soc_seq_t *s); /* failure text (with FW_ERROR_FATAL and
                                                    BOOT_STATUS), or "" */
uint32_t soc_seq_fw_error_fatal(const soc_seq_t *s);
uint32_t soc_seq_fw_error_non_fatal(const soc_seq_t *s);
uint32_t soc_seq_boot_status(const soc_seq_t *s);

/* Convenience driver for synchronous initiators (C tests over cptra_sim). */
typedef struct soc_seq_io {
    void *ctx;
    uint64_t (*now)(void *ctx);
    apb_resp_t (*access)(void *ctx, const apb_req_t *req);
    void (*power_on)(void *ctx);
    void (*advance)(void *ctx, uint64_t cycles);
} soc_seq_io_t;
/* Runs to DONE or FAILED; returns the final action. */
soc_seq_action_t soc_seq_run(soc_seq_t *s, const soc_seq_io_t *io);

#ifdef __cplusplus
}
#endif

#endif
