/* Caliptra 1.2 firmware behaviour model (ROM, FMC, runtime) as a uC agent (cptra_uc_agent.h).
 *
 * The model drives the `hw` only through the uC port (uc_read/uc_write of Caliptra-internal
 * addresses) and reacts to hw notifications. It owns no thread: every firmware phase is computed
 * from the cost table (cost.h) and scheduled at its cycle, so a full ~36 M-cycle cold boot takes
 * milliseconds of wall time. Facts: spec/caliptra-1x.md §2.2, §3, §4; spec/images.md §1, §2.
 */
#ifndef CPTRA_FW_H
#define CPTRA_FW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cost.h"
#include "cptra_hw.h"
#include "cptra_uc_agent.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- mailbox command codes (caliptra-1x.md §3.2) ---- */
#define CPTRA_CMD_FIRMWARE_LOAD                 0x46574C44u
#define CPTRA_CMD_CAPABILITIES                  0x43415053u
#define CPTRA_CMD_GET_IDEV_CERT                 0x49444543u
#define CPTRA_CMD_GET_IDEV_INFO                 0x49444549u
#define CPTRA_CMD_POPULATE_IDEV_CERT            0x49444550u
#define CPTRA_CMD_GET_LDEV_CERT                 0x4C444556u
#define CPTRA_CMD_GET_FMC_ALIAS_CERT            0x43455246u
#define CPTRA_CMD_GET_RT_ALIAS_CERT             0x43455252u
#define CPTRA_CMD_ECDSA384_VERIFY               0x53494756u
#define CPTRA_CMD_LMS_VERIFY                    0x4C4D5356u
#define CPTRA_CMD_STASH_MEASUREMENT             0x4D454153u
#define CPTRA_CMD_INVOKE_DPE                    0x44504543u
#define CPTRA_CMD_DISABLE_ATTESTATION           0x4453424Cu
#define CPTRA_CMD_FW_INFO                       0x494E464Fu
#define CPTRA_CMD_DPE_TAG_TCI                   0x54514754u
#define CPTRA_CMD_DPE_GET_TAGGED_TCI            0x47544744u
#define CPTRA_CMD_INCREMENT_PCR_RESET_COUNTER   0x50435252u
#define CPTRA_CMD_QUOTE_PCRS                    0x50435251u
#define CPTRA_CMD_EXTEND_PCR                    0x50435245u
#define CPTRA_CMD_ADD_SUBJECT_ALT_NAME          0x414C544Eu
#define CPTRA_CMD_CERTIFY_KEY_EXTENDED          0x434B4558u
#define CPTRA_CMD_VERSION                       0x46505652u
#define CPTRA_CMD_SELF_TEST_START               0x46504C54u
#define CPTRA_CMD_SELF_TEST_GET_RESULTS         0x46504C67u
#define CPTRA_CMD_SHUTDOWN                      0x46505344u
#define CPTRA_CMD_SET_AUTH_MANIFEST             0x41544D4Eu
#define CPTRA_CMD_AUTHORIZE_AND_STASH           0x41545348u
#define CPTRA_CMD_GET_IDEV_CSR                  0x49444352u
#define CPTRA_CMD_GET_FMC_ALIAS_CSR             0x464D4352u
#define CPTRA_CMD_SIGN_WITH_EXPORTED_ECDSA      0x53574545u
#define CPTRA_CMD_REVOKE_EXPORTED_CDI_HANDLE    0x52564348u
#define CPTRA_CMD_REALLOCATE_DPE_CONTEXT_LIMITS 0x52435458u
#define CPTRA_CMD_GET_PCR_LOG                   0x504C4F47u

