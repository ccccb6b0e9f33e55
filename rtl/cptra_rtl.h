/* The Verilated Caliptra SoC-interface RTL (rtl/ SystemVerilog) behind the `hw` seam (cptra_hw.h).
 *
 * The adapter clocks the Verilated model only at transaction boundaries (no pin-level SystemC):
 * an APB access with ACCESS phase at cycle c drives SETUP in c-1 and ACCESS in c, counts the
 * cycles PREADY stays low as wait states and samples PRDATA/PSLVERR; the uC port works the same
 * way with valid/ready. Idle gaps are skipped when the model reports no pending activity (its
 * `busy` output), so long idle periods cost nothing. The SHA-512 accelerator window
 * (0x3002_1xxx) is served by the C implementation of the hw model (sha_acc.c, linked from
 * cptra_hw).
 */
#ifndef CPTRA_RTL_H
#define CPTRA_RTL_H

#include <stdbool.h>
#include <stdint.h>

#include "cptra_hw.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Test-only fault switch (top-level input test_fault_sel of cptra_soc_top). */
enum {
    CPTRA_RTL_FAULT_NONE = 0,
    CPTRA_RTL_FAULT_STATUS_NO_LAG = 1,    /* STATUS.mbox_fsm_ps shows the FSM without lag */
    CPTRA_RTL_FAULT_DATAOUT_PAST_LEN = 2, /* DATAOUT past the latched length is not zero */
};

/* Creates the RTL implementation; cfg may be NULL (cptra_model_default_cfg()). Starts with
 * pwrgood and rst_b low, like the C model. */
cptra_hw_t cptra_rtl_new(const cptra_model_cfg_t *cfg);
/* True when hw was created by cptra_rtl_new(). The functions below ignore other hw. */
bool cptra_rtl_is(cptra_hw_t hw);
/* Dumps every signal into a VCD from now on; time in ps from the clock period. */
bool cptra_rtl_open_vcd(cptra_hw_t hw, const char *path);
void cptra_rtl_close_vcd(cptra_hw_t hw);
void cptra_rtl_set_clock_ps(cptra_hw_t hw, uint32_t period_ps); /* default 2500 (400 MHz) */
void cptra_rtl_set_fault(cptra_hw_t hw, int fault);
/* Number of clock edges actually evaluated (idle gaps that were skipped are not counted). */
uint64_t cptra_rtl_edges(cptra_hw_t hw);

#ifdef __cplusplus
}
#endif

#endif
