/* SystemC side of the CA35 bridge: an APB initiator of the interconnect that owns a cptr_server
 * (models/ca35-bridge/cptr_server.h) in queue mode. docs/bridge-protocol.md §2, §7, §9.
 *
 * Lifecycle: nothing listens until start() is called from simulation context (the platform calls
 * it once Caliptra is runtime-ready: after the built-in SoC sequencer, or after the A35 release
 * in the full platform). From then on the server's I/O thread queues every APB access a frame
 * implies; on_request() kicks an sc_prim_channel (async_request_update), whose update wakes the
 * bridge thread, which issues each access as a TLM transaction carrying the bridge PAUSER
 * (apb_ext) and completes it with cptr_server_complete() (PSLVERR -> 0xDEADBEEF / WACK on v1).
 * The channel is attached as "suspending" (async_attach_suspending), so while the simulation has
 * nothing else to do the kernel sleeps until the next request instead of ending.
 *
 * Time policy while a client is attached (cptr_server_cfg_t.time_mode):
 *   idle     (default) no request for idle_poll_us of wall time -> idle_advance_cycles pass;
 *   realtime simulated time follows wall time: before each access and on each idle poll,
 *            (wall time since the previous step) x realtime_cycles_per_us pass (<= 1 s a step),
 *            so a guest spinning on STATUS sees a busy period end after its real duration;
 *   afap     time passes only through accesses and their delay_cycles.
 * Without a client simulated time does not advance on the bridge's account.
 *
 * End: request_stop() (thread-safe, e.g. from a signal thread) or, with exit_on_disconnect,
 * the first client's disconnect make the bridge thread stop the server and call on_end(reason)
 * in simulation context (the owner usually calls sc_stop()). */
#ifndef CPTR_BRIDGE_SC_H
#define CPTR_BRIDGE_SC_H

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include "apb_ext.h"
#include "cptr_server.h"

class cptr_bridge_sc : public sc_core::sc_module {
  public:
    tlm_utils::simple_initiator_socket<cptr_bridge_sc, 32> isock;

    struct config {
        std::string socket_path;
        uint32_t pauser = CPTR_DEFAULT_PAUSER; /* the platform passes its bridge PAUSER */
        cptr_time_mode_t time_mode = CPTR_TIME_IDLE_ADVANCE;
        uint32_t idle_poll_us = 1000;
        uint64_t idle_advance_cycles = 400000;
        uint32_t realtime_cycles_per_us = 400;
        bool enable_v2 = true;
        bool exit_on_disconnect = false;
        bool quiet = false;
    };

    struct stats {
        uint64_t accesses = 0;    /* TLM transactions issued */
        uint64_t slverr = 0;      /* of which answered with an error response */
        uint64_t idle_steps = 0;  /* time-policy steps taken */
        uint64_t idle_cycles = 0; /* cycles advanced by the time policy */
        uint64_t start_cycle = 0; /* cycle at which the socket was created */
        cptr_server_stats_t server{};
    };

    cptr_bridge_sc(sc_core::sc_module_name name, const config &cfg, sc_core::sc_time clk_period);
    ~cptr_bridge_sc() override;

    /* Simulation context. Creates the socket and starts serving. 0 or -errno. */
    int start();
    bool started() const { return started_; }
    /* Thread-safe: ask the bridge to end the run (reason kept for the report). */
    void request_stop(const char *reason);
    /* Called in simulation context when the bridge ends the run. */
    void on_end(std::function<void(const std::string &reason)> fn) { end_fn_ = std::move(fn); }
    const std::string &end_reason() const { return end_reason_; }
    stats get_stats();
    const config &cfg() const { return cfg_; }

  private:
    /* Wakes the bridge thread from other threads (sc_prim_channel async update). */
    class wake_channel : public sc_core::sc_prim_channel {
      public:
        explicit wake_channel(const char *n) : sc_core::sc_prim_channel(n) {}
        void kick() { async_request_update(); }
        void attach() { async_attach_suspending(); }
        void detach() { async_detach_suspending(); }
        sc_core::sc_event ev;

      private:
        void update() override { ev.notify(sc_core::SC_ZERO_TIME); }
    };

    void run();
    void access(const cptr_req_t &r);
    void watcher();
    void finish(const std::string &reason);
    static void on_request_cb(void *ctx);

    config cfg_;
    sc_core::sc_time period_;
    cptr_server_t *srv_ = nullptr;
    wake_channel chan_;
    sc_core::sc_event start_ev_;
    bool started_ = false;
    bool ended_ = false;
    std::atomic<bool> stop_req_{false};
    std::atomic<bool> quit_watch_{false};
    std::mutex mu_;
    std::string stop_reason_; /* guarded by mu_ */
    std::string end_reason_;
    std::thread watch_;
    std::function<void(const std::string &)> end_fn_;
    stats st_;
    /* members: a run stopped by sc_stop leaves the thread suspended inside an access */
    tlm::tlm_generic_payload trans_;
    apb_ext *ext_; /* owned by trans_ */
    unsigned char buf_[4];
};

#endif
