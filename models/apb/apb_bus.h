/* APB interconnect of the AST2700 Caliptra subsystem (SystemC shell around apb_map).
 *
 * Several initiators (bootmcu, CA35 bridge, script player) bind to `tsock`; `isock` is the one
 * target path to the Caliptra shell. Per transfer:
 *   - only aligned 4-byte single-beat accesses are APB transfers; anything else is answered
 *     without a transfer (TLM_BURST_ERROR_RESPONSE for length/streaming width,
 *     TLM_BYTE_ENABLE_ERROR_RESPONSE for partial byte enables, TLM_ADDRESS_ERROR_RESPONSE for
 *     misaligned addresses);
 *   - the address is mapped (AST2700 window or direct Caliptra address) and decoded; a decode
 *     miss is PSLVERR = TLM_GENERIC_ERROR_RESPONSE with PRDATA 0, after a 2-PCLK transfer;
 *   - a transfer costs 2 PCLK + the target's wait states (annotated by the target).
 * Arbitration (more than one initiator bound): each request is synchronised to its start time,
 * aligned to a PCLK edge, and waits while the bus is busy (the hold: its completion is delayed by
 * the held cycles). Requests pending when the bus frees up are granted round-robin, starting
 * after the last granted initiator. With a single initiator bound there is nothing to arbitrate
 * and the transfer is forwarded with its annotated delay (temporal decoupling preserved). */
#ifndef APB_BUS_H
#define APB_BUS_H

#include <cstdint>
#include <memory>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/multi_passthrough_target_socket.h>
#include <tlm_utils/simple_initiator_socket.h>

#include "apb_map.h"

class apb_bus : public sc_core::sc_module {
  public:
    tlm_utils::multi_passthrough_target_socket<apb_bus, 32> tsock;
    tlm_utils::simple_initiator_socket<apb_bus, 32> isock;

    struct stats {
        uint64_t transfers = 0;   /* APB transfers (including PSLVERR ones) */
        uint64_t slverr = 0;      /* PSLVERR from decode or target */
        uint64_t refused = 0;     /* non-APB accesses refused without a transfer */
        uint64_t held_cycles = 0; /* cycles requests waited for the bus */
    };

    apb_bus(sc_core::sc_module_name name, const apb_map_t &map, sc_core::sc_time pclk);

    const stats &get_stats() const { return stats_; }
    /* Order in which initiators (socket index) were granted; for tests. */
    const std::vector<int> &grant_log() const { return grant_log_; }
    void set_log_grants(bool on) { log_grants_ = on; }

  private:
    void b_transport(int id, tlm::tlm_generic_payload &t, sc_core::sc_time &delay);
    unsigned transport_dbg(int id, tlm::tlm_generic_payload &t);
    void transfer(tlm::tlm_generic_payload &t, sc_core::sc_time &delay);
    bool check(tlm::tlm_generic_payload &t);
    void arbiter();
    void end_of_elaboration() override;

    apb_map_t map_;
    sc_core::sc_time pclk_;
    stats stats_;
    /* arbitration state */
    std::vector<std::unique_ptr<sc_core::sc_event>> grant_ev_;
    std::vector<uint8_t> pending_;
    std::vector<sc_core::sc_time> req_time_;
    sc_core::sc_event arb_ev_;
    sc_core::sc_time busy_until_;
    int last_grant_ = -1;
    bool owner_active_ = false;
    bool log_grants_ = false;
    std::vector<int> grant_log_;
};

#endif
