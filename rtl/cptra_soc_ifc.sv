// Caliptra 1.x soc_ifc registers (generic_and_fuse_reg), fuses and the boot FSM.
// Behaviour: caliptra-1x.md §2 (register table, fuse table) and §2.2 (boot FSM, reset domains).
// Reset domains: "pwrgood" flops reset only by cptra_pwrgood; "rst_b" flops by the internal
// noncore reset (released when the boot FSM leaves BOOT_IDLE).
// Not modelled here (explained in the report): WDT timers and mtime counting, TRNG request
// handshake beyond the registers, intr_block_rf (0x800+ reads 0), clock gating.
module cptra_soc_ifc (
    input  logic         clk,
    input  logic         pwrgood,
    input  logic         cptra_rst_b,
    output logic         noncore_rst_b,
    // straps / integration parameters (soc_ifc_pkg.sv)
    input  logic [  4:0] set_mbox_pauser_integ,
    input  logic [159:0] mbox_valid_pauser_integ,
    input  logic         set_fuse_pauser_integ,
    input  logic [ 31:0] fuse_valid_pauser_integ,
    input  logic [ 31:0] security_state,
    input  logic         bootfsm_brkpoint,
    input  logic [ 31:0] generic_input_wires0,
    input  logic [ 31:0] generic_input_wires1,
    input  logic [ 31:0] hw_config,
    // register request
    input  logic         req_dv,
    input  logic         req_soc,
    input  logic         req_we,
    input  logic [ 15:0] req_addr,
    input  logic [ 31:0] req_wdata,
    input  logic [ 31:0] req_user,
    output logic [ 31:0] req_rdata,
    input  logic         dbg_en,
    input  logic [ 15:0] dbg_addr,
    output logic [ 31:0] dbg_rdata,
    // PAUSER qualification for the top-level arbiter (§0, §2)
    input  logic [ 31:0] chk_pauser,
    output logic         mbox_pauser_ok,
    output logic         fuse_pauser_ok,
    // hardware error sources (mailbox violation in the current access: register set at the end
    // of the access cycle, visible c+1; the error pins are registered from it -> c+2, §1.2/§4)
    input  logic         mbox_prot_no_lock,
    input  logic         mbox_prot_ooo,
    // pins / observability
    output logic [  2:0] boot_ps,
    output logic [  2:0] boot_nxt,
    output logic         ready_for_fuses,
    output logic         ready_for_fw,
    output logic         ready_for_runtime,
    output logic         uc_rst_b,
    output logic [ 31:0] uc_rel_eta,   // edges until uc_rst_b rises with idle inputs (0 = none)
    output logic         error_fatal,
    output logic         error_non_fatal,
    output logic [ 31:0] hw_error_fatal,
    output logic [ 31:0] hw_error_non_fatal,
    output logic         busy
);
  localparam logic [2:0] B_IDLE = 3'd0, B_FUSE = 3'd1, B_FW_RST = 3'd2, B_WAIT = 3'd3,
                         B_DONE = 3'd4;
  // rst_b deassert -> BOOT_FUSE: 2-FF synchroniser + delay flops + FSM flop.
  // [measured] ready_for_fuses 9 clk after cptra_rst_b deassert (§2.2, §4): 8 stages + FSM.
  localparam int RST_SYNC_STAGES = 8;
  // BOOT_DONE -> uC reset release through a 2-FF sync + output flop: FUSE_WR_DONE in cycle c,
  // done flag c+1, BOOT_DONE c+2, uc_rst_b c+5 ([measured] 5 clk, §2.2/§4).
  localparam int FUSE_NUM = 83;  // 0x200..0x348
  localparam logic [31:0] HW_REV_GEN = 32'h0000_0011;  // CPTRA_GENERATION 1.1 (§2 [measured])

  // ---------------- reset sync and boot FSM ----------------
  logic [RST_SYNC_STAGES-1:0] rst_sync_q;
  logic [2:0] boot_q;
  logic ucs1_q, ucs2_q, uc_q;
  logic [31:0] wait_cnt_q;
  logic fwupd_wait_q;
  logic rst_n_comb;
  assign rst_n_comb = pwrgood & cptra_rst_b;

  always_ff @(posedge clk or negedge rst_n_comb) begin
    if (!rst_n_comb) rst_sync_q <= '0;
    else rst_sync_q <= {rst_sync_q[RST_SYNC_STAGES-2:0], 1'b1};
  end

  // ---------------- registers ----------------
  // pwrgood domain
  logic [3:0] hw_fatal_q;
  logic [2:0] hw_nf_q;
  logic [31:0] fw_fatal_q, fw_nf_q, hw_enc_q, fw_enc_q;
  logic [7:0][31:0] ext_info_q;
  logic fuse_done_q, warm_q, rst_seen_q;
  logic [31:0] timer_cfg_q, fuse_pauser_q;
  logic [1:0][31:0] wdt_cfg_q;
  logic fuse_lock_q;
  logic [FUSE_NUM-1:0][31:0] fuse_q;
  logic [19:0] fuse_wonce_q;  // UDS (12) + field entropy (8): write-once flags
  // rst_b domain
  logic [31:0] boot_status_q, flow_fw_q, trng_pauser_q;
  logic [4:0][31:0] mbox_pauser_q;
  logic [11:0][31:0] trng_data_q;
  logic [4:0] mbox_plock_q;
  logic trng_lock_q, trng_req_q, trng_done_q, fuse_seen_q, go_q, clk_gate_q, fw_upd_rst_q;
  logic fwupd_pulse_q;
  logic [31:0] dbg_manuf_q;
  logic [1:0][31:0] gen_out_q, fw_rev_q, itrng_cfg_q, rsvd_q;
  logic [31:0] iccm_lock_q, wait_cycles_q, nmi_vec_q;
  logic [8:0][31:0] wdt_q;
  logic [3:0][31:0] err_mask_q;
  logic fatal_pin_q, nf_pin_q;

  // noncore reset: released with BOOT_FUSE, asserted asynchronously with rst_b/pwrgood.
  logic noncore_q;
  always_ff @(posedge clk or negedge rst_n_comb) begin
    if (!rst_n_comb) noncore_q <= 1'b0;
    else if (rst_sync_q[RST_SYNC_STAGES-1]) noncore_q <= 1'b1;
  end
  assign noncore_rst_b = noncore_q & rst_n_comb;

  // boot FSM next state (flops only)
  always_comb begin
    boot_nxt = boot_q;
    unique case (boot_q)
      B_IDLE: if (rst_sync_q[RST_SYNC_STAGES-1]) boot_nxt = B_FUSE;
      B_FUSE: if (fuse_seen_q && fuse_done_q) boot_nxt = bootfsm_brkpoint ? B_WAIT : B_DONE;
      B_DONE: if (fwupd_pulse_q) boot_nxt = B_FW_RST;
      B_FW_RST: boot_nxt = B_WAIT;
      B_WAIT:
      if (fwupd_wait_q ? (wait_cnt_q <= 32'd1) : go_q) boot_nxt = B_DONE;
      default: boot_nxt = B_IDLE;
    endcase
  end

  always_ff @(posedge clk or negedge rst_n_comb) begin
    if (!rst_n_comb) begin
      boot_q <= B_IDLE;
      ucs1_q <= 1'b0;
      ucs2_q <= 1'b0;
      uc_q <= 1'b0;
      wait_cnt_q <= '0;
      fwupd_wait_q <= 1'b0;
    end else begin
      boot_q <= boot_nxt;
      ucs1_q <= (boot_q == B_DONE);
      ucs2_q <= ucs1_q & (boot_q == B_DONE);
      uc_q <= ucs2_q & (boot_q == B_DONE);
      if (boot_q == B_FW_RST) begin
        wait_cnt_q <= wait_cycles_q;
        fwupd_wait_q <= 1'b1;
      end else if (boot_q == B_WAIT) begin
        if (wait_cnt_q != 0) wait_cnt_q <= wait_cnt_q - 1'b1;
        if (boot_nxt == B_DONE) fwupd_wait_q <= 1'b0;
      end
    end
  end
  assign uc_rst_b = uc_q & (boot_q == B_DONE);
  // Lets the adapter announce the uC reset release as soon as it is decided (cold boot, GO,
  // and the fw-update wait count down), like an interrupt scheduled for a later cycle.
  logic [31:0] wait_eff, cnt_eff;
  assign wait_eff = (wait_cycles_q == 0) ? 32'd1 : wait_cycles_q;
  assign cnt_eff = (wait_cnt_q == 0) ? 32'd1 : wait_cnt_q;
  always_comb begin
    uc_rel_eta = 32'd0;
    if (boot_q == B_DONE && fwupd_pulse_q) uc_rel_eta = wait_eff + 32'd5;
    else if (boot_q == B_DONE && !uc_q) uc_rel_eta = !ucs1_q ? 32'd3 : (!ucs2_q ? 32'd2 : 32'd1);
    else if (boot_q == B_FW_RST) uc_rel_eta = wait_eff + 32'd4;
    else if (boot_q == B_WAIT && fwupd_wait_q) uc_rel_eta = cnt_eff + 32'd3;
    else if (boot_q != B_DONE && boot_nxt == B_DONE) uc_rel_eta = 32'd4;
  end

  // ---------------- access decode ----------------
  logic is_fuse;
  logic [6:0] fidx;
  assign is_fuse = req_addr >= 16'h0200 && req_addr <= 16'h0348 && req_addr[1:0] == 2'b00;
  assign fidx = 7'((req_addr - 16'h0200) >> 2);

  logic trng_ok;
  assign trng_ok = ~trng_lock_q | (req_user == trng_pauser_q);

  function automatic logic [31:0] fuse_mask(input logic [6:0] i);
    unique case (i)
      7'h20: fuse_mask = 32'hF;     // KEY_MANIFEST_PK_HASH_MASK[3:0]
      7'h32: fuse_mask = 32'h1;     // ANTI_ROLLBACK_DISABLE
      7'h4F: fuse_mask = 32'h3;     // LIFE_CYCLE
      7'h50: fuse_mask = 32'h1;     // LMS_VERIFY
      7'h52: fuse_mask = 32'hFFFF;  // SOC_STEPPING_ID
      default: fuse_mask = 32'hFFFF_FFFF;
    endcase
  endfunction

  function automatic logic [31:0] rd_mux(input logic [15:0] a, input logic soc, input logic dbg,
                                         input logic tr_ok);
    logic [6:0] fi;
    fi = 7'((a - 16'h0200) >> 2);
    rd_mux = 32'b0;
    if (a[1:0] != 2'b00) rd_mux = 32'b0;  // misaligned: 0, no error (§0 [measured])
    else if (a >= 16'h0200 && a <= 16'h0348) begin
      // UDS seed and field entropy are secret: read 0 (§2 fuse table [measured])
      rd_mux = (fi < 7'd20 && !dbg) ? 32'b0 : fuse_q[fi];
    end else if (a >= 16'h0018 && a <= 16'h0034) rd_mux = ext_info_q[3'((a - 16'h0018) >> 2)];
    else if (a >= 16'h0048 && a <= 16'h0058) rd_mux = mbox_pauser_q[3'((a - 16'h0048) >> 2)];
    else if (a >= 16'h005C && a <= 16'h006C)
      rd_mux = {31'b0, mbox_plock_q[3'((a - 16'h005C) >> 2)]};
    else if (a >= 16'h0078 && a <= 16'h00A4)
      rd_mux = (soc && !tr_ok && !dbg) ? 32'b0 : trng_data_q[4'((a - 16'h0078) >> 2)];
    else if (a >= 16'h00E4 && a <= 16'h0104) rd_mux = wdt_q[4'((a - 16'h00E4) >> 2)];
    else if (a >= 16'h0630 && a <= 16'h063C) rd_mux = err_mask_q[2'((a - 16'h0630) >> 2)];
    else begin
      unique case (a)
        16'h0000: rd_mux = 32'(hw_fatal_q);
        16'h0004: rd_mux = 32'(hw_nf_q);
        16'h0008: rd_mux = fw_fatal_q;
        16'h000C: rd_mux = fw_nf_q;
        16'h0010: rd_mux = hw_enc_q;
        16'h0014: rd_mux = fw_enc_q;
        16'h0038: rd_mux = boot_status_q;
        16'h003C: begin
          rd_mux = flow_fw_q;
          rd_mux[27:25] = boot_q;
          rd_mux[30] = ready_for_fuses;
        end
        16'h0040: rd_mux = {30'b0, warm_q, fw_upd_rst_q};
        16'h0044: rd_mux = security_state;
        16'h0070: rd_mux = trng_pauser_q;
        16'h0074: rd_mux = {31'b0, trng_lock_q};
        16'h00AC: rd_mux = {30'b0, trng_done_q, trng_req_q};
        16'h00B0: rd_mux = {31'b0, fuse_done_q};
        16'h00B4: rd_mux = timer_cfg_q;
        16'h00B8: rd_mux = {31'b0, go_q};
        16'h00BC: rd_mux = dbg_manuf_q;
        16'h00C0: rd_mux = {31'b0, clk_gate_q};
        16'h00C4: rd_mux = generic_input_wires0;
        16'h00C8: rd_mux = generic_input_wires1;
        16'h00CC: rd_mux = gen_out_q[0];
        16'h00D0: rd_mux = gen_out_q[1];
        16'h00D4: rd_mux = {fuse_q[7'h52][15:0], HW_REV_GEN[15:0]};
        16'h00D8: rd_mux = fw_rev_q[0];
        16'h00DC: rd_mux = fw_rev_q[1];
        16'h00E0: rd_mux = hw_config;
        16'h0108: rd_mux = fuse_pauser_q;
        16'h010C: rd_mux = {31'b0, fuse_lock_q};
        16'h0110: rd_mux = wdt_cfg_q[0];
        16'h0114: rd_mux = wdt_cfg_q[1];
        16'h0118: rd_mux = itrng_cfg_q[0];
        16'h011C: rd_mux = itrng_cfg_q[1];
        16'h0120: rd_mux = rsvd_q[0];
        16'h0124: rd_mux = rsvd_q[1];
        16'h0620: rd_mux = iccm_lock_q;
        16'h0624: rd_mux = {31'b0, fwupd_pulse_q};
        16'h0628: rd_mux = wait_cycles_q;
        16'h062C: rd_mux = nmi_vec_q;
        default: rd_mux = 32'b0;
      endcase
    end
  endfunction
  // read ports drive their mux only while they read (see cptra_mbox.sv)
  always_comb begin
    req_rdata = 32'b0;
    if (req_dv && !req_we) req_rdata = rd_mux(req_addr, req_soc, 1'b0, trng_ok);
  end
  always_comb begin
    dbg_rdata = 32'b0;
    if (dbg_en) dbg_rdata = rd_mux(dbg_addr, 1'b0, 1'b1, 1'b1);
  end

  logic wr;
  assign wr = req_dv & req_we & req_addr[1:0] == 2'b00;

  // ---------------- pwrgood-domain registers ----------------
  always_ff @(posedge clk or negedge pwrgood) begin
    if (!pwrgood) begin
      hw_fatal_q <= '0;
      hw_nf_q <= '0;
      fw_fatal_q <= '0;
      fw_nf_q <= '0;
      hw_enc_q <= '0;
      fw_enc_q <= '0;
      ext_info_q <= '0;
      fuse_done_q <= 1'b0;
      warm_q <= 1'b0;
      rst_seen_q <= 1'b0;
      timer_cfg_q <= '0;
      fuse_pauser_q <= 32'hFFFF_FFFF;
      fuse_lock_q <= 1'b0;
      wdt_cfg_q[0] <= '0;
      wdt_cfg_q[1] <= '0;
      fuse_q <= '0;
      fuse_wonce_q <= '0;
    end else begin
      // warm reset detection: rst_b asserted after it had been released once
      if (cptra_rst_b) rst_seen_q <= 1'b1;
      else if (rst_seen_q) warm_q <= 1'b1;
      // HW error sources (sticky)
      hw_nf_q <= hw_nf_q | {1'b0, mbox_prot_ooo, mbox_prot_no_lock};
      if (wr) begin
        unique case (req_addr)
          16'h0000: hw_fatal_q <= hw_fatal_q & ~req_wdata[3:0];  // RW1C
          16'h0004:
          hw_nf_q <= (hw_nf_q & ~req_wdata[2:0]) | {1'b0, mbox_prot_ooo, mbox_prot_no_lock};
          16'h0008: fw_fatal_q <= req_wdata;
          16'h000C: fw_nf_q <= req_wdata;
          16'h0010: hw_enc_q <= req_wdata;
          16'h0014: fw_enc_q <= req_wdata;
          16'h00B0: if (req_soc && req_wdata[0]) fuse_done_q <= 1'b1;  // W1S, SoC cannot clear
          16'h00B4: if (req_soc) timer_cfg_q <= req_wdata;
          16'h0108: if (req_soc && !fuse_lock_q) fuse_pauser_q <= req_wdata;
          16'h010C: if (req_soc && !fuse_lock_q) fuse_lock_q <= req_wdata[0];
          16'h0110: if (req_soc) wdt_cfg_q[0] <= req_wdata;
          16'h0114: if (req_soc) wdt_cfg_q[1] <= req_wdata;
          default: ;
        endcase
        if (req_addr >= 16'h0018 && req_addr <= 16'h0034)
          ext_info_q[3'((req_addr - 16'h0018) >> 2)] <= req_wdata;
        // fuses: SoC writes until FUSE_WR_DONE; UDS/FE write-once
        if (is_fuse && req_soc && !fuse_done_q) begin
          if (fidx < 7'd20) begin
            if (!fuse_wonce_q[5'(fidx)]) begin
              fuse_q[fidx] <= req_wdata;
              fuse_wonce_q[5'(fidx)] <= 1'b1;
            end
          end else fuse_q[fidx] <= req_wdata & fuse_mask(fidx);
        end
      end
    end
  end

  // ---------------- rst_b-domain registers ----------------
  always_ff @(posedge clk or negedge noncore_rst_b) begin
    if (!noncore_rst_b) begin
      boot_status_q <= '0;
      flow_fw_q <= '0;
      mbox_pauser_q <= {5{32'hFFFF_FFFF}};
      mbox_plock_q <= '0;
      trng_pauser_q <= 32'hFFFF_FFFF;
      trng_lock_q <= 1'b0;
      trng_data_q <= '0;
      trng_req_q <= 1'b0;
      trng_done_q <= 1'b0;
      fuse_seen_q <= 1'b0;
      go_q <= 1'b0;
      clk_gate_q <= 1'b0;
      fw_upd_rst_q <= 1'b0;
      fwupd_pulse_q <= 1'b0;
      dbg_manuf_q <= '0;
      gen_out_q[0] <= '0;
      gen_out_q[1] <= '0;
      fw_rev_q[0] <= '0;
      fw_rev_q[1] <= '0;
      itrng_cfg_q[0] <= '0;
      itrng_cfg_q[1] <= '0;
      rsvd_q[0] <= '0;
      rsvd_q[1] <= '0;
      // TIMER1/2_TIMEOUT_PERIOD[0..1] (indices 2,3 and 6,7) reset to 0xFFFF_FFFF
      wdt_q <= {32'h0, {2{32'hFFFF_FFFF}}, {2{32'h0}}, {2{32'hFFFF_FFFF}}, {2{32'h0}}};
      iccm_lock_q <= '0;
      wait_cycles_q <= 32'd5;  // internal_fw_update_reset_wait_cycles reset 5 (§2, §4)
      nmi_vec_q <= '0;
      err_mask_q <= '0;
      fatal_pin_q <= 1'b0;
      nf_pin_q <= 1'b0;
    end else begin
      fwupd_pulse_q <= 1'b0;
      fatal_pin_q <= fatal_d;  // sticky: only a reset clears cptra_error_fatal
      nf_pin_q <= nf_d;
      if (trng_done_q && !trng_req_q) trng_done_q <= 1'b0;  // HW-cleared when DATA_REQ=0
      if (boot_q == B_FW_RST) fw_upd_rst_q <= 1'b1;
      if (boot_q == B_WAIT && boot_nxt == B_DONE && fwupd_wait_q) iccm_lock_q <= '0;
      if (req_dv && req_soc && req_we && req_addr == 16'h00B0) fuse_seen_q <= 1'b1;
      if (wr) begin
        if (req_addr >= 16'h0048 && req_addr <= 16'h0058) begin
          if (req_soc && !mbox_plock_q[3'((req_addr - 16'h0048) >> 2)])
            mbox_pauser_q[3'((req_addr - 16'h0048) >> 2)] <= req_wdata;
        end
        if (req_addr >= 16'h005C && req_addr <= 16'h006C) begin
          if (req_soc && !mbox_plock_q[3'((req_addr - 16'h005C) >> 2)])
            mbox_plock_q[3'((req_addr - 16'h005C) >> 2)] <= req_wdata[0];
        end
        if (req_addr >= 16'h0078 && req_addr <= 16'h00A4 && (!req_soc || trng_ok))
          trng_data_q[4'((req_addr - 16'h0078) >> 2)] <= req_wdata;
        if (req_addr >= 16'h00E4 && req_addr <= 16'h0104 && !req_soc)
          wdt_q[4'((req_addr - 16'h00E4) >> 2)] <= req_wdata;
        if (req_addr >= 16'h0630 && req_addr <= 16'h063C && !req_soc)
          err_mask_q[2'((req_addr - 16'h0630) >> 2)] <= req_wdata;
        unique case (req_addr)
          16'h0038: if (!req_soc) boot_status_q <= req_wdata;
          16'h003C: if (!req_soc) flow_fw_q <= req_wdata & 32'hB1FF_FFFF;
          16'h0070: if (req_soc && !trng_lock_q) trng_pauser_q <= req_wdata;
          16'h0074: if (req_soc && !trng_lock_q) trng_lock_q <= req_wdata[0];
          16'h00A8:
          if (!req_soc && req_wdata[0]) trng_data_q <= '0;
          16'h00AC:
          if (!req_soc) trng_req_q <= req_wdata[0];
          else if (trng_ok && req_wdata[1]) trng_done_q <= 1'b1;
          16'h00B8: if (req_soc) go_q <= req_wdata[0];
          16'h00BC: dbg_manuf_q <= req_wdata;
          16'h00C0: if (req_soc) clk_gate_q <= req_wdata[0];
          16'h00CC: if (!req_soc) gen_out_q[0] <= req_wdata;
          16'h00D0: if (!req_soc) gen_out_q[1] <= req_wdata;
          16'h00D8: if (!req_soc) fw_rev_q[0] <= req_wdata;
          16'h00DC: if (!req_soc) fw_rev_q[1] <= req_wdata;
          16'h0118: if (req_soc) itrng_cfg_q[0] <= req_wdata;
          16'h011C: if (req_soc) itrng_cfg_q[1] <= req_wdata;
          16'h0120: if (req_soc) rsvd_q[0] <= req_wdata;
          16'h0124: if (req_soc) rsvd_q[1] <= req_wdata;
          16'h0620: if (!req_soc) iccm_lock_q <= req_wdata;
          16'h0624: if (!req_soc) fwupd_pulse_q <= req_wdata[0];
          16'h0628: if (!req_soc) wait_cycles_q <= (req_wdata < 32'd5) ? 32'd5 : req_wdata;
          16'h062C: if (!req_soc) nmi_vec_q <= req_wdata;
          default: ;
        endcase
      end
    end
  end

  // ---------------- PAUSER qualification ----------------
  always_comb begin
    mbox_pauser_ok = (chk_pauser == 32'hFFFF_FFFF);  // CPTRA_DEF_MBOX_VALID_PAUSER
    for (int i = 0; i < 5; i++) begin
      if (set_mbox_pauser_integ[i]) begin
        if (chk_pauser == mbox_valid_pauser_integ[i*32+:32]) mbox_pauser_ok = 1'b1;
      end else if (mbox_plock_q[i] && chk_pauser == mbox_pauser_q[i]) mbox_pauser_ok = 1'b1;
    end
    if (set_fuse_pauser_integ) fuse_pauser_ok = (chk_pauser == fuse_valid_pauser_integ);
    else fuse_pauser_ok = !fuse_lock_q || (chk_pauser == fuse_pauser_q);
  end

  // ---------------- pins ----------------
  assign boot_ps = boot_q;
  assign ready_for_fuses = (boot_q == B_FUSE) && !fuse_seen_q;
  assign ready_for_fw = flow_fw_q[28];
  assign ready_for_runtime = flow_fw_q[29];
  logic nf_d, fatal_d;
  assign nf_d = |(32'(hw_nf_q) & ~err_mask_q[1]) | |(fw_nf_q & ~err_mask_q[3]);
  assign fatal_d = fatal_pin_q | |(32'(hw_fatal_q) & ~err_mask_q[0]) |
                   |(fw_fatal_q & ~err_mask_q[2]);
  assign error_non_fatal = nf_pin_q;
  assign error_fatal = fatal_pin_q;
  assign hw_error_fatal = 32'(hw_fatal_q);
  assign hw_error_non_fatal = 32'(hw_nf_q);

  assign busy = (rst_n_comb & ~rst_sync_q[RST_SYNC_STAGES-1]) | (rst_n_comb & ~noncore_q) |
                (boot_nxt != boot_q) | (ucs1_q != (boot_q == B_DONE)) |
                (ucs2_q != (ucs1_q & (boot_q == B_DONE))) |
                (uc_q != (ucs2_q & (boot_q == B_DONE))) | fwupd_pulse_q |
                (boot_q == B_WAIT) | (pwrgood & cptra_rst_b & ~rst_seen_q) |
                (~cptra_rst_b & rst_seen_q & ~warm_q) | (fatal_pin_q != fatal_d) | (nf_pin_q != nf_d) |
                (trng_done_q & ~trng_req_q) | (boot_q == B_FW_RST);
endmodule
