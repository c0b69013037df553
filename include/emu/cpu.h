/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * One emulated AArch64 CPU context (a unicorn engine): the normal world's, and one per
 * partition binary (partitions/binary.c), which maps only that partition's memory and devices.
 * It maps guest memory and devices, counts instructions, hands SMC/HVC to its dispatch hook,
 * serves the modelled system registers and semihosting, and turns every
 * way a guest can stop (exit, halt, fault, limit) into a struct emu_stop.
 */
#ifndef EMU_CPU_H
#define EMU_CPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <unicorn/unicorn.h>

#include "abi/regs.h"
#include "common/diag.h"
#include "emu/call.h"
#include "emu/console.h"
#include "emu/gic.h"
#include "emu/memory.h"
#include "emu/pe.h"
#include "emu/platform.h"
#include "emu/sp805.h"

#define EMU_CALL_LOG_SIZE 8
/* Device pages a CPU may show at virtual addresses of their own (emu/mmu.c). */
#define EMU_MAX_DEVICE_ALIASES 64
#define EMU_DEFAULT_MAX_INSNS 2000000000ull
/* Counter reads remembered as not being in a loop the idle fast-forward may skip. */
#define EMU_IDLE_REJECT_SLOTS 8
/* The entry trampoline's eret, counted by the block hook but not the guest's. */
#define EMU_TRAMPOLINE_INSNS 1

struct emu_cpu;

/*
 * What the dispatcher made of a call it answered: the registers of call->args it wrote (a
 * contiguous run from x0, as a bit mask) and the rule they went back under. answer is an input:
 * NULL, or where the dispatcher copies the answer as the handler gave it, before the rule.
 */
struct emu_dispatched {
	uint32_t mask;
	struct ffa_result_rule rule;
	struct ffa_value *answer;
};

/*
 * The one dispatch hook a CPU calls for each SMC or HVC (sim/dispatch.c installs it): it routes
 * the call, runs its target, carries out the decision (route changes, a stop, a fault) and
 * writes the answer through the rule over call->args. With given non-NULL it applies that
 * decision instead of calling a target (a partition's answer, emu_cpu_answer). True when an
 * answer was written (*out filled): the CPU then writes out->mask's registers back.
 */
struct emu_dispatch {
	bool (*fn)(void *ctx, struct emu_cpu *cpu, struct emu_call *call,
		   const struct emu_call_decision *given, struct emu_dispatched *out);
	void *ctx;
};

/*
 * Watches answered calls (the conformance checker, abi/checker.h): fn sees the calling CPU, the
 * call with the caller's x0-x17 as they were before it, x0-x17 as written back after it, and the
 * rule the answer went back under. x18-x30 are not passed: the trap path never writes them.
 * Calls that end the run are not seen, since nothing is written back. The handler's answer
 * before the rule masked it is in cpu->trap_result.
 *
 * The trap path reads x8-x17 of SMC64/HVC64 calls only: an SMC32/HVC32 call takes w1-w7 and
 * its callee preserves x8-x30 (SMCCC (DEN0028) §2.6), so the call shows them as zero and the
 * answer never writes them. An observer that keeps the caller's registers as they were (a
 * recorder) sets all_regs to see them.
 */
struct emu_call_observer {
	void (*fn)(void *ctx, struct emu_cpu *cpu, const struct emu_call *call_before,
		   const struct ffa_value *after, struct ffa_result_rule rule);
	void *ctx;
	bool all_regs;
};

enum emu_fault_kind {
	EMU_FAULT_NONE,
	EMU_FAULT_READ_UNMAPPED,
	EMU_FAULT_WRITE_UNMAPPED,
	EMU_FAULT_FETCH_UNMAPPED,
	EMU_FAULT_WRITE_PROT,
	EMU_FAULT_FETCH_PROT,
	EMU_FAULT_DATA_ABORT, /* translation fault with the MMU on */
	EMU_FAULT_INSN_ABORT,
	EMU_FAULT_UNDEFINED,
	EMU_FAULT_BRK,
	EMU_FAULT_SVC,
	EMU_FAULT_HVC_UNROUTED,
	EMU_FAULT_SMC_UNROUTED,
	EMU_FAULT_EXCEPTION,    /* another exception unicorn reported */
	EMU_FAULT_INSN_LIMIT,   /* --max-insns */
	EMU_FAULT_HALT,         /* a halt with --halt=fault */
	EMU_FAULT_PC_ALIGNMENT, /* an instruction fetch from a PC not 4-byte aligned */
	/* An access to a page memory management took from this CPU or gave it without that
	 * access (emu_cpu_set_access): a data abort, an instruction abort for a fetch. */
	EMU_FAULT_DATA_ACCESS,
	EMU_FAULT_INSN_ACCESS
};

