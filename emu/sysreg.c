/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * System registers the simulator serves itself (docs/guest-abi.md lists them):
 * - CNTVCT_EL0 / CNTPCT_EL0 from the PE's virtual clock: one instruction is one nanosecond, so
 *   a run's counter values are the same every time (a loop that only waits on them is
 *   fast-forwarded, emu/idle.c); CNTFRQ_EL0 from the platform; CNTVOFF_EL2;
 * - the generic timers' CTL, CVAL and TVAL (CNTP, CNTV, CNTHP, CNTPS), served by emu/timer.c;
 * - MPIDR_EL1 from the platform;
 * - ID_AA64PFR0_EL1 as unicorn's Cortex-A72 has it but for its GIC field: 1 with a GICv3
 *   model, 0 otherwise, as QEMU sets it for the GIC the machine has;
 * - the GIC CPU interface's system registers (ICC_*) from the GIC model (emu/gic_icc.c), for
 *   this CPU's PE, security state and exception level; UNDEFINED ones (every ICC register
 *   with a GICv2 or without a GIC, as on QEMU's Cortex-A72) fault as undefined instructions.
 * Every other system register is unicorn's own.
 */
#include <string.h>

#include "emu/gic.h"
#include "emu/internal.h"

/* System register encodings as op0, op1, CRn, CRm, op2 packed by EMU_SYSREG_KEY. */
#define SYSREG_KEY EMU_SYSREG_KEY

#define SYSREG_CNTFRQ_EL0 SYSREG_KEY(3, 3, 14, 0, 0)
#define SYSREG_CNTPCT_EL0 SYSREG_KEY(3, 3, 14, 0, 1)
#define SYSREG_CNTVCT_EL0 SYSREG_KEY(3, 3, 14, 0, 2)
#define SYSREG_MPIDR_EL1 SYSREG_KEY(3, 0, 0, 0, 5)
#define SYSREG_CNTVOFF_EL2 SYSREG_KEY(3, 4, 14, 0, 3)
/* The timer registers: CRn 14, op2 0 TVAL, 1 CTL, 2 CVAL (Arm ARM D13.8). */
#define SYSREG_CNTP_EL0 SYSREG_KEY(3, 3, 14, 2, 0)
#define SYSREG_CNTV_EL0 SYSREG_KEY(3, 3, 14, 3, 0)
#define SYSREG_CNTHP_EL2 SYSREG_KEY(3, 4, 14, 2, 0)
#define SYSREG_CNTPS_EL1 SYSREG_KEY(3, 7, 14, 2, 0)
#define SYSREG_ID_AA64PFR0_EL1 SYSREG_KEY(3, 0, 0, 4, 0)
/* What selects the translation: SCTLR_ELx, TTBR0/TTBR1_ELx, TCR_ELx (Arm ARM D17.2). */
#define SYSREG_SCTLR_EL1 SYSREG_KEY(3, 0, 1, 0, 0)
#define SYSREG_TTBR0_EL1 SYSREG_KEY(3, 0, 2, 0, 0)
#define SYSREG_TTBR1_EL1 SYSREG_KEY(3, 0, 2, 0, 1)
#define SYSREG_TCR_EL1 SYSREG_KEY(3, 0, 2, 0, 2)
#define SYSREG_SCTLR_EL2 SYSREG_KEY(3, 4, 1, 0, 0)
#define SYSREG_TTBR0_EL2 SYSREG_KEY(3, 4, 2, 0, 0)
#define SYSREG_TCR_EL2 SYSREG_KEY(3, 4, 2, 0, 2)
/* TLBI is SYS with op0 1 and CRn 8 (Arm ARM C5.5). */
#define SYSREG_SYS_OP0 1u
#define SYSREG_TLBI_CRN 8u
/* ID_AA64PFR0_EL1.GIC, bits [27:24]: 1 when the GICv3 system-register interface exists. */
#define SYSREG_PFR0_GIC_SHIFT 24
#define SYSREG_PFR0_GIC_MASK (UINT64_C(0xf) << SYSREG_PFR0_GIC_SHIFT)
/*
 * A hook's non-zero return: the access is ours and the instruction is skipped. For a register
 * unicorn 2.0.1 knows (the counters, CNTFRQ_EL0, MPIDR_EL1) the translated block goes on
 * after it, so the block hook's count of the block stays right.
 */
#define SYSREG_HANDLED 1u

uint64_t emu_sysreg_counter(const struct emu_cpu *cpu, uint64_t n)
{
	return emu_pe_count_at(cpu->pe, emu_cpu_clock_at(cpu, n));
}

/*
 * Which timer register key names: true with *t and *reg for CNTx_TVAL/CTL/CVAL of the four
 * timers.
 */
