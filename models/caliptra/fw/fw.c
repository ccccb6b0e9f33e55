/* Firmware behaviour model: the uC agent, the ROM (cold boot, mailbox loop, FIRMWARE_LOAD,
 * update reset) and the FMC. The runtime command set lives in rt.c.
 * Facts: caliptra-1x.md §2.2 (boot sequence), §3.1/3.4 (ROM mailbox rules), §3.7 (boot statuses),
 * images.md §1.4 (verification order, done by the image library). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "fw_int.h"

#define SOC(off)  (CPTRA_SOC_IFC_BASE + (off))
#define MBOX(off) (CPTRA_MBOX_CSR_BASE + (off))
#define FLOW_FW_BITS                                                                               \
    (0x00FFFFFFu | FLOW_STATUS_IDEVID_CSR_READY | FLOW_STATUS_READY_FOR_FW |                       \
     FLOW_STATUS_READY_FOR_RUNTIME | FLOW_STATUS_MAILBOX_FLOW_DONE)
#define RESET_REASON_FW_UPD (1u << 0)
#define RESET_REASON_WARM   (1u << 1)

enum { STEP_BOOT_START = 100, STEP_UPDATE_START, STEP_FW_UPD_RESET, STEP_SHA_ACC_RELEASE };

/* ---------------------------------------------------------------- helpers */

uint32_t cptra_fw_checksum(uint32_t cmd, const uint8_t *data, size_t len) {
    uint32_t sum = 0;
    for (int i = 0; i < 4; i++)
        sum += (cmd >> (8 * i)) & 0xFFu;
    for (size_t i = 0; i < len; i++)
        sum += data[i];
    return 0u - sum;
}

uint32_t fw_rd(fw_t *f, uint64_t cycle, uint32_t addr) {
    if (cycle < f->last_cycle) cycle = f->last_cycle;
    f->last_cycle = cycle;
    return cptra_hw_uc_read(f->hw, cycle, addr);
}

void fw_wr(fw_t *f, uint64_t cycle, uint32_t addr, uint32_t data) {
    if (cycle < f->last_cycle) cycle = f->last_cycle;
    f->last_cycle = cycle;
    cptra_hw_uc_write(f->hw, cycle, addr, data);
}

void fw_sched(fw_t *f, uint64_t cycle, step_kind_t kind, uint32_t a, uint32_t b, const char *n) {
    if (f->nsteps >= FW_MAX_STEPS) {
        /* compact executed steps */
        memmove(f->steps, f->steps + f->istep, (size_t)(f->nsteps - f->istep) * sizeof(fw_step_t));
        f->nsteps -= f->istep;
        f->istep = 0;
        if (f->nsteps >= FW_MAX_STEPS) return; /* cannot happen with the fixed flows below */
    }
    /* keep the list sorted by cycle; equal cycles keep their scheduling order */
    int pos = f->nsteps;
    while (pos > f->istep && f->steps[pos - 1].cycle > cycle)
        pos--;
    memmove(f->steps + pos + 1, f->steps + pos, (size_t)(f->nsteps - pos) * sizeof(fw_step_t));
    f->nsteps++;
    fw_step_t *s = &f->steps[pos];
    s->cycle = cycle;
    s->kind = kind;
    s->a = a;
    s->b = b;
    s->name = n;
}

static void sched_bs(fw_t *f, uint64_t c, uint32_t v) {
    fw_sched(f, c, STEP_BOOT_STATUS, v, 0, NULL);
}
static void sched_tl(fw_t *f, uint64_t c, const char *n) {
    fw_sched(f, c, STEP_TIMELINE, 0, 0, n);
}

/* Statuses first..last spread evenly over [start, start+dur]: the last lands at start+dur. */
static uint64_t sched_range(fw_t *f, uint64_t start, uint64_t dur, uint32_t first, uint32_t last) {
    uint32_t n = last - first + 1;
    for (uint32_t i = 1; i <= n; i++)
        sched_bs(f, start + dur * i / n, first + i - 1);
    return start + dur;
}

void fw_resp_header(fw_t *f, uint32_t len) {
    put_le32(f->resp + 4, 0); /* fips_status: FIPS_APPROVED */
    put_le32(f->resp, cptra_fw_checksum(0, f->resp + 4, len - 4));
    f->resp_len = len;
}

void fw_pcr_extend(fw_t *f, int idx, const uint8_t *data, size_t len) {
    uint8_t buf[48 + 64];
    unsigned int outl = 0;
    if (len > 64) len = 64;
    memcpy(buf, f->pcr[idx], 48);
    memcpy(buf + 48, data, len);
    EVP_Digest(buf, 48 + len, f->pcr[idx], &outl, EVP_sha384(), NULL);
}

