/* bootmcu secure-boot firmware (AST2700 Caliptra VP). Flow (caliptra-1x.md §2.2, §3;
 * images.md §1.4, §2.4, §3):
 *   wait ready_for_fuses -> lock mailbox PAUSER slots (own, A35), fuse and TRNG PAUSERs
 *   -> fuses from the OTP block in flash -> FUSE_WR_DONE -> wait ready_for_fw
 *   -> FIRMWARE_LOAD the bundle at flash 0 -> wait ready_for_runtime
 *   -> FLSH image at flash 0x100000: SoC manifest SVN signature (SHA accelerator +
 *      ECDSA384_VERIFY with the bundle's owner key) -> SET_AUTH_MANIFEST (upstream form)
 *   -> every manifest image in order: copy (load_stage 1) to DRAM, SHA-384 on the accelerator,
 *      AUTHORIZE_AND_STASH -> release the A35 cluster, or keep it in reset.
 * Power: the platform asserts cptra_pwrgood / releases cptra_rst_b at reset; the firmware starts
 * by waiting for ready_for_fuses. Every step is logged on the UART with the 1 MHz timer time.
 * Exit code (sim-control): 0 = A35 released, else BOOT_E_* below (also in SCU BOOT_ERROR). */
#include <stddef.h>
#include <stdint.h>

#include "cptra.h"
#include "cptra_flash.h"
#include "hal.h"
#include "otp.h"

#ifndef BOOTMCU_PAUSER
#define BOOTMCU_PAUSER 0x21212121u /* images.md §1.4: the A1 ROM's PAUSER; bundle pl0_pauser */
#endif
#ifndef BOOTMCU_A35_PAUSER
#define BOOTMCU_A35_PAUSER 0x00000001u /* VP default (apb.a35_pauser); silicon value not public */
#endif
#ifndef BOOTMCU_FLSH_OFFSET
#define BOOTMCU_FLSH_OFFSET 0x00100000u /* images.md §3.2: AST2700 SPI layout */
#endif
#ifndef BOOTMCU_MIN_SOC_MANIFEST_SVN
#define BOOTMCU_MIN_SOC_MANIFEST_SVN 0u /* Zephyr CPTRA_SOC_MANIFEST_VER default */
#endif

enum {
    BOOT_OK = 0,
    BOOT_E_INTERNAL = 1,
    BOOT_E_NO_FUSE_STAGE = 2, /* Caliptra never showed ready_for_fuses */
    BOOT_E_PSLVERR = 3,       /* PSLVERR during PAUSER/fuse programming */
    BOOT_E_OTP = 4,           /* OTP fuse block missing or corrupt */
    BOOT_E_ROM = 5,           /* fatal error / timeout before ready_for_fw */
    BOOT_E_BUNDLE = 6,        /* no plausible Caliptra bundle at flash 0 */
    BOOT_E_FW_LOAD = 7,       /* FIRMWARE_LOAD rejected (ROM fatal error) */
    BOOT_E_RUNTIME = 8,       /* runtime never became ready */
    BOOT_E_FLSH = 9,          /* FLSH image missing or corrupt */
    BOOT_E_SVN = 10,          /* SoC manifest structure / SVN signature / SVN check */
    BOOT_E_AUTH_MAN = 11,     /* SET_AUTH_MANIFEST rejected */
    BOOT_E_IMAGE = 12,        /* at least one image not authorized: A35 stays in reset */
};

/* Progress codes written to SCU BOOT_STATUS (VP values, listed in sw/bootmcu/README.md). */
enum {
    ST_START = 0x01,
    ST_FUSE_STAGE = 0x02,
    ST_PAUSERS = 0x03,
    ST_FUSES = 0x04,
    ST_READY_FOR_FW = 0x05,
    ST_FW_LOADED = 0x06,
    ST_RUNTIME = 0x07,
    ST_FLSH = 0x08,
    ST_SVN = 0x09,
    ST_AUTH_MAN = 0x0A,
    ST_IMAGES = 0x0B,
    ST_A35_RELEASED = 0x0C,
    ST_FAILED = 0xEE,
};

#define FLASH(off) ((const uint8_t *)(uintptr_t)(BOOTMCU_FLASH_BASE + (off)))

