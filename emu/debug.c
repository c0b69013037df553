/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What a debugger needs from an engine (include/emu/debug.h): the poll at block boundaries,
 * code and memory hooks over ranges, leaving the engine at an instruction and coming back to
 * it, and registers and memory as the engine sees them. Nothing here is installed unless a
 * debugger asks: an engine without it runs as it always does.
 */
#include <string.h>

#include "emu/debug.h"

#include "emu/internal.h"

void emu_cpu_set_debug_poll(struct emu_cpu *cpu, struct emu_debug_poll poll)
{
	cpu->debug_poll = poll;
	cpu->debug_next = cpu->insns + poll.interval;
	emu_cpu_attention(cpu); /* the next block boundary recomputes the limit with the poll */
}

static void debug_code(uc_engine *uc, uint64_t address, uint32_t size, void *user)
{
	struct emu_debug_hook *hook = user;

	(void)uc;
	(void)size;
	hook->code(hook->ctx, hook->cpu, address);
}

static void debug_mem(uc_engine *uc, uc_mem_type type, uint64_t address, int size, int64_t value,
		      void *user)
{
	struct emu_debug_hook *hook = user;

	(void)uc;
	(void)value;
	hook->mem(hook->ctx, hook->cpu, type == UC_MEM_WRITE, address, (unsigned)size);
}

bool emu_debug_hook_code(struct emu_cpu *cpu, struct emu_debug_hook *hook, uint64_t lo, uint64_t hi)
{
	hook->cpu = cpu;
	if (!emu_cpu_engine_ok(cpu) || !emu_uc_ok(cpu,
						  uc_hook_add(cpu->uc, &hook->handle, UC_HOOK_CODE,
							      (void *)debug_code, hook, lo, hi),
						  "adding a debugger's code hook"))
		return false;
	hook->on = true;
	return true;
}

bool emu_debug_hook_mem(struct emu_cpu *cpu, struct emu_debug_hook *hook, uint64_t lo, uint64_t hi,
			bool read, bool write)
{
	int type = (read ? UC_HOOK_MEM_READ : 0) | (write ? UC_HOOK_MEM_WRITE : 0);

	hook->cpu = cpu;
	if (!emu_cpu_engine_ok(cpu) ||
	    !emu_uc_ok(cpu,
		       uc_hook_add(cpu->uc, &hook->handle, type, (void *)debug_mem, hook, lo, hi),
		       "adding a debugger's memory hook"))
		return false;
	hook->on = true;
	return true;
}

void emu_debug_unhook(struct emu_debug_hook *hook)
{
	if (hook->on)
		emu_uc_ok(hook->cpu, uc_hook_del(hook->cpu->uc, hook->handle),
			  "removing a debugger's hook");
	hook->on = false;
}

void emu_debug_flush(struct emu_cpu *cpu, bool now)
{
	cpu->debug_flush = true;
	if (now)
		emu_debug_flush_pending(cpu);
}

void emu_debug_flush_pending(struct emu_cpu *cpu)
{
	/* A flush from inside a block that is executing crashes unicorn 2.0.1: only here, with
	 * the engine stopped or in its trap, and at its next start. */
	if (!cpu->debug_flush)
		return;
	cpu->debug_flush = false;
	if (cpu->uc == NULL)
		return; /* no engine yet: nothing translated */
	emu_uc_ok(cpu, uc_ctl(cpu->uc, UC_CTL_WRITE(UC_CTL_TB_FLUSH, 0)),
		  "dropping the translated blocks");
}

void emu_debug_restart(struct emu_cpu *cpu, uint64_t pc, bool mid_block)
{
	if (!cpu->running)
		return;
	if (mid_block)
		cpu->insns = emu_cpu_insns_at(cpu, pc);
	cpu->restart_pending = true;
	cpu->restart_map = false;
	cpu->restart_pc = pc;
	emu_uc_ok(cpu, uc_emu_stop(cpu->uc), "stopping the engine for the debugger");
}

void emu_debug_end(struct emu_cpu *cpu, int status, const char *message)
{
	if (cpu->stop.kind == EMU_STOP_NONE)
		emu_cpu_stop(cpu, EMU_STOP_EXIT, status, "%s", message);
	else if (cpu->running)
		emu_uc_ok(cpu, uc_emu_stop(cpu->uc), "stopping the engine for the debugger");
}