void fw_read_fuses(fw_t *f, uint64_t cycle, cptra_fuse_vals_t *fv) {
    memset(fv, 0, sizeof *fv);
    for (int i = 0; i < 12; i++) {
        fv->key_manifest_pk_hash[i] = fw_rd(f, cycle, SOC(FUSE_KEY_MANIFEST_PK_HASH0 + 4u * i));
        fv->owner_pk_hash[i] = fw_rd(f, cycle, SOC(FUSE_OWNER_PK_HASH0 + 4u * i));
    }
    fv->key_manifest_pk_hash_mask = fw_rd(f, cycle, SOC(FUSE_KEY_MANIFEST_PK_HASH_MASK));
    fv->fmc_key_manifest_svn = fw_rd(f, cycle, SOC(FUSE_FMC_KEY_MANIFEST_SVN));
    for (int i = 0; i < 4; i++)
        fv->runtime_svn[i] = fw_rd(f, cycle, SOC(FUSE_RUNTIME_SVN0 + 4u * i));
    fv->anti_rollback_disable = fw_rd(f, cycle, SOC(FUSE_ANTI_ROLLBACK_DISABLE)) & 1u;
    /* The ROM takes the lifecycle from CPTRA_SECURITY_STATE.device_lifecycle (the strap), as
     * caliptra-sw's soc_ifc driver does; FUSE_LIFE_CYCLE is not consulted. */
    fv->life_cycle = fw_rd(f, cycle, SOC(CPTRA_SECURITY_STATE)) & 3u;
    fv->lms_verify = fw_rd(f, cycle, SOC(FUSE_LMS_VERIFY)) & 1u;
    fv->lms_revocation = fw_rd(f, cycle, SOC(FUSE_LMS_REVOCATION));
    f->lms_verify_fuse = fv->lms_verify;
}

uint64_t cptra_fw_verify_cycles(const cptra_fw_cost_t *c, const struct cptra_verify_cost *vc) {
    return (uint64_t)vc->sha384_blocks * c->sha512_block +
           (uint64_t)vc->ecc384_verifies * c->ecc384_verify +
           (uint64_t)vc->lms_verifies * c->lms_verify;
}

static void flow_write(fw_t *f, uint64_t c) {
    fw_wr(f, c, SOC(CPTRA_FLOW_STATUS), f->flow);
}

/* ---------------------------------------------------------------- boot flows */

static void sched_fmc_rt(fw_t *f, uint64_t t) {
    /* ROM: ColdResetComplete was scheduled by the caller; FMC then RT. */
    t += f->cost.rom_to_fmc;
    sched_tl(f, t, "fmc.start");
    fw_sched(f, t, STEP_FW_REV, 0, 0, NULL); /* FMC version into FW_REV_ID[0][31:16] */
    t = sched_range(f, t, f->cost.fmc_rt_alias, CPTRA_BS_FMC_FIRST, CPTRA_BS_FMC_LAST);
    sched_tl(f, t, "rt.start");
    fw_sched(f, t, STEP_FW_REV, 1, 0, NULL); /* RT version into FW_REV_ID[1] */
    t += f->cost.rt_init;
    sched_bs(f, t, CPTRA_BS_RT_READY);
    fw_sched(f, t, STEP_FLOW_SET, FLOW_STATUS_READY_FOR_RUNTIME | FLOW_STATUS_MAILBOX_FLOW_DONE, 0,
             NULL);
    fw_sched(f, t, STEP_PHASE, CPTRA_FW_RT_READY, 0, NULL);
    sched_tl(f, t, "rt.ready");
}

static void sched_cold_boot(fw_t *f, uint64_t t) {
    const cptra_fw_cost_t *c = &f->cost;
    t += c->rom_init;
    sched_bs(f, t, CPTRA_BS_CFI_INITIALIZED);
    fw_sched(f, t, STEP_FW_REV, 2, 0, NULL); /* ROM version into FW_REV_ID[0][15:0] */
    sched_bs(f, t, CPTRA_BS_KAT_STARTED);
    sched_tl(f, t, "rom.kat_start");
    t += c->rom_kat_ecc + c->rom_kat_lms + c->rom_kat_other;
    sched_bs(f, t, CPTRA_BS_KAT_COMPLETE);
    /* The SHA accelerator is locked by the uC out of reset; the ROM KAT releases it (§2.1). */
    fw_sched(f, t, (step_kind_t)STEP_SHA_ACC_RELEASE, 0, 0, NULL);
    sched_tl(f, t, "rom.kat_done");
    t += c->rom_cold_start;
    sched_bs(f, t, CPTRA_BS_COLD_RESET_STARTED);
    /* ready_for_fw rises at the start of IDevID derivation (caliptra-1x.md §2.2 step 5). */
    fw_sched(f, t, STEP_FLOW_SET, FLOW_STATUS_READY_FOR_FW, 0, NULL);
    sched_tl(f, t, "rom.idevid_start");
    t = sched_range(f, t, c->rom_idevid, CPTRA_BS_IDEVID_FIRST, CPTRA_BS_IDEVID_LAST);
    sched_tl(f, t, "rom.ldevid_start");
    t = sched_range(f, t, c->rom_ldevid, CPTRA_BS_LDEVID_FIRST, CPTRA_BS_LDEVID_LAST);
    fw_sched(f, t, STEP_PHASE, CPTRA_FW_ROM_MBOX, 0, NULL);
    sched_tl(f, t, "rom.mbox_loop");
}

