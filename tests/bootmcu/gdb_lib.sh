# Sourced by the gdb tests: start a simulator with "--gdb 0" in the background and wait for the
# port its stub announces on stderr ("gdb stub on 127.0.0.1:PORT").
# gdb_start LOG STDOUT CMD... -> sets $pid and $port; on failure prints the log and exits 1.
gdb_start() {
    local log=$1 stdout=$2
    shift 2
    # empty the log here: the child truncates it only after the fork, and a port left by an
    # earlier run would be read first (a re-run then connected to a dead port)
    : >"$log"
    "$@" >"$stdout" 2>"$log" &
    pid=$!
    port=
    for _ in $(seq 100); do
        port=$(sed -n 's/.*gdb stub on 127.0.0.1:\([0-9]*\).*/\1/p' "$log")
        [ -n "$port" ] && return 0
        sleep 0.05
    done
    echo "FAIL: no gdb port"
    cat "$log"
    kill "$pid"
    exit 1
}
