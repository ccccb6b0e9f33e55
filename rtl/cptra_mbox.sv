// Caliptra 1.x mailbox: mbox_csr registers, mailbox FSM, protocol checks and the 128 KiB SRAM.
// Behaviour: docs caliptra-1x.md §1 (register map §1.1, FSM and violations §1.2, timing §4).
// Timing convention (§4 "Register write -> FSM state change"): a register access in cycle c
// updates registers at the end of c; the FSM reacts to the registered write one clock later
// (state visible in c+2); STATUS.{mbox_fsm_ps,soc_has_lock,rdptr} are registered copies of the
// FSM outputs (visible in c+3).
module cptra_mbox #(
    parameter int DEPTH = 32768  // 128 KiB / 4 (MBOX_SIZE_KB = 128, §0)
) (
    input  logic        clk,
    input  logic        rst_b,       // cptra_noncore_rst_b, async assert
    // register request (already PAUSER-checked and arbitrated by the top)
    input  logic        req_dv,
    input  logic        req_soc,     // 1 = SoC (APB), 0 = uC
    input  logic        req_we,
    input  logic [11:0] req_addr,    // byte offset in the mbox_csr window
    input  logic [31:0] req_wdata,
    input  logic [31:0] req_user,    // PAUSER; 0xFFFF_FFFF for the uC
    output logic [31:0] req_rdata,
    // uC direct SRAM port (0x3000_0000..0x3001_FFFF), one-cycle read
    input  logic        sram_dv,
    input  logic        sram_we,
    input  logic [14:0] sram_addr,
    input  logic [31:0] sram_wdata,
    output logic [31:0] sram_rdata,
    // side-effect-free debug read
    input  logic        dbg_en,
    input  logic [11:0] dbg_addr,
    output logic [31:0] dbg_rdata,
    // test-only fault injection (0 = none)
    input  logic [ 1:0] fault_sel,
    // status / interrupts
    output logic [ 2:0] fsm_ps,
    output logic [ 2:0] fsm_nxt,
    output logic        lock,
    output logic        soc_has_lock,
    output logic        execute,
    output logic [31:0] user,
    output logic [ 3:0] status,
    output logic        release_nxt,      // EXECUTE_* -> IDLE (requester cleared EXECUTE) at next edge
    output logic        soc_req_lock_set, // SoC LOCK read while the uC holds it (this cycle)
    output logic        prot_no_lock,     // protocol violation detected in this access (§1.2)
    output logic        prot_ooo,
    output logic        inv_dev,          // valid-PAUSER non-holder access (uC error_inv_dev)
    output logic        busy              // some flop will change at the next edge with idle inputs
);
  // FSM encodings (§1.2 table)
  localparam logic [2:0] S_IDLE = 3'b000, S_CMD = 3'b001, S_DLEN = 3'b011, S_DATA = 3'b010,
                         S_EXUC = 3'b110, S_EXSOC = 3'b100, S_ERR = 3'b111;
  // register offsets (§1.1)
  localparam logic [11:0] A_LOCK = 12'h000, A_USER = 12'h004, A_CMD = 12'h008, A_DLEN = 12'h00C,
                          A_DATAIN = 12'h010, A_DATAOUT = 12'h014, A_EXECUTE = 12'h018,
                          A_STATUS = 12'h01C, A_UNLOCK = 12'h020;
  localparam int AW = $clog2(DEPTH);

  // The SRAM is reachable from the adapter (backdoor) but kept out of VCD traces (32768 words).
  /*verilator tracing_off*/
  logic [31:0] mem[DEPTH] /*verilator public_flat_rw*/;
  /*verilator tracing_on*/

  logic [2:0] fsm_q;
  logic lock_q, shl_q, exec_q;
  logic [31:0] user_q, cmd_q, dlen_q, datain_q, dataout_q;
  logic [3:0] status_q;
  logic [AW:0] wrptr_q, rdptr_q, rdlen_q;
  logic cmd_wr_q, dlen_wr_q, unlock_q, ooo_q, nolock_q, req_lock_q, inv_q;
  logic [2:0] fsm_mir_q;
  logic shl_mir_q;
  logic [AW-1:0] rdptr_mir_q;
  logic [31:0] sram_rdata_q;

  // ---- requester / receiver qualification (§1.2 definitions) ----
  logic valid_req, valid_rcv, holder;
  assign valid_req = lock_q & ((~req_soc & (~shl_q | fsm_q == S_EXUC)) |
                               (req_soc & shl_q & req_user == user_q));
  assign valid_rcv = lock_q & ((~req_soc & shl_q & fsm_q == S_EXUC) |
                               (req_soc & ~shl_q & fsm_q == S_EXSOC) |
                               (valid_req & ((shl_q & fsm_q == S_EXSOC) |
                                             (~shl_q & fsm_q == S_EXUC))));
  assign holder = req_soc & lock_q & shl_q & req_user == user_q;

  // ---- protocol violations (SoC only) ----
  logic rd_dataout, nolock_d, ooo_d;
  assign rd_dataout = ~req_we & req_addr == A_DATAOUT;
  always_comb begin
    nolock_d = 1'b0;
    ooo_d = 1'b0;
    if (req_dv & req_soc) begin
      unique case (fsm_q)
        S_IDLE: nolock_d = req_we | rd_dataout;
        S_CMD: ooo_d = holder & (rd_dataout | (req_we & req_addr != A_CMD));
        S_DLEN: ooo_d = holder & (rd_dataout | (req_we & req_addr != A_DLEN));
        S_DATA:
        ooo_d = holder & (rd_dataout | (req_we & req_addr != A_DATAIN & req_addr != A_EXECUTE));
        S_EXUC: ooo_d = holder & (rd_dataout | req_we);
        S_EXSOC: ooo_d = shl_q ? (holder & req_we & req_addr != A_EXECUTE)
                               : (req_we & req_addr != A_STATUS);
        default: ;
      endcase
    end
  end

  // ---- read mux ----
  function automatic logic [31:0] rd_mux(input logic [11:0] a, input logic mask_dataout);
    logic [31:0] st;
    st = 32'(status_q);
    st[8:6] = (fault_sel == 2'd1) ? fsm_q : fsm_mir_q;  // fault 1: mirror does not lag
    st[9] = shl_mir_q;
    st[24:10] = 15'(rdptr_mir_q);
    unique case (a)
      A_LOCK: rd_mux = {31'b0, lock_q};
      A_USER: rd_mux = user_q;
      A_CMD: rd_mux = cmd_q;
      A_DLEN: rd_mux = dlen_q;
      A_DATAIN: rd_mux = datain_q;
      A_DATAOUT: rd_mux = mask_dataout ? 32'b0 : dataout_q;
      A_EXECUTE: rd_mux = {31'b0, exec_q};
      A_STATUS: rd_mux = st;
      default: rd_mux = 32'b0;  // undefined offsets read 0 (§0)
    endcase
  endfunction
  // Each read port drives its mux only while it reads (0 otherwise): a Verilated model settles
  // all input-dependent logic at every eval, so idle ports then cost nothing.
  always_comb begin
    req_rdata = 32'b0;
    if (req_dv && !req_we) req_rdata = rd_mux(req_addr, ~valid_rcv);
  end
  always_comb begin
    dbg_rdata = 32'b0;
    if (dbg_en) dbg_rdata = rd_mux(dbg_addr, 1'b0);
  end

  // ---- FSM next state: depends on flops only (writes act one clock later, §4) ----
  logic [AW:0] dlen_dw, len_at_exec;
  logic arc_exec;
  always_comb begin
    dlen_dw = (dlen_q >= 32'(DEPTH * 4)) ? (AW + 1)'(DEPTH) : (AW + 1)'((dlen_q + 32'd3) >> 2);
    len_at_exec = (wrptr_q < dlen_dw) ? wrptr_q : dlen_dw;
    fsm_nxt = fsm_q;
    arc_exec = 1'b0;
    release_nxt = 1'b0;
    if (unlock_q) fsm_nxt = S_IDLE;
    else if (ooo_q) fsm_nxt = S_ERR;
    else begin
      unique case (fsm_q)
        S_IDLE: if (lock_q) fsm_nxt = S_CMD;
        S_CMD: if (cmd_wr_q) fsm_nxt = S_DLEN;
        S_DLEN: if (dlen_wr_q) fsm_nxt = S_DATA;
        S_DATA:
        if (exec_q) begin
          fsm_nxt = shl_q ? S_EXUC : S_EXSOC;
          arc_exec = 1'b1;
        end
        S_EXUC:
        if (!exec_q) begin
          fsm_nxt = S_IDLE;
          release_nxt = 1'b1;
        end else if (shl_q && status_q != 4'd0) begin
          fsm_nxt = S_EXSOC;
          arc_exec = 1'b1;
        end
        S_EXSOC:
        if (!exec_q) begin
          fsm_nxt = S_IDLE;
          release_nxt = 1'b1;
        end else if (!shl_q && status_q != 4'd0) begin
          fsm_nxt = S_EXUC;
          arc_exec = 1'b1;
        end
        default: ;  // S_ERR: only force-unlock or reset leave it
      endcase
    end
  end

  logic acc_ok, wr_lock_rd, fetch;
  assign acc_ok = req_dv;
  assign wr_lock_rd = acc_ok & ~req_we & req_addr == A_LOCK;
  assign fetch = acc_ok & rd_dataout & valid_rcv & ~ooo_d;
  assign soc_req_lock_set = wr_lock_rd & req_soc & lock_q & ~shl_q;

  always_ff @(posedge clk or negedge rst_b) begin
    if (!rst_b) begin
      fsm_q <= S_IDLE;
      lock_q <= 1'b0;
      shl_q <= 1'b0;
      exec_q <= 1'b0;
      user_q <= '0;
      cmd_q <= '0;
      dlen_q <= '0;
      datain_q <= '0;
      dataout_q <= '0;
      status_q <= '0;
      wrptr_q <= '0;
      rdptr_q <= '0;
      rdlen_q <= '0;
      cmd_wr_q <= 1'b0;
      dlen_wr_q <= 1'b0;
      unlock_q <= 1'b0;
      ooo_q <= 1'b0;
      nolock_q <= 1'b0;
      req_lock_q <= 1'b0;
      inv_q <= 1'b0;
      fsm_mir_q <= S_IDLE;
      shl_mir_q <= 1'b0;
      rdptr_mir_q <= '0;
    end else begin
      // registered event pulses
      cmd_wr_q <= acc_ok & req_we & req_addr == A_CMD & valid_req;
      dlen_wr_q <= acc_ok & req_we & req_addr == A_DLEN & valid_req;
      unlock_q <= acc_ok & req_we & req_addr == A_UNLOCK & ~req_soc & req_wdata[0];
      ooo_q <= ooo_d;
      nolock_q <= nolock_d;
      req_lock_q <= soc_req_lock_set;
      inv_q <= acc_ok & req_soc & lock_q & ~holder & ~valid_rcv &
               (req_we | rd_dataout) & ~nolock_d & ~ooo_d;
      // mirrors (registered copies, one clock behind)
      fsm_mir_q <= fsm_q;
      shl_mir_q <= shl_q;
      rdptr_mir_q <= rdptr_q[AW-1:0];

      // register writes (a write that is itself a protocol violation is not performed)
      if (acc_ok && req_we && !ooo_d) begin
        unique case (req_addr)
          A_CMD: if (valid_req) cmd_q <= req_wdata;
          A_DLEN: if (valid_req) dlen_q <= req_wdata;
          A_DATAIN:
          if (valid_req) begin
            datain_q <= req_wdata;
            if ((fsm_q == S_DATA || (!req_soc && fsm_q == S_EXUC)) && wrptr_q < (AW + 1)'(DEPTH))
            begin
              mem[wrptr_q[AW-1:0]] <= req_wdata;
              wrptr_q <= wrptr_q + 1'b1;
            end
          end
          A_EXECUTE: if (valid_req) exec_q <= req_wdata[0];
          A_STATUS: if (valid_rcv) status_q <= req_wdata[3:0];
          default: ;
        endcase
      end
      // read-to-set lock
      if (wr_lock_rd && !lock_q) begin
        lock_q <= 1'b1;
        user_q <= req_user;
        shl_q <= req_soc;
      end
      // DATAOUT read: return pre-fetched word, fetch the next one
      if (fetch) begin
        if (rdptr_q < rdlen_q) begin
          dataout_q <= mem[rdptr_q[AW-1:0]];
          rdptr_q <= rdptr_q + 1'b1;
        end else begin
          // past the latched length: 0 and rdptr stops (§1.2 [measured]); fault 2 breaks this
          dataout_q <= (fault_sel == 2'd2) ? mem[rdptr_q[AW-1:0]] : 32'b0;
        end
      end
      // uC direct SRAM writes
      if (sram_dv && sram_we) mem[sram_addr[AW-1:0]] <= sram_wdata;

      // FSM and its arcs
      fsm_q <= fsm_nxt;
      if (fsm_q == S_DLEN && fsm_nxt == S_DATA) wrptr_q <= '0;
      if (arc_exec) begin
        wrptr_q <= '0;
        rdptr_q <= (AW + 1)'(1);
        rdlen_q <= len_at_exec;
        dataout_q <= (len_at_exec != 0) ? mem[0] : 32'b0;
      end
      if (unlock_q || release_nxt) begin
        lock_q <= 1'b0;
        shl_q <= 1'b0;
        exec_q <= 1'b0;
        status_q <= 4'd0;
      end
      if (unlock_q) begin
        ooo_q <= 1'b0;
        nolock_q <= 1'b0;
      end
    end
  end

  // one-cycle SRAM read for the uC direct port
  always_ff @(posedge clk) begin
    if (sram_dv && !sram_we) sram_rdata_q <= mem[sram_addr[AW-1:0]];
  end
  assign sram_rdata = sram_rdata_q;

  assign fsm_ps = fsm_q;
  assign lock = lock_q;
  assign soc_has_lock = shl_q;
  assign execute = exec_q;
  assign user = user_q;
  assign status = status_q;
  assign prot_no_lock = nolock_d;
  assign prot_ooo = ooo_d;
  assign inv_dev = inv_q;
  assign busy = cmd_wr_q | dlen_wr_q | unlock_q | ooo_q | nolock_q | req_lock_q | inv_q |
                (fsm_nxt != fsm_q) | (fsm_mir_q != fsm_q) | (shl_mir_q != shl_q) |
                (rdptr_mir_q != rdptr_q[AW-1:0]);
endmodule
