/* bootmcu <-> platform report glue (see bootmcu_platform.h). */
#include "bootmcu_platform.h"

#include <cinttypes>
#include <cstdlib>

#include <cjson/cJSON.h>

#include "otp.h"

using namespace sc_core;

std::string bootmcu_strip_time(const std::string &s) {
    if (!s.empty() && s[0] == '[') {
        size_t e = s.find("] ");
        if (e != std::string::npos) return s.substr(e + 2);
    }
    return s;
}

void bootmcu_link_timeline(bootmcu_sc &mcu, vp_timeline_t *tl, sc_time period, FILE *echo) {
    mcu.on_line = [tl, period, echo](const bootmcu_sc::console_line &l) {
        std::string text = bootmcu_strip_time(l.text);
        if (echo) std::fprintf(echo, "[%12.3f us] %s\n", l.time.to_seconds() * 1e6, text.c_str());
        if (text.rfind("bootmcu: ", 0) != 0) text = "bootmcu: " + text;
        vp_timeline_add(tl, text.c_str(), (uint64_t)(l.time.value() / period.value()));
    };
    mcu.on_release = [tl, period](const sc_time &t) {
        vp_timeline_add(tl, "ca35_reset_release", (uint64_t)(t.value() / period.value()));
    };
}

static void boot_status_write(void *ctx, uint64_t cycle, uint32_t addr, uint32_t data) {
    if (addr != CPTRA_SOC_IFC_BASE + CPTRA_BOOT_STATUS) return;
    char name[48];
    std::snprintf(name, sizeof name, "cptra.boot_status 0x%x", data);
    vp_timeline_add(static_cast<vp_timeline_t *>(ctx), name, cycle);
}

hw_tap_sink_t bootmcu_boot_status_sink(vp_timeline_t *tl) {
    hw_tap_sink_t s = {nullptr, nullptr, boot_status_write, nullptr, tl};
    return s;
}

uint32_t bootmcu_flash_lifecycle(const std::string &path) {
    FILE *f = std::fopen(path.c_str(), "rb");
    if (!f) return 0;
    uint8_t b[BOOTMCU_OTP_SIZE];
    bool ok = std::fseek(f, (long)BOOTMCU_OTP_FLASH_OFFSET, SEEK_SET) == 0 &&
              std::fread(b, 1, sizeof b, f) == sizeof b;
    std::fclose(f);
    auto le = [&b](size_t o) {
        return (uint32_t)b[o] | (uint32_t)b[o + 1] << 8 | (uint32_t)b[o + 2] << 16 |
               (uint32_t)b[o + 3] << 24;
    };
    if (!ok || le(0) != BOOTMCU_OTP_MAGIC || le(8) != BOOTMCU_OTP_NWORDS) return 0;
    /* FUSE_LIFE_CYCLE is soc_ifc 0x33C (caliptra-1x.md §2) */
    return le(BOOTMCU_OTP_HDR + (0x33Cu - BOOTMCU_OTP_FUSE_FIRST)) & 3u;
}

void bootmcu_report_print(FILE *out, const bootmcu_sc &mcu, double wall_s) {
    std::fprintf(out,
                 "bootmcu: instructions %" PRIu64 " cycles %" PRIu64 " (%.1f MHz) apb %" PRIu64
                 " pslverr %" PRIu64 "\n",
                 mcu.instret(), mcu.cycles(), 1e-6 / mcu.period().to_seconds(), mcu.apb_accesses(),
                 mcu.apb_errors());
    std::fprintf(out, "bootmcu: exit %u, ca35_released %s, simulated %.3f ms, wall %.3f s\n",
                 mcu.exit_code(), mcu.ca35_released() ? "yes" : "no",
                 sc_time_stamp().to_seconds() * 1e3, wall_s);
}

bool bootmcu_report_amend_json(const std::string &path, const bootmcu_sc &mcu, std::string &err) {
    FILE *f = std::fopen(path.c_str(), "rb");
    if (!f) {
        err = path + ": cannot read the report";
        return false;
    }
    std::string text;
    char buf[65536];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0)
        text.append(buf, n);
    std::fclose(f);
    cJSON *root = cJSON_Parse(text.c_str());
    if (!root) {
        err = path + ": report is not JSON";
        return false;
    }
    cJSON_AddBoolToObject(root, "ca35_released", mcu.ca35_released());
    cJSON *b = cJSON_AddObjectToObject(root, "bootmcu");
    cJSON_AddBoolToObject(b, "exited", mcu.exited());
    cJSON_AddNumberToObject(b, "exit_code", mcu.exit_code());
    cJSON_AddNumberToObject(b, "instructions", (double)mcu.instret());
    cJSON_AddNumberToObject(b, "cycles", (double)mcu.cycles());
    cJSON_AddNumberToObject(b, "clock_mhz", 1e-6 / mcu.period().to_seconds());
    cJSON_AddNumberToObject(b, "apb_accesses", (double)mcu.apb_accesses());
    cJSON_AddNumberToObject(b, "apb_pslverr", (double)mcu.apb_errors());
    if (mcu.ca35_released())
        cJSON_AddNumberToObject(b, "ca35_release_ns", mcu.ca35_release_time().to_seconds() * 1e9);
    cJSON *con = cJSON_AddArrayToObject(b, "console");
    for (const auto &l : mcu.console()) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "time_ns", l.time.to_seconds() * 1e9);
        cJSON_AddStringToObject(o, "text", bootmcu_strip_time(l.text).c_str());
        cJSON_AddItemToArray(con, o);
    }
    const bootmcu_scu_t &s = mcu.scu();
    cJSON *st = cJSON_AddArrayToObject(b, "scu_boot_status");
    for (size_t i = 0; i < s.nhistory; i++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "value", s.history[i].value);
        cJSON_AddNumberToObject(o, "time_ns", mcu.time_of(s.history[i].cycle).to_seconds() * 1e9);
        cJSON_AddItemToArray(st, o);
    }
    cJSON_AddNumberToObject(b, "boot_error", s.boot_error);
    char *out = cJSON_Print(root);
    cJSON_Delete(root);
    bool ok = false;
    f = std::fopen(path.c_str(), "wb");
    if (f && out) ok = std::fputs(out, f) >= 0 && std::fputc('\n', f) != EOF;
    if (f && std::fclose(f)) ok = false;
    std::free(out);
    if (!ok) err = path + ": write error";
    return ok;
}