/* Schedules the ROM image processing after a successful verification at t (end of verify). */
static void sched_after_verify(fw_t *f, uint64_t t, bool update) {
    const cptra_fw_cost_t *c = &f->cost;
    uint64_t load = (uint64_t)((f->info.fmc.size + f->info.rt.size + 3) / 4) * c->rom_fw_load_word;
    if (!update) {
        sched_bs(f, t, CPTRA_BS_FWPROC_VERIFY_DONE);
        t += c->rom_fw_dv / 2;
        sched_bs(f, t, CPTRA_BS_FWPROC_DATA_VAULT);
        t += c->rom_fw_dv - c->rom_fw_dv / 2;
        sched_bs(f, t, CPTRA_BS_FWPROC_EXTEND_PCR);
        t += load;
        sched_bs(f, t, CPTRA_BS_FWPROC_LOAD_IMAGE);
        fw_sched(f, t, STEP_RESPOND, 0, 0, NULL); /* CMD_COMPLETE */
        sched_bs(f, t, CPTRA_BS_FWPROC_TX_COMPLETE);
        sched_bs(f, t, CPTRA_BS_FWPROC_COMPLETE);
        sched_tl(f, t, "rom.fw_loaded");
        t = sched_range(f, t, c->rom_fmc_alias, CPTRA_BS_FMC_ALIAS_FIRST, CPTRA_BS_FMC_ALIAS_LAST);
        sched_bs(f, t, CPTRA_BS_COLD_RESET_COMPLETE);
    } else {
        sched_bs(f, t, CPTRA_BS_UPDATE_RESET_STARTED + 2); /* image verification complete */
        t += c->rom_fw_dv / 2;
        sched_bs(f, t, CPTRA_BS_UPDATE_RESET_STARTED + 3); /* populate data vault */
        sched_bs(f, t, CPTRA_BS_UPDATE_RESET_STARTED + 4); /* extend key ladder */
        t += c->rom_fw_dv - c->rom_fw_dv / 2;
        sched_bs(f, t, CPTRA_BS_UPDATE_RESET_STARTED + 5); /* extend PCR */
        t += load;
        sched_bs(f, t, CPTRA_BS_UPDATE_RESET_STARTED + 6); /* load image */
        sched_bs(f, t, CPTRA_BS_UPDATE_RESET_STARTED + 7); /* overwrite manifest */
        fw_sched(f, t, STEP_RESPOND, 0, 0, NULL);
        sched_bs(f, t, CPTRA_BS_UPDATE_RESET_COMPLETE);
        sched_tl(f, t, "rom.update_loaded");
    }
    sched_fmc_rt(f, t);
}

/* ---------------------------------------------------------------- verification */

/* The ROM's verification step (shared by FIRMWARE_LOAD and cptra_fw_verify_image): fuses are
 * read through the uC port at t, then the image library runs the ROM 1.2 checks in order. */
static uint32_t rom_verify(fw_t *f, uint64_t t, const uint8_t *img, size_t len, bool update,
                           cptra_bundle_info_t *info, cptra_verify_cost_t *vc) {
    cptra_fuse_vals_t fv;
    memset(vc, 0, sizeof *vc);
    if (len == 0 || len > CPTRA_IMAGE_MAX_SIZE) return ROM_ERR_INVALID_IMAGE_SIZE;
    fw_read_fuses(f, t, &fv);
    if (update && f->image_valid)
        return cptra_bundle_verify_update(img, len, &fv, &f->info, info, vc);
    return cptra_bundle_verify(img, len, &fv, info, vc);
}

uint32_t cptra_fw_verify_image(cptra_uc_agent_t *agent, uint64_t cycle, const uint8_t *img,
                               size_t len, uint64_t *cycles) {
    fw_t *f = agent->ctx;
    cptra_verify_cost_t vc;
    cptra_bundle_info_t *info = malloc(sizeof *info);
    if (!info) return ROM_ERR_PROCESS_FAILURE;
    uint32_t lms = f->lms_verify_fuse;
    uint32_t rc = rom_verify(f, cycle, img, len, false, info, &vc);
    f->lms_verify_fuse = lms; /* no state change */
    free(info);
    if (cycles) *cycles = cptra_fw_verify_cycles(&f->cost, &vc);
    return rc;
}

