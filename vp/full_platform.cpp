/* Full platform (bootmcu + Caliptra): placeholder until the bootmcu integration lands here.
 * Contract for the implementation: build the vp_platform, bind the bootmcu's APB initiator to
 * plat.bus().tsock, and, with cfg.socket set, create a cptr_bridge_sc (PAUSER
 * cfg.effective_bridge_pauser()) and call its start() on the A35 release (the SCU hook). */
#include <cstdio>

#include "modes.h"

int vp_run_full_platform(const vp_config &cfg) {
    (void)cfg;
    fprintf(stderr, "vp: the full platform (bootmcu + Caliptra) is not available yet; use "
                    "--caliptra-only --firmware BUNDLE or --script FILE\n");
    return 2;
}
