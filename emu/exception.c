/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Taking exceptions into the guest. unicorn 2.0.1 never enters a guest's vectors itself: every
 * exception reaches its UC_HOOK_INTR hook and is dropped, and it has no way to raise an
 * interrupt into a running engine. So the simulator does what the architecture does on
 * exception entry (Arm ARM D1.10.2): SPSR_ELx = PSTATE, ELR_ELx = the preferred return address,
 * ESR_ELx/FAR_ELx for synchronous exceptions, PSTATE.DAIF all set, PSTATE.M = the target EL with
 * SP_ELx, and execution at VBAR_ELx plus the vector offset.
 *
 * Measured on unicorn 2.0.1 (docs/guest-abi.md, "Taking exceptions"):
 * - at the same EL, writing those registers and PC is enough: from the block hook the PC write
 *   leaves the block before it executes, and the guest resumes at the vector;
 * - a write to PSTATE does not change the EL the translator works at, but ERET's helper reads
 *   the EL from PSTATE and rebuilds it. To raise the EL (EL1 to EL2), PSTATE gets the target EL
 *   and execution goes through the entry trampoline's ERET, which takes its return address from
 *   ELR of the EL the code was translated at (EL1) and SPSR of the EL PSTATE names (EL2). The
 *   registers it needs are put back at the next block boundary (cpu_exception_fixup);
 * - ERET is UNDEFINED when translated at EL0, and no register write changes the EL the
 *   translator works at. But the engine takes virtual interrupts itself: a write of HCR_EL2
 *   runs QEMU's own hcr_write, which raises the virtual IRQ line when HCR_EL2.VI is set, and
 *   with HCR_EL2.IMO set and PSTATE.I clear the engine takes it from EL0 at the next block
 *   boundary with a real exception entry (EL1h, SP_EL1, SPSR_EL1, ELR_EL1, VBAR_EL1 + 0x480).
 *   So an exception from EL0 borrows HCR_EL2.VI and IMO (VF and FMO for a FIQ), and the first
 *   block boundary at EL1 gives them back and writes what the entry of the real exception
 *   writes: ESR_EL1, FAR_EL1, ELR_EL1, SPSR_EL1, and PC = VBAR_EL1 + 0x400 for a synchronous
 *   one (emu_cpu_entry_fixup).
 */
#include "emu/gic.h"
#include "emu/internal.h"

/* PSTATE fields (Arm ARM C5.2.18, SPSR_ELx). */
#define EXC_PSTATE_SP (1u << 0) /* M[0]: SP_ELx rather than SP_EL0 */
#define EXC_PSTATE_EL_SHIFT 2
#define EXC_PSTATE_M_MASK 0x1fu
#define EXC_PSTATE_F (1u << 6)
#define EXC_PSTATE_I (1u << 7)
#define EXC_PSTATE_DAIF (0xfu << 6)
#define EXC_PSTATE_IL (1u << 20)
#define EXC_PSTATE_SS (1u << 21)
/* HCR_EL2 routing bits (Arm ARM D13.2.48). */
#define EXC_HCR_FMO (UINT64_C(1) << 3)
#define EXC_HCR_IMO (UINT64_C(1) << 4)
#define EXC_HCR_AMO (UINT64_C(1) << 5)
#define EXC_HCR_VF (UINT64_C(1) << 6)
#define EXC_HCR_VI (UINT64_C(1) << 7)
#define EXC_HCR_TGE (UINT64_C(1) << 27)
#define EXC_HCR_VM (UINT64_C(1) << 0)
/* SCTLR_ELx.M: stage-1 translation on. */
#define EXC_SCTLR_M (UINT64_C(1) << 0)
/* Vector table offsets (Arm ARM D1.10.2, table "Vector offsets from vector table base"). */
#define EXC_VECTOR_CURRENT_SP0 0x000u
#define EXC_VECTOR_CURRENT_SPX 0x200u
#define EXC_VECTOR_LOWER_A64 0x400u
#define EXC_VECTOR_STRIDE 0x080u

/* System registers by op0, op1, CRn, CRm, op2. */
struct exc_sysreg {
	unsigned op0, op1, crn, crm, op2;
};