struct emu_stop {
	enum emu_stop_kind kind;
	int status; /* exit status the run should end with */
	enum emu_fault_kind fault;
	uint64_t address;  /* the faulting address, where there is one */
	uint64_t pc;       /* where the CPU stopped */
	char message[256]; /* one line for people */
};

/* What a synchronous exception the guest causes becomes (--exceptions, docs/guest-abi.md). */
enum emu_exc_policy {
	EMU_EXC_AUTO,    /* delivered when VBAR_ELx of the EL it is taken to is not 0 */
	EMU_EXC_DELIVER, /* always delivered to the guest's vectors */
	EMU_EXC_REPORT   /* always a fault report (status 3), as bare-metal tests want */
};

enum emu_halt_policy {
	EMU_HALT_EXIT, /* a halt ends the run with status 0 and a note */
	EMU_HALT_FAULT /* a halt is reported as a fault (status 3) */
};

/* Exit statuses of a run (documented in docs/guest-abi.md and `ffa-sim --help`). */
#define EMU_STATUS_USAGE 2
#define EMU_STATUS_FAULT 3
#define EMU_STATUS_INTERNAL 4

/* The unicorn hooks one CPU holds (the CPU's own and the system-register hooks). */
#define EMU_CPU_MAX_HOOKS 8

/* A physical window a CPU maps (partitions see only their own memory and devices). */
struct emu_window {
	uint64_t base; /* 4 KiB aligned */
	uint64_t size; /* 4 KiB multiple */
	bool device;   /* a device: a UART page of the platform, or read-as-zero/write-ignored */
	bool read_only;
	bool execute;
};

/* A partition's 16 regions and 16 devices, and its memory in the pieces they leave (33). */
#define EMU_MAX_WINDOWS 72

/* A mapping of a device window with fixed read values: which region, from which offset. */
struct emu_device_view {
	const struct emu_region *region;
	uint64_t offset;
};

#define EMU_MAX_DEVICE_VIEWS (EMU_MAX_WINDOWS + EMU_MAX_DEVICE_ALIASES)

/*
 * Flash bytes a store is about to overwrite, put back once the store is done: flash in
 * read-array mode ignores writes (emu/cpu.c, docs/guest-abi.md).
 */
struct emu_flash_save {
	uint8_t *host; /* where in the flash region's buffer */
	uint8_t bytes[64];
	unsigned size;
};

#define EMU_MAX_FLASH_SAVES 64

struct emu_cpu_config {
	const char *name; /* endpoint name: console prefix, reports */
	const struct emu_platform *platform;
	struct emu_memory *memory;
	struct emu_console *console;
	bool secure;        /* maps secure RAM instead of non-secure RAM */
	unsigned entry_el;  /* 1 or 2 */
	uint64_t max_insns; /* 0: EMU_DEFAULT_MAX_INSNS */
	/* Emulate every pass of a loop that waits on the counter instead of fast-forwarding
	 * virtual time to its exit (emu/idle.c, docs/guest-abi.md). */
	bool no_idle_skip;
	enum emu_halt_policy halt;
	enum emu_exc_policy exceptions;
	/* NULL: every platform region the CPU's world may see. Else only these windows, which
	 * must lie inside the platform's memory regions (or be its UART pages / devices). */
	const struct emu_window *windows;
	unsigned window_count;
	/* The PE the engine runs on (shares its clock, timers and GIC CPU interface). NULL: a
	 * PE of its own (index 0, the platform's MPIDR, no GIC), as a lone CPU in tests. */
	struct emu_pe *pe;
	/* The secure devices a device window of windows may show (an SP805 at the window's
	 * address is mapped as that device; emu/sp805.c). */
	struct emu_sp805 *sp805s;
	unsigned sp805_count;
};

/*
 * Where a physical FIQ that the GIC asserts to a non-secure CPU goes instead of its vectors:
 * to EL3, as SCR_EL3.FIQ routes it under TF-A, which hands a secure interrupt to the SPMC
 * (sim/ fills it; fn NULL: the guest's own vectors take it).
 */
struct emu_cpu_el3_fiq {
	void (*fn)(void *ctx, struct emu_cpu *cpu);
	void *ctx;
};

