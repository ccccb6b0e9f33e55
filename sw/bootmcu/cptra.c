/* bootmcu firmware: Caliptra SoC interface (see cptra.h). */
#include "cptra.h"

#include "hal.h"

#define MBOX_POLL_US 2u /* status poll period: small against ECC verify (~3 ms @400 MHz, §4) */

static cp_errors_t last_err;

uint32_t cp_rd(uint32_t off) {
    return mmio_rd(BOOTMCU_CPTRA_BASE + off);
}
void cp_wr(uint32_t off, uint32_t v) {
    mmio_wr(BOOTMCU_CPTRA_BASE + off, v);
}

void cp_read_errors(cp_errors_t *e) {
    e->fw_fatal = cp_rd(CP_SOC(CPTRA_FW_ERROR_FATAL));
    e->fw_non_fatal = cp_rd(CP_SOC(CPTRA_FW_ERROR_NON_FATAL));
    e->hw_fatal = cp_rd(CP_SOC(CPTRA_HW_ERROR_FATAL));
    e->hw_non_fatal = cp_rd(CP_SOC(CPTRA_HW_ERROR_NON_FATAL));
    e->boot_status = cp_rd(CP_SOC(CPTRA_BOOT_STATUS));
}
const cp_errors_t *cp_last_error(void) {
    return &last_err;
}

int cp_wait_flow(uint32_t mask, uint32_t poll_us, uint32_t timeout_us) {
    uint64_t t0 = time_us();
    for (;;) {
        uint32_t v = cp_rd(CP_SOC(CPTRA_FLOW_STATUS));
        if (scu_apb_err()) return CP_E_PSLVERR;
        if ((v & mask) == mask) return CP_OK;
        if (cp_rd(CP_SOC(CPTRA_FW_ERROR_FATAL)) || cp_rd(CP_SOC(CPTRA_HW_ERROR_FATAL))) {
            cp_read_errors(&last_err);
            return CP_E_FATAL;
        }
        if (time_us() - t0 > timeout_us) {
            cp_read_errors(&last_err);
            return CP_E_TIMEOUT;
        }
        delay_us(poll_us);
    }
}

static void sum_bytes(uint32_t *sum, const uint8_t *p, uint32_t n) {
    uint32_t s = *sum;
    while (n--)
        s += *p++;
    *sum = s;
}

uint32_t cp_checksum(uint32_t cmd, const cp_seg_t *segs, int nseg) {
    uint32_t s = (cmd & 0xFF) + ((cmd >> 8) & 0xFF) + ((cmd >> 16) & 0xFF) + (cmd >> 24);
    for (int i = 0; i < nseg; i++)
        sum_bytes(&s, segs[i].p, segs[i].len);
    return 0u - s;
}

int cp_resp_check(const uint8_t *resp, uint32_t rlen) {
    if (rlen < 8) return -1;
    uint32_t s = 0;
    sum_bytes(&s, resp + 4, rlen - 4);
    return le32(resp) == 0u - s ? 0 : -1;
}

/* Feeds the bytes of the segments as 32-bit words to `reg`; little-endian packing for the
 * mailbox, big-endian for the SHA accelerator (first byte in bits 31:24, §2.1). */
static void stream(uint32_t reg, const cp_seg_t *segs, int nseg, int big_endian) {
    uint32_t w = 0, nb = 0;
    for (int i = 0; i < nseg; i++) {
        const uint8_t *p = segs[i].p;
        uint32_t n = segs[i].len;
        if (nb == 0 && ((uintptr_t)p & 3u) == 0) { /* fast path: whole aligned words */
            for (; n >= 4; n -= 4, p += 4) {
                uint32_t v = *(const uint32_t *)p; /* little-endian load */
                if (big_endian) v = v << 24 | (v & 0xFF00u) << 8 | (v >> 8 & 0xFF00u) | v >> 24;
                cp_wr(reg, v);
            }
        }
        for (; n; n--, p++) {
            uint32_t b = *p;
            w |= big_endian ? b << (24 - 8 * nb) : b << (8 * nb);
            if (++nb == 4) {
                cp_wr(reg, w);
                w = 0;
                nb = 0;
            }
        }
    }
    if (nb) cp_wr(reg, w); /* last word zero-padded */
}