static const struct exc_sysreg exc_spsr[3] = {{0}, {3, 0, 4, 0, 0}, {3, 4, 4, 0, 0}};
static const struct exc_sysreg exc_hcr_el2 = {3, 4, 1, 1, 0};
static const struct exc_sysreg exc_sctlr_el1 = {3, 0, 1, 0, 0};
static const struct exc_sysreg exc_hpfar_el2 = {3, 4, 6, 0, 4};
/* TLBI ALLE1: every EL1&0 translation cached (Arm ARM C5.5, TLB maintenance instructions). */
static const struct exc_sysreg exc_tlbi_alle1 = {1, 4, 8, 7, 4};
static const int exc_elr[3] = {UC_ARM64_REG_ELR_EL0, UC_ARM64_REG_ELR_EL1, UC_ARM64_REG_ELR_EL2};
static const int exc_esr[3] = {UC_ARM64_REG_ESR_EL0, UC_ARM64_REG_ESR_EL1, UC_ARM64_REG_ESR_EL2};
static const int exc_far[3] = {UC_ARM64_REG_FAR_EL0, UC_ARM64_REG_FAR_EL1, UC_ARM64_REG_FAR_EL2};
static const int exc_vbar[3] = {UC_ARM64_REG_VBAR_EL0, UC_ARM64_REG_VBAR_EL1,
				UC_ARM64_REG_VBAR_EL2};
static const int exc_sp[3] = {UC_ARM64_REG_SP_EL0, UC_ARM64_REG_SP_EL1, UC_ARM64_REG_SP_EL2};

static bool exc_read(struct emu_cpu *cpu, int reg, uint64_t *v, const char *what)
{
	*v = 0;
	return emu_uc_ok(cpu, uc_reg_read(cpu->uc, reg, v), what);
}

static bool exc_write(struct emu_cpu *cpu, int reg, uint64_t v, const char *what)
{
	return emu_uc_ok(cpu, uc_reg_write(cpu->uc, reg, &v), what);
}

static bool exc_read_sys(struct emu_cpu *cpu, struct exc_sysreg r, uint64_t *v, const char *what)
{
	uc_arm64_cp_reg reg = {
		.op0 = r.op0, .op1 = r.op1, .crn = r.crn, .crm = r.crm, .op2 = r.op2};

	*v = 0;
	if (!emu_uc_ok(cpu, uc_reg_read(cpu->uc, UC_ARM64_REG_CP_REG, &reg), what))
		return false;
	*v = reg.val;
	return true;
}

static bool exc_write_sys(struct emu_cpu *cpu, struct exc_sysreg r, uint64_t v, const char *what)
{
	uc_arm64_cp_reg reg = {
		.op0 = r.op0, .op1 = r.op1, .crn = r.crn, .crm = r.crm, .op2 = r.op2, .val = v};

	return emu_uc_ok(cpu, uc_reg_write(cpu->uc, UC_ARM64_REG_CP_REG, &reg), what);
}

/*
 * Drops the EL1&0 translations the engine cached, and with them its jump cache, after SCTLR_EL1.M
 * changed behind the translator's back. A TLBI written through the register interface runs
 * QEMU's TLB flush alone; uc_ctl_flush_tlb (UC_CTL_TB_FLUSH in unicorn 2.0.1) would throw away
 * every translated block, the one whose block hook is running included, and the engine would
 * go on in freed code (the SIGSEGV of a kernel making its first HVC at EL1 with the MMU on).
 */
static bool exc_flush_el1_tlb(struct emu_cpu *cpu)
{
	return exc_write_sys(cpu, exc_tlbi_alle1, 0, "flushing the EL1&0 TLB");
}

/* PSTATE as an SPSR holds it: unicorn 2.0.1 leaves the upper 32 bits of its read undefined. */
static bool exc_pstate(struct emu_cpu *cpu, uint64_t *pstate)
{
	if (!exc_read(cpu, UC_ARM64_REG_PSTATE, pstate, "reading PSTATE"))
		return false;
	*pstate &= UINT32_MAX;
	return true;
}

/*
 * The EL an exception of this kind taken from cur_el goes to (Arm ARM D1.13.2, "Routing of
 * physical interrupts", and D1.10.1): EL2 when HCR_EL2 routes it there (IMO, FMO, AMO, or TGE
 * for every kind) and EL2 is enabled in the CPU's security state; a guest at EL2 takes
 * everything at EL2. Secure state here has no EL2 (no FEAT_SEL2), so a partition takes
 * everything at S-EL1.
 */
