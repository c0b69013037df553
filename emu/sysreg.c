/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * System registers the simulator serves itself (docs/guest-abi.md lists them):
 * - CNTVCT_EL0 / CNTPCT_EL0 from virtual time: one instruction is one nanosecond, so a run's
 *   counter values are the same every time (a loop that only waits on them is fast-forwarded,
 *   emu/idle.c); CNTFRQ_EL0 from the platform;
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
#define SYSREG_ID_AA64PFR0_EL1 SYSREG_KEY(3, 0, 0, 4, 0)
/* ID_AA64PFR0_EL1.GIC, bits [27:24]: 1 when the GICv3 system-register interface exists. */
#define SYSREG_PFR0_GIC_SHIFT 24
#define SYSREG_PFR0_GIC_MASK (UINT64_C(0xf) << SYSREG_PFR0_GIC_SHIFT)
/*
 * A hook's non-zero return: the access is ours and the instruction is skipped. For a register
 * unicorn 2.0.1 knows (the counters, CNTFRQ_EL0, MPIDR_EL1) the translated block goes on
 * after it, so the block hook's count of the block stays right.
 */
#define SYSREG_HANDLED 1u
/* Nominal rate of virtual time: one instruction per nanosecond. */
#define SYSREG_VIRTUAL_HZ 1000000000ull

uint64_t emu_sysreg_counter(const struct emu_cpu *cpu, uint64_t n)
{
	unsigned __int128 ticks;

	ticks = (unsigned __int128)(n - EMU_TRAMPOLINE_INSNS) * cpu->platform->cntfrq_hz;
	return (uint64_t)(ticks / SYSREG_VIRTUAL_HZ);
}

/*
 * A counter read at pc: the count there (block-relative: the block hook counted the block
 * whole when it started), moved on by whole passes when the read waits in a loop the idle
 * fast-forward skips; the block's count moves on with it.
 */
static uint64_t sysreg_read_counter(struct emu_cpu *cpu, uint64_t pc)
{
	uint64_t n = emu_cpu_insns_at(cpu, pc), at = n;

	if (!cpu->no_idle_skip)
		at = emu_idle_skip(cpu, pc, n);
	cpu->insns += at - n;
	cpu->block_insns += at - n;
	return emu_sysreg_counter(cpu, at);
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

	switch (key) {
	case SYSREG_CNTFRQ_EL0:
		value = cpu->platform->cntfrq_hz;
		break;
	case SYSREG_CNTPCT_EL0:
	case SYSREG_CNTVCT_EL0:
		if (!emu_uc_ok(cpu, uc_reg_read(uc, UC_ARM64_REG_PC, &pc), "reading PC at an MRS"))
			return 0;
		value = sysreg_read_counter(cpu, pc);
		break;
	case SYSREG_MPIDR_EL1:
		/* Each CPU its own: the MPIDR of the PE the engine runs on. */
		value = emu_cpu_pe(cpu)->mpidr;
		break;
	case SYSREG_ID_AA64PFR0_EL1:
		value = emu_cpu_read_sysreg(cpu, 3, 0, 0, 4, 0) & ~SYSREG_PFR0_GIC_MASK;
		if (cpu->gic_port.gic != NULL && cpu->gic_port.gic->desc.version == 3)
			value |= UINT64_C(1) << SYSREG_PFR0_GIC_SHIFT;
		break;
	default:
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

	(void)uc;
	(void)reg;
	if (!emu_gic_is_icc(key))
		return 0;
	if (emu_gic_sysreg_write(cpu->gic_port.gic, sysreg_icc_access(cpu), key, cp->val) !=
	    EMU_GIC_SYSREG_DONE)
		return sysreg_icc_undefined(cpu, "MSR", key);
	return sysreg_icc_done(cpu);
}

bool emu_sysreg_install(struct emu_cpu *cpu, struct diag *err)
{
	return emu_cpu_hook_add(cpu, UC_HOOK_INSN, (void *)sysreg_mrs, UC_ARM64_INS_MRS, "MRS",
				err) &&
	       emu_cpu_hook_add(cpu, UC_HOOK_INSN, (void *)sysreg_msr, UC_ARM64_INS_MSR, "MSR",
				err);
}
