/* SystemC process-wide setup shared by `vp`, the bench and the SystemC tests: no copyright
 * banner, no "simulation stopped by user" info line. Include in exactly one file per program. */
#ifndef VP_SC_SETUP_H
#define VP_SC_SETUP_H

#include <cstdlib>

#include <systemc>

/* Runs before sc_main (the banner is printed when the simulation context is created). */
static const int vp_sc_banner_off = (setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 0), 0);

static inline void vp_sc_setup() {
    (void)vp_sc_banner_off;
    sc_core::sc_report_handler::set_actions("/OSCI/SystemC", sc_core::SC_INFO,
                                            sc_core::SC_DO_NOTHING);
}

#endif