/* ---- error codes (caliptra-1x.md §3.6; caliptra-sw error/src/lib.rs rt-1.2.5) ---- */
#define RT_ERR_INTERNAL                                0x000E0001u
#define RT_ERR_UNIMPLEMENTED_COMMAND                   0x000E0002u
#define RT_ERR_INSUFFICIENT_MEMORY                     0x000E0003u
#define RT_ERR_ECDSA_VERIFY_FAILED                     0x000E0004u
#define RT_ERR_INVALID_CHECKSUM                        0x000E0005u
#define RT_ERR_SHUTDOWN                                0x000E0008u
#define RT_ERR_MAILBOX_INVALID_PARAMS                  0x000E0009u
#define RT_ERR_SELF_TEST_IN_PROGRESS                   0x000E0011u
#define RT_ERR_SELF_TEST_NOT_STARTED                   0x000E0012u
#define RT_ERR_INCORRECT_PAUSER_PRIVILEGE_LEVEL        0x000E0016u
#define RT_ERR_INCREMENT_PCR_RESET_MAX_REACHED         0x000E0036u
#define RT_ERR_PCR_RESERVED                            0x000E003Cu
#define RT_ERR_PCR_INVALID_INDEX                       0x000E003Du
#define RT_ERR_LMS_VERIFY_FAILED                       0x000E0042u
#define RT_ERR_LMS_INVALID_LMS_ALGORITHM               0x000E0043u
#define RT_ERR_LMS_INVALID_LMOTS_ALGORITHM             0x000E0044u
#define RT_ERR_AUTH_AND_STASH_UNSUPPORTED_IMAGE_SOURCE 0x000E004Eu
#define RT_ERR_CMD_RESERVED_PAUSER                     0x000E004Fu
#define RT_ERR_AUTH_AND_STASH_MEASUREMENT_DPE_ERROR    0x000E0050u
#define RT_ERR_GET_IDEV_CSR_UNPROVISIONED              0x000E0051u
#define ROM_ERR_MANIFEST_READ_FAILURE                  0x01020001u
#define ROM_ERR_INVALID_IMAGE_SIZE                     0x01020002u
#define ROM_ERR_MAILBOX_STATE_INCONSISTENT             0x01020003u
#define ROM_ERR_MAILBOX_INVALID_COMMAND                0x01020004u
#define ROM_ERR_MAILBOX_INVALID_CHECKSUM               0x01020005u
#define ROM_ERR_MAILBOX_INVALID_REQUEST_LENGTH         0x01020006u
#define ROM_ERR_PROCESS_FAILURE                        0x01020007u
#define ROM_ERR_STASH_MEASUREMENT_MAX_LIMIT            0x01020008u
#define ROM_ERR_RESERVED_PAUSER                        0x01020009u
#define ROM_ERR_GET_IDEV_CSR_UNPROVISIONED             0x0102000Au

/* AUTHORIZE_AND_STASH results (caliptra-1x.md §3.3) */
#define CPTRA_AUTH_IMAGE_AUTHORIZED     0xDEADC0DEu
#define CPTRA_AUTH_IMAGE_NOT_AUTHORIZED 0x21523F21u
#define CPTRA_AUTH_IMAGE_HASH_MISMATCH  0x8BFB95CBu

/* ---- boot status values (caliptra-1x.md §3.7) ---- */
#define CPTRA_BS_IDEVID_FIRST          1u /* IDevID 1..10 */
#define CPTRA_BS_IDEVID_LAST           10u
#define CPTRA_BS_LDEVID_FIRST          65u /* LDevID 65..70 */
#define CPTRA_BS_LDEVID_LAST           70u
#define CPTRA_BS_FWPROC_DOWNLOAD_DONE  129u /* FW processor 129..136 */
#define CPTRA_BS_FWPROC_MANIFEST_LOAD  130u
#define CPTRA_BS_FWPROC_VERIFY_DONE    131u
#define CPTRA_BS_FWPROC_DATA_VAULT     132u
#define CPTRA_BS_FWPROC_EXTEND_PCR     133u
#define CPTRA_BS_FWPROC_LOAD_IMAGE     134u
#define CPTRA_BS_FWPROC_TX_COMPLETE    135u
#define CPTRA_BS_FWPROC_COMPLETE       136u
#define CPTRA_BS_FMC_ALIAS_FIRST       193u /* FMC alias 193..198 */
#define CPTRA_BS_FMC_ALIAS_LAST        198u
#define CPTRA_BS_COLD_RESET_STARTED    257u
#define CPTRA_BS_COLD_RESET_COMPLETE   320u
#define CPTRA_BS_UPDATE_RESET_STARTED  321u /* update reset 321..328 */
#define CPTRA_BS_UPDATE_RESET_COMPLETE 328u
#define CPTRA_BS_CFI_INITIALIZED       385u
#define CPTRA_BS_KAT_STARTED           386u
#define CPTRA_BS_KAT_COMPLETE          387u
#define CPTRA_BS_FMC_FIRST             0x400u /* FMC RT-alias 0x400..0x407 */
#define CPTRA_BS_FMC_LAST              0x407u
#define CPTRA_BS_RT_READY              0x600u
#define CPTRA_BS_RT_SELF_TEST_START    0x601u
#define CPTRA_BS_RT_SELF_TEST_DONE     0x602u

