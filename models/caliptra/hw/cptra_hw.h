/* The Caliptra `hw` seam (DESIGN.md principle 5).
 *
 * `hw` is what RTL implements: mailbox CSR + FSM + SRAM, soc_ifc registers and fuses, boot FSM,
 * SHA-512 accelerator. It has two ports:
 *   - the SoC APB port (apb_access), used by every SoC initiator through the interconnect;
 *   - the uC port (uc_read/uc_write + notifications), used only by the firmware behaviour
 *     (models/caliptra/fw). The uC port carries exactly what the Caliptra core would do on its
 *     internal bus: reads and writes of Caliptra-internal addresses with uC privileges.
 * Implementations (C model, Verilated RTL, lockstep, perf tap) are interchangeable behind
 * `cptra_hw_t`, an ops table plus context.
 *
 * Time: every call carries `cycle`, the Caliptra clock cycle (400 MHz by default) at which the
 * access happens. Callers must pass non-decreasing cycles. For APB, `cycle` is the ACCESS phase
 * cycle (apb_types.h). Implementations never read a wall clock.
 */
#ifndef CPTRA_HW_H
#define CPTRA_HW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "apb_types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Caliptra-internal address map (caliptra-1x.md §0) ---- */
#define CPTRA_MBOX_SRAM_BASE 0x30000000u
#define CPTRA_MBOX_SRAM_SIZE 0x20000u /* 128 KiB, MBOX_SIZE_KB=128 */
#define CPTRA_MBOX_CSR_BASE  0x30020000u
#define CPTRA_SHA_ACC_BASE   0x30021000u
#define CPTRA_SOC_IFC_BASE   0x30030000u
#define CPTRA_APB_PADDR_MASK 0x3FFFFu /* APB_ADDR_WIDTH = 18 */

/* mbox_csr offsets (§1.1) */
#define MBOX_LOCK    0x00u
#define MBOX_USER    0x04u
#define MBOX_CMD     0x08u
#define MBOX_DLEN    0x0Cu
#define MBOX_DATAIN  0x10u
#define MBOX_DATAOUT 0x14u
#define MBOX_EXECUTE 0x18u
#define MBOX_STATUS  0x1Cu
#define MBOX_UNLOCK  0x20u

/* MBOX_STATUS.status encoding */
enum { MBOX_STATUS_CMD_BUSY = 0, MBOX_STATUS_DATA_READY = 1, MBOX_STATUS_CMD_COMPLETE = 2,
       MBOX_STATUS_CMD_FAILURE = 3 };

/* mbox_fsm_ps encoding (§1.2) */
typedef enum {
    MBOX_IDLE = 0,
    MBOX_RDY_FOR_CMD = 1,
    MBOX_RDY_FOR_DATA = 2,
    MBOX_RDY_FOR_DLEN = 3,
    MBOX_EXECUTE_SOC = 4,
    MBOX_EXECUTE_UC = 6,
    MBOX_ERROR = 7,
} mbox_fsm_t;

/* Boot FSM (§2.2), visible in CPTRA_FLOW_STATUS[27:25] */
typedef enum {
    BOOT_IDLE = 0,
    BOOT_FUSE = 1,
    BOOT_FW_RST = 2,
    BOOT_WAIT = 3,
    BOOT_DONE = 4,
} boot_fsm_t;

/* sha512_acc_csr offsets (§2.1) */
#define SHA_ACC_LOCK          0x00u
#define SHA_ACC_USER          0x04u
#define SHA_ACC_MODE          0x08u
#define SHA_ACC_START_ADDRESS 0x0Cu
#define SHA_ACC_DLEN          0x10u
#define SHA_ACC_DATAIN        0x14u
#define SHA_ACC_EXECUTE       0x18u
#define SHA_ACC_STATUS        0x1Cu
#define SHA_ACC_DIGEST0       0x20u
#define SHA_ACC_CONTROL       0x60u
/* SHA_ACC MODE field values (§2.1) */
#define SHA_ACC_MODE_STREAM_384    0u
#define SHA_ACC_MODE_STREAM_512    1u
#define SHA_ACC_MODE_MBOX_384      2u
#define SHA_ACC_MODE_MBOX_512      3u
#define SHA_ACC_MODE_ENDIAN_TOGGLE (1u << 2)

