/* SPDX-License-Identifier: BSD-3-Clause */
/* Private interfaces between the files of emu/. */
#ifndef EMU_INTERNAL_H
#define EMU_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "emu/cpu.h"

/* Exception numbers unicorn 2.0.1 reports to UC_HOOK_INTR for AArch64 (QEMU's EXCP_*). */
#define EMU_EXCP_UDEF 1
#define EMU_EXCP_SWI 2
#define EMU_EXCP_PREFETCH_ABORT 3
#define EMU_EXCP_DATA_ABORT 4
#define EMU_EXCP_BKPT 7
#define EMU_EXCP_HVC 11
/* An SMC from EL1 trapped by HCR_EL2.TSC (QEMU's pre_smc helper), PC still at the SMC. */
#define EMU_EXCP_HYP_TRAP 12
#define EMU_EXCP_SMC 13

/* A64 encodings the CPU recognises. */
#define EMU_INSN_HLT_SEMIHOST 0xd45e0000u /* hlt #0xf000 */
#define EMU_INSN_WFI 0xd503207fu
#define EMU_INSN_WFE 0xd503205fu
#define EMU_INSN_B_BACK_ONE 0x17ffffffu /* b .-4 (imm26 = -1) */
/* dc zva, Xt (SYS #3, C7, C4, #1, Xt): the register in bits 4:0. */
#define EMU_INSN_DC_ZVA 0xd50b7420u
/* The block DC ZVA zeroes on Cortex-A72 (DCZID_EL0.BS = 4: 16 words). */
#define EMU_DC_ZVA_BLOCK 64u

/*
 * Little-endian loads and stores of guest bytes: the guest is little-endian AArch64 (and ELF
 * images are ELFDATA2LSB), the host need not be, so guest memory is never read through a cast
 * to a host integer or struct.
 */
static inline uint16_t emu_le16(const void *p)
{
	const uint8_t *b = p;

	return (uint16_t)(b[0] | (unsigned)b[1] << 8);
}