/* The kinds of exception the simulator takes into a guest (Arm ARM D1.10.2 vector offsets). */
enum emu_exception_kind {
	EMU_EXCEPTION_SYNC,  /* offset 0x000 of its vector group */
	EMU_EXCEPTION_IRQ,   /* 0x080 */
	EMU_EXCEPTION_FIQ,   /* 0x100 */
	EMU_EXCEPTION_SERROR /* 0x180 */
};

/* An exception to take into the guest (emu_cpu_take_exception). */
struct emu_exception {
	enum emu_exception_kind kind;
	/* 1 or 2; 0: where the architecture routes it from the current state (IRQ/FIQ: EL2 when
	 * HCR_EL2.IMO/FMO or TGE route them there and EL2 is enabled, else EL1; a guest at EL2
	 * takes everything at EL2). Never lower than the current EL. */
	unsigned target_el;
	uint32_t esr; /* ESR_ELx (SYNC, SERROR); IRQ and FIQ leave ESR_ELx alone */
	uint64_t far; /* FAR_ELx, written when far_valid */
	bool far_valid;
	/* HPFAR_EL2 of a stage-2 abort taken to EL2, written when hpfar_valid */
	uint64_t hpfar;
	bool hpfar_valid;
	/* The preferred return address ELR_ELx gets; return_here: the current PC (the block
	 * boundary the engine stopped at, which is where an interrupt is taken). */
	uint64_t return_pc;
	bool return_here;
};

/*
 * An exception entry unicorn cannot make in one step (emu/exception.c), finished at the next
 * block boundary (emu_cpu_entry_fixup):
 * - from EL0 the simulator raises a virtual interrupt, whose entry by the engine raises the EL
 *   to EL1; the boundary turns that entry into the exception's, at EL1 or on up to EL2;
 * - to a higher EL (EL1 to EL2) execution goes through the trampoline's ERET, which borrows
 *   registers that the boundary at the vector puts back.
 */
enum emu_entry_stage {
	EMU_ENTRY_NONE,
	EMU_ENTRY_FROM_EL0,   /* the engine's entry to EL1 is under way */
	EMU_ENTRY_TRAMPOLINE, /* the trampoline's ERET to the higher EL is under way */
};

struct emu_entry {
	enum emu_entry_stage stage;
	/* EMU_ENTRY_FROM_EL0: the exception, and what the engine's entry overwrites. */
	enum emu_exception_kind kind;
	unsigned target_el; /* 1, or 2 (a stage-2 abort, HCR_EL2.TGE) */
	uint64_t hcr;       /* HCR_EL2 as the guest left it */
	uint64_t spsr;      /* PSTATE at EL0 */
	uint64_t elr;       /* the preferred return address */
	uint32_t esr;
	uint64_t far;
	bool far_valid;
	uint64_t spsr_el1; /* for target 2: SPSR_EL1 and ELR_EL1 before the engine's entry, */
	uint64_t elr_el1;
	uint64_t hpfar; /* and HPFAR_EL2 (a fault of the engine's way up writes its own) */
	bool hpfar_valid;
	/* EMU_ENTRY_TRAMPOLINE: what the ERET borrowed. */
	uint64_t tramp_spsr;      /* the target's SPSR */
	uint64_t tramp_elr_el1;   /* ELR_EL1 (the ERET's return address was the vector) */
	uint64_t tramp_sctlr_el1; /* SCTLR_EL1, with M cleared for the trampoline's fetch */
	uint64_t tramp_hcr_el2;   /* HCR_EL2 with VM set, when the entry cleared it; else 0 */
};

/*
 * What a physical interrupt the GIC asserts to the CPU's PE does to the engine running there
 * (emu_cpu_set_physical_irqs).
 */
enum emu_phys_irq {
	EMU_PHYS_IRQ_TAKE,   /* taken into the guest's vectors (the normal world's CPUs) */
	EMU_PHYS_IRQ_IGNORE, /* nothing: they are its owner's, and masked for now */
	/* a non-secure one stops the run with EMU_STOP_INTERRUPT at the next block boundary: a
	 * partition's engine, whose physical interrupts the SPMC at S-EL2 takes */
	EMU_PHYS_IRQ_STOP_NS,
	/* STOP_NS, and a secure one (emu_gic_secure_pending) stops it the same way: a partition
	 * run by an SPMC that handles secure interrupts while partitions run (Hafnium) */
	EMU_PHYS_IRQ_STOP_ALL,
	/* a secure one alone stops it: non-secure ones are masked for now (a partition running
	 * on after a non-secure interrupt: Hafnium's priority mask lets secure ones through) */
	EMU_PHYS_IRQ_STOP_SECURE
};

