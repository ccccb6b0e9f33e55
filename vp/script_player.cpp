#include "script_player.h"

#include <cstdio>
#include <cstring>

#include "apb_ext.h"

using namespace sc_core;

script_player::script_player(sc_module_name name, const script_t *s, uint32_t default_pauser,
                             sc_time clk_period)
    : sc_module(name), isock("isock"), script_(s), default_pauser_(default_pauser),
      period_(clk_period) {
    ext_ = new apb_ext(default_pauser, 0);
    trans_.set_extension(ext_);
    SC_HAS_PROCESS(script_player);
    SC_THREAD(run);
}

uint64_t script_player::now_cycle() const {
    uint64_t p = period_.value() ? period_.value() : 1;
    return (sc_time_stamp().value() + p - 1) / p;
}

tlm::tlm_response_status script_player::access(uint32_t addr, bool write, uint32_t wdata,
                                               uint32_t pauser, uint32_t &rdata) {
    tlm::tlm_generic_payload &t = trans_;
    ext_->pauser = pauser;
    ext_->pprot = 0;
    std::memcpy(buf_, &wdata, 4);
    t.set_command(write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
    t.set_address(addr);
    t.set_data_ptr(buf_);
    t.set_data_length(4);
    t.set_streaming_width(4);
    t.set_byte_enable_ptr(nullptr);
    t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    sc_time delay = SC_ZERO_TIME;
    isock->b_transport(t, delay);
    accesses_++;
    if (delay > SC_ZERO_TIME) wait(delay);
    std::memcpy(&rdata, buf_, 4);
    return t.get_response_status();
}

bool script_player::fail(const script_cmd_t &c, const std::string &why) {
    char where[512];
    script_where(script_, &c, where, sizeof(where));
    failure_ = std::string(where) + ": " + why;
    failed_ = true;
    return false;
}

static const char *status_name(tlm::tlm_response_status s) {
    switch (s) {
    case tlm::TLM_ADDRESS_ERROR_RESPONSE:
        return "address error (misaligned)";
    case tlm::TLM_BURST_ERROR_RESPONSE:
        return "burst error (not a 4-byte access)";
    case tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE:
        return "byte-enable error";
    case tlm::TLM_COMMAND_ERROR_RESPONSE:
        return "command error";
    default:
        return "incomplete response";
    }
}

void script_player::run() {
    while (held_)
        wait(start_ev_);
    for (size_t i = 0; script_ && i < script_->n && !failed_; i++) {
        const script_cmd_t &c = script_->cmds[i];
        uint32_t pauser = c.has_pauser ? c.pauser : default_pauser_;
        uint32_t rdata = 0;
        char msg[256];
        switch (c.op) {
        case SCRIPT_WAIT: {
            uint64_t per = period_.value() ? period_.value() : 1;
            uint64_t now = sc_time_stamp().value();
            if (c.cycles > (UINT64_MAX - now) / per) {
                fail(c, "wait beyond the end of simulated time");
                break;
            }
            wait(sc_time::from_value(c.cycles * per));
            break;
        }
        case SCRIPT_WRITE:
        case SCRIPT_READ: {
            auto st = access(c.addr, c.op == SCRIPT_WRITE, c.data, pauser, rdata);
            if (st != tlm::TLM_OK_RESPONSE && st != tlm::TLM_GENERIC_ERROR_RESPONSE) {
                fail(c, std::string("bus error: ") + status_name(st));
                break;
            }
            if (!script_check(&c, rdata, st == tlm::TLM_GENERIC_ERROR_RESPONSE, msg, sizeof(msg)))
                fail(c, msg);
            break;
        }
        case SCRIPT_POLL: {
            uint64_t start = now_cycle();
            for (;;) {
                auto st = access(c.addr, false, 0, pauser, rdata);
                if (st == tlm::TLM_GENERIC_ERROR_RESPONSE) {
                    fail(c, "unexpected PSLVERR");
                    break;
                }
                if (st != tlm::TLM_OK_RESPONSE) {
                    fail(c, std::string("bus error: ") + status_name(st));
                    break;
                }
                if (script_poll_done(&c, rdata)) break;
                if (now_cycle() - start >= c.cycles) {
                    snprintf(msg, sizeof(msg),
                             "poll timeout after %llu cycles (last read 0x%08x, want 0x%08x under "
                             "mask 0x%08x)",
                             (unsigned long long)(now_cycle() - start), rdata, c.expect, c.mask);
                    fail(c, msg);
                    break;
                }
                if (c.interval)
                    wait(sc_time::from_value(c.interval * (period_.value() ? period_.value() : 1)));
            }
            break;
        }
        }
    }
    finished_ = true;
    finish_cycle_ = now_cycle();
    if (done_fn_) done_fn_();
}