static bool sysreg_timer(uint32_t key, enum emu_timer_kind *t, enum emu_timer_reg *reg)
{
	static const enum emu_timer_reg regs[3] = {EMU_TIMER_REG_TVAL, EMU_TIMER_REG_CTL,
						   EMU_TIMER_REG_CVAL};
	uint32_t base = key & ~(uint32_t)0xf;

	if ((key & 0xf) > 2)
		return false;
	switch (base) {
	case SYSREG_CNTP_EL0:
		*t = EMU_TIMER_PHYS;
		break;
	case SYSREG_CNTV_EL0:
		*t = EMU_TIMER_VIRT;
		break;
	case SYSREG_CNTHP_EL2:
		*t = EMU_TIMER_HYP;
		break;
	case SYSREG_CNTPS_EL1:
		*t = EMU_TIMER_SECURE;
		break;
	default:
		return false;
	}
	*reg = regs[key & 0xf];
	return true;
}

/*
 * A counter read at pc: the count there (block-relative: the block hook counted the block
 * whole when it started), moved on by whole passes when the read waits in a loop the idle
 * fast-forward skips; the block's count moves on with it.
 */
static uint64_t sysreg_read_counter(struct emu_cpu *cpu, uint64_t pc, bool virt)
{
	uint64_t n = emu_cpu_insns_at(cpu, pc), at = n;
	uint64_t voff = virt ? cpu->pe->cntvoff : 0;

	/* The fast-forward compares physical counts: with a virtual offset it stays out. */
	if (!cpu->no_idle_skip && voff == 0)
		at = emu_idle_skip(cpu, pc, n);
	cpu->insns += at - n;
	cpu->block_insns += at - n;
	return emu_sysreg_counter(cpu, at) - voff;
}

/* The PC of the MRS or MSR a hook runs for; false (the CPU stopped) when unreadable. */
static bool sysreg_pc(struct emu_cpu *cpu, uint64_t *pc)
{
	return emu_uc_ok(cpu, uc_reg_read(cpu->uc, UC_ARM64_REG_PC, pc), "reading PC at an MRS");
}

/*
 * An ICC register access: unicorn 2.0.1 has no GIC CPU interface and ends the block at it, so
 * PC is moved past it here and the count restarts from the exact figure (the next block, at
 * pc + 4, is counted by the block hook).
 */
static uint32_t sysreg_icc_done(struct emu_cpu *cpu)
{
	uint64_t pc, next;

	if (!emu_uc_ok(cpu, uc_reg_read(cpu->uc, UC_ARM64_REG_PC, &pc),
		       "reading PC at an ICC register access"))
		return 0;
	next = pc + 4;
	cpu->insns = emu_cpu_insns_at(cpu, pc) + 1;
	emu_uc_ok(cpu, uc_reg_write(cpu->uc, UC_ARM64_REG_PC, &next),
		  "writing PC after an ICC register access");
	return SYSREG_HANDLED;
}

/* Who makes an ICC access: this CPU's PE and security state, and its exception level now. */
static struct emu_gic_access sysreg_icc_access(struct emu_cpu *cpu)
{
	struct emu_gic_access at = {cpu->gic_port.pe, cpu->gic_port.secure, 0};
	uint64_t pstate = 0;

	if (emu_uc_ok(cpu, uc_reg_read(cpu->uc, UC_ARM64_REG_PSTATE, &pstate), "reading PSTATE"))
		at.el = (unsigned)((pstate >> 2) & 3u);
	return at;
}

/*
 * An ICC access the GIC model refuses: the undefined-instruction fault unicorn would report for
 * a system register it does not know.
 */
static uint32_t sysreg_icc_undefined(struct emu_cpu *cpu, const char *op, uint32_t key)
{
	uint64_t pc = 0;

	emu_uc_ok(cpu, uc_reg_read(cpu->uc, UC_ARM64_REG_PC, &pc), "reading PC at an ICC access");
	emu_cpu_fault(cpu, EMU_FAULT_UNDEFINED, pc,
		      "undefined instruction: %s of GIC register S%u_%u_C%u_C%u_%u, which %s", op,
		      key >> 16, (key >> 12) & 0xfu, (key >> 8) & 0xfu, (key >> 4) & 0xfu,
		      key & 0xfu,
		      cpu->gic_port.gic == NULL ? "does not exist without a GICv3"
		      : cpu->gic_port.gic->desc.version == 2
			      ? "a GICv2 does not have (no system-register interface)"
			      : "is not accessible here");
	return SYSREG_HANDLED;
}

