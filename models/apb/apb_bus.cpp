#include "apb_bus.h"

#include <cstring>

#include "apb_ext.h"
#include "apb_types.h"

using namespace sc_core;

apb_bus::apb_bus(sc_module_name name, const apb_map_t &map, sc_time pclk)
    : sc_module(name), tsock("tsock"), isock("isock"), map_(map), pclk_(pclk),
      busy_until_(SC_ZERO_TIME) {
    tsock.register_b_transport(this, &apb_bus::b_transport);
    tsock.register_transport_dbg(this, &apb_bus::transport_dbg);
    SC_HAS_PROCESS(apb_bus);
    SC_METHOD(arbiter);
    sensitive << arb_ev_;
    dont_initialize();
}

void apb_bus::end_of_elaboration() {
    size_t n = tsock.size();
    for (size_t i = 0; i < n; i++)
        grant_ev_.emplace_back(new sc_event());
    pending_.assign(n, 0);
    req_time_.assign(n, SC_ZERO_TIME);
}

bool apb_bus::check(tlm::tlm_generic_payload &t) {
    tlm::tlm_response_status err = tlm::TLM_OK_RESPONSE;
    if (t.get_data_length() != 4 || !t.get_data_ptr() ||
        (t.get_streaming_width() != 0 && t.get_streaming_width() < 4))
        err = tlm::TLM_BURST_ERROR_RESPONSE;
    else if (t.get_byte_enable_ptr()) {
        const unsigned char *be = t.get_byte_enable_ptr();
        unsigned len = t.get_byte_enable_length();
        for (unsigned i = 0; i < 4 && err == tlm::TLM_OK_RESPONSE; i++)
            if (len == 0 || be[i % len] != TLM_BYTE_ENABLED)
                err = tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE;
    }
    if (err == tlm::TLM_OK_RESPONSE && (t.get_address() & 3u))
        err = tlm::TLM_ADDRESS_ERROR_RESPONSE;
    if (err != tlm::TLM_OK_RESPONSE) {
        stats_.refused++;
        t.set_response_status(err);
        return false;
    }
    return true;
}

/* One APB transfer starting at sc_time_stamp() + delay; returns with the completion annotated. */
void apb_bus::transfer(tlm::tlm_generic_payload &t, sc_time &delay) {
    stats_.transfers++;
    uint32_t caddr = 0;
    uint64_t orig = t.get_address();
    if (!apb_map_translate(&map_, orig, &caddr) || apb_map_decode(caddr) == APB_TGT_NONE) {
        /* decode miss: the bus answers PSLVERR itself after SETUP + ACCESS */
        if (t.is_read()) std::memset(t.get_data_ptr(), 0, 4);
        t.set_response_status(tlm::TLM_GENERIC_ERROR_RESPONSE);
        delay += APB_MIN_CYCLES * pclk_;
        stats_.slverr++;
        return;
    }
    t.set_address(caddr);
    t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    isock->b_transport(t, delay);
    t.set_address(orig);
    if (t.get_response_status() == tlm::TLM_GENERIC_ERROR_RESPONSE) stats_.slverr++;
}

void apb_bus::b_transport(int id, tlm::tlm_generic_payload &t, sc_time &delay) {
    if (t.get_command() == tlm::TLM_IGNORE_COMMAND) {
        t.set_response_status(tlm::TLM_OK_RESPONSE);
        return;
    }
    if (!check(t)) return;
    if (tsock.size() <= 1) {
        transfer(t, delay);
        return;
    }
    /* Synchronise: arbitration needs every competing request at its real start time. */
    if (delay > SC_ZERO_TIME) {
        wait(delay);
        delay = SC_ZERO_TIME;
    }
    sc_time now = sc_time_stamp();
    uint64_t ps = now.value(), per = pclk_.value();
    if (per && ps % per)
        wait(sc_time::from_value(per - ps % per)); /* requests start on a PCLK edge */
    req_time_[id] = sc_time_stamp();
    pending_[id] = 1;
    arb_ev_.notify(SC_ZERO_TIME); /* let every same-time request register first */
    wait(*grant_ev_[id]);
    stats_.held_cycles += (sc_time_stamp() - req_time_[id]).value() / pclk_.value();
    transfer(t, delay);
    busy_until_ = sc_time_stamp() + delay;
    owner_active_ = false;
    for (uint8_t p : pending_)
        if (p) {
            arb_ev_.notify(delay);
            break;
        }
}

void apb_bus::arbiter() {
    if (owner_active_) return; /* the owner re-triggers us when its transfer is annotated */
    sc_time now = sc_time_stamp();
    if (busy_until_ > now) {
        arb_ev_.notify(busy_until_ - now);
        return;
    }
    int n = (int)pending_.size();
    for (int k = 1; k <= n; k++) {
        int i = (last_grant_ + k) % n;
        if (pending_[i]) {
            pending_[i] = 0;
            last_grant_ = i;
            owner_active_ = true;
            if (log_grants_) grant_log_.push_back(i);
            grant_ev_[i]->notify(); /* immediate: the winner runs in this evaluation phase */
            return;
        }
    }
}

unsigned apb_bus::transport_dbg(int, tlm::tlm_generic_payload &t) {
    uint32_t caddr = 0;
    uint64_t orig = t.get_address();
    if (!apb_map_translate(&map_, orig, &caddr)) return 0;
    t.set_address(caddr);
    unsigned n = isock->transport_dbg(t);
    t.set_address(orig);
    return n;
}