static inline uint32_t emu_le32(const void *p)
{
	const uint8_t *b = p;

	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static inline uint64_t emu_le64(const void *p)
{
	const uint8_t *b = p;

	return (uint64_t)emu_le32(b) | (uint64_t)emu_le32(b + 4) << 32;
}

static inline void emu_le32_store(void *p, uint32_t v)
{
	uint8_t *b = p;

	for (unsigned i = 0; i < 4; i++)
		b[i] = (uint8_t)(v >> (8 * i));
}

/* One PL011 UART (emu/pl011.c). */
struct emu_pl011 {
	struct emu_cpu *cpu;
	uint64_t base;
	uint32_t regs[0x1000 / 4]; /* what the guest wrote, read back by the guest */
	uint64_t empty_polls;      /* reads that found no input since the last output */
	unsigned intid;            /* its SPI's INTID (0: none) */
	bool line;                 /* the level last driven to the GIC */
};

/* Drives the UARTs' interrupt lines from their state now: input may have arrived. */
void emu_pl011_poll(struct emu_cpu *cpu);

/*
 * For a WFI that nothing else can wake: when a UART with its receive interrupt enabled may
 * still get terminal input, waits (in real time) until some arrives, raises its line and
 * returns true; false at once otherwise.
 */
bool emu_pl011_wait_input(struct emu_cpu *cpu);

/* Maps the UART's page at address (its base, or a virtual alias of it). */
bool emu_pl011_map(struct emu_pl011 *uart, uint64_t address, struct diag *err);

/* Maps a read-as-zero/write-ignored window. */
bool emu_raz_wi_map(struct emu_cpu *cpu, uint64_t address, uint64_t size, struct diag *err);

/*
 * Maps size bytes of a platform device window at address (its base, a partition's window in
 * it, or a virtual alias), showing the region from offset: its fixed read values, zero
 * elsewhere; writes ignored. Without region (or fixed reads) the window reads as zero.
 */
bool emu_device_map(struct emu_cpu *cpu, uint64_t address, uint64_t size,
		    const struct emu_region *region, uint64_t offset, struct diag *err);

/*
 * Checks the result of a unicorn call: on failure the CPU stops with an internal error
 * (EMU_STOP_ERROR, exit status EMU_STATUS_INTERNAL) naming what failed and unicorn's reason,
 * replacing any earlier stop but an earlier internal error, and the result is false. Getters
 * that take a const CPU report through it too: the stop is the run's outcome, which any code
 * that touches the engine may have to record.
 */
bool emu_uc_ok(const struct emu_cpu *cpu, uc_err e, const char *what);

/*
 * Opens the CPU's engine if it is not open yet (emu_cpu_engine), for code that reads or
 * changes the engine's state and has no error to return: a failure stops the CPU with an
 * internal error (EMU_STOP_ERROR) and the result is false. A getter's const CPU is opened
 * too: the engine is where the state it reads lives, not a change of it.
 */
bool emu_cpu_engine_ok(const struct emu_cpu *cpu);

/*
 * Moves a newly opened engine's mappings to the CPU's access table (emu/access.c), set by
 * memory management before the engine was there. False with the CPU stopped on an internal
 * error when unicorn refuses.
 */
bool emu_access_apply(struct emu_cpu *cpu);

/*
 * Maps the RAM of the CPU's world in the engine if emu_cpu_open left it for later
 * (cpu->ram_deferred); nothing otherwise. False, with the CPU stopped on an internal error
 * (emu_uc_ok), when unicorn refuses a mapping.
 */
bool emu_cpu_map_ram(struct emu_cpu *cpu);

/*
 * Adds a unicorn hook over the whole address space to the CPU's next hook slot, with the CPU
 * as its user pointer (insn: the instruction of a UC_HOOK_INSN hook, ignored otherwise). False
 * with *err naming the hook when the slots are used up (EMU_CPU_MAX_HOOKS) or unicorn refuses.
 */
bool emu_cpu_hook_add(struct emu_cpu *cpu, int type, void *callback, int insn, const char *what,
		      struct diag *err);

/* Installs the system-register hooks (emu/sysreg.c). */
bool emu_sysreg_install(struct emu_cpu *cpu, struct diag *err);

/* The generic counter (CNTVCT_EL0 = CNTPCT_EL0) after n counted instructions (emu/sysreg.c). */
uint64_t emu_sysreg_counter(const struct emu_cpu *cpu, uint64_t n);

/*
 * Counter-wait fast-forward (emu/idle.c): the counter read at pc happens after n instructions;
 * when it is in a loop that only waits for the counter, returns the instruction count of the
 * pass whose read ends the loop (capped by --max-insns), else n.
 */
uint64_t emu_idle_skip(struct emu_cpu *cpu, uint64_t pc, uint64_t n);

/* The exact instruction count at pc, inside the current block. */
uint64_t emu_cpu_insns_at(const struct emu_cpu *cpu, uint64_t pc);

/* Handles semihosting (hlt #0xf000) at pc (emu/semihost.c). */
void emu_semihost(struct emu_cpu *cpu, uint64_t pc);

/*
 * With the MMU on, maps a unicorn alias of the guest physical memory behind a virtual address
 * the guest's own tables map, so that unicorn's region check (done on the virtual address)
 * passes. Returns true if an alias was mapped (retry the access) (emu/mmu.c).
 */
bool emu_mmu_map_alias(struct emu_cpu *cpu, uint64_t va, bool fetch);

/*
 * Windows a CPU keeps before it drops them all to make room, and the largest one's size
 * (16 MiB): unicorn 2.0.1's uc_mem_unmap flushes its TLB page by page, about 1.3 us per 4 KiB
 * (0.34 s for 1 GiB), and windows are unmapped when memory management changes a page's access.
 */
#define EMU_MMU_MAX_WINDOWS 256u
#define EMU_MMU_WINDOW_MAX_SHIFT 24u

/*
 * Unmaps the page aliases that show physical memory in [pa, pa + size), and every window when
 * windows is set. False (the CPU's stop says why) when unicorn refuses.
 */
bool emu_mmu_drop_aliases(struct emu_cpu *cpu, uint64_t pa, uint64_t size, bool windows);

/*
 * The guest invalidated TLB entries or changed TTBR0/TTBR1/TCR/SCTLR: page aliases go (windows
 * stay). False when unicorn refuses.
 */
bool emu_mmu_tlb_maintenance(struct emu_cpu *cpu);

/* What emu_mmu_check finds (Arm ARM D8.4 fault kinds). */
enum emu_mmu_status { EMU_MMU_OK, EMU_MMU_TRANSLATION, EMU_MMU_ACCESS_FLAG, EMU_MMU_PERMISSION };

enum emu_mmu_access { EMU_MMU_READ, EMU_MMU_WRITE, EMU_MMU_FETCH };

/* Where a fault emu_mmu_check finds is: the lookup level, and for a stage-2 fault its IPA
 * and whether it hit a stage-1 table walk (Arm ARM D8.3, ESR_ELx.ISS.S1PTW). */
struct emu_mmu_fault {
	unsigned level;
	bool stage2, s1ptw;
	uint64_t ipa;
};

/*
 * Checks an access to va at the current EL against the guest's tables, stage 2 included when
 * HCR_EL2.VM turns it on: the fault the MMU raises for it and, for a fault, *f.
 */
enum emu_mmu_status emu_mmu_check(const struct emu_cpu *cpu, uint64_t va,
				  enum emu_mmu_access access, struct emu_mmu_fault *f);

/*
 * True when a synchronous exception at el (the current EL; from EL0 it goes to EL1) goes to
 * the guest's vectors under the CPU's --exceptions policy (emu/sync_exception.c).
 */
bool emu_sync_would_deliver(struct emu_cpu *cpu, unsigned el);

/*
 * Delivers the synchronous exception unicorn raised (intno, PC as the interrupt hook sees it)
 * to the guest's vectors when the policy says so. False: report it as a fault, as before.
 */
bool emu_sync_exception(struct emu_cpu *cpu, uint32_t intno, uint64_t pc);

/*
 * An HVC (EMU_EXCP_HVC, PC past it), or an SMC that HCR_EL2.TSC trapped (smc: EMU_EXCP_HYP_TRAP,
 * PC at the SMC), from EL1 of a guest that entered at EL2 and set its EL2 vectors (under the
 * policy): taken to its EL2 instead of the simulated firmware. False: route the call as before.
 */
bool emu_sync_call_to_el2(struct emu_cpu *cpu, bool smc);

/*
 * The address the load or store at pc accesses and whether it writes. False when pc holds no
 * memory access of a form this understands (emu/fault.c).
 */
bool emu_fault_access(const struct emu_cpu *cpu, uint64_t pc, uint64_t *addr, bool *write);

/* Frees the alias table (emu_cpu_close). */
void emu_mmu_free(struct emu_cpu *cpu);

/* True when stage-1 translation is on for the current exception level. */
bool emu_mmu_enabled(const struct emu_cpu *cpu);

/*
 * Translates a virtual address with the guest's tables (4 KiB granule) when the MMU is on; the
 * identity otherwise. Returns false on a translation fault.
 */
bool emu_mmu_translate(const struct emu_cpu *cpu, uint64_t va, uint64_t *pa, uint64_t *block_size);

/* Reads guest memory at a virtual address (through the guest's tables when the MMU is on). */
bool emu_cpu_read_virt(const struct emu_cpu *cpu, uint64_t va, void *buf, uint64_t size);

/* Reads the A64 instruction at a virtual address (little-endian). False when unreadable. */
bool emu_cpu_read_insn(const struct emu_cpu *cpu, uint64_t va, uint32_t *insn);

/* True for faults raised by a data access or fetch (the PC is exact only after the run). */
bool emu_fault_is_access(enum emu_fault_kind fault);

/*
 * Completes a memory fault's report: a data abort's address (from the faulting access and its
 * registers), an unmapped access's exact PC (the access in the current block that reaches the
 * address).
 */
void emu_fault_locate(struct emu_cpu *cpu);

/*
 * Called inside the running engine (from a call's handler): stops it and has emu_cpu_run resume
 * at the current PC, so that unicorn's deferred TLB flushes take effect before the guest's next
 * access (emu/cpu.c). Nothing when the CPU is not running.
 */
void emu_cpu_restart_here(struct emu_cpu *cpu);

/* Drops the translated blocks a debugger asked to drop (emu/debug.c), before the engine starts. */
void emu_debug_flush_pending(struct emu_cpu *cpu);

/* The kind of a guest access, for emu_access_fault. */
enum emu_access_kind { EMU_ACCESS_KIND_READ, EMU_ACCESS_KIND_WRITE, EMU_ACCESS_KIND_FETCH };

/*
 * When the page behind virtual address va had its access set (emu_cpu_set_access) and that
 * access forbids this one, ends the run with the abort (EMU_FAULT_DATA_ACCESS or
 * EMU_FAULT_INSN_ACCESS) naming the page's owner through the explainer, and returns true
 * (emu/access.c).
 */
bool emu_access_fault(struct emu_cpu *cpu, uint64_t va, enum emu_access_kind kind);

/* True, with *access, when the page holding pa had its access set. */
bool emu_access_overridden(const struct emu_cpu *cpu, uint64_t pa, uint32_t *access);

/* True when any page of [base, base + size) had its access set. */
bool emu_access_set_in(const struct emu_cpu *cpu, uint64_t base, uint64_t size);

/* unicorn's UC_PROT_* for an EMU_ACCESS_* set. */
uint32_t emu_access_uc_perms(uint32_t access);

/* What emu_cpu_interrupts found. */
enum emu_irq_state {
	EMU_IRQ_NONE,   /* nothing asserted to the PE */
	EMU_IRQ_MASKED, /* asserted, masked by PSTATE or routed below the current EL */
	EMU_IRQ_TAKEN   /* taken: the guest resumes at its vector */
};

/* Takes the IRQ or FIQ the GIC asserts to the CPU's PE if the CPU's state allows it
 * (emu/exception.c). */
enum emu_irq_state emu_cpu_interrupts(struct emu_cpu *cpu);

/*
 * Finishes the exception entry under way (cpu->entry, emu/exception.c) at the block boundary
 * of the block at addr: puts back what the trampoline's ERET borrowed, or turns the engine's
 * entry from EL0 into the exception's (HCR_EL2 back; SPSR_EL1, ELR_EL1, ESR_EL1, FAR_EL1 and,
 * for a synchronous exception, its vector; one bound for EL2 goes on up through the
 * trampoline). *skip: the block is not the guest's to count (the trampoline's, or one the
 * entry moved away from). False on a failure (the CPU is stopped).
 */
bool emu_cpu_entry_fixup(struct emu_cpu *cpu, uint64_t addr, bool *skip);

/*
 * The EL a synchronous exception from EL0 goes to (emu/exception.c; Arm ARM D1.13.2): EL2 in
 * the normal world with HCR_EL2.TGE set, else EL1. 0 on a unicorn failure (the CPU is stopped).
 */
unsigned emu_cpu_el0_sync_target(struct emu_cpu *cpu);

/* The PE's clock at pc inside the running block. */
uint64_t emu_cpu_now_at(const struct emu_cpu *cpu, uint64_t pc);

/* The clock (ns) when the engine's count is insns: insns * cpi + clock_offset. */
uint64_t emu_cpu_clock_at(const struct emu_cpu *cpu, uint64_t insns);

/* The first instruction count at which the engine's clock reaches ns (rounded up). */
uint64_t emu_cpu_insns_until(const struct emu_cpu *cpu, uint64_t ns);

/* The current exception level (PSTATE.EL). */
unsigned emu_cpu_current_el(const struct emu_cpu *cpu);

struct cfg_node;
struct emu_costs;
/*
 * Reads the platform file's `costs` mapping under root into *out (left as it is when there is
 * none): smc-entry, eret, world-switch, interrupt, and proxy and spmc as one number or by
 * class of call. False with *err at the offending key.
 */
bool emu_costs_read(const struct cfg_node *root, struct emu_costs *out, struct diag *err);

#endif