static bool exc_route(struct emu_cpu *cpu, enum emu_exception_kind kind, unsigned cur_el,
		      unsigned *target)
{
	uint64_t hcr, bit;

	if (cur_el >= 2) {
		*target = cur_el;
		return true;
	}
	*target = 1;
	if (cpu->secure)
		return true;
	if (!exc_read_sys(cpu, exc_hcr_el2, &hcr, "reading HCR_EL2"))
		return false;
	switch (kind) {
	case EMU_EXCEPTION_IRQ:
		bit = EXC_HCR_IMO;
		break;
	case EMU_EXCEPTION_FIQ:
		bit = EXC_HCR_FMO;
		break;
	case EMU_EXCEPTION_SERROR:
		bit = EXC_HCR_AMO;
		break;
	default:
		bit = 0;
		break;
	}
	if ((hcr & (bit | EXC_HCR_TGE)) != 0)
		*target = 2;
	return true;
}

/* PSTATE after an entry to el from pstate: ELxh, DAIF set, IL and SS clear (Arm ARM D1.10.2). */
static uint64_t exc_entry_pstate(uint64_t pstate, unsigned el)
{
	return (pstate &
		~(uint64_t)(EXC_PSTATE_M_MASK | EXC_PSTATE_DAIF | EXC_PSTATE_IL | EXC_PSTATE_SS)) |
	       EXC_PSTATE_DAIF | ((uint64_t)el << EXC_PSTATE_EL_SHIFT) | EXC_PSTATE_SP;
}

unsigned emu_cpu_el0_sync_target(struct emu_cpu *cpu)
{
	unsigned target;

	return exc_route(cpu, EMU_EXCEPTION_SYNC, 0, &target) ? target : 0;
}

/* Entry at the EL the guest runs at: registers, SP bank, PSTATE and PC. */
static bool exc_enter_same_el(struct emu_cpu *cpu, const struct emu_exception *ex, unsigned el,
			      uint64_t pstate, uint64_t new_pstate, uint64_t ret, uint64_t vector)
{
	uint64_t live, banked;

	/*
	 * From ELxt the live SP is SP_EL0's value and SP_ELx waits in its bank: swap them, as
	 * unicorn's PSTATE write does not (ERET's helper saves and restores them by PSTATE.SP).
	 */
	if ((pstate & EXC_PSTATE_SP) == 0 &&
	    (!exc_read(cpu, UC_ARM64_REG_SP, &live, "reading SP") ||
	     !exc_read(cpu, exc_sp[el], &banked, "reading SP_ELx") ||
	     !exc_write(cpu, UC_ARM64_REG_SP_EL0, live, "writing SP_EL0") ||
	     !exc_write(cpu, UC_ARM64_REG_SP, banked, "writing SP")))
		return false;
	return exc_write_sys(cpu, exc_spsr[el], pstate, "writing SPSR_ELx") &&
	       exc_write(cpu, exc_elr[el], ret, "writing ELR_ELx") &&
	       (ex->kind == EMU_EXCEPTION_IRQ || ex->kind == EMU_EXCEPTION_FIQ ||
		exc_write(cpu, exc_esr[el], ex->esr, "writing ESR_ELx")) &&
	       (!ex->far_valid || exc_write(cpu, exc_far[el], ex->far, "writing FAR_ELx")) &&
	       exc_write(cpu, UC_ARM64_REG_PSTATE, new_pstate, "writing PSTATE") &&
	       exc_write(cpu, UC_ARM64_REG_PC, vector, "writing PC");
}

/*
 * Entry at a higher EL (EL1 to EL2) through the trampoline's ERET: PSTATE names the target EL
 * so that ERET's helper returns there with SPSR_EL2 = the target PSTATE, to ELR_EL1 (the
 * translator's EL) = the vector. The guest's ELR_EL1, SCTLR_EL1 and HCR_EL2 (M and VM cleared
 * so that the trampoline's page is fetched untranslated by either stage) and the real SPSR_EL2
 * are put back at the next block boundary, before the vector's first instruction.
 */