/* Version encodings (builder/src/version.rs): ROM 1.2.0 = 0x0880. */
#define CPTRA_ROM_VERSION_1_2_0 0x0880u

/* ---- configuration ---- */
typedef void (*cptra_fw_timeline_fn)(void *ctx, const char *event, uint64_t cycle);

typedef struct cptra_fw_cfg {
    const uint8_t *rom; /* optional ROM file bytes (FW_INFO rom_sha256_digest); copied */
    size_t rom_len;
    uint8_t rom_revision[20];      /* FW_INFO rom_revision (git commit of the ROM); default zeros */
    uint16_t rom_version;          /* CPTRA_FW_REV_ID[0][15:0]; default CPTRA_ROM_VERSION_1_2_0 */
    const cptra_fw_cost_t *cost;   /* NULL = cptra_fw_cost_default() */
    cptra_fw_timeline_fn timeline; /* optional boot-phase events */
    void *timeline_ctx;
} cptra_fw_cfg_t;

void cptra_fw_default_cfg(cptra_fw_cfg_t *cfg);

/* Creates the firmware agent and installs its notify hook on hw (hw.ops->set_notify). cfg may be
 * NULL (defaults). The caller owns the agent: agent.ops->destroy(agent.ctx). */
cptra_uc_agent_t cptra_fw_new(cptra_hw_t hw, const cptra_fw_cfg_t *cfg);

/* ---- state accessors (agent.ctx of an agent from cptra_fw_new) ---- */
typedef enum {
    CPTRA_FW_OFF = 0,     /* uC in reset */
    CPTRA_FW_ROM_BOOT,    /* ROM KATs / IDevID / LDevID */
    CPTRA_FW_ROM_MBOX,    /* ROM mailbox loop (waiting for FIRMWARE_LOAD) */
    CPTRA_FW_ROM_LOADING, /* FIRMWARE_LOAD accepted, ROM/FMC/RT init running */
    CPTRA_FW_RT_READY,    /* runtime accepting commands */
    CPTRA_FW_FATAL,       /* ROM fatal error: loops forever */
} cptra_fw_phase_t;

cptra_fw_phase_t cptra_fw_phase(const cptra_uc_agent_t *fw);
uint32_t cptra_fw_boot_status(const cptra_uc_agent_t *fw); /* last value written */
uint32_t cptra_fw_fatal_error(const cptra_uc_agent_t *fw); /* 0 if none */
uint32_t cptra_fw_last_error(const cptra_uc_agent_t *fw);  /* last CPTRA_FW_ERROR_NON_FATAL */
uint64_t cptra_fw_cycle_of(const cptra_uc_agent_t *fw, uint32_t boot_status); /* 0 = never */
const cptra_fw_cost_t *cptra_fw_cost(const cptra_uc_agent_t *fw);

/* Loaded image (valid after a successful FIRMWARE_LOAD). */
typedef struct cptra_fw_image_info {
    bool loaded;
    uint32_t fmc_version, rt_version, fmc_svn, rt_svn;
    uint32_t pl0_pauser;
    bool pl0_pauser_valid;
    uint64_t verify_cycles; /* cycles charged for the verification */
} cptra_fw_image_info_t;
void cptra_fw_image(const cptra_uc_agent_t *fw, cptra_fw_image_info_t *out);

/* The ROM's FIRMWARE_LOAD verification on a buffer, without a mailbox (used by the tamper
 * campaign and by tools): reads the fuses from hw through the uC port (as the ROM does), runs the
 * ROM verification and returns its error code (0 = accepted). *cycles gets the verification cost
 * (may be NULL). Does not change the agent state. */
uint32_t cptra_fw_verify_image(cptra_uc_agent_t *fw, uint64_t cycle, const uint8_t *img, size_t len,
                               uint64_t *cycles);

/* Cycle cost of a verification from the image library's work counts. */
struct cptra_verify_cost;
uint64_t cptra_fw_verify_cycles(const cptra_fw_cost_t *c, const struct cptra_verify_cost *vc);

/* ---- protocol helpers (caliptra-1x.md §3.1) ---- */
/* checksum = 0 - (sum of the 4 LE bytes of cmd + sum of data bytes) */
uint32_t cptra_fw_checksum(uint32_t cmd, const uint8_t *data, size_t len);

#ifdef __cplusplus
}
#endif

#endif