/* Bundle layout (images.md §1.2). */
#define BUNDLE_MARKER    0x4E414D43u
#define BUNDLE_MANIFEST  5884u
#define BUNDLE_OWNER_ECC 0xE44u /* owner ECC pub x (48) | y (48), hw format */
#define BUNDLE_OWNER_LMS 0xEA4u /* owner LMS pub (48), RFC 8554 order */
#define BUNDLE_FMC_SIZE  (5676u + 52u)
#define BUNDLE_RT_SIZE   (5780u + 52u)
#define BUNDLE_MAX       131072u
/* ASPEED on-flash SoC manifest (images.md §2.4) */
#define AM_MARKER          0x41544D4Eu
#define AM_ASPEED_SIZE     16004u
#define AM_UPSTREAM_SIZE   14284u
#define AM_OFF_SEC_VER     12u
#define AM_OFF_OWN_MAN_PUB 1880u /* owner manifest ECC (96) + LMS (48) pub */
#define AM_OFF_SVN_ECC_SIG 3740u
#define AM_OFF_SVN_LMS_SIG 3836u
#define AM_OFF_VND_IMC_SIG 5456u
#define AM_OFF_IMC         8888u
#define AM_ENTRY_SIZE      56u

static uint32_t flash_size_guess = BOOTMCU_FLASH_SIZE;

static void step(uint32_t st, const char *what) {
    scu_boot_status(st);
    LOG("bootmcu: %s\n", what);
}

static int fail(int code, const char *what) {
    scu_boot_status(ST_FAILED);
    scu_boot_error((uint32_t)code);
    LOG("bootmcu: BOOT FAILED (%u): %s; CA35 kept in reset\n", (unsigned)code, what);
    return code;
}

static void log_errors(const cp_errors_t *e) {
    LOG("bootmcu: CPTRA_FW_ERROR_FATAL=0x%08x CPTRA_FW_ERROR_NON_FATAL=0x%08x %s\n", e->fw_fatal,
        e->fw_non_fatal, cp_errname(e->fw_fatal ? e->fw_fatal : e->fw_non_fatal));
    LOG("bootmcu: CPTRA_HW_ERROR_FATAL=0x%08x CPTRA_HW_ERROR_NON_FATAL=0x%08x "
        "CPTRA_BOOT_STATUS=0x%x\n",
        e->hw_fatal, e->hw_non_fatal, e->boot_status);
}

/* A rc from cp_* with the Caliptra error registers when relevant. */
static void log_rc(const char *what, int rc) {
    LOG("bootmcu: %s: %s\n", what, cp_strerror(rc));
    if (rc == CP_E_FATAL || rc == CP_E_FAILURE || rc == CP_E_TIMEOUT) {
        cp_errors_t e = *cp_last_error();
        if (rc != CP_E_FAILURE) cp_read_errors(&e);
        log_errors(&e);
    }
}

/* hw format (each 32-bit group byte-reversed) -> standard big-endian byte order */
static void hw_to_be(uint8_t *dst, const uint8_t *src, uint32_t len) {
    for (uint32_t i = 0; i + 4 <= len; i += 4) {
        dst[i] = src[i + 3];
        dst[i + 1] = src[i + 2];
        dst[i + 2] = src[i + 1];
        dst[i + 3] = src[i];
    }
}

static int setup_pausers(void) {
    scu_apb_err_clear();
    cp_wr(CP_SOC(CPTRA_MBOX_VALID_PAUSER0), BOOTMCU_PAUSER);
    cp_wr(CP_SOC(CPTRA_MBOX_PAUSER_LOCK0), 1);
    cp_wr(CP_SOC(CPTRA_MBOX_VALID_PAUSER0 + 4), BOOTMCU_A35_PAUSER);
    cp_wr(CP_SOC(CPTRA_MBOX_PAUSER_LOCK0 + 4), 1);
    cp_wr(CP_SOC(CPTRA_FUSE_VALID_PAUSER), BOOTMCU_PAUSER);
    cp_wr(CP_SOC(CPTRA_FUSE_PAUSER_LOCK), 1);
    cp_wr(CP_SOC(CPTRA_TRNG_VALID_PAUSER), BOOTMCU_PAUSER);
    cp_wr(CP_SOC(CPTRA_TRNG_PAUSER_LOCK), 1);
    if (scu_apb_err()) return -1;
    /* read back: the locks must hold our values (a pre-locked slot would keep another) */
    if (cp_rd(CP_SOC(CPTRA_MBOX_VALID_PAUSER0)) != BOOTMCU_PAUSER ||
        cp_rd(CP_SOC(CPTRA_MBOX_VALID_PAUSER0 + 4)) != BOOTMCU_A35_PAUSER ||
        !(cp_rd(CP_SOC(CPTRA_MBOX_PAUSER_LOCK0)) & 1u) ||
        cp_rd(CP_SOC(CPTRA_FUSE_VALID_PAUSER)) != BOOTMCU_PAUSER)
        return -2;
    return scu_apb_err() ? -1 : 0;
}

