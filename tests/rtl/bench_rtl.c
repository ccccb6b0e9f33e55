/* bench-rtl: wall time per 1e5 mailbox register accesses for the C model, the Verilated RTL and
 * lockstep (both). Reported, not asserted. Usage: bench-rtl [accesses] */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cptra_rtl.h"
#include "cptra_sim.h"
#include "lockstep.h"

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* One mailbox "command" of 9 SoC accesses + a uC force unlock. */
static unsigned run(cptra_hw_t hw, unsigned accesses, double *secs, uint64_t *cycles) {
    cptra_sim_t *s = cptra_sim_new(hw, NULL);
    cptra_sim_power_on(s);
    cptra_sim_advance(s, 20);
    cptra_sim_write(s, 0x300B0u, 1, 0xFFFFFFFFu);
    cptra_sim_advance(s, 10);
    unsigned n = 0, bad = 0;
    double t0 = now_s();
    while (n < accesses) {
        bad += cptra_sim_read(s, 0x20000u, 0xFFFFFFFFu).rdata != 0;
        cptra_sim_write(s, 0x20008u, 0x1234u, 0xFFFFFFFFu);
        cptra_sim_write(s, 0x2000Cu, 16u, 0xFFFFFFFFu);
        for (unsigned i = 0; i < 4; i++)
            cptra_sim_write(s, 0x20010u, i, 0xFFFFFFFFu);
        cptra_sim_read(s, 0x2001Cu, 0xFFFFFFFFu);
        cptra_sim_read(s, 0x2001Cu, 0xFFFFFFFFu);
        n += 9;
        hw.ops->uc_write(hw.ctx, cptra_sim_now(s), 0x30020020u, 1);
        cptra_sim_advance(s, 3);
    }
    *secs = now_s() - t0;
    *cycles = cptra_sim_now(s);
    cptra_sim_free(s);
    return bad;
}

int main(int argc, char **argv) {
    unsigned accesses = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 0) : 100000u;
    if (!accesses) accesses = 100000u;
    const char *names[3] = {"model", "rtl", "lockstep"};
    for (int k = 0; k < 3; k++) {
        cptra_hw_t hw;
        if (k == 0)
            hw = cptra_model_new(NULL);
        else if (k == 1)
            hw = cptra_rtl_new(NULL);
        else
            hw = cptra_lockstep_new(cptra_model_new(NULL), cptra_rtl_new(NULL), NULL);
        double secs = 0;
        uint64_t cycles = 0;
        unsigned bad = run(hw, accesses, &secs, &cycles);
        printf("%-9s %8.3f ms per 1e5 mailbox accesses (%u accesses, %llu cycles, %u lock "
               "failures",
               names[k], secs * 1e3 * 1e5 / accesses, accesses, (unsigned long long)cycles, bad);
        if (k == 1) printf(", %llu edges evaluated", (unsigned long long)cptra_rtl_edges(hw));
        if (k == 2)
            printf(", lockstep.compared=%llu lockstep.mismatches=%llu",
                   (unsigned long long)cptra_lockstep_compared(hw),
                   (unsigned long long)cptra_lockstep_mismatches(hw));
        printf(")\n");
        if (k == 2 && cptra_lockstep_mismatches(hw))
            printf("  first: %s\n", cptra_lockstep_first_mismatch(hw));
        hw.ops->destroy(hw.ctx);
    }
    return 0;
}