static uint32_t sysreg_mrs(uc_engine *uc, uc_arm64_reg reg, const uc_arm64_cp_reg *cp, void *user)
{
	struct emu_cpu *cpu = user;
	uint32_t key = SYSREG_KEY(cp->op0, cp->op1, cp->crn, cp->crm, cp->op2);
	uint64_t pc, value;
	bool icc = false;
	enum emu_timer_kind timer;
	enum emu_timer_reg treg;

	switch (key) {
	case SYSREG_CNTFRQ_EL0:
		value = cpu->platform->cntfrq_hz;
		break;
	case SYSREG_CNTPCT_EL0:
	case SYSREG_CNTVCT_EL0:
		if (!sysreg_pc(cpu, &pc))
			return 0;
		value = sysreg_read_counter(cpu, pc, key == SYSREG_CNTVCT_EL0);
		break;
	case SYSREG_CNTVOFF_EL2:
		value = cpu->pe->cntvoff;
		break;
	case SYSREG_MPIDR_EL1:
		value = cpu->pe->mpidr;
		break;
	case SYSREG_ID_AA64PFR0_EL1:
		value = emu_cpu_read_sysreg(cpu, 3, 0, 0, 4, 0) & ~SYSREG_PFR0_GIC_MASK;
		if (cpu->gic_port.gic != NULL && cpu->gic_port.gic->desc.version == 3)
			value |= UINT64_C(1) << SYSREG_PFR0_GIC_SHIFT;
		break;
	default:
		if (sysreg_timer(key, &timer, &treg)) {
			if (!sysreg_pc(cpu, &pc))
				return 0;
			value = emu_timer_read(cpu->pe, timer, treg, emu_cpu_now_at(cpu, pc));
			break;
		}
		if (!emu_gic_is_icc(key))
			return 0; /* unicorn's own register */
		if (emu_gic_sysreg_read(cpu->gic_port.gic, sysreg_icc_access(cpu), key, &value) !=
		    EMU_GIC_SYSREG_DONE)
			return sysreg_icc_undefined(cpu, "MRS", key);
		icc = true;
		break;
	}
	/* reg is the destination; XZR (x31) discards. */
	if (reg != UC_ARM64_REG_INVALID &&
	    !emu_uc_ok(cpu, uc_reg_write(uc, reg, &value), "writing an MRS destination register"))
		return 0;
	return icc ? sysreg_icc_done(cpu) : SYSREG_HANDLED;
}

static uint32_t sysreg_msr(uc_engine *uc, uc_arm64_reg reg, const uc_arm64_cp_reg *cp, void *user)
{
	struct emu_cpu *cpu = user;
	uint32_t key = SYSREG_KEY(cp->op0, cp->op1, cp->crn, cp->crm, cp->op2);
	enum emu_timer_kind timer;
	enum emu_timer_reg treg;
	uint64_t pc;

	(void)uc;
	(void)reg;
	if (sysreg_timer(key, &timer, &treg) || key == SYSREG_CNTVOFF_EL2) {
		if (!sysreg_pc(cpu, &pc))
			return 0;
		if (key == SYSREG_CNTVOFF_EL2) {
			cpu->pe->cntvoff = cp->val;
			emu_pe_update(cpu->pe, emu_cpu_now_at(cpu, pc));
		} else {
			emu_timer_write(cpu->pe, timer, treg, cp->val, emu_cpu_now_at(cpu, pc));
		}
		return SYSREG_HANDLED;
	}
	switch (key) {
	case SYSREG_SCTLR_EL1:
	case SYSREG_TTBR0_EL1:
	case SYSREG_TTBR1_EL1:
	case SYSREG_TCR_EL1:
	case SYSREG_SCTLR_EL2:
	case SYSREG_TTBR0_EL2:
	case SYSREG_TCR_EL2:
		/* Another address space: page aliases go; unicorn writes the register. */
		emu_mmu_tlb_maintenance(cpu);
		return 0;
	default:
		break;
	}
	if (!emu_gic_is_icc(key))
		return 0;
	if (emu_gic_sysreg_write(cpu->gic_port.gic, sysreg_icc_access(cpu), key, cp->val) !=
	    EMU_GIC_SYSREG_DONE)
		return sysreg_icc_undefined(cpu, "MSR", key);
	return sysreg_icc_done(cpu);
}

/*
 * SYS instructions: a TLBI drops the page aliases (emu/mmu.c) that may show a page the tables no
 * longer map there; unicorn then performs it on its own TLB. DC, IC and AT go on untouched.
 */
static uint32_t sysreg_sys(uc_engine *uc, uc_arm64_reg reg, const uc_arm64_cp_reg *cp, void *user)
{
	struct emu_cpu *cpu = user;

	(void)uc;
	(void)reg;
	if (cp->op0 == SYSREG_SYS_OP0 && cp->crn == SYSREG_TLBI_CRN)
		emu_mmu_tlb_maintenance(cpu);
	return 0;
}

bool emu_sysreg_install(struct emu_cpu *cpu, struct diag *err)
{
	if (!emu_cpu_hook_add(cpu, UC_HOOK_INSN, (void *)sysreg_sys, UC_ARM64_INS_SYS, "SYS", err))
		return false;
	return emu_cpu_hook_add(cpu, UC_HOOK_INSN, (void *)sysreg_mrs, UC_ARM64_INS_MRS, "MRS",
				err) &&
	       emu_cpu_hook_add(cpu, UC_HOOK_INSN, (void *)sysreg_msr, UC_ARM64_INS_MSR, "MSR",
				err);
}
