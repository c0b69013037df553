/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Synchronous exceptions delivered to the guest's own vectors (`--exceptions`, docs/guest-abi.md
 * "Exceptions"). unicorn 2.0.1 hands every exception to the interrupt hook with its number and
 * nothing else (ESR_ELx and FAR_ELx read 0), so the syndrome is built here as the architecture
 * defines it (Arm ARM D17.2.37, ESR_ELx; D1.10, exception entry): the class from the exception
 * number, the immediate from the instruction, an abort's address from the load or store's
 * registers and its fault status from the walk of the guest's tables. The entry itself is
 * emu_cpu_take_exception's (emu/exception.c).
 */
#include "emu/internal.h"

/* Exception classes, ESR_ELx.EC (Arm ARM D17.2.37). */
#define SYNC_EC_UNKNOWN 0x00u
#define SYNC_EC_SVC64 0x15u
#define SYNC_EC_HVC64 0x16u
#define SYNC_EC_SMC64 0x17u
#define SYNC_EC_IABT_LOWER 0x20u
#define SYNC_EC_IABT_SAME 0x21u
#define SYNC_EC_PC_ALIGN 0x22u
#define SYNC_EC_DABT_LOWER 0x24u
#define SYNC_EC_DABT_SAME 0x25u
#define SYNC_EC_BRK64 0x3cu
#define SYNC_EC_SHIFT 26
#define SYNC_IL (1u << 25) /* a 32-bit instruction */
#define SYNC_WNR (1u << 6)
#define SYNC_S1PTW (1u << 7)
/* A data abort's instruction syndrome (ISS[24:14]): ISV, SAS, SSE, SRT, SF, AR. */
#define SYNC_ISV (1u << 24)
#define SYNC_SAS_SHIFT 22
#define SYNC_SSE (1u << 21)
#define SYNC_SRT_SHIFT 16
#define SYNC_SF (1u << 15)
#define SYNC_AR (1u << 14)
/* Fault status codes, DFSC/IFSC: the kind plus the level for the first three. */
#define SYNC_FSC_TRANSLATION 0x04u
#define SYNC_FSC_ACCESS_FLAG 0x08u
#define SYNC_FSC_PERMISSION 0x0cu
#define SYNC_FSC_ALIGNMENT 0x21u
/* HCR_EL2.TSC: SMC from EL1 traps to EL2 (Arm ARM D17.2.48). */
#define SYNC_HCR_TSC (UINT64_C(1) << 19)

static uint32_t sync_esr(unsigned ec, uint32_t iss)
{
	return (ec << SYNC_EC_SHIFT) | SYNC_IL | iss;
}

/* The fault status code of an abort at va (unicorn raised it, so the walk finds why), and in
 * *f which stage and level found it. */
static uint32_t sync_fsc(const struct emu_cpu *cpu, uint64_t va, enum emu_mmu_access access,
			 struct emu_mmu_fault *f)
{
	switch (emu_mmu_check(cpu, va, access, f)) {
	case EMU_MMU_TRANSLATION:
		return SYNC_FSC_TRANSLATION | f->level;
	case EMU_MMU_ACCESS_FLAG:
		return SYNC_FSC_ACCESS_FLAG | f->level;
	case EMU_MMU_PERMISSION:
		return SYNC_FSC_PERMISSION | f->level;
	case EMU_MMU_OK:
		break;
	}
	/* The tables allow it: what is left is an alignment fault (SCTLR_ELx.A, or an unaligned
	 * access to Device memory). */
	return SYNC_FSC_ALIGNMENT;
}

/*
 * The instruction syndrome of a data abort taken to EL2 for a stage-2 fault (Arm ARM D17.2.37,
 * ISS encoding for a Data Abort): valid for a load or store of one general-purpose register
 * without writeback (immediate, unscaled, unprivileged or register offset) and for load-acquire
 * and store-release; 0 (ISV clear) for everything else, as QEMU reports it.
 */
static uint32_t sync_data_iss(uint32_t insn)
{
	unsigned size = insn >> 30, opc = (insn >> 22) & 3u, rt = insn & 0x1fu;
	bool sign, sf;

	if ((insn & 0x3fbffc00u) == 0x089ffc00u) /* LDAR, STLR */
		return SYNC_ISV | (size << SYNC_SAS_SHIFT) | (rt << SYNC_SRT_SHIFT) |
		       (size == 3 ? SYNC_SF : 0) | SYNC_AR;
	if ((insn & 0x3b000000u) != 0x39000000u && /* unsigned immediate */
	    (insn & 0x3b200400u) != 0x38000000u && /* unscaled, unprivileged */
	    (insn & 0x3b200c00u) != 0x38200800u)   /* register offset */
		return 0;
	if (size == 3 && opc >= 2)
		return 0; /* PRFM, or unallocated */
	sign = opc >= 2;
	sf = sign ? (opc & 1u) == 0 : size == 3;
	return SYNC_ISV | (size << SYNC_SAS_SHIFT) | (sign ? SYNC_SSE : 0) |
	       (rt << SYNC_SRT_SHIFT) | (sf ? SYNC_SF : 0);
}

/* The immediate of the SVC, HVC, SMC or BRK at pc (ESR_ELx.ISS, imm16). */
static uint32_t sync_imm16(const struct emu_cpu *cpu, uint64_t pc)
{
	uint32_t insn = 0;

	if (!emu_cpu_read_insn(cpu, pc, &insn))
		return 0;
	return (insn >> 5) & 0xffffu;
}