/* Reads the request of the pending mailbox transaction through DATAOUT. Returns words read. */
static uint32_t read_request(fw_t *f, uint64_t t, uint8_t *buf, uint32_t dlen) {
    uint32_t words = (dlen + 3) / 4;
    for (uint32_t i = 0; i < words; i++) {
        uint32_t w = fw_rd(f, t, MBOX(MBOX_DATAOUT));
        uint32_t n = dlen - 4 * i < 4 ? dlen - 4 * i : 4;
        for (uint32_t b = 0; b < n; b++)
            buf[4 * i + b] = (uint8_t)(w >> (8 * b));
    }
    return words;
}

/* The ROM's FIRMWARE_LOAD (cold or update reset). The transaction is in EXECUTE_UC. */
static void rom_fw_load(fw_t *f, uint64_t t0, uint32_t dlen, bool update) {
    const cptra_fw_cost_t *c = &f->cost;
    uint64_t t = t0 + c->rom_cmd_base;
    if (dlen == 0 || dlen > CPTRA_IMAGE_MAX_SIZE) {
        f->resp_status = MBOX_STATUS_CMD_FAILURE;
        f->resp_err = ROM_ERR_INVALID_IMAGE_SIZE;
        f->resp_fatal = true;
        fw_sched(f, t, STEP_RESPOND, 0, 0, NULL);
        return;
    }
    uint8_t *img = malloc(dlen + 4);
    if (!img) {
        f->resp_status = MBOX_STATUS_CMD_FAILURE;
        f->resp_err = ROM_ERR_PROCESS_FAILURE;
        f->resp_fatal = true;
        fw_sched(f, t, STEP_RESPOND, 0, 0, NULL);
        return;
    }
    read_request(f, t0, img, dlen);
    sched_tl(f, t0, update ? "rom.update_start" : "rom.fw_load_start");
    if (!update) {
        sched_bs(f, t, CPTRA_BS_FWPROC_DOWNLOAD_DONE);
    } else {
        sched_bs(f, t, CPTRA_BS_UPDATE_RESET_STARTED);
    }
    /* Manifest copy (1471 dwords from the mailbox) and parse. */
    t += (uint64_t)(CPTRA_MANIFEST_SIZE / 4) * c->mbox_word + c->rom_fw_manifest;
    sched_bs(f, t, update ? CPTRA_BS_UPDATE_RESET_STARTED + 1 : CPTRA_BS_FWPROC_MANIFEST_LOAD);

    cptra_verify_cost_t vc;
    cptra_bundle_info_t info;
    uint32_t rc = rom_verify(f, t0, img, dlen, update, &info, &vc);
    uint64_t vcyc = cptra_fw_verify_cycles(c, &vc);
    t += vcyc;
    sched_tl(f, t, "rom.verify_done");
    if (rc != 0) {
        free(img);
        f->resp_status = MBOX_STATUS_CMD_FAILURE;
        f->resp_err = rc;
        f->resp_fatal = true;
        fw_sched(f, t, STEP_RESPOND, 0, 0, NULL);
        return;
    }
    free(f->image);
    f->image = img;
    f->image_len = dlen;
    f->info = info;
    f->image_valid = true;
    f->verify_cycles = vcyc;
    if (!update || f->min_rt_svn > info.rt.svn) f->min_rt_svn = info.rt.svn;
    f->resp_status = MBOX_STATUS_CMD_COMPLETE;
    f->resp_err = 0;
    f->resp_fatal = false;
    f->resp_len = 0;
    f->phase = CPTRA_FW_ROM_LOADING;
    sched_after_verify(f, t, update);
}

/* ---------------------------------------------------------------- ROM mailbox loop */

static void rom_fail(fw_t *f, uint64_t t, uint32_t code) {
    f->resp_status = MBOX_STATUS_CMD_FAILURE;
    f->resp_err = code;
    f->resp_fatal = true;
    fw_sched(f, t, STEP_RESPOND, 0, 0, NULL);
}