int cp_mbox_exec(uint32_t cmd, const cp_seg_t *segs, int nseg, uint8_t *resp, uint32_t cap,
                 uint32_t *rlen, uint32_t timeout_us) {
    uint32_t dlen = 0;
    for (int i = 0; i < nseg; i++)
        dlen += segs[i].len;
    if (rlen) *rlen = 0;
    memset(&last_err, 0, sizeof last_err);
    scu_apb_err_clear();
    uint64_t t0 = time_us();
    /* 1. acquire: LOCK reads 0 (a PSLVERR read also returns 0, so check the latch) */
    for (;;) {
        uint32_t v = cp_rd(CP_MBOX(MBOX_LOCK));
        if (scu_apb_err()) return CP_E_PSLVERR;
        if (!(v & 1u)) break;
        if (time_us() - t0 > timeout_us) return CP_E_TIMEOUT;
        delay_us(MBOX_POLL_US);
    }
    /* 2.-5. command, length, data, execute */
    cp_wr(CP_MBOX(MBOX_CMD), cmd);
    cp_wr(CP_MBOX(MBOX_DLEN), dlen);
    stream(CP_MBOX(MBOX_DATAIN), segs, nseg, 0);
    cp_wr(CP_MBOX(MBOX_EXECUTE), 1);
    if (scu_apb_err()) return CP_E_PSLVERR;
    /* 6. poll STATUS while CMD_BUSY; nothing else may be touched meanwhile */
    uint32_t st;
    for (;;) {
        st = cp_rd(CP_MBOX(MBOX_STATUS)) & 0xFu;
        if (st != MBOX_ST_CMD_BUSY) break;
        if (time_us() - t0 > timeout_us) {
            cp_read_errors(&last_err);
            return CP_E_TIMEOUT; /* the mailbox stays locked: Caliptra is hung */
        }
        delay_us(MBOX_POLL_US);
    }
    int rc = (int)st;
    /* 7. response */
    if (st == MBOX_ST_DATA_READY) {
        uint32_t n = cp_rd(CP_MBOX(MBOX_DLEN));
        if (rlen) *rlen = n;
        uint32_t words = (n + 3) / 4;
        for (uint32_t i = 0; i < words; i++) {
            uint32_t w = cp_rd(CP_MBOX(MBOX_DATAOUT));
            if (resp && 4 * i + 4 <= cap) put_le32(resp + 4 * i, w);
        }
        if (n > cap) rc = CP_E_RESP;
    } else if (st == MBOX_ST_CMD_FAILURE) {
        cp_read_errors(&last_err);
    }
    /* 8. release */
    cp_wr(CP_MBOX(MBOX_EXECUTE), 0);
    if (st == MBOX_ST_CMD_FAILURE) return CP_E_FAILURE;
    return rc;
}

int cp_sha384(const cp_seg_t *segs, int nseg, uint8_t digest[48]) {
    uint32_t dlen = 0;
    for (int i = 0; i < nseg; i++)
        dlen += segs[i].len;
    scu_apb_err_clear();
    uint64_t t0 = time_us();
    while (cp_rd(CP_SHA(SHA_LOCK)) & 1u) { /* read-to-set: 0 = acquired */
        if (scu_apb_err()) return CP_E_PSLVERR;
        if (time_us() - t0 > 100000u) return CP_E_LOCK;
        delay_us(MBOX_POLL_US);
    }
    cp_wr(CP_SHA(SHA_MODE), SHA_MODE_STREAM_384);
    cp_wr(CP_SHA(SHA_DLEN), dlen);
    stream(CP_SHA(SHA_DATAIN), segs, nseg, 1);
    cp_wr(CP_SHA(SHA_EXECUTE), 1);
    while (!(cp_rd(CP_SHA(SHA_STATUS)) & 1u)) {
        if (time_us() - t0 > 100000u) {
            cp_sha_release();
            return CP_E_TIMEOUT;
        }
    }
    for (int i = 0; i < 12; i++) {
        uint32_t w = cp_rd(CP_SHA(SHA_DIGEST0 + 4u * (uint32_t)i));
        digest[4 * i] = (uint8_t)(w >> 24); /* big-endian words = standard byte order */
        digest[4 * i + 1] = (uint8_t)(w >> 16);
        digest[4 * i + 2] = (uint8_t)(w >> 8);
        digest[4 * i + 3] = (uint8_t)w;
    }
    if (scu_apb_err()) {
        cp_sha_release();
        return CP_E_PSLVERR;
    }
    return CP_OK;
}

