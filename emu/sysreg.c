/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * System registers the simulator serves itself (docs/guest-abi.md lists them):
 * - CNTVCT_EL0 / CNTPCT_EL0 from virtual time: one instruction is one nanosecond, so a run's
 *   counter values are the same every time (a loop that only waits on them is fast-forwarded,
 *   emu/idle.c); CNTFRQ_EL0 from the platform;
 * - MPIDR_EL1 from the platform;
 * - the GICv3 CPU interface (ICC_*) reads as idle: no interrupt pending (INTID 1023), running
 *   priority idle, and writes are kept and read back.
 * Every other system register is unicorn's own.
 */
#include <string.h>

#include "emu/internal.h"

/* System register encodings as op0, op1, CRn, CRm, op2 packed by SYSREG_KEY. */
#define SYSREG_KEY(op0, op1, crn, crm, op2)                                                        \
	(((uint32_t)(op0) << 16) | ((uint32_t)(op1) << 12) | ((uint32_t)(crn) << 8) |              \
	 ((uint32_t)(crm) << 4) | (uint32_t)(op2))

#define SYSREG_CNTFRQ_EL0 SYSREG_KEY(3, 3, 14, 0, 0)
#define SYSREG_CNTPCT_EL0 SYSREG_KEY(3, 3, 14, 0, 1)
#define SYSREG_CNTVCT_EL0 SYSREG_KEY(3, 3, 14, 0, 2)
#define SYSREG_MPIDR_EL1 SYSREG_KEY(3, 0, 0, 0, 5)
#define SYSREG_ICC_PMR_EL1 SYSREG_KEY(3, 0, 4, 6, 0)
#define SYSREG_ICC_IAR0_EL1 SYSREG_KEY(3, 0, 12, 8, 0)
#define SYSREG_ICC_HPPIR0_EL1 SYSREG_KEY(3, 0, 12, 8, 2)
#define SYSREG_ICC_RPR_EL1 SYSREG_KEY(3, 0, 12, 11, 3)
#define SYSREG_ICC_IAR1_EL1 SYSREG_KEY(3, 0, 12, 12, 0)
#define SYSREG_ICC_HPPIR1_EL1 SYSREG_KEY(3, 0, 12, 12, 2)

#define GIC_INTID_SPURIOUS 1023u
#define GIC_PRIORITY_IDLE 0xffu
/*
 * A hook's non-zero return: the access is ours and the instruction is skipped. For a register
 * unicorn 2.0.1 knows (the counters, CNTFRQ_EL0, MPIDR_EL1) the translated block goes on
 * after it, so the block hook's count of the block stays right.
 */
#define SYSREG_HANDLED 1u
/* Nominal rate of virtual time: one instruction per nanosecond. */
#define SYSREG_VIRTUAL_HZ 1000000000ull

/* Kept state of the ICC registers the guest writes (ICC_* are op0 3, op1 0/4/6, CRn 12 or 4). */
struct sysreg_icc {
	uint32_t key;
	uint64_t value;
};

/*
 * The GIC CPU interface system registers: ICC_PMR_EL1 (CRn 4) and the CRn 12, CRm 8-15 block at
 * op1 0 (EL1), 4 (EL2, ICC_SRE_EL2 and the ICH_* registers) and 6 (EL3). Other CRn 12
 * registers (VBAR_ELx, RVBAR, ISR_EL1) are the CPU's own.
 */
static bool sysreg_is_icc(uint32_t key)
{
	unsigned op0 = key >> 16, op1 = (key >> 12) & 0xf, crn = (key >> 8) & 0xf;
	unsigned crm = (key >> 4) & 0xf;

	if (key == SYSREG_ICC_PMR_EL1)
		return true;
	return op0 == 3 && (op1 == 0 || op1 == 4 || op1 == 6) && crn == 12 && crm >= 8;
}

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

static uint64_t *sysreg_icc_slot(struct emu_cpu *cpu, uint32_t key)
{
	for (unsigned i = 0; i < EMU_SYSREG_ICC_SLOTS; i++) {
		if (cpu->icc_keys[i] == key || cpu->icc_keys[i] == 0) {
			cpu->icc_keys[i] = key;
			return &cpu->icc_values[i];
		}
	}
	return NULL;
}

static uint32_t sysreg_mrs(uc_engine *uc, uc_arm64_reg reg, const uc_arm64_cp_reg *cp, void *user)
{
	struct emu_cpu *cpu = user;
	uint32_t key = SYSREG_KEY(cp->op0, cp->op1, cp->crn, cp->crm, cp->op2);
	uint64_t pc, value;
	uint64_t *slot;

	switch (key) {
	case SYSREG_CNTFRQ_EL0:
	case SYSREG_CNTPCT_EL0:
	case SYSREG_CNTVCT_EL0:
	case SYSREG_MPIDR_EL1:
		break;
	default:
		if (!sysreg_is_icc(key))
			return 0; /* unicorn's own register */
		break;
	}
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
		value = cpu->platform->mpidr;
		break;
	case SYSREG_ICC_IAR0_EL1:
	case SYSREG_ICC_IAR1_EL1:
	case SYSREG_ICC_HPPIR0_EL1:
	case SYSREG_ICC_HPPIR1_EL1:
		value = GIC_INTID_SPURIOUS;
		break;
	case SYSREG_ICC_RPR_EL1:
		value = GIC_PRIORITY_IDLE;
		break;
	default:
		slot = sysreg_icc_slot(cpu, key);
		value = slot != NULL ? *slot : 0;
		break;
	}
	/* reg is the destination; XZR (x31) discards. */
	if (reg != UC_ARM64_REG_INVALID &&
	    !emu_uc_ok(cpu, uc_reg_write(uc, reg, &value), "writing an MRS destination register"))
		return 0;
	return sysreg_is_icc(key) ? sysreg_icc_done(cpu) : SYSREG_HANDLED;
}

static uint32_t sysreg_msr(uc_engine *uc, uc_arm64_reg reg, const uc_arm64_cp_reg *cp, void *user)
{
	struct emu_cpu *cpu = user;
	uint32_t key = SYSREG_KEY(cp->op0, cp->op1, cp->crn, cp->crm, cp->op2);
	uint64_t *slot;

	(void)uc;
	(void)reg;
	if (!sysreg_is_icc(key))
		return 0;
	slot = sysreg_icc_slot(cpu, key);
	if (slot != NULL)
		*slot = cp->val;
	return sysreg_icc_done(cpu);
}

bool emu_sysreg_install(struct emu_cpu *cpu, struct diag *err)
{
	return emu_cpu_hook_add(cpu, UC_HOOK_INSN, (void *)sysreg_mrs, UC_ARM64_INS_MRS, "MRS",
				err) &&
	       emu_cpu_hook_add(cpu, UC_HOOK_INSN, (void *)sysreg_msr, UC_ARM64_INS_MSR, "MSR",
				err);
}
