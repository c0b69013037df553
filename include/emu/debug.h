/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What a debugger needs from an engine (emu/debug.c, used by the GDB stub sim/gdb*.c): a poll at
 * block boundaries, code and memory hooks over address ranges, a way to leave the engine at an
 * instruction and come back to it, translated blocks dropped when hooks change, registers and
 * memory through the engine's own view. An engine nobody debugs has none of it installed: the
 * block hook's hot path stays one compare, and the poll lives in its slow path.
 */
#ifndef EMU_DEBUG_H
#define EMU_DEBUG_H

#include <stdbool.h>
#include <stdint.h>

#include "emu/cpu.h"

/* The poll (struct emu_debug_poll, emu/cpu.h). */
/* Installs the poll (fn NULL removes it). Takes effect at the next block boundary. */
void emu_cpu_set_debug_poll(struct emu_cpu *cpu, struct emu_debug_poll poll);

/* A code or memory hook a debugger owns (stable memory: unicorn keeps a pointer to it). */
struct emu_debug_hook {
	/* Before each instruction of the range (code hooks). */
	void (*code)(void *ctx, struct emu_cpu *cpu, uint64_t pc);
	/* Before each access that touches the range (memory hooks). */
	void (*mem)(void *ctx, struct emu_cpu *cpu, bool write, uint64_t addr, unsigned size);
	void *ctx;
	struct emu_cpu *cpu;
	uc_hook handle;
	bool on;
};

/*
 * Installs a code hook on cpu over the virtual addresses lo to hi (inclusive; lo > hi: every
 * address). Blocks translated before it do not call it: emu_debug_flush. False when unicorn
 * refuses (the CPU is then stopped with an internal error).
 */
bool emu_debug_hook_code(struct emu_cpu *cpu, struct emu_debug_hook *hook, uint64_t lo,
			 uint64_t hi);

/* Installs a memory hook for reads and/or writes touching virtual [lo, hi]. As above. */
bool emu_debug_hook_mem(struct emu_cpu *cpu, struct emu_debug_hook *hook, uint64_t lo, uint64_t hi,
			bool read, bool write);

/* Removes a hook (nothing when it is not installed). */
void emu_debug_unhook(struct emu_debug_hook *hook);

/*
 * Drops the engine's translated blocks so that hooks added or removed take effect. now: at once,
 * which is safe only while no block of this engine is executing (the engine is not running, or
 * it is in its SMC/HVC trap); else at its next start (emu_debug_restart).
 */
void emu_debug_flush(struct emu_cpu *cpu, bool now);

/*
 * From inside a code hook or the poll of a running engine: leave the engine before the
 * instruction at pc executes and start again there (dropping its translated blocks first when a
 * flush is pending). mid_block: pc is inside the block being executed (a code hook), whose
 * instructions from pc on are uncounted again; else pc starts a block not yet counted.
 */
void emu_debug_restart(struct emu_cpu *cpu, uint64_t pc, bool mid_block);

/*
 * Ends the run from a debugger with status and message (EMU_STOP_EXIT): the engine stops even
 * when it already has a stop recorded (a partition's answered call).
 */
void emu_debug_end(struct emu_cpu *cpu, int status, const char *message);

/* The registers a debugger sees, in the GDB aarch64 numbering (x0-x30, sp, pc, cpsr), then the
 * system registers of emu_debug_sysreg_name. */
#define EMU_DEBUG_REG_SP 31u
#define EMU_DEBUG_REG_PC 32u
#define EMU_DEBUG_REG_CPSR 33u
#define EMU_DEBUG_REG_SYS 34u /* the first system register */
#define EMU_DEBUG_SYSREG_COUNT 12u
#define EMU_DEBUG_REG_COUNT (EMU_DEBUG_REG_SYS + EMU_DEBUG_SYSREG_COUNT)
/* Then the floating-point and SIMD registers: v0-v31 (128 bits), FPSR and FPCR (32 bits). */
#define EMU_DEBUG_REG_V0 EMU_DEBUG_REG_COUNT
#define EMU_DEBUG_VREG_COUNT 32u
#define EMU_DEBUG_REG_FPSR (EMU_DEBUG_REG_V0 + EMU_DEBUG_VREG_COUNT)
#define EMU_DEBUG_REG_FPCR (EMU_DEBUG_REG_FPSR + 1u)
#define EMU_DEBUG_REG_ALL (EMU_DEBUG_REG_FPCR + 1u) /* every register a debugger sees */

/* The lower-case name of system register i (0 .. EMU_DEBUG_SYSREG_COUNT-1), or NULL. */
const char *emu_debug_sysreg_name(unsigned i);

/*
 * Reads register n (EMU_DEBUG_REG_*, up to EMU_DEBUG_REG_ALL; v0-v31 give their low 64 bits).
 * False for an unknown n or when unicorn refuses.
 */
bool emu_debug_read_reg(const struct emu_cpu *cpu, unsigned n, uint64_t *value);

/*
 * Writes register n: x0-x30, sp, pc, cpsr, FPSR, FPCR (v0-v31: emu_debug_write_vreg), and the
 * system registers but CurrentEL. A write of SCTLR, TCR or TTBR changes the address space as a
 * guest's MSR does: page aliases go and translated blocks are dropped before the engine runs
 * again. False for another n or on refusal.
 */
bool emu_debug_write_reg(struct emu_cpu *cpu, unsigned n, uint64_t value);

/* SIMD register v<i> (0-31), 16 bytes, least significant first. False on refusal. */
bool emu_debug_read_vreg(const struct emu_cpu *cpu, unsigned i, uint8_t out[16]);
bool emu_debug_write_vreg(struct emu_cpu *cpu, unsigned i, const uint8_t in[16]);

/* Reads / writes memory at a virtual address through the engine's translation and windows
 * (what the engine itself sees). False when a page is not there. */
bool emu_debug_read_mem(const struct emu_cpu *cpu, uint64_t va, void *buf, uint64_t size);
bool emu_debug_write_mem(struct emu_cpu *cpu, uint64_t va, const void *buf, uint64_t size);

/* The instruction count of the instruction at pc in the block being executed (code hooks). */
uint64_t emu_debug_insn_index(const struct emu_cpu *cpu, uint64_t pc);

#endif
