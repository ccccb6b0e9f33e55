/* TLM extension carrying the APB side-band signals of one transfer (DESIGN.md principle 4).
 * Every initiator on the Caliptra APB path (script player, bootmcu, CA35 bridge) attaches one to
 * its tlm_generic_payload; the interconnect and the Caliptra shell read it. A payload without the
 * extension is treated as PAUSER 0, PPROT 0. */
#ifndef APB_EXT_H
#define APB_EXT_H

#include <cstdint>
#include <tlm>

struct apb_ext : tlm::tlm_extension<apb_ext> {
    uint32_t pauser = 0; /* PAUSER[31:0] */
    uint8_t pprot = 0;   /* PPROT[2:0]; Caliptra ignores it (caliptra-1x.md §0) */

    apb_ext() = default;
    apb_ext(uint32_t user, uint8_t prot) : pauser(user), pprot(prot) {}

    tlm::tlm_extension_base *clone() const override { return new apb_ext(pauser, pprot); }
    void copy_from(const tlm::tlm_extension_base &other) override {
        const auto &o = static_cast<const apb_ext &>(other);
        pauser = o.pauser;
        pprot = o.pprot;
    }
};

#endif
