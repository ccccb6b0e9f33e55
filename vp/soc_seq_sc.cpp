#include "soc_seq_sc.h"

#include <cstring>

using namespace sc_core;

soc_seq_sc::soc_seq_sc(sc_module_name name, soc_seq_t *seq, sc_time clk_period)
    : sc_module(name), isock("isock"), seq_(seq), period_(clk_period) {
    ext_ = new apb_ext(0, 0);
    trans_.set_extension(ext_);
    SC_HAS_PROCESS(soc_seq_sc);
    SC_THREAD(run);
}

soc_seq_sc::~soc_seq_sc() {
    soc_seq_free(seq_);
}

uint64_t soc_seq_sc::now_cycle() const {
    uint64_t p = period_.value() ? period_.value() : 1;
    return (sc_time_stamp().value() + p - 1) / p;
}

void soc_seq_sc::run() {
    for (;;) {
        apb_req_t req;
        uint64_t w = 0;
        std::memset(&req, 0, sizeof req);
        soc_seq_action_t a = soc_seq_next(seq_, now_cycle(), &req, &w);
        if (a == SOC_SEQ_POWER_ON) continue; /* the platform powers Caliptra up at cycle 0 */
        if (a == SOC_SEQ_WAIT) {
            wait(sc_time::from_value((w ? w : 1) * period_.value()));
            continue;
        }
        if (a == SOC_SEQ_DONE || a == SOC_SEQ_FAILED) {
            done_ = a == SOC_SEQ_DONE;
            failed_ = !done_;
            done_cycle_ = now_cycle();
            if (fin_fn_) fin_fn_(done_);
            return;
        }
        ext_->pauser = req.pauser;
        ext_->pprot = req.pprot;
        std::memcpy(buf_, &req.wdata, 4);
        trans_.set_command(req.write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
        trans_.set_address(req.addr);
        trans_.set_data_ptr(buf_);
        trans_.set_data_length(4);
        trans_.set_streaming_width(4);
        trans_.set_byte_enable_ptr(nullptr);
        trans_.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
        sc_time delay = SC_ZERO_TIME;
        isock->b_transport(trans_, delay);
        if (delay > SC_ZERO_TIME) wait(delay);
        apb_resp_t resp;
        std::memset(&resp, 0, sizeof resp);
        resp.slverr = trans_.get_response_status() != tlm::TLM_OK_RESPONSE;
        if (!req.write && !resp.slverr) std::memcpy(&resp.rdata, buf_, 4);
        soc_seq_response(seq_, now_cycle(), &resp);
    }
}
