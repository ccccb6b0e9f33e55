/* SystemC script player: an APB initiator that plays a parsed script (script.h) through the
 * interconnect. Each access is issued at the player's current time and the player then waits
 * for its annotated completion, so consecutive accesses are back to back on the bus
 * (2 PCLK + wait states each). */
#ifndef VP_SCRIPT_PLAYER_H
#define VP_SCRIPT_PLAYER_H

#include <cstdint>
#include <functional>
#include <string>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include "apb_ext.h"
#include "script.h"

class script_player : public sc_core::sc_module {
  public:
    tlm_utils::simple_initiator_socket<script_player, 32> isock;

    /* `s` must outlive the player. */
    script_player(sc_core::sc_module_name name, const script_t *s, uint32_t default_pauser,
                  sc_core::sc_time clk_period);

    bool finished() const { return finished_; }
    bool failed() const { return failed_; }
    const std::string &failure() const { return failure_; } /* "file:line: text: reason" */
    uint64_t accesses() const { return accesses_; }
    uint64_t finish_cycle() const { return finish_cycle_; }
    void on_done(std::function<void()> fn) { done_fn_ = std::move(fn); }
    /* Gate: with hold() (before the simulation) the player waits for release() (called from
     * simulation context, e.g. once Caliptra is runtime-ready) before its first command. */
    void hold() { held_ = true; }
    void release() {
        held_ = false;
        start_ev_.notify(sc_core::SC_ZERO_TIME);
    }
    bool started() const { return !held_; }

  private:
    void run();
    /* Returns the TLM response status; rdata filled for reads. */
    tlm::tlm_response_status access(uint32_t addr, bool write, uint32_t wdata, uint32_t pauser,
                                    uint32_t &rdata);
    bool fail(const script_cmd_t &c, const std::string &why);
    uint64_t now_cycle() const;

    const script_t *script_;
    uint32_t default_pauser_;
    sc_core::sc_time period_;
    bool finished_ = false, failed_ = false;
    std::string failure_;
    uint64_t accesses_ = 0;
    uint64_t finish_cycle_ = 0;
    std::function<void()> done_fn_;
    bool held_ = false;
    sc_core::sc_event start_ev_;
    /* Members, not locals: a simulation stopped by --max-time leaves the thread suspended
     * inside an access, and its stack is never unwound. */
    tlm::tlm_generic_payload trans_;
    apb_ext *ext_; /* owned by trans_ */
    unsigned char buf_[4];
};

#endif
