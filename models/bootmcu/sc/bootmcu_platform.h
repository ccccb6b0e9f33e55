/* Glue between the bootmcu shell and the platform's run report (models/caliptra vp_timeline,
 * hw_tap; the vp JSON report). Shared by `vp` (full platform) and `bootmcu-vp`. */
#ifndef BOOTMCU_PLATFORM_H
#define BOOTMCU_PLATFORM_H

#include <cstdio>
#include <string>

#include <systemc>

#include "bootmcu_sc.h"
#include "cptra_hw.h"
#include "hw_tap.h"
#include "vp_timeline.h"

/* Console lines -> timeline events "bootmcu: <text>" (time in Caliptra cycles of `period`);
 * echo = also print "[   time us] text" to `out`. A35 release -> "ca35_reset_release". */
void bootmcu_link_timeline(bootmcu_sc &mcu, vp_timeline_t *tl, sc_core::sc_time cptra_period,
                           FILE *echo);

/* hw_tap sink: uC writes of CPTRA_BOOT_STATUS -> timeline "cptra.boot_status 0x..". */
hw_tap_sink_t bootmcu_boot_status_sink(vp_timeline_t *tl);

/* FUSE_LIFE_CYCLE (0..3) of the OTP fuse block in a flash image file (sw/bootmcu/otp.h), so the
 * platform ties Caliptra's security-state strap to the fuses the firmware will write; 0
 * (unprovisioned) when the file has no valid block. */
uint32_t bootmcu_flash_lifecycle(const std::string &flash_path);

/* One-line summaries (instructions, cycles, APB, exit, CA35). */
void bootmcu_report_print(FILE *out, const bootmcu_sc &mcu, double wall_s);

/* Adds "ca35_released" and a "bootmcu" object (exit code, instructions, cycles, console with
 * times, SCU boot-status history) to the JSON report written at `path`. */
bool bootmcu_report_amend_json(const std::string &path, const bootmcu_sc &mcu, std::string &err);

/* The console text without the firmware's own "[   0.001234 s] " prefix. */
std::string bootmcu_strip_time(const std::string &line);

#endif