static bool exc_enter_higher_el(struct emu_cpu *cpu, const struct emu_exception *ex, int sp_bank,
				unsigned el, uint64_t pstate, uint64_t new_pstate, uint64_t ret,
				uint64_t vector)
{
	uint64_t live, target_sp, elr1, sctlr, hcr;

	if (!exc_read(cpu, UC_ARM64_REG_SP, &live, "reading SP") ||
	    !exc_write(cpu, sp_bank, live, "banking SP") ||
	    !exc_read(cpu, exc_sp[el], &target_sp, "reading SP_ELx") ||
	    !exc_write(cpu, UC_ARM64_REG_SP, target_sp, "writing SP") ||
	    !exc_read(cpu, UC_ARM64_REG_ELR_EL1, &elr1, "reading ELR_EL1") ||
	    !exc_read_sys(cpu, exc_sctlr_el1, &sctlr, "reading SCTLR_EL1") ||
	    !exc_read_sys(cpu, exc_hcr_el2, &hcr, "reading HCR_EL2"))
		return false;
	cpu->entry.stage = EMU_ENTRY_TRAMPOLINE;
	cpu->entry.tramp_spsr = pstate;
	cpu->entry.tramp_elr_el1 = elr1;
	cpu->entry.tramp_sctlr_el1 = sctlr;
	cpu->entry.tramp_hcr_el2 = !cpu->secure && (hcr & EXC_HCR_VM) != 0 ? hcr : 0;
	if ((sctlr & EXC_SCTLR_M) != 0 &&
	    (!exc_write_sys(cpu, exc_sctlr_el1, sctlr & ~EXC_SCTLR_M, "writing SCTLR_EL1") ||
	     !exc_flush_el1_tlb(cpu)))
		return false;
	/* unicorn's HCR_EL2 write flushes the TLB itself when VM changes. */
	if (cpu->entry.tramp_hcr_el2 != 0 &&
	    !exc_write_sys(cpu, exc_hcr_el2, hcr & ~EXC_HCR_VM, "writing HCR_EL2"))
		return false;
	if (!exc_write_sys(cpu, exc_spsr[el], new_pstate, "writing SPSR_ELx") ||
	    !exc_write(cpu, UC_ARM64_REG_ELR_EL1, vector, "writing ELR_EL1") ||
	    !exc_write(cpu, exc_elr[el], ret, "writing ELR_ELx") ||
	    (ex->kind != EMU_EXCEPTION_IRQ && ex->kind != EMU_EXCEPTION_FIQ &&
	     !exc_write(cpu, exc_esr[el], ex->esr, "writing ESR_ELx")) ||
	    (ex->far_valid && !exc_write(cpu, exc_far[el], ex->far, "writing FAR_ELx")) ||
	    !exc_write(cpu, UC_ARM64_REG_PSTATE, new_pstate, "writing PSTATE") ||
	    !exc_write(cpu, UC_ARM64_REG_PC, cpu->tramp_addr, "writing PC"))
		return false;
	/* The trampoline's block must not count, and the next one must see the fix-up. */
	cpu->insn_limit = 0;
	return true;
}

/*
 * Entry from EL0 to EL1 or EL2 (non-secure). The engine takes a virtual interrupt the simulator
 * raises to EL1; the first block boundary at EL1 turns it into this exception
 * (emu_cpu_entry_fixup): at EL1, or, for one that goes to EL2, on up through the entry
 * from EL1 to EL2 with EL1's registers as they were before.
 */
static bool exc_enter_from_el0(struct emu_cpu *cpu, const struct emu_exception *ex, unsigned el,
			       uint64_t pstate, uint64_t ret)
{
	bool fiq = ex->kind == EMU_EXCEPTION_FIQ;
	uint64_t mask = fiq ? EXC_PSTATE_F : EXC_PSTATE_I;
	uint64_t hcr, spsr_el1 = 0, elr_el1 = 0;

	if (cpu->secure || cpu->entry.stage != EMU_ENTRY_NONE) {
		emu_cpu_stop(cpu, EMU_STOP_ERROR, EMU_STATUS_INTERNAL,
			     "cannot take an exception from %s EL0 at 0x%llx%s",
			     cpu->secure ? "secure" : "non-secure", (unsigned long long)ret,
			     cpu->secure ? ": only the normal world's EL0 has a virtual interrupt "
					   "to borrow (docs/guest-abi.md)"
					 : " while another entry is under way");
		return false;
	}
	if (!exc_read_sys(cpu, exc_hcr_el2, &hcr, "reading HCR_EL2") ||
	    (el == 2 && (!exc_read_sys(cpu, exc_spsr[1], &spsr_el1, "reading SPSR_EL1") ||
			 !exc_read(cpu, exc_elr[1], &elr_el1, "reading ELR_EL1"))))
		return false;
	cpu->entry = (struct emu_entry){.stage = EMU_ENTRY_FROM_EL0,
					.kind = ex->kind,
					.target_el = el,
					.hcr = hcr,
					.spsr = pstate,
					.elr = ret,
					.esr = ex->esr,
					.far = ex->far,
					.far_valid = ex->far_valid,
					.spsr_el1 = spsr_el1,
					.elr_el1 = elr_el1,
					.hpfar = ex->hpfar,
					.hpfar_valid = ex->hpfar_valid};
	/* The virtual interrupt must not be masked: the entry sets the mask bits again. */
	if ((pstate & mask) != 0 &&
	    !exc_write(cpu, UC_ARM64_REG_PSTATE, pstate & ~mask, "writing PSTATE"))
		return false;
	if (!exc_write_sys(cpu, exc_hcr_el2,
			   (hcr & ~EXC_HCR_TGE) |
				   (fiq ? EXC_HCR_VF | EXC_HCR_FMO : EXC_HCR_VI | EXC_HCR_IMO),
			   "writing HCR_EL2"))
		return false;
	/*
	 * unicorn's cpu_interrupt only records the line: the engine looks at it when execution
	 * leaves its chain of blocks, which the interrupt hook (a synchronous exception) does and
	 * a block boundary does not. There, writing PC (the block's own address) makes it leave.
	 * The next block boundary (the vector's) completes the entry.
	 */
	if (cpu->at_boundary && !exc_write(cpu, UC_ARM64_REG_PC, ret, "writing PC"))
		return false;
	emu_cpu_attention(cpu);
	return true;
}