static void rom_command(fw_t *f, uint64_t t0) {
    const cptra_fw_cost_t *c = &f->cost;
    uint32_t cmd = fw_rd(f, t0, MBOX(MBOX_CMD));
    uint32_t dlen = fw_rd(f, t0, MBOX(MBOX_DLEN));
    uint32_t user = fw_rd(f, t0, MBOX(MBOX_USER));
    uint64_t t = t0 + c->rom_cmd_base;
    f->busy = true;
    f->resp_fatal = false;
    f->resp_err = 0;
    if (user == CPTRA_UC_PAUSER) {
        rom_fail(f, t, ROM_ERR_RESERVED_PAUSER);
        return;
    }
    if (cmd == CPTRA_CMD_FIRMWARE_LOAD) {
        rom_fw_load(f, t0, dlen, false);
        return;
    }
    /* Fixed request size per command (ROM: exact length, then checksum). */
    uint32_t need;
    switch (cmd) {
    case CPTRA_CMD_STASH_MEASUREMENT:
        need = 108;
        break;
    case CPTRA_CMD_CAPABILITIES:
    case CPTRA_CMD_VERSION:
    case CPTRA_CMD_SELF_TEST_START:
    case CPTRA_CMD_SELF_TEST_GET_RESULTS:
    case CPTRA_CMD_SHUTDOWN:
    case CPTRA_CMD_GET_IDEV_CSR:
        need = 4;
        break;
    default:
        rom_fail(f, t, ROM_ERR_MAILBOX_INVALID_COMMAND);
        return;
    }
    if (cmd == CPTRA_CMD_STASH_MEASUREMENT && f->stash_count >= 8) {
        rom_fail(f, t, ROM_ERR_STASH_MEASUREMENT_MAX_LIMIT);
        return;
    }
    if (dlen != need) {
        rom_fail(f, t, ROM_ERR_MAILBOX_INVALID_REQUEST_LENGTH);
        return;
    }
    uint8_t req[108];
    read_request(f, t0, req, dlen);
    t += (uint64_t)(dlen / 4) * c->mbox_word;
    if (cptra_fw_checksum(cmd, req + 4, dlen - 4) != le32(req)) {
        rom_fail(f, t, ROM_ERR_MAILBOX_INVALID_CHECKSUM);
        return;
    }
    memset(f->resp, 0, sizeof f->resp);
    bool fatal_after = false;
    switch (cmd) {
    case CPTRA_CMD_CAPABILITIES:
        f->resp[8 + 15] = 0x01; /* u128 BE, bit0 = ROM_BASE */
        fw_resp_header(f, 24);
        break;
    case CPTRA_CMD_VERSION: {
        put_le32(f->resp + 8, 0x46495053u); /* "FIPS" */
        put_le32(f->resp + 12, fw_rd(f, t0, SOC(CPTRA_HW_REV_ID)));
        put_le32(f->resp + 16, fw_rd(f, t0, SOC(CPTRA_FW_REV_ID0)));
        put_le32(f->resp + 20, fw_rd(f, t0, SOC(CPTRA_FW_REV_ID1)));
        memcpy(f->resp + 24, "Caliptra RTM", 12);
        fw_resp_header(f, 36);
        break;
    }
    case CPTRA_CMD_STASH_MEASUREMENT:
        memcpy(f->rom_stash[f->stash_count], req + 8, 48);
        f->stash_count++;
        fw_pcr_extend(f, 31, req + 8, 48);
        put_le32(f->resp + 8, 0); /* dpe_result */
        fw_resp_header(f, 12);
        break;
    case CPTRA_CMD_SELF_TEST_START:
        t += c->rom_kat_ecc + c->rom_kat_lms; /* KATs run synchronously in the ROM */
        fw_resp_header(f, 8);
        break;
    case CPTRA_CMD_SELF_TEST_GET_RESULTS:
        fw_resp_header(f, 8);
        break;
    case CPTRA_CMD_SHUTDOWN:
        fw_resp_header(f, 8);
        fatal_after = true; /* respond, then fatal to zeroize */
        break;
    case CPTRA_CMD_GET_IDEV_CSR:
    default:
        /* No CSR was generated (the model does not build the IDevID CSR). */
        rom_fail(f, t, ROM_ERR_GET_IDEV_CSR_UNPROVISIONED);
        return;
    }
    t += (uint64_t)(f->resp_len / 4) * c->mbox_word;
    f->resp_status = MBOX_STATUS_DATA_READY;
    fw_sched(f, t, STEP_RESPOND, 0, 0, NULL);
    if (fatal_after) fw_sched(f, t, STEP_FATAL, RT_ERR_SHUTDOWN, 0, NULL);
}

/* ---------------------------------------------------------------- runtime dispatch */

static void rt_command(fw_t *f, uint64_t t0) {
    f->busy = true;
    f->resp_fatal = false;
    f->flow &= ~FLOW_STATUS_MAILBOX_FLOW_DONE;
    flow_write(f, t0);
    fw_wr(f, t0, SOC(CPTRA_FW_ERROR_NON_FATAL), 0);
    f->last_err = 0;
    uint32_t cmd = fw_rd(f, t0, MBOX(MBOX_CMD));
    uint32_t dlen = fw_rd(f, t0, MBOX(MBOX_DLEN));
    uint32_t user = fw_rd(f, t0, MBOX(MBOX_USER));
    uint64_t cost = f->cost.rt_cmd_base;
    uint32_t rc;
    if (cmd == CPTRA_CMD_FIRMWARE_LOAD) {
        /* The RT hands FIRMWARE_LOAD to the ROM through an update reset (caliptra-1x.md §2.2
         * step 8); the request stays in the mailbox, unread. */
        if (f->cfg.timeline) f->cfg.timeline(f->cfg.timeline_ctx, "rt.update_reset", t0 + cost);
        fw_sched(f, t0 + cost, (step_kind_t)STEP_FW_UPD_RESET, 0, 0, NULL);
        return;
    }
    if ((dlen + 3) / 4 > FW_RT_MAX_REQ / 4) {
        rc = RT_ERR_INSUFFICIENT_MEMORY;
    } else {
        uint8_t *req = calloc(1, FW_RT_MAX_REQ + 4);
        if (!req) {
            rc = RT_ERR_INTERNAL;
        } else {
            uint32_t words = read_request(f, t0, req, dlen);
            cost += (uint64_t)words * f->cost.mbox_word;
            uint64_t ccost = 0;
            rc = rt_execute(f, t0, cmd, req, dlen, user, &ccost);
            cost += ccost;
            free(req);
        }
    }
    if (rc) {
        f->resp_status = MBOX_STATUS_CMD_FAILURE;
        f->resp_err = rc;
    } else {
        f->resp_status = MBOX_STATUS_DATA_READY;
        f->resp_err = 0;
        cost += (uint64_t)(f->resp_len / 4) * f->cost.mbox_word;
    }
    fw_sched(f, t0 + cost, STEP_RESPOND, 0, 0, NULL);
}