struct emu_call_record {
	enum ffa_conduit conduit;
	uint32_t fid;
	uint64_t x1;
	uint64_t x2_4[3];   /* x2-x4: with x1, a UUID the call names (ffa_uuid_of_call) */
	uint64_t ret0;      /* x0 of the answer */
	uint64_t ret1_3[3]; /* x1-x3 of the answer: with x1-x4, a memory call's handle */
	bool answered;
};

struct emu_pl011;

/*
 * What a CPU may do to a page (emu_cpu_set_access): the same bits as the SPMC's access
 * (include/spmc/memory.h), so that sim/ passes them through.
 */
#define EMU_ACCESS_READ (UINT32_C(1) << 0)
#define EMU_ACCESS_WRITE (UINT32_C(1) << 1)
#define EMU_ACCESS_EXEC (UINT32_C(1) << 2)
#define EMU_ACCESS_ALL (EMU_ACCESS_READ | EMU_ACCESS_WRITE | EMU_ACCESS_EXEC)

/* A physical page range whose access differs from what the CPU maps at open. */
struct emu_access_range {
	uint64_t base; /* 4 KiB aligned */
	uint64_t size; /* 4 KiB multiple */
	uint32_t access;
};

/* Ranges a CPU's access was set for: a partition's borrowed ranges, the normal world's lent ones.
 */
#define EMU_MAX_ACCESS_RANGES 128

/*
 * Explains a fault on a page whose access was set (sim/ asks the SPMC who owns it and which
 * transaction moved it): writes one phrase about guest physical page pa into buf, "" when there
 * is nothing to say. emu/ does not know who manages memory; fn NULL: no explanation.
 */
struct emu_fault_explainer {
	void (*fn)(void *ctx, uint64_t pa, char *buf, size_t size);
	void *ctx;
};

/*
 * A debugger's poll at block boundaries (emu/debug.c, emu_cpu_set_debug_poll), every interval
 * instructions or more: fn sees the block's address before the block runs. It returns true when
 * the engine must leave and start again at pc without counting the block (a debugger stopped
 * the system there and changed hooks).
 */
struct emu_debug_poll {
	bool (*fn)(void *ctx, struct emu_cpu *cpu, uint64_t pc);
	void *ctx;
	uint64_t interval; /* instructions between polls; 0 with fn set: every block boundary */
};

/*
 * A unicorn region at a virtual address (emu/mmu.c). unicorn 2.0.1 checks the virtual address
 * of every access against its regions but takes the data from the physical address its own
 * translation finds, so a region there is a ticket, not storage: a window covers a large span
 * whatever the tables map in it; a page alias carries the permissions FF-A memory management
 * set on the one physical page it shows.
 */
struct emu_alias {
	uint64_t base;
	uint64_t size;
	uint64_t pa;                     /* a page alias: the physical address it shows */
	struct emu_alias_window *window; /* a window: its callbacks' context; NULL for a page */
	bool device; /* a device page alias (uses one of the CPU's device views) */
};

struct emu_cpu {
	uc_engine *uc;
	char name[EMU_NAME_MAX];
	const struct emu_platform *platform;
	struct emu_memory *memory;
	struct emu_console *console;
	struct emu_console_line console_line;
	bool secure;
	unsigned entry_el;
	enum emu_halt_policy halt;
	enum emu_exc_policy exceptions; /* --exceptions (emu/sync_exception.c) */
	uint64_t sync_exceptions;       /* synchronous exceptions delivered so far */

	/* Routing: SMC to the firmware, HVC to the hypervisor (or the firmware without one). */
	struct emu_call_target smc;
	struct emu_call_target hvc;
	/* What carries a call to its route and the answer back (fn NULL: every call faults). */
	struct emu_dispatch dispatch;

	/* Instruction counting (a block hook): exact at block boundaries. */
	uint64_t insns;
	uint64_t max_insns;
	uint64_t block_addr;  /* the block being executed */
	uint64_t block_insns; /* insns before it started */
	uint64_t tramp_addr;  /* entry trampoline page */
	/*
	 * In the block hook's slow path: the address of the block about to run. unicorn 2.0.1
	 * updates PC only when execution leaves its chain of translated blocks, so there PC may
	 * still name an earlier block; emu_cpu_pc answers this instead while at_boundary is set.
	 */
	uint64_t boundary_pc;
	bool at_boundary;

	struct emu_stop stop;
	struct emu_call_record calls[EMU_CALL_LOG_SIZE];
	unsigned call_count; /* calls made so far; the log keeps the last EMU_CALL_LOG_SIZE */