bool emu_sync_would_deliver(struct emu_cpu *cpu, unsigned el)
{
	if (el == 0)
		el = 1; /* an exception from EL0 goes to EL1 */
	switch (cpu->exceptions) {
	case EMU_EXC_REPORT:
		return false;
	case EMU_EXC_DELIVER:
		return el == 1 || el == 2;
	case EMU_EXC_AUTO:
		break;
	}
	return emu_cpu_has_vectors(cpu, el);
}

/* Takes ex at the current EL (the only way unicorn allows from EL1 and EL2 but a raise). */
static bool sync_take(struct emu_cpu *cpu, struct emu_exception *ex)
{
	ex->kind = EMU_EXCEPTION_SYNC;
	if (!emu_cpu_take_exception(cpu, ex))
		return false;
	cpu->sync_exceptions++;
	return true;
}

/*
 * An instruction (data: a data) abort at pc from el. A stage-2 fault goes to EL2 with the
 * lower-EL class, HPFAR_EL2 = the IPA's page (Arm ARM D17.2.66), S1PTW for a stage-1 table
 * walk and, for a data abort, the instruction syndrome; a stage-1 fault goes to EL1 (from EL0)
 * or stays at the current EL.
 */
static bool sync_abort(struct emu_cpu *cpu, bool data, uint64_t pc, unsigned el)
{
	struct emu_exception ex = {.return_pc = pc, .far = pc, .far_valid = true};
	enum emu_mmu_access access = EMU_MMU_FETCH;
	struct emu_mmu_fault f;
	bool write = false;
	uint32_t iss, insn = 0;
	unsigned ec;

	if (data) {
		if (!emu_fault_access(cpu, pc, &ex.far, &write))
			return false; /* the report works out what it can */
		access = write ? EMU_MMU_WRITE : EMU_MMU_READ;
	}
	iss = sync_fsc(cpu, ex.far, access, &f) | (write ? SYNC_WNR : 0);
	ex.target_el = f.stage2 ? 2 : el == 0 ? emu_cpu_el0_sync_target(cpu) : el;
	if (ex.target_el == 0)
		return false;
	if (!emu_sync_would_deliver(cpu, ex.target_el))
		return false;
	if (f.stage2) {
		ex.hpfar = (f.ipa >> 12) << 4;
		ex.hpfar_valid = true;
		if (f.s1ptw)
			iss |= SYNC_S1PTW;
		else if (data && emu_cpu_read_insn(cpu, pc, &insn))
			iss |= sync_data_iss(insn);
	}
	if (data)
		ec = ex.target_el > el ? SYNC_EC_DABT_LOWER : SYNC_EC_DABT_SAME;
	else
		ec = ex.target_el > el ? SYNC_EC_IABT_LOWER : SYNC_EC_IABT_SAME;
	ex.esr = sync_esr(ec, iss);
	return sync_take(cpu, &ex);
}

bool emu_sync_exception(struct emu_cpu *cpu, uint32_t intno, uint64_t pc)
{
	unsigned el = emu_cpu_current_el(cpu);
	/* From EL0 the exception goes up to EL1, or to EL2 under HCR_EL2.TGE
	 * (emu_cpu_take_exception raises the EL). */
	unsigned target = el == 0 ? emu_cpu_el0_sync_target(cpu) : el;
	struct emu_exception ex = {.target_el = target, .return_pc = pc};

	if (intno == EMU_EXCP_PREFETCH_ABORT || intno == EMU_EXCP_DATA_ABORT)
		return sync_abort(cpu, intno == EMU_EXCP_DATA_ABORT, pc, el);
	if (target == 0 || !emu_sync_would_deliver(cpu, target))
		return false;
	switch (intno) {
	case EMU_EXCP_SWI:
		/* PC is past the SVC, which is the preferred return address (Arm ARM D1.10.4). */
		ex.esr = sync_esr(SYNC_EC_SVC64, sync_imm16(cpu, pc - 4));
		break;
	case EMU_EXCP_BKPT:
		ex.esr = sync_esr(SYNC_EC_BRK64, sync_imm16(cpu, pc));
		break;
	case EMU_EXCP_UDEF:
		if (pc % 4 != 0) {
			/* A misaligned PC: FAR_ELx holds it (Arm ARM D1.10.5). */
			ex.esr = sync_esr(SYNC_EC_PC_ALIGN, 0);
			ex.far = pc;
			ex.far_valid = true;
			break;
		}
		ex.esr = sync_esr(SYNC_EC_UNKNOWN, 0);
		break;
	default:
		return false;
	}
	return sync_take(cpu, &ex);
}

bool emu_sync_call_to_el2(struct emu_cpu *cpu, bool smc)
{
	uint64_t pc = emu_cpu_pc(cpu);
	struct emu_exception ex = {.target_el = 2};

	if (emu_cpu_current_el(cpu) != 1 || !emu_sync_would_deliver(cpu, 2))
		return false;
	if (smc) {
		/*
		 * Only with HCR_EL2.TSC; unicorn raises the trap with PC at the SMC, which is
		 * also its preferred return address (Arm ARM D1.10.4).
		 */
		if ((emu_cpu_read_sysreg(cpu, 3, 4, 1, 1, 0) & SYNC_HCR_TSC) == 0)
			return false;
		ex.esr = sync_esr(SYNC_EC_SMC64, sync_imm16(cpu, pc));
		ex.return_pc = pc;
	} else {
		ex.esr = sync_esr(SYNC_EC_HVC64, sync_imm16(cpu, pc - 4));
		ex.return_pc = pc;
	}
	return sync_take(cpu, &ex);
}