uint64_t emu_debug_insn_index(const struct emu_cpu *cpu, uint64_t pc)
{
	return emu_cpu_insns_at(cpu, pc);
}

/* The system registers shown, by encoding (op0, op1, CRn, CRm, op2). */
static const struct {
	const char *name;
	uint8_t enc[5];
} debug_sysregs[EMU_DEBUG_SYSREG_COUNT] = {
	{"currentel", {3, 0, 4, 2, 2}}, {"elr_el1", {3, 0, 4, 0, 1}},
	{"spsr_el1", {3, 0, 4, 0, 0}},  {"esr_el1", {3, 0, 5, 2, 0}},
	{"far_el1", {3, 0, 6, 0, 0}},   {"vbar_el1", {3, 0, 12, 0, 0}},
	{"sctlr_el1", {3, 0, 1, 0, 0}}, {"tcr_el1", {3, 0, 2, 0, 2}},
	{"ttbr0_el1", {3, 0, 2, 0, 0}}, {"ttbr1_el1", {3, 0, 2, 0, 1}},
	{"mair_el1", {3, 0, 10, 2, 0}}, {"sp_el0", {3, 0, 4, 1, 0}},
};

const char *emu_debug_sysreg_name(unsigned i)
{
	return i < EMU_DEBUG_SYSREG_COUNT ? debug_sysregs[i].name : NULL;
}

static int debug_uc_reg(unsigned n)
{
	if (n <= 28)
		return UC_ARM64_REG_X0 + (int)n;
	switch (n) {
	case 29:
		return UC_ARM64_REG_X29;
	case 30:
		return UC_ARM64_REG_X30;
	case EMU_DEBUG_REG_SP:
		return UC_ARM64_REG_SP;
	case EMU_DEBUG_REG_PC:
		return UC_ARM64_REG_PC;
	case EMU_DEBUG_REG_CPSR:
		return UC_ARM64_REG_PSTATE;
	default:
		return -1;
	}
}

/* True for the registers that select the translation: SCTLR_EL1, TTBR0/1_EL1, TCR_EL1. */
static bool debug_sysreg_selects_translation(unsigned i)
{
	const uint8_t *e = debug_sysregs[i].enc;

	/* SCTLR_EL1 is (3,0,1,0,0); TTBR0, TTBR1 and TCR_EL1 are (3,0,2,0,op2). */
	return e[0] == 3 && e[1] == 0 && e[3] == 0 && (e[2] == 1 || e[2] == 2);
}

static bool debug_cp_reg(const struct emu_cpu *cpu, unsigned i, uint64_t *value, bool write)
{
	const uint8_t *e = debug_sysregs[i].enc;
	uc_arm64_cp_reg reg = {.op0 = e[0], .op1 = e[1], .crn = e[2], .crm = e[3], .op2 = e[4]};

	if (!write)
		return (*value = emu_cpu_read_sysreg(cpu, e[0], e[1], e[2], e[3], e[4])), true;
	reg.val = *value;
	return uc_reg_write(cpu->uc, UC_ARM64_REG_CP_REG, &reg) == UC_ERR_OK;
}

bool emu_debug_read_reg(const struct emu_cpu *cpu, unsigned n, uint64_t *value)
{
	int id = debug_uc_reg(n);

	*value = 0;
	if (!emu_cpu_engine_ok(cpu))
		return false;
	if (n >= EMU_DEBUG_REG_SYS && n < EMU_DEBUG_REG_COUNT) {
		uint64_t pstate = 0;

		if (n == EMU_DEBUG_REG_SYS) {
			/* CurrentEL: PSTATE.EL in bits 3:2 (unicorn serves no read of its own). */
			if (uc_reg_read(cpu->uc, UC_ARM64_REG_PSTATE, &pstate) != UC_ERR_OK)
				return false;
			*value = pstate & 0xc;
			return true;
		}
		return debug_cp_reg(cpu, n - EMU_DEBUG_REG_SYS, value, false);
	}
	if (n >= EMU_DEBUG_REG_V0 && n < EMU_DEBUG_REG_FPSR) {
		uint8_t v[16];

		if (!emu_debug_read_vreg(cpu, n - EMU_DEBUG_REG_V0, v))
			return false;
		for (unsigned b = 0; b < 8; b++)
			*value |= (uint64_t)v[b] << (8 * b);
		return true;
	}
	if (n == EMU_DEBUG_REG_FPSR || n == EMU_DEBUG_REG_FPCR) {
		uint32_t w = 0;

		if (uc_reg_read(cpu->uc,
				n == EMU_DEBUG_REG_FPSR ? UC_ARM64_REG_FPSR : UC_ARM64_REG_FPCR,
				&w) != UC_ERR_OK)
			return false;
		*value = w;
		return true;
	}
	return id >= 0 && uc_reg_read(cpu->uc, id, value) == UC_ERR_OK;
}

