/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Instruction hooks (emu/insn_hook.c): what the instruction trace needs from an engine, a call
 * before each instruction of an address range and the general-purpose registers. An engine
 * without one runs as it always does.
 */
#ifndef EMU_INSN_HOOK_H
#define EMU_INSN_HOOK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/diag.h"
#include "emu/cpu.h"

/* x0-x30, SP and NZCV, in that order (emu_cpu_read_gprs). */
#define EMU_GPR_COUNT 33u
#define EMU_GPR_SP 31u
#define EMU_GPR_NZCV 32u

/* One hook: fn sees each instruction's address before the instruction executes. */
struct emu_insn_hook {
	void (*fn)(void *ctx, struct emu_cpu *cpu, uint64_t pc);
	void *ctx;
	struct emu_cpu *cpu;
	uc_hook handle;
	bool on;
};

/* Installs hook (fn and ctx set) on cpu for the addresses lo to hi (inclusive; lo > hi: every
 * address). False with *err when unicorn refuses. */
bool emu_cpu_insn_hook(struct emu_cpu *cpu, struct emu_insn_hook *hook, uint64_t lo, uint64_t hi,
		       struct diag *err);

/* Removes it (nothing when it is not installed). */
void emu_cpu_insn_unhook(struct emu_insn_hook *hook);

/* The instruction word at virtual address pc, through the CPU's translation. */
bool emu_cpu_insn_word(const struct emu_cpu *cpu, uint64_t pc, uint32_t *insn);

/* The clock of the engine's PE when the instruction at pc (in the block running) starts. */
uint64_t emu_cpu_insn_time(const struct emu_cpu *cpu, uint64_t pc);

/* Reads x0-x30, SP and NZCV. False when unicorn refuses. */
bool emu_cpu_read_gprs(struct emu_cpu *cpu, uint64_t regs[EMU_GPR_COUNT]);

/*
 * Formats the instruction word insn at pc as "WORD  mnemonic operands" with capstone handle cs
 * (a csh opened for AArch64): "udf #N" for UDF, which capstone 4 does not decode.
 */
void emu_insn_format(size_t cs, uint64_t pc, uint32_t insn, char *buf, size_t size);

#endif