/* FUSE_LMS_VERIFY (soc_ifc 0x340) as written from the OTP block (validated by write_fuses). */
static int otp_lms_verify(void) {
    const uint8_t *otp = FLASH(BOOTMCU_OTP_FLASH_OFFSET);
    return (int)(le32(otp + BOOTMCU_OTP_HDR + (0x340u - BOOTMCU_OTP_FUSE_FIRST)) & 1u);
}

static int write_fuses(void) {
    const uint8_t *otp = FLASH(BOOTMCU_OTP_FLASH_OFFSET);
    if (le32(otp) != BOOTMCU_OTP_MAGIC || le32(otp + 4) != BOOTMCU_OTP_VERSION ||
        le32(otp + 8) != BOOTMCU_OTP_NWORDS) {
        LOG("bootmcu: OTP fuse block at flash 0x%x: bad header\n", BOOTMCU_OTP_FLASH_OFFSET);
        return -1;
    }
    if (cptra_crc32(0, otp + BOOTMCU_OTP_HDR, 4u * BOOTMCU_OTP_NWORDS) != le32(otp + 12)) {
        LOG("bootmcu: OTP fuse block: CRC mismatch\n");
        return -1;
    }
    scu_apb_err_clear();
    for (uint32_t i = 0; i < BOOTMCU_OTP_NWORDS; i++)
        cp_wr(CP_SOC(BOOTMCU_OTP_FUSE_FIRST + 4 * i), le32(otp + BOOTMCU_OTP_HDR + 4 * i));
    uint32_t lc = le32(otp + BOOTMCU_OTP_HDR + 4 * ((0x33Cu - BOOTMCU_OTP_FUSE_FIRST) / 4));
    LOG("bootmcu: fuses written (83 words, FUSE_LIFE_CYCLE=%u, vendor hash %08x..., owner hash "
        "%08x...)\n",
        lc, le32(otp + BOOTMCU_OTP_HDR + 4 * ((0x250u - 0x200u) / 4)),
        le32(otp + BOOTMCU_OTP_HDR + 4 * ((0x284u - 0x200u) / 4)));
    if (scu_apb_err()) return -2;
    cp_wr(CP_SOC(CPTRA_FUSE_WR_DONE), 1);
    return scu_apb_err() ? -2 : 0;
}

static int load_caliptra_fw(void) {
    const uint8_t *b = FLASH(0);
    if (le32(b) != BUNDLE_MARKER || le32(b + 4) != BUNDLE_MANIFEST) {
        LOG("bootmcu: no Caliptra bundle at flash 0 (marker 0x%08x size %u)\n", le32(b),
            le32(b + 4));
        return BOOT_E_BUNDLE;
    }
    uint32_t fmc = le32(b + BUNDLE_FMC_SIZE), rt = le32(b + BUNDLE_RT_SIZE);
    uint32_t len = BUNDLE_MANIFEST + fmc + rt;
    if (fmc > BUNDLE_MAX || rt > BUNDLE_MAX || len > BUNDLE_MAX) {
        /* the ROM would reject it anyway (FW_PROC_INVALID_IMAGE_SIZE); send at most 128 KiB */
        LOG("bootmcu: bundle sizes fmc %u rt %u exceed 128 KiB; sending 128 KiB\n", fmc, rt);
        len = BUNDLE_MAX;
    }
    LOG("bootmcu: FIRMWARE_LOAD %u bytes (manifest 5884 + FMC %u + RT %u)\n", len, fmc, rt);
    cp_seg_t seg = {b, len};
    uint32_t rlen = 0;
    int rc = cp_mbox_exec(CMD_FIRMWARE_LOAD, &seg, 1, NULL, 0, &rlen, 2000000u);
    if (rc != MBOX_ST_CMD_COMPLETE) {
        log_rc("FIRMWARE_LOAD", rc);
        if (rc != CP_E_FAILURE) { /* read the errors now that the ROM had time to set them */
            cp_errors_t e;
            cp_read_errors(&e);
            if (e.fw_fatal) log_errors(&e);
        }
        return BOOT_E_FW_LOAD;
    }
    return 0;
}