void cp_sha_release(void) {
    cp_wr(CP_SHA(SHA_LOCK), 1); /* write-1-to-clear */
}

const char *cp_strerror(int rc) {
    switch (rc) {
    case CP_OK:
        return "ok";
    case CP_E_PSLVERR:
        return "PSLVERR on the Caliptra window";
    case CP_E_TIMEOUT:
        return "timeout";
    case CP_E_FATAL:
        return "Caliptra fatal error";
    case CP_E_FAILURE:
        return "CMD_FAILURE";
    case CP_E_RESP:
        return "bad response";
    case CP_E_LOCK:
        return "SHA accelerator busy";
    case MBOX_ST_DATA_READY:
        return "DATA_READY";
    case MBOX_ST_CMD_COMPLETE:
        return "CMD_COMPLETE";
    default:
        return "unexpected status";
    }
}

/* Names of the codes the boot flow can meet (caliptra-1x.md §3.6, images.md §1.4/§2.2). */
const char *cp_errname(uint32_t code) {
    switch (code) {
    case 0x000E0004u:
        return "RUNTIME_ECDSA_VERIFY_FAILED";
    case 0x000E0005u:
        return "RUNTIME_INVALID_CHECKSUM";
    case 0x000E0003u:
        return "RUNTIME_INSUFFICIENT_MEMORY";
    case 0x000E0009u:
        return "RUNTIME_MAILBOX_INVALID_PARAMS";
    case 0x000E004Fu:
        return "RUNTIME_CMD_RESERVED_PAUSER";
    case 0x000E0045u:
        return "RUNTIME_INVALID_AUTH_MANIFEST_MARKER";
    case 0x000E0046u:
        return "RUNTIME_AUTH_MANIFEST_PREAMBLE_SIZE_MISMATCH";
    case 0x000E0047u:
        return "RUNTIME_AUTH_MANIFEST_VENDOR_ECC_SIGNATURE_INVALID";
    case 0x000E0048u:
        return "RUNTIME_AUTH_MANIFEST_VENDOR_LMS_SIGNATURE_INVALID";
    case 0x000E0049u:
        return "RUNTIME_AUTH_MANIFEST_OWNER_ECC_SIGNATURE_INVALID";
    case 0x000E004Au:
        return "RUNTIME_AUTH_MANIFEST_OWNER_LMS_SIGNATURE_INVALID";
    case 0x000E004Bu:
        return "RUNTIME_AUTH_MANIFEST_PREAMBLE_SIZE_LT_MIN";
    case 0x000E004Cu:
        return "RUNTIME_AUTH_MANIFEST_IMAGE_METADATA_LIST_INVALID_SIZE";
    case 0x000E004Du:
        return "RUNTIME_AUTH_MANIFEST_IMAGE_METADATA_LIST_INVALID_ENTRY_COUNT";
    case 0x000E0053u:
        return "RUNTIME_AUTH_MANIFEST_IMAGE_METADATA_LIST_DUPLICATE_FIRMWARE_ID";
    case 0x01020002u:
        return "FW_PROC_INVALID_IMAGE_SIZE";
    case 0x01020005u:
        return "FW_PROC_MAILBOX_INVALID_CHECKSUM";
    case 0x01020009u:
        return "FW_PROC_MAILBOX_RESERVED_PAUSER";
    default:
        break;
    }
    if ((code & 0xFFFF0000u) == 0x000B0000u) return "IMAGE_VERIFIER_ERR";
    if (code >= 0x000E0045u && code <= 0x000E0053u) return "RUNTIME_AUTH_MANIFEST_ERR";
    return "";
}
