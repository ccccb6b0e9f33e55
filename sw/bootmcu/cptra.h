/* bootmcu firmware: Caliptra 1.x SoC interface through the APB window (caliptra-1x.md §1-§3).
 * Window offset 0 = Caliptra 0x3002_0000 (mbox_csr); sha512_acc_csr at +0x1000, soc_ifc_reg at
 * +0x1_0000. PSLVERR is visible as the SCU APB_ERR latch (reads return 0). */
#ifndef BOOTMCU_CPTRA_H
#define BOOTMCU_CPTRA_H

#include <stddef.h>
#include <stdint.h>

#define CP_MBOX(off) (0x00000u + (off))
#define CP_SHA(off)  (0x01000u + (off))
#define CP_SOC(off)  (0x10000u + (off))

/* mbox_csr (§1.1) */
#define MBOX_LOCK            0x00u
#define MBOX_USER            0x04u
#define MBOX_CMD             0x08u
#define MBOX_DLEN            0x0Cu
#define MBOX_DATAIN          0x10u
#define MBOX_DATAOUT         0x14u
#define MBOX_EXECUTE         0x18u
#define MBOX_STATUS          0x1Cu
#define MBOX_ST_CMD_BUSY     0u
#define MBOX_ST_DATA_READY   1u
#define MBOX_ST_CMD_COMPLETE 2u
#define MBOX_ST_CMD_FAILURE  3u
/* sha512_acc_csr (§2.1) */
#define SHA_LOCK            0x00u
#define SHA_MODE            0x08u
#define SHA_DLEN            0x10u
#define SHA_DATAIN          0x14u
#define SHA_EXECUTE         0x18u
#define SHA_STATUS          0x1Cu
#define SHA_DIGEST0         0x20u
#define SHA_MODE_STREAM_384 0u
/* soc_ifc_reg (§2) */
#define CPTRA_HW_ERROR_FATAL     0x000u
#define CPTRA_HW_ERROR_NON_FATAL 0x004u
#define CPTRA_FW_ERROR_FATAL     0x008u
#define CPTRA_FW_ERROR_NON_FATAL 0x00Cu
#define CPTRA_BOOT_STATUS        0x038u
#define CPTRA_FLOW_STATUS        0x03Cu
#define CPTRA_MBOX_VALID_PAUSER0 0x048u
#define CPTRA_MBOX_PAUSER_LOCK0  0x05Cu
#define CPTRA_TRNG_VALID_PAUSER  0x070u
#define CPTRA_TRNG_PAUSER_LOCK   0x074u
#define CPTRA_FUSE_WR_DONE       0x0B0u
#define CPTRA_HW_REV_ID          0x0D4u
#define CPTRA_FW_REV_ID0         0x0D8u
#define CPTRA_FW_REV_ID1         0x0DCu
#define CPTRA_FUSE_VALID_PAUSER  0x108u
#define CPTRA_FUSE_PAUSER_LOCK   0x10Cu
#define FLOW_READY_FOR_FW        (1u << 28)
#define FLOW_READY_FOR_RUNTIME   (1u << 29)
#define FLOW_READY_FOR_FUSES     (1u << 30)

/* Mailbox command codes (§3.2) and AUTHORIZE_AND_STASH results (§3.3). */
#define CMD_FIRMWARE_LOAD         0x46574C44u
#define CMD_ECDSA384_VERIFY       0x53494756u
#define CMD_LMS_VERIFY            0x4C4D5356u
#define CMD_SET_AUTH_MANIFEST     0x41544D4Eu
#define CMD_AUTHORIZE_AND_STASH   0x41545348u
#define AUTH_IMAGE_AUTHORIZED     0xDEADC0DEu
#define AUTH_IMAGE_NOT_AUTHORIZED 0x21523F21u
#define AUTH_IMAGE_HASH_MISMATCH  0x8BFB95CBu

/* Results of the helpers below (negative = the SoC side could not complete the protocol). */
#define CP_OK        0
#define CP_E_PSLVERR (-1) /* PSLVERR on the window (e.g. our PAUSER is not valid) */
#define CP_E_TIMEOUT (-2)
#define CP_E_FATAL   (-3) /* Caliptra reported a fatal error while we waited */
#define CP_E_FAILURE (-4) /* mailbox CMD_FAILURE: see cp_last_error() */
#define CP_E_RESP    (-5) /* bad response (length, checksum) */
#define CP_E_LOCK    (-6) /* SHA accelerator lock not obtained */

uint32_t cp_rd(uint32_t off);
void cp_wr(uint32_t off, uint32_t v);

/* Poll CPTRA_FLOW_STATUS until all `mask` bits are set, every poll_us microseconds, checking
 * CPTRA_FW_ERROR_FATAL / CPTRA_HW_ERROR_FATAL. */
int cp_wait_flow(uint32_t mask, uint32_t poll_us, uint32_t timeout_us);

/* A request is the concatenation of segments (little-endian byte packing into DATAIN). */
typedef struct cp_seg {
    const uint8_t *p;
    uint32_t len;
} cp_seg_t;

/* One SoC->Caliptra round trip (Integration spec "Sender Protocol", §1.3). resp (cap bytes) gets
 * the response (DATA_READY); *rlen its DLEN (0 for CMD_COMPLETE). Returns the final mailbox
 * status (MBOX_ST_*) or CP_E_*. On CMD_FAILURE the error registers are in cp_last_error(). */
int cp_mbox_exec(uint32_t cmd, const cp_seg_t *segs, int nseg, uint8_t *resp, uint32_t cap,
                 uint32_t *rlen, uint32_t timeout_us);

/* Checksum (§3.1): 0 - (bytes of cmd (LE) + bytes of the segments). */
uint32_t cp_checksum(uint32_t cmd, const cp_seg_t *segs, int nseg);
/* Response checksum check (cmd = 0 over bytes after the chksum field). 0 ok, -1 bad. */
int cp_resp_check(const uint8_t *resp, uint32_t rlen);

typedef struct cp_errors {
    uint32_t fw_fatal, fw_non_fatal, hw_fatal, hw_non_fatal, boot_status;
} cp_errors_t;
void cp_read_errors(cp_errors_t *e);
const cp_errors_t *cp_last_error(void);

/* SHA-384 over segments with the SHA accelerator, streamed from the SoC (§2.1). The lock is
 * kept on success (DIGEST stays for ECDSA384_VERIFY); release with cp_sha_release(). */
int cp_sha384(const cp_seg_t *segs, int nseg, uint8_t digest[48]);
void cp_sha_release(void);

const char *cp_strerror(int rc);
const char *cp_errname(uint32_t code); /* Caliptra error-code name, or "" */

#endif