/* The FLSH image through the image library's parser (sw/lib/image/cptra_flash.c, freestanding):
 * the ASPEED readers check the header CRC only (images.md §3.1); each image's range is checked
 * when it is looked up, so one bad entry fails that image, not the boot. */
typedef struct flsh {
    const uint8_t *base;
    cptra_flash_info_t info;
} flsh_t;

static int flsh_open(flsh_t *f) {
    f->base = FLASH(BOOTMCU_FLSH_OFFSET);
    int e = cptra_flash_parse(f->base, flash_size_guess - BOOTMCU_FLSH_OFFSET,
                              CPTRA_FLASH_CHECK_HDR_CRC, &f->info);
    if (e == CPTRA_FLASH_E_MAGIC) {
        LOG("bootmcu: no FLSH image at flash 0x%x\n", BOOTMCU_FLSH_OFFSET);
        return -1;
    }
    if (e) {
        LOG("bootmcu: FLSH image at flash 0x%x: %s (version %u, count %u)\n", BOOTMCU_FLSH_OFFSET,
            cptra_flash_strerror(e), f->info.version, f->info.count);
        return -1;
    }
    return 0;
}

/* Image with this identifier: 0 and *off, *size (offset from the FLSH header), or -1. */
static int flsh_find(const flsh_t *f, uint32_t id, uint32_t *off, uint32_t *size) {
    const cptra_flash_entry_t *e = cptra_flash_find(&f->info, id);
    if (!e) return -1;
    *off = e->offset;
    *size = e->size;
    return (uint64_t)BOOTMCU_FLSH_OFFSET + e->offset + e->size > flash_size_guess ? -1 : 0;
}

static const char *auth_name(uint32_t r) {
    switch (r) {
    case AUTH_IMAGE_AUTHORIZED:
        return "IMAGE_AUTHORIZED";
    case AUTH_IMAGE_NOT_AUTHORIZED:
        return "IMAGE_NOT_AUTHORIZED";
    case AUTH_IMAGE_HASH_MISMATCH:
        return "IMAGE_HASH_MISMATCH";
    default:
        return "unknown result";
    }
}

/* Owner-signed SVN blob of the ASPEED manifest (images.md §2.4): SHA-384 on the accelerator,
 * ECDSA384_VERIFY with the owner FW ECC key of the bundle at flash 0, then sec_ver check. */
/* LMS part of the SVN check (when the OTP enables LMS verification): LMS_VERIFY (§3.3) with the
 * owner FW LMS key of the bundle (flash 0xEA4, RFC 8554 order) and the stored SVN LMS signature
 * (q stored little-endian by cptra_imgtool, the rest in RFC order); the message hash is the
 * accelerator's DIGEST, still held under the SHA lock. */
static int check_svn_lms(const uint8_t *man) {
    static uint8_t req[1672];
    const uint8_t *key = FLASH(BUNDLE_OWNER_LMS), *sig = man + AM_OFF_SVN_LMS_SIG;
    memset(req, 0, sizeof req);
    put_le32(req + 4, be32(key));           /* pub_key_tree_type */
    put_le32(req + 8, be32(key + 4));       /* pub_key_ots_type */
    memcpy(req + 12, key + 8, 16);          /* I */
    memcpy(req + 28, key + 24, 24);         /* T[1] */
    put_le32(req + 52, le32(sig));          /* q (stored little-endian) */
    memcpy(req + 56, sig + 4, 1252);        /* ots_type | C | y */
    put_le32(req + 1308, be32(sig + 1256)); /* signature tree type */
    memcpy(req + 1312, sig + 1260, 360);    /* authentication path */
    cp_seg_t body = {req + 4, sizeof req - 4};
    put_le32(req, cp_checksum(CMD_LMS_VERIFY, &body, 1));
    cp_seg_t all = {req, sizeof req};
    uint8_t resp[16];
    uint32_t rlen = 0;
    int rc = cp_mbox_exec(CMD_LMS_VERIFY, &all, 1, resp, sizeof resp, &rlen, 1000000u);
    if (rc != MBOX_ST_DATA_READY || cp_resp_check(resp, rlen)) {
        log_rc("LMS_VERIFY of the SoC manifest SVN signature", rc);
        return -1;
    }
    LOG("bootmcu: SoC manifest SVN LMS signature valid (owner FW LMS key, q %u)\n", le32(sig));
    return 0;
}