/* RT FIRMWARE_LOAD: request the update reset; the ROM then reads the image from the mailbox. */
void rt_start_update(fw_t *f, uint64_t t0) {
    fw_wr(f, t0, SOC(CPTRA_INTERNAL_FW_UPDATE_RESET), 1);
}

/* ---------------------------------------------------------------- step execution */

static void exec_respond(fw_t *f, uint64_t c) {
    if (f->resp_status == MBOX_STATUS_CMD_FAILURE) {
        fw_wr(f, c, SOC(CPTRA_FW_ERROR_NON_FATAL), f->resp_err);
        f->last_err = f->resp_err;
        if (f->resp_fatal) {
            fw_wr(f, c, SOC(CPTRA_FW_ERROR_FATAL), f->resp_err);
            f->fatal = f->resp_err;
        }
        fw_wr(f, c, MBOX(MBOX_STATUS), MBOX_STATUS_CMD_FAILURE);
    } else if (f->resp_status == MBOX_STATUS_DATA_READY) {
        fw_wr(f, c, MBOX(MBOX_DLEN), f->resp_len);
        for (uint32_t i = 0; i < (f->resp_len + 3) / 4; i++)
            fw_wr(f, c, MBOX(MBOX_DATAIN), le32(f->resp + 4 * i));
        fw_wr(f, c, MBOX(MBOX_STATUS), MBOX_STATUS_DATA_READY);
    } else {
        fw_wr(f, c, MBOX(MBOX_STATUS), f->resp_status);
    }
    f->busy = false;
    if (f->phase == CPTRA_FW_RT_READY) {
        f->flow |= FLOW_STATUS_MAILBOX_FLOW_DONE;
        flow_write(f, c);
    }
    if (f->resp_fatal) {
        f->phase = CPTRA_FW_FATAL;
        f->nsteps = f->istep; /* drop the rest of the flow (current step already consumed) */
        if (f->cfg.timeline) f->cfg.timeline(f->cfg.timeline_ctx, "rom.fatal", c);
    }
}

static void boot_start(fw_t *f, uint64_t c) {
    uint32_t reason = fw_rd(f, c, SOC(CPTRA_RESET_REASON));
    if (f->cfg.timeline) f->cfg.timeline(f->cfg.timeline_ctx, "rom.reset_release", c);
    if ((reason & RESET_REASON_FW_UPD) && f->image_valid) {
        /* Update reset: ROM processes the image still held in the mailbox (EXECUTE_UC). */
        f->phase = CPTRA_FW_ROM_LOADING;
        uint64_t t = c + f->cost.rom_init;
        sched_bs(f, t, CPTRA_BS_CFI_INITIALIZED);
        fw_sched(f, t, (step_kind_t)STEP_UPDATE_START, 0, 0, NULL);
        return;
    }
    if ((reason & RESET_REASON_WARM) && f->image_valid) {
        /* Warm reset: the ROM re-runs its KATs, then jumps to the FMC with the retained image
         * (no download). */
        f->phase = CPTRA_FW_ROM_BOOT;
        f->flow = 0; /* FLOW_STATUS is in the rst_b domain: cleared by the warm reset */
        uint64_t t = c + f->cost.rom_init;
        sched_bs(f, t, CPTRA_BS_CFI_INITIALIZED);
        fw_sched(f, t, STEP_FW_REV, 2, 0, NULL);
        sched_bs(f, t, CPTRA_BS_KAT_STARTED);
        t += f->cost.rom_kat_ecc + f->cost.rom_kat_lms + f->cost.rom_kat_other;
        sched_bs(f, t, CPTRA_BS_KAT_COMPLETE);
        fw_sched(f, t, (step_kind_t)STEP_SHA_ACC_RELEASE, 0, 0, NULL);
        fw_sched(f, t, STEP_PHASE, CPTRA_FW_ROM_LOADING, 0, NULL);
        sched_fmc_rt(f, t);
        return;
    }
    /* Cold boot: fresh state. */
    f->phase = CPTRA_FW_ROM_BOOT;
    f->stash_count = 0;
    f->image_valid = false;
    memset(f->pcr, 0, sizeof f->pcr);
    memset(f->pcr_reset, 0, sizeof f->pcr_reset);
    f->attestation_disabled = false;
    f->shutdown = false;
    f->self_test = 0;
    f->authman_valid = false;
    memset(f->am, 0, sizeof *f->am);
    memset(f->authman_digest, 0, sizeof f->authman_digest);
    f->flow = 0;
    sched_cold_boot(f, c);
}