	struct emu_pl011 *uarts;
	unsigned uart_count;
	struct emu_sp805 *sp805s; /* secure devices its device windows may show */
	unsigned sp805_count;
	struct emu_cpu_el3_fiq el3_fiq;   /* secure interrupts of a non-secure CPU */
	const struct emu_window *windows; /* NULL: the platform's regions */
	unsigned window_count;
	/* Virtual-address aliases (emu/mmu.c): a growable table, windows and pages. */
	struct emu_alias *aliases;
	unsigned alias_count;
	unsigned alias_cap;
	unsigned alias_windows;      /* how many of them are windows */
	unsigned alias_device_pages; /* device pages among them (device views they use) */
	uint64_t alias_maps;         /* aliases mapped so far (--stats, docs/performance.md) */
	uint64_t alias_flushes;      /* times the windows were dropped to make room */
	/* Its world's RAM is not mapped in the engine yet: mapped when the engine first runs or
	 * memory management first changes an access (emu_cpu_map_ram). */
	bool ram_deferred;
	/* Access set by memory management (emu/access.c), overriding what the CPU maps at open. */
	struct emu_access_range access[EMU_MAX_ACCESS_RANGES];
	unsigned access_count;
	struct emu_fault_explainer explainer;
	/* Stores to flash since the last block boundary, undone at the next (emu/cpu.c). */
	struct emu_flash_save flash_saves[EMU_MAX_FLASH_SAVES];
	unsigned flash_save_count;
	uint64_t flash_writes; /* stores to flash ignored so far */
	/* The device windows with fixed read values this CPU maps (emu/pl011.c). */
	struct emu_device_view device_views[EMU_MAX_DEVICE_VIEWS];
	unsigned device_view_count;

	/* Counter-wait fast-forward (emu/idle.c): on unless no_idle_skip; the PCs of counter reads
	 * found not to be in a loop it may skip, with x30 there (a function that reads the counter
	 * may be called from a loop and from elsewhere), in a small ring; what it skipped. */
	bool no_idle_skip;
	uint64_t idle_reject[EMU_IDLE_REJECT_SLOTS];
	uint64_t idle_reject_lr[EMU_IDLE_REJECT_SLOTS]; /* x30 at the read: its caller */
	unsigned idle_reject_next;
	uint64_t idle_skipped_insns;
	uint64_t idle_skips;
	/* The last counter read a loop with stores made (its PC and count): such a loop is
	 * skipped from the read after one whole pass ran, its stores done once. */
	uint64_t idle_last_pc;
	uint64_t idle_last_n;

	/* This CPU's view of the GIC model: its MMIO windows and ICC_* registers (emu/sysreg.c).
	 * gic_port.gic is NULL without a model. */
	struct emu_gic_port gic_port;

	uc_hook hooks[EMU_CPU_MAX_HOOKS]; /* filled by emu_cpu_hook_add() (emu/internal.h) */
	unsigned hook_count;
	/*
	 * The trapped call, kept here so that the batch register tables (x0-x17 into call.args)
	 * are built once: the trap path reads into them and writes the answer back from them. A
	 * CPU never traps again while its own call is being handled.
	 */
	struct emu_call trap_call;
	int reg_ids[FFA_REG_COUNT];
	void *reg_ptrs[FFA_REG_COUNT];
	/* The last call read x8-x17 (SMC64/HVC64): the next trap reads x0-x17 in one batch. */
	bool trap_wide;
	/*
	 * Bumped by every write to x0-x30 made from outside the guest's own execution and the trap
	 * path's write-back (emu_cpu_set_x, emu_cpu_set_entry, the debugger's emu_debug_write_reg).
	 * The trap path writes back only the answered registers that differ from what it read
	 * when this did not move while the call was handled (the GDB stub can stop inside the
	 * dispatcher and let gdb write registers there); else all of them.
	 */
	uint32_t reg_writes;
	struct emu_call_observer observer; /* fn NULL: none (the fast path) */
	/*
	 * An alias to map with the engine stopped, then resume at restart_pc: a fetch (or DC ZVA)
	 * that is the first touch of a virtual page must not be mapped from inside unicorn's
	 * fault path (emu/mmu.c).
	 */
	bool restart_pending;
	uint64_t restart_pc;
	uint64_t restart_va;
	bool restart_fetch;
	bool restart_map; /* false: a restart only (emu_cpu_set_access during a run) */
	bool running;     /* inside emu_cpu_run's engine */
	/* With an observer: the last call's answer as its handler gave it, before write-back. */
	struct ffa_value trap_result;