static int check_svn(const uint8_t *man, int lms) {
    uint32_t sec_ver = le32(man + AM_OFF_SEC_VER);
    cp_seg_t blob[2] = {{man + 8, 12}, {man + AM_OFF_OWN_MAN_PUB, 144}};
    uint8_t digest[48];
    int rc = cp_sha384(blob, 2, digest);
    if (rc) {
        log_rc("SVN blob SHA-384", rc);
        return -1;
    }
    static uint8_t req[196];
    memset(req, 0, sizeof req);
    hw_to_be(req + 4, FLASH(BUNDLE_OWNER_ECC), 96);    /* pub x | y */
    hw_to_be(req + 100, man + AM_OFF_SVN_ECC_SIG, 96); /* r | s */
    cp_seg_t body = {req + 4, 192};
    put_le32(req, cp_checksum(CMD_ECDSA384_VERIFY, &body, 1));
    cp_seg_t all = {req, 196};
    uint8_t resp[16];
    uint32_t rlen = 0;
    rc = cp_mbox_exec(CMD_ECDSA384_VERIFY, &all, 1, resp, sizeof resp, &rlen, 1000000u);
    if (rc != MBOX_ST_DATA_READY || cp_resp_check(resp, rlen)) {
        cp_sha_release();
        log_rc("ECDSA384_VERIFY of the SoC manifest SVN signature", rc);
        return -1;
    }
    LOG("bootmcu: SoC manifest SVN signature valid (owner FW key, ECDSA P-384)\n");
    int lrc = lms ? check_svn_lms(man) : 0;
    cp_sha_release();
    if (lrc) return -1;
    LOG("bootmcu: SoC manifest sec_ver %u (minimum %u)\n", sec_ver, BOOTMCU_MIN_SOC_MANIFEST_SVN);
    static const uint32_t min_svn = BOOTMCU_MIN_SOC_MANIFEST_SVN;
    if (sec_ver < min_svn) {
        LOG("bootmcu: SoC manifest sec_ver %u below the minimum %u (anti-rollback)\n", sec_ver,
            BOOTMCU_MIN_SOC_MANIFEST_SVN);
        return -1;
    }
    return 0;
}

static int set_auth_manifest(const uint8_t *man) {
    /* strip sec_ver and the SVN signatures: upstream 14284-byte layout (images.md §2.4 step 3) */
    static uint8_t hdr[8 + 12];
    cp_seg_t segs[4] = {
        {hdr + 4, 4 + 12},                   /* manifest_size | [0,12) */
        {man + 16, AM_OFF_SVN_ECC_SIG - 16}, /* upstream [12, 3736) */
        {man + AM_OFF_VND_IMC_SIG, AM_ASPEED_SIZE - AM_OFF_VND_IMC_SIG}, /* [3736, 14284) */
    };
    put_le32(hdr + 4, AM_UPSTREAM_SIZE);
    memcpy(hdr + 8, man, 12);
    put_le32(hdr, cp_checksum(CMD_SET_AUTH_MANIFEST, segs, 3));
    segs[0].p = hdr;
    segs[0].len = 8 + 12;
    uint8_t resp[16];
    uint32_t rlen = 0;
    LOG("bootmcu: SET_AUTH_MANIFEST (%u bytes)\n", 8u + AM_UPSTREAM_SIZE);
    int rc = cp_mbox_exec(CMD_SET_AUTH_MANIFEST, segs, 3, resp, sizeof resp, &rlen, 2000000u);
    if (rc != MBOX_ST_DATA_READY || cp_resp_check(resp, rlen)) {
        log_rc("SET_AUTH_MANIFEST", rc);
        return -1;
    }
    return 0;
}

/* VP load addresses of the BOOTMCU_LOADABLE images (the bootmcu sees 64 MiB of DRAM at
 * 0x8000_0000; AST2700 addresses from Zephyr manifest_image.c folded into it, see README). */
static uint32_t load_addr(uint32_t fw_id) {
    switch (fw_id) {
    case 10:
        return 0x83000000u; /* atf   (AST2700 0xB000_0000) */
    case 11:
        return 0x83080000u; /* optee (AST2700 0xB008_0000) */
    case 12:
        return 0x80000000u; /* uboot (AST2700 0x8000_0000) */
    case 13:
        return 0x82000000u; /* ssp   (AST2700 0xAC00_0000) */
    case 14:
        return 0x82800000u; /* tsp   (AST2700 0xAE00_0000) */
    default:
        return 0;
    }
}

