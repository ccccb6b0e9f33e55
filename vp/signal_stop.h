/* SIGINT/SIGTERM while the CA35 bridge serves (Caliptra-only and full platform): the signals
 * are blocked in every thread (block() before any thread exists, so all inherit the mask) and
 * taken by one thread with sigtimedwait, which calls fn (the bridge's request_stop: the run
 * ends in simulation context, the report is written, exit 0). stop() joins the thread; call it
 * before the bridge goes away so no signal reaches a destroyed bridge. */
#ifndef VP_SIGNAL_STOP_H
#define VP_SIGNAL_STOP_H

#include <atomic>
#include <csignal>
#include <functional>
#include <thread>

#include <pthread.h>

class vp_signal_stop {
  public:
    void block() {
        sigemptyset(&set_);
        sigaddset(&set_, SIGINT);
        sigaddset(&set_, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &set_, nullptr);
    }
    void start(std::function<void(int)> fn) {
        fn_ = std::move(fn);
        th_ = std::thread([this] {
            struct timespec ts = {0, 50 * 1000 * 1000}; /* re-check quit_ every 50 ms */
            while (!quit_) {
                int sig = sigtimedwait(&set_, nullptr, &ts);
                if (sig > 0 && fn_) fn_(sig);
            }
        });
    }
    void stop() {
        quit_ = true;
        if (th_.joinable()) th_.join();
    }
    ~vp_signal_stop() { stop(); }

  private:
    std::atomic<bool> quit_{false};
    std::thread th_;
    sigset_t set_;
    std::function<void(int)> fn_;
};

#endif
