/* Full platform (bootmcu + Caliptra): placeholder until the bootmcu integration lands here.
 * Contract for the implementation: build the vp_platform (vp/platform.h) with the hw from
 * vp_make_hw(), bind the bootmcu's APB initiator to plat.bus().tsock, and, with cfg.socket set,
 * create the bridge with vp_new_bridge() (modes.h; PAUSER cfg.effective_bridge_pauser()), bind it
 * to the bus and call its start() on the A35 release (the SCU hook); signals and the report as in
 * vp/sim_run.cpp. */
#include <cstdio>

#include "modes.h"

int vp_run_full_platform(const vp_config &cfg) {
    (void)cfg;
    fprintf(stderr, "vp: the full platform (bootmcu + Caliptra) is not available yet; use "
                    "--caliptra-only --firmware BUNDLE or --script FILE\n");
    return 2;
}