static int authorize_images(const flsh_t *f, const uint8_t *man) {
    uint32_t n = le32(man + AM_OFF_IMC);
    if (n == 0 || n > 127) {
        LOG("bootmcu: SoC manifest image count %u invalid\n", n);
        return -1;
    }
    int failures = 0;
    uint32_t k = 0; /* flash id of the k-th entry other than fw_id 1 = 0x1000 + k */
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *e = man + AM_OFF_IMC + 4 + AM_ENTRY_SIZE * i;
        uint32_t fw_id = le32(e), flags = le32(e + 4), stage = flags >> 30;
        uint32_t id = fw_id == 1 ? CPTRA_FLASH_ID_MCU_RT : CPTRA_FLASH_ID_SOC_BASE + k++;
        uint32_t off, size;
        if (flsh_find(f, id, &off, &size)) {
            LOG("bootmcu: fw_id %u: flash image 0x%x not found: NOT AUTHORIZED\n", fw_id, id);
            failures++;
            continue;
        }
        const uint8_t *src = f->base + off;
        uint32_t la = stage == 1 ? load_addr(fw_id) : 0;
        if (la) {
            if ((uint64_t)la + size > (uint64_t)BOOTMCU_DRAM_BASE + BOOTMCU_DRAM_SIZE) {
                LOG("bootmcu: fw_id %u: %u bytes do not fit at 0x%08x\n", fw_id, size, la);
                failures++;
                continue;
            }
            memcpy((void *)(uintptr_t)la, src, size);
            src = (const uint8_t *)(uintptr_t)la;
            LOG("bootmcu: fw_id %u: flash id 0x%x, %u bytes loaded to 0x%08x\n", fw_id, id, size,
                la);
        } else {
            LOG("bootmcu: fw_id %u: flash id 0x%x, %u bytes (measured in place, load_stage %u)\n",
                fw_id, id, size, stage);
        }
        uint8_t digest[48];
        cp_seg_t seg = {src, size};
        int rc = cp_sha384(&seg, 1, digest);
        cp_sha_release();
        if (rc) {
            log_rc("image SHA-384", rc);
            failures++;
            continue;
        }
        static uint8_t req[116];
        memset(req, 0, sizeof req);
        put_le32(req + 4, fw_id);
        memcpy(req + 8, digest, 48);
        put_le32(req + 108, 0); /* flags: stash the measurement */
        put_le32(req + 112, 1); /* source: InRequest */
        cp_seg_t body = {req + 4, 112};
        put_le32(req, cp_checksum(CMD_AUTHORIZE_AND_STASH, &body, 1));
        cp_seg_t all = {req, 116};
        uint8_t resp[16];
        uint32_t rlen = 0;
        rc = cp_mbox_exec(CMD_AUTHORIZE_AND_STASH, &all, 1, resp, sizeof resp, &rlen, 1000000u);
        if (rc != MBOX_ST_DATA_READY || rlen != 12 || cp_resp_check(resp, rlen)) {
            LOG("bootmcu: fw_id %u: AUTHORIZE_AND_STASH failed\n", fw_id);
            log_rc("AUTHORIZE_AND_STASH", rc);
            failures++;
            continue;
        }
        uint32_t res = le32(resp + 8);
        if (res != AUTH_IMAGE_AUTHORIZED) {
            LOG("bootmcu: fw_id %u: AUTHORIZE_AND_STASH -> %s (0x%08x): NOT AUTHORIZED\n", fw_id,
                auth_name(res), res);
            failures++;
            continue;
        }
        LOG("bootmcu: fw_id %u: AUTHORIZE_AND_STASH -> IMAGE_AUTHORIZED (0x%08x)\n", fw_id, res);
    }
    return failures;
}