/*
 * The second half of an entry from EL0 to EL2: the engine's entry at EL1 is undone (SPSR_EL1
 * and ELR_EL1 as they were; SP_EL0 kept EL0's stack pointer, SP_EL1 is live and goes back to
 * its bank) and the exception is taken from EL1 to EL2 as from EL0: SPSR_EL2 = EL0's PSTATE,
 * ELR_EL2 = its return address, ESR_EL2, FAR_EL2 and HPFAR_EL2 (the engine writes its own when
 * fetching EL1's vector faults at stage 2 on the way), and the vector for a lower EL, VBAR_EL2 +
 * 0x400 plus the kind's offset. The entry goes on through the trampoline.
 */
static bool exc_from_el0_on_to_el2(struct emu_cpu *cpu, const struct emu_entry *e)
{
	struct emu_exception ex = {
		.kind = e->kind, .esr = e->esr, .far = e->far, .far_valid = e->far_valid};
	uint64_t vbar;

	if (!exc_write_sys(cpu, exc_spsr[1], e->spsr_el1, "writing SPSR_EL1") ||
	    !exc_write(cpu, exc_elr[1], e->elr_el1, "writing ELR_EL1") ||
	    (e->hpfar_valid && !exc_write_sys(cpu, exc_hpfar_el2, e->hpfar, "writing HPFAR_EL2")) ||
	    !exc_read(cpu, exc_vbar[2], &vbar, "reading VBAR_EL2") ||
	    !exc_enter_higher_el(
		    cpu, &ex, exc_sp[1], 2, e->spsr, exc_entry_pstate(e->spsr, 2), e->elr,
		    vbar + EXC_VECTOR_LOWER_A64 + (uint64_t)e->kind * EXC_VECTOR_STRIDE))
		return false;
	cpu->at_boundary = false;
	return true;
}

/* The engine took the entry from EL0 to EL1 (EMU_ENTRY_FROM_EL0): makes it the exception's. */
static bool exc_finish_from_el0(struct emu_cpu *cpu, const struct emu_entry *e, uint64_t addr,
				bool *skip)
{
	uint64_t pstate, vbar;

	if (!exc_pstate(cpu, &pstate) ||
	    !exc_write_sys(cpu, exc_hcr_el2, e->hcr, "writing HCR_EL2"))
		return false;
	if (((pstate >> EXC_PSTATE_EL_SHIFT) & 3u) != 1) {
		emu_cpu_stop(cpu, EMU_STOP_ERROR, EMU_STATUS_INTERNAL,
			     "the engine did not take the entry from EL0 at 0x%llx (at 0x%llx, "
			     "PSTATE 0x%llx)",
			     (unsigned long long)e->elr, (unsigned long long)addr,
			     (unsigned long long)pstate);
		return false;
	}
	if (e->target_el == 2) {
		*skip = true;
		return exc_from_el0_on_to_el2(cpu, e);
	}
	if (!exc_write_sys(cpu, exc_spsr[1], e->spsr, "writing SPSR_EL1") ||
	    !exc_write(cpu, exc_elr[1], e->elr, "writing ELR_EL1") ||
	    (e->far_valid && !exc_write(cpu, exc_far[1], e->far, "writing FAR_EL1")))
		return false;
	if (e->kind == EMU_EXCEPTION_IRQ || e->kind == EMU_EXCEPTION_FIQ)
		return true; /* the engine's entry went to this vector already */
	*skip = true;
	return exc_write(cpu, exc_esr[1], e->esr, "writing ESR_EL1") &&
	       exc_read(cpu, exc_vbar[1], &vbar, "reading VBAR_EL1") &&
	       exc_write(cpu, UC_ARM64_REG_PC,
			 vbar + EXC_VECTOR_LOWER_A64 + (uint64_t)e->kind * EXC_VECTOR_STRIDE,
			 "writing PC");
}