	/*
	 * Time and interrupts (emu/exception.c, emu/timer.c). The PE the engine runs on, or
	 * own_pe when the configuration named none; while it runs there, the PE's clock is
	 * insns * cpi + clock_offset (unsigned, wrapping) nanoseconds.
	 */
	struct emu_pe *pe;
	struct emu_pe own_pe;
	uint64_t clock_offset;
	uint64_t cpi; /* nanoseconds per retired instruction (the platform's, at least 1) */
	/* emu_cpu_set_deadline's clock value (UINT64_MAX: none): emu_cpu_run returns
	 * EMU_STOP_DEADLINE at the first block boundary at or after it. */
	uint64_t deadline;
	/*
	 * The block hook's one compare: a block that would take insns past insn_limit leaves the
	 * hot path. It is the nearest of --max-insns, the deadline and the next timer event, in
	 * instructions; 0 while attention is set.
	 */
	uint64_t insn_limit;
	/* Set by emu_cpu_attention (the GIC's change callback): re-check the interrupt signals
	 * at the next block boundary. */
	bool attention;
	/* The nearest of --max-insns, the deadline and the next timer event, in instructions
	 * (insn_limit without attention): how far a counter-wait skip may go. */
	uint64_t event_limit;
	/* A WFI the engine stopped in at a deadline: the next run goes on waiting. */
	bool waiting;
	/* WFI with nothing on its PE to wake it: EMU_STOP_WAIT (another CPU may) instead of a
	 * halt (emu_cpu_set_wait_returns). */
	bool wait_returns;
	uint64_t exceptions_taken; /* exceptions the simulator took into the guest */
	/* The virtual IRQ and FIQ lines (emu_cpu_set_virtual_lines), HCR_EL2.VI / VF. */
	bool virq;
	bool vfiq;
	enum emu_phys_irq phys_irq; /* emu_cpu_set_physical_irqs */
	bool secure_deferred;   /* emu_cpu_defer_secure: the next boundary takes no secure stop */
	struct emu_entry entry; /* an exception entry under way (emu/exception.c) */
	/* A debugger (emu/debug.c): its poll, the instruction count of the next poll, translated
	 * blocks to drop at the engine's next start. */
	struct emu_debug_poll debug_poll;
	uint64_t debug_next;
	bool debug_flush;
};

/*
 * Sets up a CPU of the platform (Cortex-A72) that sees the memory and devices its
 * configuration names. Its engine opens when something first needs it (emu_cpu_engine): an
 * entry point, a register, a hook, a run. A CPU that never runs (a replayed scenario's normal
 * world, whose calls go through the dispatcher) costs no engine. The CPU is ready for
 * emu_cpu_set_entry. False on error (*err says why).
 */
bool emu_cpu_open(struct emu_cpu *cpu, const struct emu_cpu_config *cfg, struct diag *err);

/*
 * Opens the CPU's unicorn engine if it is not open yet: maps the memory and devices the CPU
 * sees, installs the hooks and applies the access memory management set meanwhile. True when
 * the engine is there; false with *err naming what unicorn refused.
 */
bool emu_cpu_engine(struct emu_cpu *cpu, struct diag *err);

/* Closes the engine. Safe on a zeroed or partly opened CPU. */
void emu_cpu_close(struct emu_cpu *cpu);

/* Routes SMC or HVC calls to a handler. */
void emu_cpu_route(struct emu_cpu *cpu, enum ffa_conduit conduit, struct emu_call_target target);

/* The handler routed for a conduit (fn NULL: none). */
struct emu_call_target emu_cpu_routed(const struct emu_cpu *cpu, enum ffa_conduit conduit);

/* Installs the dispatch hook every SMC and HVC goes through. */
void emu_cpu_set_dispatch(struct emu_cpu *cpu, struct emu_dispatch dispatch);

/*
 * Installs the call observer, replacing any earlier one; an observer with fn NULL removes it.
 * Without one the trap path copies nothing.
 */
void emu_cpu_observe(struct emu_cpu *cpu, struct emu_call_observer observer);

/*
 * Prepares entry at pc at the configured exception level, non-secure (or secure for a
 * secure CPU), MMU off, with x0 = arg0 (the device-tree address) and x1-x3 zero.
 */
bool emu_cpu_set_entry(struct emu_cpu *cpu, uint64_t pc, uint64_t arg0, struct diag *err);

/* Writes general-purpose register xn (n <= 30) before a run (an entry's other arguments). False
 * with *err on a unicorn failure or n out of range. */