/* soc_ifc offsets (§2) — the ones other blocks and the firmware name */
#define CPTRA_HW_ERROR_FATAL          0x000u
#define CPTRA_HW_ERROR_NON_FATAL      0x004u
#define CPTRA_FW_ERROR_FATAL          0x008u
#define CPTRA_FW_ERROR_NON_FATAL      0x00Cu
#define CPTRA_HW_ERROR_ENC            0x010u
#define CPTRA_FW_ERROR_ENC            0x014u
#define CPTRA_FW_EXTENDED_ERROR_INFO0 0x018u
#define CPTRA_BOOT_STATUS             0x038u
#define CPTRA_FLOW_STATUS             0x03Cu
#define CPTRA_RESET_REASON            0x040u
#define CPTRA_SECURITY_STATE          0x044u
#define CPTRA_MBOX_VALID_PAUSER0      0x048u
#define CPTRA_MBOX_PAUSER_LOCK0       0x05Cu
#define CPTRA_TRNG_VALID_PAUSER       0x070u
#define CPTRA_TRNG_PAUSER_LOCK        0x074u
#define CPTRA_TRNG_DATA0              0x078u
#define CPTRA_TRNG_CTRL               0x0A8u
#define CPTRA_TRNG_STATUS             0x0ACu
#define CPTRA_FUSE_WR_DONE            0x0B0u
#define CPTRA_TIMER_CONFIG            0x0B4u
#define CPTRA_BOOTFSM_GO              0x0B8u
#define CPTRA_DBG_MANUF_SERVICE_REG   0x0BCu
#define CPTRA_CLK_GATING_EN           0x0C0u
#define CPTRA_GENERIC_INPUT_WIRES0    0x0C4u
#define CPTRA_GENERIC_OUTPUT_WIRES0   0x0CCu
#define CPTRA_HW_REV_ID               0x0D4u
#define CPTRA_FW_REV_ID0              0x0D8u
#define CPTRA_FW_REV_ID1              0x0DCu
#define CPTRA_HW_CONFIG               0x0E0u
#define CPTRA_FUSE_VALID_PAUSER       0x108u
#define CPTRA_FUSE_PAUSER_LOCK        0x10Cu
#define CPTRA_WDT_CFG0                0x110u
#define FUSE_UDS_SEED0                0x200u
#define FUSE_FIELD_ENTROPY0           0x230u
#define FUSE_KEY_MANIFEST_PK_HASH0    0x250u
#define FUSE_KEY_MANIFEST_PK_HASH_MASK 0x280u
#define FUSE_OWNER_PK_HASH0           0x284u
#define FUSE_FMC_KEY_MANIFEST_SVN     0x2B4u
#define FUSE_RUNTIME_SVN0             0x2B8u
#define FUSE_ANTI_ROLLBACK_DISABLE    0x2C8u
#define FUSE_IDEVID_CERT_ATTR0        0x2CCu
#define FUSE_IDEVID_MANUF_HSM_ID0     0x32Cu
#define FUSE_LIFE_CYCLE               0x33Cu
#define FUSE_LMS_VERIFY               0x340u
#define FUSE_LMS_REVOCATION           0x344u
#define FUSE_SOC_STEPPING_ID          0x348u
#define CPTRA_INTERNAL_FW_UPDATE_RESET 0x624u
#define CPTRA_INTERNAL_FW_UPDATE_RESET_WAIT_CYCLES 0x628u

/* CPTRA_FLOW_STATUS bits */
#define FLOW_STATUS_IDEVID_CSR_READY  (1u << 24)
#define FLOW_STATUS_BOOT_FSM_SHIFT    25
#define FLOW_STATUS_READY_FOR_FW      (1u << 28)
#define FLOW_STATUS_READY_FOR_RUNTIME (1u << 29)
#define FLOW_STATUS_READY_FOR_FUSES   (1u << 30)
#define FLOW_STATUS_MAILBOX_FLOW_DONE (1u << 31)

/* CPTRA_HW_ERROR_NON_FATAL bits */
#define HW_ERR_MBOX_PROT_NO_LOCK (1u << 0)
#define HW_ERR_MBOX_PROT_OOO     (1u << 1)
#define HW_ERR_MBOX_ECC_UNC      (1u << 2)

/* The PAUSER the hardware reports for uC-side lock holders (§1.1 MBOX_USER). */
#define CPTRA_UC_PAUSER 0xFFFFFFFFu

/* ---- uC notifications (what the Caliptra core sees as interrupts / reset) ---- */
typedef enum {
    CPTRA_EV_UC_RESET_RELEASED, /* boot FSM released the uC (cold, warm or fw-update reset) */
    CPTRA_EV_UC_RESET_ASSERTED, /* uC held in reset (rst_b / pwrgood asserted) */
    CPTRA_EV_CMD_AVAIL,         /* mailbox entered EXECUTE_UC (notif_cmd_avail) */
    CPTRA_EV_SOC_REQ_LOCK,      /* SoC read LOCK while the uC held it (notif_soc_req_lock) */
    CPTRA_EV_MBOX_RELEASED,     /* the requester cleared EXECUTE: mailbox back to IDLE */
    CPTRA_EV_SOC_STATUS,        /* SoC receiver wrote STATUS on a uC->SoC message */
    CPTRA_EV_GENERIC_INPUT,     /* CPTRA_GENERIC_INPUT_WIRES toggled */
} cptra_event_t;