/* The trampoline's ERET reached the vector (EMU_ENTRY_TRAMPOLINE): puts back what it borrowed. */
static bool exc_finish_trampoline(struct emu_cpu *cpu, const struct emu_entry *e)
{
	if (!exc_write_sys(cpu, exc_spsr[2], e->tramp_spsr, "writing SPSR_EL2") ||
	    !exc_write(cpu, UC_ARM64_REG_ELR_EL1, e->tramp_elr_el1, "writing ELR_EL1") ||
	    (e->tramp_hcr_el2 != 0 &&
	     !exc_write_sys(cpu, exc_hcr_el2, e->tramp_hcr_el2, "writing HCR_EL2")))
		return false;
	if ((e->tramp_sctlr_el1 & EXC_SCTLR_M) == 0)
		return true;
	return exc_write_sys(cpu, exc_sctlr_el1, e->tramp_sctlr_el1, "writing SCTLR_EL1") &&
	       exc_flush_el1_tlb(cpu);
}

bool emu_cpu_entry_fixup(struct emu_cpu *cpu, uint64_t addr, bool *skip)
{
	struct emu_entry e = cpu->entry;

	*skip = false;
	switch (e.stage) {
	case EMU_ENTRY_NONE:
		return true;
	case EMU_ENTRY_TRAMPOLINE:
		if (addr == cpu->tramp_addr) {
			*skip = true; /* the trampoline's ERET is not the guest's */
			return true;
		}
		cpu->entry.stage = EMU_ENTRY_NONE;
		return exc_finish_trampoline(cpu, &e);
	case EMU_ENTRY_FROM_EL0:
		/* An entry on to EL2 sets the trampoline's stage again. */
		cpu->entry.stage = EMU_ENTRY_NONE;
		return exc_finish_from_el0(cpu, &e, addr, skip);
	}
	return true;
}

/* Counts an exception taken, and charges an interrupt's cost. */
static bool exc_taken(struct emu_cpu *cpu, const struct emu_exception *ex)
{
	cpu->exceptions_taken++;
	/* The cycle model's cost of taking an interrupt (docs/observability.md; 0 by default). */
	if ((ex->kind == EMU_EXCEPTION_IRQ || ex->kind == EMU_EXCEPTION_FIQ) &&
	    cpu->platform != NULL)
		emu_pe_advance(cpu->pe, cpu->platform->costs.interrupt);
	return true;
}