bool emu_cpu_set_x(struct emu_cpu *cpu, unsigned n, uint64_t value, struct diag *err);

/* Runs until the guest stops; the outcome is in cpu->stop. */
void emu_cpu_run(struct emu_cpu *cpu);

/*
 * Answers the call a CPU stopped on (EMU_STOP_CALL): hands the answer and its rule to the
 * dispatch hook, which writes it back as for a trapped call, writes the registers to the CPU
 * and clears the stop so that emu_cpu_run resumes after the call.
 */
bool emu_cpu_answer(struct emu_cpu *cpu, const struct ffa_value *answer,
		    struct ffa_result_rule rule);

/* Ends the run from inside a hook or handler with the given kind, status and message. */
void emu_cpu_stop(struct emu_cpu *cpu, enum emu_stop_kind kind, int status, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* emu_cpu_stop with a message that is not a format (copied as it is, truncated to fit): what
 * the call path uses, as a partition stops this way at every FF-A call it makes. */
void emu_cpu_stop_text(struct emu_cpu *cpu, enum emu_stop_kind kind, int status,
		       const char *message);

/* Ends the run with a fault report. */
void emu_cpu_fault(struct emu_cpu *cpu, enum emu_fault_kind fault, uint64_t address,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Ends the run with the fault of an SMC or HVC (the one just trapped) that nobody handles. */
void emu_cpu_fault_unrouted(struct emu_cpu *cpu, enum ffa_conduit conduit);

/* The number of guest instructions executed so far (the entry trampoline excluded). */
uint64_t emu_cpu_insns(const struct emu_cpu *cpu);

/* The immediate of the SMC/HVC that trapped (decoded from the instruction before the PC). */
uint16_t emu_cpu_call_imm(const struct emu_cpu *cpu);

/* The caller's PC after the SMC/HVC. */
uint64_t emu_cpu_pc(const struct emu_cpu *cpu);

/*
 * Sets what this CPU may do to guest physical [addr, addr + size) (4 KiB aligned, inside one RAM
 * region of the platform): EMU_ACCESS_READ | EMU_ACCESS_WRITE | EMU_ACCESS_EXEC, 0 for nothing.
 * Memory the CPU maps at open has its mapping's permissions changed; other memory (a partition's
 * borrowed pages) is mapped or unmapped. Virtual-address aliases of the range (emu/mmu.c) are
 * dropped and made again on demand with the new access. An access the range no longer allows is
 * EMU_FAULT_DATA_ACCESS (EMU_FAULT_INSN_ACCESS for a fetch). Callable while the CPU runs (from
 * one of its calls). False, with the CPU stopped with an internal error naming the cause, on a
 * bad range, a full table (EMU_MAX_ACCESS_RANGES) or a unicorn failure.
 */
bool emu_cpu_set_access(struct emu_cpu *cpu, uint64_t addr, uint64_t size, uint32_t access);

/* What this CPU may do to the page holding guest physical addr now (EMU_ACCESS_*). */
uint32_t emu_cpu_access(const struct emu_cpu *cpu, uint64_t addr);

/* Installs the fault explainer (fn NULL: none). */
void emu_cpu_set_explainer(struct emu_cpu *cpu, struct emu_fault_explainer explainer);

/*
 * Moves the engine to another PE (a partition's execution context running for another CPU):
 * it shares that PE's clock and timers from its next run. NULL: back to its own PE.
 */
void emu_cpu_bind_pe(struct emu_cpu *cpu, struct emu_pe *pe);

/* The PE the engine runs on. */
struct emu_pe *emu_cpu_pe(const struct emu_cpu *cpu);

/* The clock of the CPU's PE in nanoseconds, exact at the current block boundary. */
uint64_t emu_cpu_now(const struct emu_cpu *cpu);

/*
 * Sets the clock value (of the CPU's PE) at which emu_cpu_run returns with EMU_STOP_DEADLINE,
 * at the first block boundary at or after it; UINT64_MAX removes it. Used for scheduling quanta
 * and timeslices. Timer deadlines need none of this: the CPU follows its PE's timers itself.
 */
void emu_cpu_set_deadline(struct emu_cpu *cpu, uint64_t ns);

/*
 * What a WFI that nothing on the CPU's PE can wake does: with returns false (the default, one
 * CPU) the run ends with a halt, as a branch to self does; with returns true emu_cpu_run
 * returns EMU_STOP_WAIT, so that a scheduler of several CPUs decides (another CPU may wake
 * this one, or all are waiting: then the machine halts). emu_cpu_run again goes on waiting.
 */
void emu_cpu_set_wait_returns(struct emu_cpu *cpu, bool returns);

/*
 * Asks the CPU to re-check the interrupt signals of its PE before its next block (the GIC's
 * change callback calls it for the CPU running on the PE whose signals changed). Cheap: sets a
 * flag. Safe from inside a hook and while the CPU is not running (checked when it runs).
 */
void emu_cpu_attention(struct emu_cpu *cpu);

/*
 * Sets the engine's virtual IRQ and FIQ lines, as an SPMC at S-EL2 does with HCR_EL2.VI and VF
 * (Arm ARM D1.13.4): while a line is asserted, the block hook takes it at the next block
 * boundary as an IRQ / FIQ exception at the EL the guest runs at (its VBAR_EL1 for a partition
 * at S-EL1) when PSTATE.I / PSTATE.F let it through, FIQ first; a WFI wakes for it. unicorn's
 * partition engine has no S-EL2, so the simulator plays that part. The lines stay as set until
 * set again (the owner lowers them when nothing is pending). At EL0 nothing is taken: an S-EL0
 * partition has no vectors (docs/guest-abi.md). Safe from inside a hook and between runs.
 */
void emu_cpu_set_virtual_lines(struct emu_cpu *cpu, bool virq, bool vfiq);

/*
 * Sets what the physical interrupts the GIC asserts to the CPU's PE do to it (EMU_PHYS_IRQ_TAKE
 * by default). Safe from inside a hook and between runs.
 */
void emu_cpu_set_physical_irqs(struct emu_cpu *cpu, enum emu_phys_irq mode);

/*
 * The next block boundary does not stop the CPU for a secure interrupt (EMU_PHYS_IRQ_STOP_ALL,
 * EMU_PHYS_IRQ_STOP_SECURE): its SPMC has just handled one and made a virtual interrupt pending,
 * which that boundary takes; a level-sensitive interrupt its device still asserts stops it
 * again one block later, so that the partition's handler always makes progress.
 */
void emu_cpu_defer_secure(struct emu_cpu *cpu);

/*
 * Takes an exception into the guest as the architecture does on exception entry (Arm ARM
 * D1.10): SPSR_ELx = PSTATE, ELR_ELx = the preferred return address, ESR_ELx/FAR_ELx for
 * synchronous exceptions and SErrors, PSTATE.DAIF all set, PSTATE.M = the target EL with
 * SP_ELx, and execution at VBAR_ELx + the vector offset (current EL with SP0 0x000, with SPx
 * 0x200, lower EL AArch64 0x400; plus 0x080 IRQ, 0x100 FIQ, 0x180 SError). Callable while the
 * CPU runs (from a hook: the guest resumes at the vector) or between runs. False, with the CPU
 * stopped with an internal error naming the cause, when the entry cannot be made (a target EL
 * below the current one, or a unicorn failure).
 */
bool emu_cpu_take_exception(struct emu_cpu *cpu, const struct emu_exception *ex);

/*
 * Whether the guest has set up vectors at exception level el (1 or 2; 0: the current EL):
 * VBAR_ELx != 0. Callers choose between delivering an exception and reporting a fault with it.
 */
bool emu_cpu_has_vectors(const struct emu_cpu *cpu, unsigned el);

/*
 * Takes the IRQ or FIQ the GIC asserts to the CPU's PE when the CPU's state does not mask it
 * (PSTATE.I/F at the EL it routes to, Arm ARM D1.13.2). True when one was taken.
 */
bool emu_cpu_check_interrupts(struct emu_cpu *cpu);

/* Reads x0-x30, SP, PC, PSTATE for reports. */
struct emu_cpu_snapshot {
	uint64_t x[31];
	uint64_t sp;
	uint64_t pc;
	uint64_t pstate;
};
void emu_cpu_snapshot(const struct emu_cpu *cpu, struct emu_cpu_snapshot *snap);

/* Reads one system register by its encoding. */
uint64_t emu_cpu_read_sysreg(const struct emu_cpu *cpu, unsigned op0, unsigned op1, unsigned crn,
			     unsigned crm, unsigned op2);

/* Writes the fault report (kind, address, PC with disassembly, registers, last calls). */
void emu_cpu_report(const struct emu_cpu *cpu, FILE *out);

/* The name of a stop kind / fault kind, for reports and tests. */
const char *emu_stop_kind_name(enum emu_stop_kind kind);
const char *emu_fault_kind_name(enum emu_fault_kind fault);

#endif