static void exec_step(fw_t *f, const fw_step_t *s) {
    uint64_t c = s->cycle;
    if (c > f->last_cycle) f->last_cycle = c;
    switch ((int)s->kind) {
    case STEP_BOOT_STATUS:
        fw_wr(f, c, SOC(CPTRA_BOOT_STATUS), s->a);
        f->boot_status = s->a;
        if (s->a < sizeof f->bs_cycle / sizeof f->bs_cycle[0]) f->bs_cycle[s->a] = c;
        break;
    case STEP_FLOW_SET:
        f->flow |= s->a;
        flow_write(f, c);
        break;
    case STEP_FLOW_CLR:
        f->flow &= ~s->a;
        flow_write(f, c);
        break;
    case STEP_FW_REV:
        if (s->a == 2) {
            uint32_t v = fw_rd(f, c, SOC(CPTRA_FW_REV_ID0));
            fw_wr(f, c, SOC(CPTRA_FW_REV_ID0), (v & 0xFFFF0000u) | f->cfg.rom_version);
        } else if (s->a == 0) {
            uint32_t v = fw_rd(f, c, SOC(CPTRA_FW_REV_ID0));
            fw_wr(f, c, SOC(CPTRA_FW_REV_ID0),
                  (v & 0xFFFFu) | (f->info.fmc.version & 0xFFFFu) << 16);
        } else {
            fw_wr(f, c, SOC(CPTRA_FW_REV_ID1), f->info.rt.version);
        }
        break;
    case STEP_TIMELINE:
        if (f->cfg.timeline) f->cfg.timeline(f->cfg.timeline_ctx, s->name, c);
        break;
    case STEP_PHASE:
        f->phase = (cptra_fw_phase_t)s->a;
        break;
    case STEP_RESPOND:
        exec_respond(f, c);
        break;
    case STEP_FATAL:
        fw_wr(f, c, SOC(CPTRA_FW_ERROR_NON_FATAL), s->a);
        fw_wr(f, c, SOC(CPTRA_FW_ERROR_FATAL), s->a);
        f->fatal = s->a;
        f->last_err = s->a;
        f->phase = CPTRA_FW_FATAL;
        f->nsteps = f->istep; /* drop the rest of the flow (current step already consumed) */
        if (f->cfg.timeline) f->cfg.timeline(f->cfg.timeline_ctx, "rom.fatal", c);
        break;
    case STEP_SELF_TEST_DONE:
        if (f->self_test == 1) f->self_test = 2;
        fw_wr(f, c, SOC(CPTRA_BOOT_STATUS), CPTRA_BS_RT_SELF_TEST_DONE);
        f->boot_status = CPTRA_BS_RT_SELF_TEST_DONE;
        f->bs_cycle[CPTRA_BS_RT_SELF_TEST_DONE] = c;
        break;
    case STEP_SHA_ACC_RELEASE:
        fw_wr(f, c, CPTRA_SHA_ACC_BASE + SHA_ACC_LOCK, 1);
        break;
    case STEP_FW_UPD_RESET:
        rt_start_update(f, c);
        break;
    case STEP_BOOT_START:
        boot_start(f, c);
        break;
    case STEP_UPDATE_START: {
        uint32_t dlen = fw_rd(f, c, MBOX(MBOX_DLEN));
        f->busy = true;
        rom_fw_load(f, c, dlen, true);
        break;
    }
    default:
        break;
    }
}

/* ---------------------------------------------------------------- agent ops */

static void fw_notify(void *ctx, cptra_event_t ev, uint64_t cycle) {
    fw_t *f = ctx;
    switch (ev) {
    case CPTRA_EV_UC_RESET_RELEASED:
        f->nsteps = f->istep = 0;
        f->busy = false;
        f->phase = CPTRA_FW_ROM_BOOT;
        fw_sched(f, cycle, (step_kind_t)STEP_BOOT_START, 0, 0, NULL);
        break;
    case CPTRA_EV_UC_RESET_ASSERTED:
        f->nsteps = f->istep = 0;
        f->busy = false;
        f->phase = CPTRA_FW_OFF;
        /* an update reset keeps the pending FIRMWARE_LOAD in the mailbox */
        break;
    case CPTRA_EV_CMD_AVAIL:
        f->cmd_pending = true;
        f->cmd_avail = cycle;
        break;
    default:
        break;
    }
}

