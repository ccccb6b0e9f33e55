/* SystemC driver of the built-in SoC boot sequencer (models/caliptra/soc/soc_seq.h) for
 * Caliptra-only mode: an APB initiator of the interconnect that steps soc_seq_next() /
 * soc_seq_response() in simulation context. Each access is one TLM transaction with the PAUSER
 * the sequencer asks for, issued at the current time and waited for (2 PCLK + wait states);
 * WAIT actions wait in simulated time. POWER_ON is the platform's reset sequencer (pwrgood at
 * cycle 0, rst_b 10 clk later), so it is a no-op here. */
#ifndef VP_SOC_SEQ_SC_H
#define VP_SOC_SEQ_SC_H

#include <cstdint>
#include <functional>
#include <string>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include "apb_ext.h"
#include "soc_seq.h"

class soc_seq_sc : public sc_core::sc_module {
  public:
    tlm_utils::simple_initiator_socket<soc_seq_sc, 32> isock;

    /* Takes ownership of `seq`. */
    soc_seq_sc(sc_core::sc_module_name name, soc_seq_t *seq, sc_core::sc_time clk_period);
    ~soc_seq_sc() override;

    bool done() const { return done_; }
    bool failed() const { return failed_; }
    std::string message() const { return soc_seq_message(seq_); }
    soc_seq_t *seq() const { return seq_; }
    uint64_t done_cycle() const { return done_cycle_; }
    /* Called in simulation context when the sequencer reaches DONE (ok) or FAILED. */
    void on_finish(std::function<void(bool ok)> fn) { fin_fn_ = std::move(fn); }

  private:
    void run();
    uint64_t now_cycle() const;

    soc_seq_t *seq_;
    sc_core::sc_time period_;
    bool done_ = false, failed_ = false;
    uint64_t done_cycle_ = 0;
    std::function<void(bool)> fin_fn_;
    tlm::tlm_generic_payload trans_;
    apb_ext *ext_;
    unsigned char buf_[4];
};

#endif