/* `cycle` is the first cycle in which the uC can observe the event. */
typedef void (*cptra_notify_fn)(void *ctx, cptra_event_t ev, uint64_t cycle);

/* SoC-visible pins and the state a lockstep comparator checks after every access. */
typedef struct cptra_hw_obs {
    uint8_t mbox_fsm;        /* real FSM state (not the lagged mirror) */
    uint8_t mbox_lock;
    uint8_t soc_has_lock;
    uint8_t mbox_execute;
    uint32_t mbox_user;
    uint32_t mbox_status;    /* STATUS[3:0] */
    uint32_t hw_error_fatal;
    uint32_t hw_error_non_fatal;
    uint8_t boot_fsm;
    uint8_t ready_for_fuses;
    uint8_t ready_for_fw;
    uint8_t ready_for_runtime;
    uint8_t mailbox_data_avail; /* state == EXECUTE_SOC */
    uint8_t error_fatal_pin;
    uint8_t error_non_fatal_pin;
    uint8_t uc_in_reset;
    uint8_t sha_lock;
} cptra_hw_obs_t;

typedef struct cptra_hw_ops {
    /* SoC APB port: one aligned 32-bit transfer (interconnect already checked alignment). */
    apb_resp_t (*apb_access)(void *ctx, uint64_t cycle, const apb_req_t *req);
    /* uC port: Caliptra-internal address (SRAM 0x3000_0000.., CSRs 0x3002_/0x3003_..). */
    uint32_t (*uc_read)(void *ctx, uint64_t cycle, uint32_t addr);
    void (*uc_write)(void *ctx, uint64_t cycle, uint32_t addr, uint32_t data);
    /* Reset pins. pwrgood=0 clears everything; rst_b=0 is warm reset (§2.2). */
    void (*set_pwrgood)(void *ctx, uint64_t cycle, bool level);
    void (*set_rst_b)(void *ctx, uint64_t cycle, bool level);
    void (*set_notify)(void *ctx, cptra_notify_fn fn, void *nctx);
    void (*observe)(void *ctx, uint64_t cycle, cptra_hw_obs_t *out);
    /* Backdoor (transport_dbg): no side effects, no timing. Returns false if unmapped. */
    bool (*dbg_read)(void *ctx, uint32_t addr, uint32_t *data);
    bool (*dbg_write)(void *ctx, uint32_t addr, uint32_t data);
    void (*destroy)(void *ctx);
} cptra_hw_ops_t;

typedef struct cptra_hw {
    const cptra_hw_ops_t *ops;
    void *ctx;
} cptra_hw_t;

static inline apb_resp_t cptra_hw_apb(cptra_hw_t hw, uint64_t cycle, const apb_req_t *req) {
    return hw.ops->apb_access(hw.ctx, cycle, req);
}
static inline uint32_t cptra_hw_uc_read(cptra_hw_t hw, uint64_t cycle, uint32_t addr) {
    return hw.ops->uc_read(hw.ctx, cycle, addr);
}
static inline void cptra_hw_uc_write(cptra_hw_t hw, uint64_t cycle, uint32_t addr, uint32_t d) {
    hw.ops->uc_write(hw.ctx, cycle, addr, d);
}

/* ---- The C model ---- */

/* Integration parameters (soc_ifc_pkg.sv) and straps. Defaults: cptra_model_default_cfg(). */
typedef struct cptra_model_cfg {
    uint32_t set_mbox_pauser_integ;      /* bit i: slot i fixed to mbox_valid_pauser_integ[i] */
    uint32_t mbox_valid_pauser_integ[5];
    bool set_fuse_pauser_integ;
    uint32_t fuse_valid_pauser_integ;
    uint32_t security_state;             /* CPTRA_SECURITY_STATE strap value */
    bool bootfsm_brkpoint;
    uint32_t generic_input_wires[2];
    uint32_t hw_config;                  /* CPTRA_HW_CONFIG (build-time defines) */
} cptra_model_cfg_t;

void cptra_model_default_cfg(cptra_model_cfg_t *cfg);
/* Creates the C hardware model. The model starts with pwrgood and rst_b low. */
cptra_hw_t cptra_model_new(const cptra_model_cfg_t *cfg);
/* C model only: drive the cptra_generic_input_wires[idx] pins (idx 0..1) from `cycle` on. A
 * change notifies CPTRA_EV_GENERIC_INPUT one cycle later. Returns false if `hw` is not the C
 * model or idx is out of range. */
bool cptra_model_set_generic_input(cptra_hw_t hw, uint64_t cycle, unsigned idx, uint32_t value);

#ifdef __cplusplus
}
#endif

#endif
