// Caliptra 1.x SoC-interface top: APB slave (SETUP + ACCESS, PREADY wait states), window decode
// and PAUSER checks (caliptra-1x.md §0), SoC/uC arbitration, mailbox (cptra_mbox) and soc_ifc
// registers, fuses and boot FSM (cptra_soc_ifc). The SHA-512 accelerator window
// (PADDR 0x2_1000-0x2_1FFF) is decoded here as a valid window but implemented in C by the
// adapter (cptra_rtl.cpp), which never forwards that window to this model.
module cptra_soc_top (
    input  logic         clk,
    input  logic         cptra_pwrgood,
    input  logic         cptra_rst_b,
    // APB slave (APB_ADDR_WIDTH = 18, §0)
    input  logic [ 17:0] PADDR,
    input  logic         PSEL,
    input  logic         PENABLE,
    input  logic         PWRITE,
    input  logic [ 31:0] PWDATA,
    input  logic [ 31:0] PAUSER,
    output logic         PREADY,
    output logic [ 31:0] PRDATA,
    output logic         PSLVERR,
    // uC port: Caliptra-internal address, valid/ready, data in the ready cycle
    input  logic         uc_valid,
    input  logic         uc_write,
    input  logic [ 31:0] uc_addr,
    input  logic [ 31:0] uc_wdata,
    output logic         uc_ready,
    output logic [ 31:0] uc_rdata,
    output logic         uc_hit,        // address decoded by this model
    // straps / integration parameters
    input  logic [  4:0] set_mbox_pauser_integ,
    input  logic [159:0] mbox_valid_pauser_integ,
    input  logic         set_fuse_pauser_integ,
    input  logic [ 31:0] fuse_valid_pauser_integ,
    input  logic [ 31:0] security_state,
    input  logic         bootfsm_brkpoint,
    input  logic [ 31:0] generic_input_wires0,
    input  logic [ 31:0] generic_input_wires1,
    input  logic [ 31:0] hw_config,
    // side-effect-free debug read of CSRs (Caliptra address)
    input  logic         dbg_en,        // 1 while the debug port reads (its mux is idle else)
    input  logic [ 31:0] dbg_addr,
    output logic [ 31:0] dbg_rdata,
    output logic         dbg_hit,
    // test-only fault injection: 0 none, 1 STATUS mirror not lagging, 2 DATAOUT past length
    input  logic [  1:0] test_fault_sel,
    // pins and observability
    output logic         cptra_uc_rst_b,
    output logic         ready_for_fuses,
    output logic         ready_for_fw_push,
    output logic         ready_for_runtime,
    output logic         mailbox_data_avail,
    output logic         cptra_error_fatal,
    output logic         cptra_error_non_fatal,
    output logic [  2:0] mbox_fsm_ps,
    output logic [  2:0] mbox_fsm_nxt,
    output logic         mbox_lock,
    output logic         mbox_soc_has_lock,
    output logic         mbox_execute,
    output logic [ 31:0] mbox_user,
    output logic [  3:0] mbox_status,
    output logic         mbox_release_nxt,
    output logic         mbox_inv_dev,      // uC error_inv_dev interrupt source
    output logic         soc_req_lock_nxt,
    output logic [  2:0] boot_fsm_ps,
    output logic [  2:0] boot_fsm_nxt,
    output logic [ 31:0] uc_rel_eta,
    output logic [ 31:0] hw_error_fatal,
    output logic [ 31:0] hw_error_non_fatal,
    output logic         busy
);
  // ---- window decode (§0) ----
  logic apb_dv, a_mbox, a_sha, a_soc, a_fuse, a_none, a_err;
  logic mbox_pauser_ok, fuse_pauser_ok;
  assign apb_dv = PSEL & PENABLE;
  assign a_mbox = PADDR[17:12] == 6'h20;
  assign a_sha = PADDR[17:12] == 6'h21;
  assign a_soc = PADDR[17:16] == 2'b11;
  assign a_fuse = a_soc && PADDR[15:0] >= 16'h0200 && PADDR[15:0] <= 16'h05FF;
  assign a_none = ~(a_mbox | a_sha | a_soc);
  // PSLVERR only at window level: no target, invalid mailbox PAUSER, locked fuse PAUSER
  assign a_err = a_none | (a_mbox & ~mbox_pauser_ok) | (a_fuse & ~fuse_pauser_ok);

  // ---- uC decode ----
  logic u_sram, u_mbox, u_soc;
  assign u_sram = uc_addr[31:17] == 15'h1800;  // 0x3000_0000..0x3001_FFFF
  assign u_mbox = uc_addr[31:12] == 20'h30020;
  assign u_soc = uc_addr[31:16] == 16'h3003;
  assign uc_hit = u_sram | u_mbox | u_soc;

  // ---- SoC/uC arbitration per target (§0 hold source (a)): on a collision the side that
  // did not win the previous collision gets priority; the loser sees PREADY/uc_ready low. ----
  logic apb_mbox, apb_soc, uc_mbox_r, uc_soc_r, collide, soc_wins, last_soc_q;
  assign apb_mbox = apb_dv & a_mbox & ~a_err;
  assign apb_soc = apb_dv & a_soc & ~a_err;
  assign uc_mbox_r = uc_valid & u_mbox;
  assign uc_soc_r = uc_valid & u_soc;
  assign collide = (apb_mbox & uc_mbox_r) | (apb_soc & uc_soc_r);
  assign soc_wins = ~collide | ~last_soc_q;
  always_ff @(posedge clk or negedge cptra_pwrgood) begin
    if (!cptra_pwrgood) last_soc_q <= 1'b0;
    else if (collide) last_soc_q <= soc_wins;
  end

  logic noncore_rst_b;
  logic prot_no_lock, prot_ooo, mbox_busy, soc_busy;
  logic m_dv, m_soc, s_dv, s_soc;
  logic [31:0] m_rdata, s_rdata, m_dbg, s_dbg;
  assign m_dv = (apb_mbox & soc_wins) | (uc_mbox_r & ~(apb_mbox & soc_wins));
  assign m_soc = apb_mbox & soc_wins;
  assign s_dv = (apb_soc & soc_wins) | (uc_soc_r & ~(apb_soc & soc_wins));
  assign s_soc = apb_soc & soc_wins;

  // uC SRAM one-cycle read: the data comes from a flop, so a read takes one wait cycle
  logic sram_rd_pend_q;
  always_ff @(posedge clk or negedge noncore_rst_b) begin
    if (!noncore_rst_b) sram_rd_pend_q <= 1'b0;
    else sram_rd_pend_q <= uc_valid & u_sram & ~uc_write & ~sram_rd_pend_q;
  end
  logic [31:0] sram_rdata;

  cptra_mbox u_mbox_i (
      .clk(clk),
      .rst_b(noncore_rst_b),
      .req_dv(m_dv),
      .req_soc(m_soc),
      .req_we(m_soc ? PWRITE : uc_write),
      .req_addr(m_soc ? PADDR[11:0] : uc_addr[11:0]),
      .req_wdata(m_soc ? PWDATA : uc_wdata),
      .req_user(m_soc ? PAUSER : 32'hFFFF_FFFF),
      .req_rdata(m_rdata),
      .sram_dv(uc_valid & u_sram & (uc_write | ~sram_rd_pend_q)),
      .sram_we(uc_write),
      .sram_addr(uc_addr[16:2]),
      .sram_wdata(uc_wdata),
      .sram_rdata(sram_rdata),
      .dbg_en(dbg_en),
      .dbg_addr(dbg_addr[11:0]),
      .dbg_rdata(m_dbg),
      .fault_sel(test_fault_sel),
      .fsm_ps(mbox_fsm_ps),
      .fsm_nxt(mbox_fsm_nxt),
      .lock(mbox_lock),
      .soc_has_lock(mbox_soc_has_lock),
      .execute(mbox_execute),
      .user(mbox_user),
      .status(mbox_status),
      .release_nxt(mbox_release_nxt),
      .soc_req_lock_set(soc_req_lock_nxt),
      .prot_no_lock(prot_no_lock),
      .prot_ooo(prot_ooo),
      .inv_dev(mbox_inv_dev),
      .busy(mbox_busy)
  );

  cptra_soc_ifc u_soc_ifc_i (
      .clk(clk),
      .pwrgood(cptra_pwrgood),
      .cptra_rst_b(cptra_rst_b),
      .noncore_rst_b(noncore_rst_b),
      .set_mbox_pauser_integ(set_mbox_pauser_integ),
      .mbox_valid_pauser_integ(mbox_valid_pauser_integ),
      .set_fuse_pauser_integ(set_fuse_pauser_integ),
      .fuse_valid_pauser_integ(fuse_valid_pauser_integ),
      .security_state(security_state),
      .bootfsm_brkpoint(bootfsm_brkpoint),
      .generic_input_wires0(generic_input_wires0),
      .generic_input_wires1(generic_input_wires1),
      .hw_config(hw_config),
      .req_dv(s_dv),
      .req_soc(s_soc),
      .req_we(s_soc ? PWRITE : uc_write),
      .req_addr(s_soc ? PADDR[15:0] : uc_addr[15:0]),
      .req_wdata(s_soc ? PWDATA : uc_wdata),
      .req_user(s_soc ? PAUSER : 32'hFFFF_FFFF),
      .req_rdata(s_rdata),
      .dbg_en(dbg_en),
      .dbg_addr(dbg_addr[15:0]),
      .dbg_rdata(s_dbg),
      .chk_pauser(PAUSER),
      .mbox_pauser_ok(mbox_pauser_ok),
      .fuse_pauser_ok(fuse_pauser_ok),
      .mbox_prot_no_lock(prot_no_lock),
      .mbox_prot_ooo(prot_ooo),
      .boot_ps(boot_fsm_ps),
      .boot_nxt(boot_fsm_nxt),
      .ready_for_fuses(ready_for_fuses),
      .ready_for_fw(ready_for_fw_push),
      .ready_for_runtime(ready_for_runtime),
      .uc_rst_b(cptra_uc_rst_b),
      .uc_rel_eta(uc_rel_eta),
      .error_fatal(cptra_error_fatal),
      .error_non_fatal(cptra_error_non_fatal),
      .hw_error_fatal(hw_error_fatal),
      .hw_error_non_fatal(hw_error_non_fatal),
      .busy(soc_busy)
  );

  // ---- APB response: PRDATA combinational in the ACCESS cycle of a read; 0 on writes and
  // with PSLVERR ----
  logic apb_hold;
  assign apb_hold = collide & ~soc_wins;
  assign PREADY = apb_dv ? ~apb_hold : 1'b1;
  assign PSLVERR = apb_dv & a_err;
  always_comb begin
    PRDATA = 32'b0;
    if (apb_dv && !PWRITE && !a_err && !apb_hold) begin
      if (a_mbox) PRDATA = m_rdata;
      else if (a_soc) PRDATA = s_rdata;
    end
  end

  // ---- uC response ----
  always_comb begin
    uc_ready = 1'b1;
    uc_rdata = 32'b0;
    if (uc_valid) begin
      if (u_sram) begin
        uc_ready = uc_write | sram_rd_pend_q;
        uc_rdata = sram_rdata;
      end else if (u_mbox) begin
        uc_ready = ~(apb_mbox & soc_wins);
        uc_rdata = m_rdata;
      end else if (u_soc) begin
        uc_ready = ~(apb_soc & soc_wins);
        uc_rdata = s_rdata;
      end
    end
  end

  assign dbg_hit = dbg_addr[31:12] == 20'h30020 || dbg_addr[31:16] == 16'h3003;
  assign dbg_rdata = (dbg_addr[31:16] == 16'h3003) ? s_dbg :
                     (dbg_addr[31:12] == 20'h30020) ? m_dbg : 32'b0;
  assign mailbox_data_avail = mbox_fsm_ps == 3'b100;  // state == EXECUTE_SOC (§1.2)
  assign busy = mbox_busy | soc_busy | sram_rd_pend_q;
endmodule