bool emu_cpu_take_exception(struct emu_cpu *cpu, const struct emu_exception *ex)
{
	uint64_t pstate, pc, vbar, ret, new_pstate, vector;
	unsigned cur, el;

	if (!exc_pstate(cpu, &pstate))
		return false;
	/* At a block boundary PC may be stale (emu_cpu_pc): the preferred return address is the
	 * block the interrupt preempts. */
	pc = emu_cpu_pc(cpu);
	cur = (unsigned)(pstate >> EXC_PSTATE_EL_SHIFT) & 3u;
	el = ex->target_el;
	if (el == 0 && !exc_route(cpu, ex->kind, cur, &el))
		return false;
	if (el < cur || el > 2 || el == 0) {
		emu_cpu_stop(cpu, EMU_STOP_ERROR, EMU_STATUS_INTERNAL,
			     "cannot take an exception from EL%u to EL%u", cur, el);
		return false;
	}
	ret = ex->return_here ? pc : ex->return_pc;
	/*
	 * An entry from EL0 the engine has taken to EL1 but no block boundary has completed yet:
	 * fetching the EL1 vector itself faulted (a stage-2 abort to EL2 while the guest's
	 * hypervisor maps the host's memory on demand, as pKVM does). The entry is completed
	 * first, so that the exception returns to the vector the entry meant, with the EL1
	 * registers it wrote.
	 */
	if (cpu->entry.stage == EMU_ENTRY_FROM_EL0 && cur == 1) {
		bool skip;

		/* Bound for EL2: the EL1 vector was never the exception's, nor is its fault. */
		if (cpu->entry.target_el == 2)
			return emu_cpu_entry_fixup(cpu, pc, &skip);
		if (!emu_cpu_entry_fixup(cpu, pc, &skip))
			return false;
		if (skip && !exc_read(cpu, UC_ARM64_REG_PC, &ret, "reading PC"))
			return false;
	}
	if (ex->hpfar_valid && !exc_write_sys(cpu, exc_hpfar_el2, ex->hpfar, "writing HPFAR_EL2"))
		return false;
	if (cur == 0) {
		if (!exc_enter_from_el0(cpu, ex, el, pstate, ret))
			return false;
		return exc_taken(cpu, ex);
	}
	if (!exc_read(cpu, exc_vbar[el], &vbar, "reading VBAR_ELx"))
		return false;
	new_pstate = exc_entry_pstate(pstate, el);
	vector = vbar + (uint64_t)ex->kind * EXC_VECTOR_STRIDE;
	if (el > cur)
		vector += EXC_VECTOR_LOWER_A64;
	else if ((pstate & EXC_PSTATE_SP) != 0)
		vector += EXC_VECTOR_CURRENT_SPX;
	else
		vector += EXC_VECTOR_CURRENT_SP0;
	if (el == cur ? !exc_enter_same_el(cpu, ex, el, pstate, new_pstate, ret, vector)
		      : !exc_enter_higher_el(cpu, ex,
					     (pstate & EXC_PSTATE_SP) != 0 ? exc_sp[cur]
									   : UC_ARM64_REG_SP_EL0,
					     el, pstate, new_pstate, ret, vector))
		return false;
	cpu->at_boundary = false; /* PC is the vector's now */
	return exc_taken(cpu, ex);
}

bool emu_cpu_has_vectors(const struct emu_cpu *const_cpu, unsigned el)
{
	/* The reads record an internal error in the CPU's stop, its run's outcome. */
	struct emu_cpu *cpu = (struct emu_cpu *)const_cpu;
	uint64_t vbar;

	if (el == 0)
		el = emu_cpu_current_el(cpu);
	if (el < 1 || el > 2)
		return false;
	return exc_read(cpu, exc_vbar[el], &vbar, "reading VBAR_ELx") && vbar != 0;
}

/* The physical IRQ or FIQ the GIC asserts to the CPU's PE, taken into the guest's vectors. */
static enum emu_irq_state exc_physical(struct emu_cpu *cpu)
{
	static const enum emu_exception_kind kinds[2] = {EMU_EXCEPTION_FIQ, EMU_EXCEPTION_IRQ};
	static const unsigned signal_bits[2] = {EMU_GIC_FIQ, EMU_GIC_IRQ};
	static const uint64_t mask_bits[2] = {EXC_PSTATE_F, EXC_PSTATE_I};
	struct emu_pe *pe = cpu->pe;
	enum emu_irq_state state = EMU_IRQ_NONE;
	uint64_t pstate;
	unsigned signals, cur, el;

	signals = emu_gic_signals(pe->gic, pe->index, cpu->secure);
	if (!cpu->secure && cpu->el3_fiq.fn != NULL && (signals & EMU_GIC_FIQ) != 0) {
		/*
		 * A FIQ to a non-secure PE is a secure interrupt: SCR_EL3.FIQ takes it to EL3
		 * whatever PSTATE.F says (Arm ARM D1.13.3), and the guest never sees it.
		 */
		cpu->el3_fiq.fn(cpu->el3_fiq.ctx, cpu);
		if (cpu->stop.kind != EMU_STOP_NONE)
			return EMU_IRQ_NONE;
		signals = emu_gic_signals(pe->gic, pe->index, cpu->secure) & ~EMU_GIC_FIQ;
	}
	if (signals == 0)
		return EMU_IRQ_NONE;
	if (!exc_pstate(cpu, &pstate))
		return EMU_IRQ_NONE;
	cur = (unsigned)(pstate >> EXC_PSTATE_EL_SHIFT) & 3u;
	/* FIQ first, as QEMU's Arm CPU does when both are asserted. */
	for (unsigned i = 0; i < 2; i++) {
		struct emu_exception ex = {.kind = kinds[i], .return_here = true};

		if ((signals & signal_bits[i]) == 0)
			continue;
		if (!exc_route(cpu, kinds[i], cur, &el))
			return EMU_IRQ_NONE;
		/*
		 * Arm ARM D1.13.3: an interrupt routed to a lower EL than the current one is not
		 * taken; one routed to EL2 from below is taken whatever PSTATE says; at the same
		 * EL, or to EL1 from EL0, PSTATE.I / PSTATE.F mask it.
		 */
		if (el < cur ||
		    ((el == cur || (cur == 0 && el == 1)) && (pstate & mask_bits[i]) != 0)) {
			state = EMU_IRQ_MASKED;
			continue;
		}
		ex.target_el = el;
		return emu_cpu_take_exception(cpu, &ex) ? EMU_IRQ_TAKEN : EMU_IRQ_NONE;
	}
	return state;
}

