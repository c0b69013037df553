/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Instruction hooks for the instruction trace (`ffa-sim run --trace insn`, sim/insn_trace.c):
 * a callback before each instruction in an address range, the instruction's word and the
 * general-purpose registers. Without a hook the engine runs as before: nothing here is on the
 * path of an untraced run.
 */
#include <stdio.h>
#include <string.h>

#include <capstone/capstone.h>

#include "emu/insn_hook.h"

#include "emu/internal.h"

static void insn_hook_code(uc_engine *uc, uint64_t address, uint32_t size, void *user)
{
	struct emu_insn_hook *hook = user;

	(void)uc;
	(void)size;
	hook->fn(hook->ctx, hook->cpu, address);
}

bool emu_cpu_insn_hook(struct emu_cpu *cpu, struct emu_insn_hook *hook, uint64_t lo, uint64_t hi,
		       struct diag *err)
{
	uc_err e;

	hook->cpu = cpu;
	if (!emu_cpu_engine(cpu, err))
		return false;
	e = uc_hook_add(cpu->uc, &hook->handle, UC_HOOK_CODE, (void *)insn_hook_code, hook, lo, hi);
	if (e != UC_ERR_OK) {
		diag_set(err, NULL, 0, 0, "%s: cannot add the instruction hook: %s", cpu->name,
			 uc_strerror(e));
		return false;
	}
	hook->on = true;
	/* Blocks translated before the hook run without it: translate them again. */
	e = uc_ctl(cpu->uc, UC_CTL_WRITE(UC_CTL_TB_FLUSH, 0));
	if (e != UC_ERR_OK) {
		diag_set(err, NULL, 0, 0, "%s: cannot flush the translated blocks: %s", cpu->name,
			 uc_strerror(e));
		return false;
	}
	return true;
}

void emu_cpu_insn_unhook(struct emu_insn_hook *hook)
{
	if (hook->on) {
		uc_hook_del(hook->cpu->uc, hook->handle);
		uc_ctl(hook->cpu->uc, UC_CTL_WRITE(UC_CTL_TB_FLUSH, 0));
	}
	hook->on = false;
}

bool emu_cpu_insn_word(const struct emu_cpu *cpu, uint64_t pc, uint32_t *insn)
{
	return emu_cpu_read_insn(cpu, pc, insn);
}

bool emu_cpu_read_gprs(struct emu_cpu *cpu, uint64_t regs[EMU_GPR_COUNT])
{
	int ids[EMU_GPR_COUNT];
	void *ptrs[EMU_GPR_COUNT];

	for (unsigned i = 0; i < 29; i++)
		ids[i] = UC_ARM64_REG_X0 + (int)i;
	ids[29] = UC_ARM64_REG_X29;
	ids[30] = UC_ARM64_REG_X30;
	ids[31] = UC_ARM64_REG_SP;
	ids[32] = UC_ARM64_REG_NZCV;
	for (unsigned i = 0; i < EMU_GPR_COUNT; i++)
		ptrs[i] = &regs[i];
	memset(regs, 0, EMU_GPR_COUNT * sizeof(regs[0]));
	return emu_cpu_engine_ok(cpu) &&
	       uc_reg_read_batch(cpu->uc, ids, ptrs, EMU_GPR_COUNT) == UC_ERR_OK;
}

void emu_insn_format(size_t cs, uint64_t pc, uint32_t insn, char *buf, size_t size)
{
	uint8_t bytes[4] = {(uint8_t)insn, (uint8_t)(insn >> 8), (uint8_t)(insn >> 16),
			    (uint8_t)(insn >> 24)};
	cs_insn *dis;
	size_t n = cs_disasm((csh)cs, bytes, sizeof(bytes), pc, 1, &dis);

	if ((insn & 0xffff0000u) == 0) {
		/* UDF (permanently undefined), which capstone 4 does not decode. */
		snprintf(buf, size, "%08x  udf #%u", insn, insn & 0xffffu);
	} else if (n == 1) {
		snprintf(buf, size, "%08x  %s %s", insn, dis[0].mnemonic, dis[0].op_str);
	} else {
		snprintf(buf, size, "%08x  .inst 0x%08x (not an instruction)", insn, insn);
	}
	if (n > 0)
		cs_free(dis, n);
}

uint64_t emu_cpu_insn_time(const struct emu_cpu *cpu, uint64_t pc)
{
	return emu_cpu_now_at(cpu, pc);
}