int main(void) {
    LOG("bootmcu: secure boot start (PAUSER 0x%08x, A35 PAUSER 0x%08x)\n", BOOTMCU_PAUSER,
        BOOTMCU_A35_PAUSER);
    scu_boot_status(ST_START);
    scu_apb_err_clear();
    int rc = cp_wait_flow(FLOW_READY_FOR_FUSES, 1, 100000u);
    if (rc) {
        log_rc("waiting for ready_for_fuses", rc);
        return fail(BOOT_E_NO_FUSE_STAGE, "Caliptra not in BOOT_FUSE");
    }
    step(ST_FUSE_STAGE, "Caliptra ready_for_fuses");
    rc = setup_pausers();
    if (rc)
        return fail(BOOT_E_PSLVERR, rc == -1 ? "PSLVERR programming PAUSERs"
                                             : "PAUSER slots not programmable (locked)");
    LOG("bootmcu: PAUSER slots locked: mailbox[0]=0x%08x mailbox[1]=0x%08x fuse=0x%08x "
        "trng=0x%08x\n",
        BOOTMCU_PAUSER, BOOTMCU_A35_PAUSER, BOOTMCU_PAUSER, BOOTMCU_PAUSER);
    scu_boot_status(ST_PAUSERS);
    rc = write_fuses();
    if (rc == -1) return fail(BOOT_E_OTP, "OTP fuse block invalid");
    if (rc) return fail(BOOT_E_PSLVERR, "PSLVERR writing fuses");
    step(ST_FUSES, "CPTRA_FUSE_WR_DONE written");
    rc = cp_wait_flow(FLOW_READY_FOR_FW, 10, 2000000u);
    if (rc) {
        log_rc("waiting for ready_for_fw", rc);
        return fail(BOOT_E_ROM, "Caliptra ROM did not reach ready_for_fw");
    }
    step(ST_READY_FOR_FW, "Caliptra ready_for_fw");
    rc = load_caliptra_fw();
    if (rc) return fail(rc, "Caliptra firmware not loaded");
    step(ST_FW_LOADED, "FIRMWARE_LOAD complete");
    rc = cp_wait_flow(FLOW_READY_FOR_RUNTIME, 10, 2000000u);
    if (rc) {
        log_rc("waiting for ready_for_runtime", rc);
        return fail(BOOT_E_RUNTIME, "Caliptra runtime not ready");
    }
    LOG("bootmcu: Caliptra runtime ready (FW_REV_ID 0x%08x 0x%08x, BOOT_STATUS 0x%x)\n",
        cp_rd(CP_SOC(CPTRA_FW_REV_ID0)), cp_rd(CP_SOC(CPTRA_FW_REV_ID1)),
        cp_rd(CP_SOC(CPTRA_BOOT_STATUS)));
    scu_boot_status(ST_RUNTIME);

    static flsh_t f; /* ~1.5 KiB of image table: not on the stack */
    if (flsh_open(&f)) return fail(BOOT_E_FLSH, "FLSH image invalid");
    uint32_t moff, msize;
    if (flsh_find(&f, CPTRA_FLASH_ID_SOC_MANIFEST, &moff, &msize) || msize < AM_ASPEED_SIZE) {
        LOG("bootmcu: SoC manifest (flash id 0x2) missing or short\n");
        return fail(BOOT_E_SVN, "SoC manifest missing");
    }
    const uint8_t *man = f.base + moff;
    if (le32(man) != AM_MARKER) {
        LOG("bootmcu: SoC manifest marker 0x%08x\n", le32(man));
        return fail(BOOT_E_SVN, "SoC manifest marker");
    }
    step(ST_FLSH, "FLSH image and SoC manifest found");
    if (check_svn(man, otp_lms_verify())) return fail(BOOT_E_SVN, "SoC manifest SVN check failed");
    scu_boot_status(ST_SVN);
    if (set_auth_manifest(man)) return fail(BOOT_E_AUTH_MAN, "SET_AUTH_MANIFEST rejected");
    step(ST_AUTH_MAN, "SET_AUTH_MANIFEST accepted");
    int bad = authorize_images(&f, man);
    if (bad) {
        LOG("bootmcu: %d image(s) not authorized\n", bad);
        return fail(BOOT_E_IMAGE, "SoC image authorization failed");
    }
    step(ST_IMAGES, "all SoC images authorized");
    scu_release_a35();
    step(ST_A35_RELEASED, "CA35 cluster released from reset");
    return BOOT_OK;
}

/* Called by crt0 on any trap: report and exit with 0x100 + mcause. */
uint32_t trap_handler(uint32_t mcause, uint32_t mepc, uint32_t mtval) {
    LOG("bootmcu: TRAP mcause %u mepc 0x%08x mtval 0x%08x\n", mcause, mepc, mtval);
    scu_boot_error(0x100u + mcause);
    return 0x100u + mcause;
}