/*
 * The virtual IRQ or FIQ line an SPMC asserted (emu_cpu_set_virtual_lines), taken at the EL the
 * guest runs at when PSTATE.F / PSTATE.I let it through, FIQ first (Arm ARM D1.13.4: a virtual
 * interrupt is taken at EL1, masked there by PSTATE). At EL0 it stays pending: a partition at
 * S-EL0 has no vectors, and unicorn cannot raise the EL from EL0.
 */
static enum emu_irq_state exc_virtual(struct emu_cpu *cpu)
{
	uint64_t pstate;
	unsigned cur;
	struct emu_exception ex = {.return_here = true};

	if (!exc_pstate(cpu, &pstate))
		return EMU_IRQ_NONE;
	cur = (unsigned)(pstate >> EXC_PSTATE_EL_SHIFT) & 3u;
	if (cur == 0)
		return EMU_IRQ_MASKED;
	if (cpu->vfiq && (pstate & EXC_PSTATE_F) == 0)
		ex.kind = EMU_EXCEPTION_FIQ;
	else if (cpu->virq && (pstate & EXC_PSTATE_I) == 0)
		ex.kind = EMU_EXCEPTION_IRQ;
	else
		return EMU_IRQ_MASKED;
	ex.target_el = cur;
	return emu_cpu_take_exception(cpu, &ex) ? EMU_IRQ_TAKEN : EMU_IRQ_NONE;
}

/*
 * A partition's engine: the physical interrupt pending on its PE that its mode lets stop it
 * (the SPMC takes it). True when it stopped. A secure one after emu_cpu_defer_secure waits
 * for the next boundary.
 */
static bool exc_stop_for(struct emu_cpu *cpu)
{
	struct emu_pe *pe = cpu->pe;
	bool deferred = cpu->secure_deferred;
	unsigned intid;

	cpu->secure_deferred = false;
	if (cpu->phys_irq != EMU_PHYS_IRQ_STOP_SECURE) {
		intid = emu_gic_ns_pending(pe->gic, pe->index);
		if (intid != EMU_GIC_SPURIOUS) {
			emu_cpu_stop(cpu, EMU_STOP_INTERRUPT, 0,
				     "non-secure interrupt %u pending on CPU %u", intid, pe->index);
			return true;
		}
	}
	if (cpu->phys_irq == EMU_PHYS_IRQ_STOP_NS || deferred)
		return false;
	intid = emu_gic_secure_pending(pe->gic, pe->index);
	if (intid == EMU_GIC_SPURIOUS)
		return false;
	emu_cpu_stop(cpu, EMU_STOP_INTERRUPT, 0, "secure interrupt %u pending on CPU %u", intid,
		     pe->index);
	return true;
}

enum emu_irq_state emu_cpu_interrupts(struct emu_cpu *cpu)
{
	struct emu_pe *pe = cpu->pe;
	enum emu_irq_state state = EMU_IRQ_NONE;

	if (pe->gic != NULL) {
		switch (cpu->phys_irq) {
		case EMU_PHYS_IRQ_TAKE:
			state = exc_physical(cpu);
			if (state == EMU_IRQ_TAKEN)
				return state;
			break;
		case EMU_PHYS_IRQ_STOP_NS:
		case EMU_PHYS_IRQ_STOP_ALL:
		case EMU_PHYS_IRQ_STOP_SECURE:
			if (exc_stop_for(cpu))
				return EMU_IRQ_NONE;
			break;
		case EMU_PHYS_IRQ_IGNORE:
			break;
		}
	}
	if (!cpu->virq && !cpu->vfiq)
		return state;
	return exc_virtual(cpu);
}

bool emu_cpu_check_interrupts(struct emu_cpu *cpu)
{
	return emu_cpu_interrupts(cpu) == EMU_IRQ_TAKEN;
}