static bool accepts_cmd(const fw_t *f) {
    return !f->busy && (f->phase == CPTRA_FW_ROM_MBOX || f->phase == CPTRA_FW_RT_READY);
}

static uint64_t fw_run(void *ctx, uint64_t now) {
    fw_t *f = ctx;
    for (;;) {
        uint64_t next_step = f->istep < f->nsteps ? f->steps[f->istep].cycle : CPTRA_UC_IDLE;
        uint64_t next_cmd = CPTRA_UC_IDLE;
        if (f->cmd_pending && accepts_cmd(f)) {
            next_cmd = f->cmd_avail > f->last_cycle ? f->cmd_avail : f->last_cycle;
        }
        uint64_t next = next_step < next_cmd ? next_step : next_cmd;
        if (next == CPTRA_UC_IDLE || next > now) return next;
        if (next_step <= next_cmd) {
            fw_step_t s = f->steps[f->istep++];
            exec_step(f, &s);
        } else {
            f->cmd_pending = false;
            if (f->phase == CPTRA_FW_ROM_MBOX)
                rom_command(f, next_cmd);
            else
                rt_command(f, next_cmd);
        }
    }
}

static void fw_destroy(void *ctx) {
    fw_t *f = ctx;
    if (!f) return;
    free(f->rom);
    free(f->image);
    free(f->am);
    free(f);
}

static const cptra_uc_agent_ops_t fw_ops = {fw_notify, fw_run, fw_destroy};

void cptra_fw_default_cfg(cptra_fw_cfg_t *cfg) {
    memset(cfg, 0, sizeof *cfg);
    cfg->rom_version = CPTRA_ROM_VERSION_1_2_0;
}

cptra_uc_agent_t cptra_fw_new(cptra_hw_t hw, const cptra_fw_cfg_t *cfg) {
    cptra_uc_agent_t a = {&fw_ops, NULL};
    fw_t *f = calloc(1, sizeof *f);
    if (!f) return a;
    f->hw = hw;
    if (cfg)
        f->cfg = *cfg;
    else
        cptra_fw_default_cfg(&f->cfg);
    if (cfg && cfg->cost)
        f->cost = *cfg->cost;
    else
        cptra_fw_cost_default(&f->cost);
    f->cfg.cost = NULL;
    if (f->cfg.rom && f->cfg.rom_len) {
        f->rom = malloc(f->cfg.rom_len);
        if (f->rom) {
            memcpy(f->rom, f->cfg.rom, f->cfg.rom_len);
            unsigned int l = 0;
            EVP_Digest(f->rom, f->cfg.rom_len, f->rom_sha256, &l, EVP_sha256(), NULL);
        }
    }
    f->cfg.rom = f->rom;
    f->am = calloc(1, sizeof *f->am);
    if (!f->am) {
        free(f->rom);
        free(f);
        return a;
    }
    a.ctx = f;
    if (hw.ops && hw.ops->set_notify) hw.ops->set_notify(hw.ctx, fw_notify, f);
    return a;
}

/* ---------------------------------------------------------------- accessors */

cptra_fw_phase_t cptra_fw_phase(const cptra_uc_agent_t *a) {
    return ((const fw_t *)a->ctx)->phase;
}
uint32_t cptra_fw_boot_status(const cptra_uc_agent_t *a) {
    return ((const fw_t *)a->ctx)->boot_status;
}
uint32_t cptra_fw_fatal_error(const cptra_uc_agent_t *a) {
    return ((const fw_t *)a->ctx)->fatal;
}
uint32_t cptra_fw_last_error(const cptra_uc_agent_t *a) {
    return ((const fw_t *)a->ctx)->last_err;
}
uint64_t cptra_fw_cycle_of(const cptra_uc_agent_t *a, uint32_t bs) {
    const fw_t *f = a->ctx;
    return bs < sizeof f->bs_cycle / sizeof f->bs_cycle[0] ? f->bs_cycle[bs] : 0;
}
const cptra_fw_cost_t *cptra_fw_cost(const cptra_uc_agent_t *a) {
    return &((const fw_t *)a->ctx)->cost;
}
void cptra_fw_image(const cptra_uc_agent_t *a, cptra_fw_image_info_t *out) {
    const fw_t *f = a->ctx;
    memset(out, 0, sizeof *out);
    out->loaded = f->image_valid;
    if (!f->image_valid) return;
    out->fmc_version = f->info.fmc.version;
    out->rt_version = f->info.rt.version;
    out->fmc_svn = f->info.fmc.svn;
    out->rt_svn = f->info.rt.svn;
    out->pl0_pauser = f->info.pl0_pauser;
    out->pl0_pauser_valid = (f->info.flags & 1u) != 0;
    out->verify_cycles = f->verify_cycles;
}
