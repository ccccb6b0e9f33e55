#include "cptr_bridge_sc.h"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>

using namespace sc_core;

/* Wall period of the watcher thread: how soon a disconnect (exit_on_disconnect) or a stop
 * request wakes a simulation that sleeps waiting for requests. */
static const unsigned kWatchMs = 10;

static uint64_t wall_us() {
    return (uint64_t)std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

cptr_bridge_sc::cptr_bridge_sc(sc_module_name name, const config &cfg, sc_time clk_period)
    : sc_module(name), isock("isock"), cfg_(cfg), period_(clk_period),
      chan_(sc_gen_unique_name("wake")) {
    ext_ = new apb_ext(cfg.pauser, 0);
    trans_.set_extension(ext_);
    cptr_server_cfg_t sc;
    cptr_server_default_cfg(&sc);
    sc.socket_path = cfg_.socket_path.c_str();
    sc.pauser = cfg_.pauser;
    sc.enable_v2 = cfg_.enable_v2;
    sc.time_mode = cfg_.time_mode;
    sc.idle_poll_us = cfg_.idle_poll_us;
    sc.idle_advance_cycles = cfg_.idle_advance_cycles;
    sc.realtime_cycles_per_us = cfg_.realtime_cycles_per_us;
    sc.on_request = &cptr_bridge_sc::on_request_cb;
    sc.on_request_ctx = this;
    srv_ = cptr_server_new(&sc);
    SC_HAS_PROCESS(cptr_bridge_sc);
    SC_THREAD(run);
}

cptr_bridge_sc::~cptr_bridge_sc() {
    quit_watch_ = true;
    if (watch_.joinable()) watch_.join();
    if (srv_) cptr_server_free(srv_); /* stops, joins the I/O thread, unlinks the socket */
}

void cptr_bridge_sc::on_request_cb(void *ctx) {
    static_cast<cptr_bridge_sc *>(ctx)->chan_.kick();
}

int cptr_bridge_sc::start() {
    if (started_) return 0;
    if (!srv_) return -ENOMEM;
    int r = cptr_server_start(srv_);
    if (r) return r;
    started_ = true;
    st_.start_cycle = (sc_time_stamp().value() + period_.value() - 1) / period_.value();
    chan_.attach();
    watch_ = std::thread(&cptr_bridge_sc::watcher, this);
    start_ev_.notify(SC_ZERO_TIME);
    if (!cfg_.quiet) {
        std::printf("vp: bridge listening on %s (PAUSER 0x%08x)\n", cfg_.socket_path.c_str(),
                    cfg_.pauser);
        std::fflush(stdout);
    }
    return 0;
}

void cptr_bridge_sc::request_stop(const char *reason) {
    {
        std::lock_guard<std::mutex> g(mu_);
        if (stop_reason_.empty()) stop_reason_ = reason ? reason : "stop requested";
    }
    stop_req_ = true;
    chan_.kick();
}

/* Another thread: wakes the simulation for conditions that produce no request. */
void cptr_bridge_sc::watcher() {
    while (!quit_watch_) {
        std::this_thread::sleep_for(std::chrono::milliseconds(kWatchMs));
        if (stop_req_) {
            chan_.kick();
            continue;
        }
        if (cfg_.exit_on_disconnect && srv_) {
            cptr_server_stats_t s;
            cptr_server_get_stats(srv_, &s);
            if (s.connections > 0 && !cptr_server_attached(srv_)) {
                request_stop("client disconnected (--exit-on-disconnect)");
            }
        }
    }
}

cptr_bridge_sc::stats cptr_bridge_sc::get_stats() {
    if (srv_) cptr_server_get_stats(srv_, &st_.server);
    return st_;
}

void cptr_bridge_sc::access(const cptr_req_t &r) {
    if (r.delay_cycles) wait(sc_time::from_value(r.delay_cycles * period_.value()));
    ext_->pauser = r.pauser;
    ext_->pprot = 0;
    std::memcpy(buf_, &r.data, 4);
    trans_.set_command(r.write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
    trans_.set_address(r.addr);
    trans_.set_data_ptr(buf_);
    trans_.set_data_length(4);
    trans_.set_streaming_width(4);
    trans_.set_byte_enable_ptr(nullptr);
    trans_.set_dmi_allowed(false);
    trans_.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    sc_time delay = SC_ZERO_TIME;
    isock->b_transport(trans_, delay);
    if (delay > SC_ZERO_TIME) wait(delay);
    uint32_t rdata = 0;
    std::memcpy(&rdata, buf_, 4);
    /* any error response (PSLVERR, refused access) is a bus error on the wire */
    bool err = trans_.get_response_status() != tlm::TLM_OK_RESPONSE;
    st_.accesses++;
    if (err) st_.slverr++;
    cptr_server_complete(srv_, r.id, rdata, err);
}

void cptr_bridge_sc::finish(const std::string &reason) {
    if (ended_) return;
    ended_ = true;
    end_reason_ = reason;
    cptr_server_stop(srv_);
    chan_.detach();
    if (end_fn_) end_fn_(reason);
}

void cptr_bridge_sc::run() {
    while (!started_ && !stop_req_)
        wait(start_ev_ | chan_.ev); /* a stop (signal) may come before runtime-ready */
    uint64_t last_step = wall_us();
    for (;;) {
        if (stop_req_) {
            std::string why;
            {
                std::lock_guard<std::mutex> g(mu_);
                why = stop_reason_;
            }
            finish(why);
            return;
        }
        cptr_req_t r;
        if (cptr_server_next(srv_, &r)) {
            if (cfg_.time_mode == CPTR_TIME_REALTIME) {
                /* realtime also while the guest polls: the wall time since the previous step
                 * passes in simulated time before the access, so a busy period ends after
                 * about its real duration however fast or slow the client polls */
                uint64_t now = wall_us();
                uint64_t cyc = cptr_server_idle_cycles(srv_, now - last_step);
                last_step = now;
                if (cyc) {
                    st_.idle_cycles += cyc;
                    wait(sc_time::from_value(cyc * period_.value()));
                }
            }
            access(r);
            if (cfg_.time_mode != CPTR_TIME_REALTIME) last_step = wall_us();
            continue;
        }
        if (cptr_server_attached(srv_) && cfg_.time_mode != CPTR_TIME_AFAP) {
            /* A client is attached but quiet: wait for it in wall time, then let the policy's
             * share of simulated time pass (other processes, e.g. the firmware, run). */
            if (cptr_server_wait(srv_, cfg_.idle_poll_us)) continue;
            uint64_t now = wall_us();
            uint64_t cyc = cptr_server_idle_cycles(srv_, now - last_step);
            last_step = now;
            if (cyc) {
                st_.idle_steps++;
                st_.idle_cycles += cyc;
                wait(sc_time::from_value(cyc * period_.value()), chan_.ev);
            }
            continue;
        }
        /* No client (or AFAP): sleep until a request or a stop; the kernel suspends. */
        wait(chan_.ev);
    }
}