bool emu_debug_write_reg(struct emu_cpu *cpu, unsigned n, uint64_t value)
{
	int id = debug_uc_reg(n);

	if (!emu_cpu_engine_ok(cpu))
		return false;
	/* The trap path must not take its registers read at the trap for the CPU's any more. */
	cpu->reg_writes++;

	if (n > EMU_DEBUG_REG_SYS && n < EMU_DEBUG_REG_COUNT) {
		unsigned i = n - EMU_DEBUG_REG_SYS;

		if (!debug_cp_reg(cpu, i, &value, true))
			return false;
		if (debug_sysreg_selects_translation(i)) {
			/* What a guest's MSR of the register does (emu/sysreg.c). */
			if (!emu_mmu_drop_aliases(cpu, 0, UINT64_MAX, false))
				return false;
			cpu->debug_flush = true;
		}
		return true;
	}
	if (n == EMU_DEBUG_REG_FPSR || n == EMU_DEBUG_REG_FPCR) {
		uint32_t w = (uint32_t)value;

		return value <= UINT32_MAX &&
		       uc_reg_write(cpu->uc,
				    n == EMU_DEBUG_REG_FPSR ? UC_ARM64_REG_FPSR : UC_ARM64_REG_FPCR,
				    &w) == UC_ERR_OK;
	}
	return id >= 0 && uc_reg_write(cpu->uc, id, &value) == UC_ERR_OK;
}

/* unicorn 2.0.1 reads and writes Q0-Q31 as two 64-bit words, the low one first. */
bool emu_debug_read_vreg(const struct emu_cpu *cpu, unsigned i, uint8_t out[16])
{
	uint64_t q[2] = {0, 0};

	if (i >= EMU_DEBUG_VREG_COUNT || !emu_cpu_engine_ok(cpu) ||
	    uc_reg_read(cpu->uc, UC_ARM64_REG_Q0 + (int)i, q) != UC_ERR_OK)
		return false;
	for (unsigned b = 0; b < 8; b++) {
		out[b] = (uint8_t)(q[0] >> (8 * b));
		out[8 + b] = (uint8_t)(q[1] >> (8 * b));
	}
	return true;
}

bool emu_debug_write_vreg(struct emu_cpu *cpu, unsigned i, const uint8_t in[16])
{
	uint64_t q[2] = {0, 0};

	if (i >= EMU_DEBUG_VREG_COUNT || !emu_cpu_engine_ok(cpu))
		return false;
	for (unsigned b = 0; b < 8; b++) {
		q[0] |= (uint64_t)in[b] << (8 * b);
		q[1] |= (uint64_t)in[8 + b] << (8 * b);
	}
	return uc_reg_write(cpu->uc, UC_ARM64_REG_Q0 + (int)i, q) == UC_ERR_OK;
}

bool emu_debug_read_mem(const struct emu_cpu *cpu, uint64_t va, void *buf, uint64_t size)
{
	return emu_cpu_read_virt(cpu, va, buf, size);
}

bool emu_debug_write_mem(struct emu_cpu *cpu, uint64_t va, const void *buf, uint64_t size)
{
	const uint8_t *in = buf;

	/* Page by page, as emu_cpu_read_virt reads. */
	while (size > 0) {
		uint64_t pa, block, chunk = 0x1000 - (va & 0xfff);
		void *dst;

		if (chunk > size)
			chunk = size;
		if (!emu_mmu_translate(cpu, va, &pa, &block))
			return false;
		dst = emu_memory_ptr(cpu->memory, pa, chunk, cpu->secure);
		if (dst == NULL)
			return false;
		memcpy(dst, in, chunk);
		in += chunk;
		va += chunk;
		size -= chunk;
	}
	/* Code written over runs as written: its old translations go. */
	cpu->debug_flush = true;
	return true;
}
