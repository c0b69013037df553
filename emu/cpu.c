/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The emulated CPU: engine set-up, entry through an exception return, instruction counting, the
 * SMC/HVC trap path and the end of a run. Measured behaviour of unicorn 2.0.1 this relies on is
 * in docs/guest-abi.md.
 */
#include "emu/cpu.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "common/observers.h"
#include "emu/gic.h"
#include "emu/internal.h"

/* SCR_EL3 = NS | HCE | RW: lower levels non-secure, HVC enabled, EL2 AArch64. */
#define EMU_SCR_EL3_NS_HCE_RW 0x501u
/* SCR_EL3 = HCE | RW: lower levels secure (a partition's S-EL1), HVC enabled. */
#define EMU_SCR_EL3_HCE_RW 0x500u
/* HCR_EL2.RW: EL1 is AArch64 (else unicorn walks EL1 tables in the AArch32 format). */
#define EMU_HCR_EL2_RW (UINT64_C(1) << 31)
/* SPSR values for an exception return to EL2h / EL1h with DAIF masked. */
#define EMU_SPSR_EL2H 0x3c9u
#define EMU_SPSR_EL1H 0x3c5u
#define EMU_INSN_ERET 0xd69f03e0u
/* SCTLR_ELx.M (MMU), C (data cache) and I (instruction cache): bits 0, 2 and 12. */
#define EMU_SCTLR_M_C_I ((UINT64_C(1) << 0) | (UINT64_C(1) << 2) | (UINT64_C(1) << 12))
/* Where the one-instruction entry trampoline lives when the platform leaves it free. */
#define EMU_TRAMP_DEFAULT 0x7ffffff000ull
#define EMU_PAGE 0x1000ull
/* The largest piece of RAM mapped in one unicorn mapping (see cpu_map_memory). */
#define EMU_RAM_CHUNK (16ull << 20)
/* x0-x7: the registers of an SMC32/HVC32 call, SMCCC (DEN0028) §2.6. */
#define EMU_TRAP_NARROW_REGS 8

static void cpu_block_hook(uc_engine *uc, uint64_t addr, uint32_t size, void *user);
static void cpu_intr_hook(uc_engine *uc, uint32_t intno, void *user);
static bool cpu_unmapped_hook(uc_engine *uc, uc_mem_type type, uint64_t addr, int size,
			      int64_t value, void *user);
static bool cpu_prot_hook(uc_engine *uc, uc_mem_type type, uint64_t addr, int size, int64_t value,
			  void *user);

static bool cpu_check(struct emu_cpu *cpu, uc_err e, const char *what, struct diag *err)
{
	if (e == UC_ERR_OK)
		return true;
	diag_set(err, NULL, 0, 0, "%s: %s: %s", cpu->name, what, uc_strerror(e));
	return false;
}

/* Asks the engine to stop after the current instruction; a refusal is an internal error. */
static void cpu_engine_stop(struct emu_cpu *cpu)
{
	if (cpu->uc == NULL)
		return; /* nothing runs */
	emu_uc_ok(cpu, uc_emu_stop(cpu->uc), "stopping the engine");
}

/*
 * Records an internal error as the CPU's stop (EMU_STOP_ERROR, EMU_STATUS_INTERNAL), replacing
 * any earlier stop but an earlier internal error; false when one stood, and the message is
 * left to the caller. Every CPU is a mutable object; a getter's const promises to leave its
 * state alone, and the stop recorded here is the run's outcome, not that state.
 */
static bool cpu_internal_error(const struct emu_cpu *const_cpu)
{
	struct emu_cpu *cpu = (struct emu_cpu *)const_cpu;
	struct emu_stop *stop = &cpu->stop;

	if (stop->kind == EMU_STOP_ERROR)
		return false; /* the first internal error wins */
	memset(stop, 0, sizeof(*stop));
	stop->kind = EMU_STOP_ERROR;
	stop->status = EMU_STATUS_INTERNAL;
	stop->pc = cpu->block_addr; /* the current block: reading PC may fail too */
	return true;
}

bool emu_uc_ok(const struct emu_cpu *const_cpu, uc_err e, const char *what)
{
	struct emu_cpu *cpu = (struct emu_cpu *)const_cpu; /* as cpu_internal_error */
	struct emu_stop *stop = &cpu->stop;
	uc_err again;

	if (e == UC_ERR_OK)
		return true;
	if (!cpu_internal_error(cpu))
		return false;
	snprintf(stop->message, sizeof(stop->message), "unicorn: %s failed: %s", what,
		 uc_strerror(e));
	if (cpu->uc != NULL && (again = uc_emu_stop(cpu->uc)) != UC_ERR_OK) {
		size_t len = strlen(stop->message);

		snprintf(stop->message + len, sizeof(stop->message) - len,
			 " (stopping the engine failed too: %s)", uc_strerror(again));
	}
	return false;
}

bool emu_cpu_hook_add(struct emu_cpu *cpu, int type, void *callback, int insn, const char *what,
		      struct diag *err)
{
	char label[96];

	if (!emu_cpu_engine(cpu, err))
		return false;
	if (cpu->hook_count >= EMU_CPU_MAX_HOOKS) {
		diag_set(err, NULL, 0, 0, "%s: no room for the %s hook (%u hooks at most)",
			 cpu->name, what, (unsigned)EMU_CPU_MAX_HOOKS);
		return false;
	}
	snprintf(label, sizeof(label), "adding the %s hook", what);
	if (!cpu_check(cpu,
		       uc_hook_add(cpu->uc, &cpu->hooks[cpu->hook_count], type, callback, cpu, 1, 0,
				   insn),
		       label, err))
		return false;
	cpu->hook_count++;
	return true;
}

static bool cpu_write_cp(struct emu_cpu *cpu, unsigned op0, unsigned op1, unsigned crn,
			 unsigned crm, unsigned op2, uint64_t val, struct diag *err)
{
	uc_arm64_cp_reg reg = {
		.crn = crn, .crm = crm, .op0 = op0, .op1 = op1, .op2 = op2, .val = val};

	return cpu_check(cpu, uc_reg_write(cpu->uc, UC_ARM64_REG_CP_REG, &reg),
			 "writing a system register", err);
}

uint64_t emu_cpu_read_sysreg(const struct emu_cpu *cpu, unsigned op0, unsigned op1, unsigned crn,
			     unsigned crm, unsigned op2)
{
	uc_arm64_cp_reg reg = {.crn = crn, .crm = crm, .op0 = op0, .op1 = op1, .op2 = op2};

	if (!emu_cpu_engine_ok(cpu) ||
	    !emu_uc_ok(cpu, uc_reg_read(cpu->uc, UC_ARM64_REG_CP_REG, &reg),
		       "reading a system register"))
		return 0;
	return reg.val;
}

/* Whether a platform region is visible to this CPU. */
static bool cpu_sees_region(const struct emu_cpu *cpu, const struct emu_region *r)
{
	if (r->kind != EMU_REGION_RAM)
		return true;
	return r->secure == cpu->secure;
}

/* Maps one window of a CPU that sees only its own memory and devices. */
static bool cpu_map_window(struct emu_cpu *cpu, const struct emu_window *w, struct diag *err)
{
	const struct emu_mem_region *r;
	uint32_t perms = UC_PROT_READ;

	if (w->device) {
		/* A UART page in the window is the UART; a window without one reads as zero. */
		const struct emu_region *dev;

		for (unsigned i = 0; i < cpu->uart_count; i++) {
			if (cpu->uarts[i].base >= w->base && cpu->uarts[i].base - w->base < w->size)
				return emu_pl011_map(&cpu->uarts[i], cpu->uarts[i].base, err);
		}
		for (unsigned i = 0; i < cpu->sp805_count; i++) {
			if (cpu->sp805s[i].desc.base != w->base)
				continue;
			/* Its page; the rest of a larger window reads as zero. */
			return emu_sp805_map(&cpu->sp805s[i], cpu, err) &&
			       (w->size <= EMU_PAGE ||
				emu_raz_wi_map(cpu, w->base + EMU_PAGE, w->size - EMU_PAGE, err));
		}
		/* Inside a raz-wi region of the platform: its fixed reads, if it has any. */
		dev = emu_platform_device(cpu->platform, w->base, w->size);
		return emu_device_map(cpu, w->base, w->size, dev,
				      dev != NULL ? w->base - dev->base : 0, err);
	}
	r = emu_memory_find(cpu->memory, w->base, w->size);
	if (r == NULL || r->host == NULL) {
		diag_set(err, NULL, 0, 0,
			 "%s: memory 0x%llx-0x%llx is not RAM or flash of the platform", cpu->name,
			 (unsigned long long)w->base, (unsigned long long)(w->base + w->size));
		return false;
	}
	if (!w->read_only)
		perms |= UC_PROT_WRITE;
	if (w->execute)
		perms |= UC_PROT_EXEC;
	return cpu_check(
		cpu,
		uc_mem_map_ptr(cpu->uc, w->base, w->size, perms, r->host + (w->base - r->base)),
		"mapping a memory window", err);
}

static bool cpu_map_memory(struct emu_cpu *cpu, struct diag *err)
{
	const struct emu_platform *p = cpu->platform;
	struct emu_memory *mem = cpu->memory;

	if (cpu->windows != NULL) {
		for (unsigned i = 0; i < cpu->window_count; i++) {
			if (!cpu_map_window(cpu, &cpu->windows[i], err))
				return false;
		}
		return true;
	}
	for (unsigned i = 0; i < mem->count; i++) {
		const struct emu_mem_region *r = &mem->regions[i];
		uint32_t perms = UC_PROT_ALL;

		if (!cpu_sees_region(cpu, r->desc))
			continue;
		if (r->desc->kind == EMU_REGION_RAZ_WI) {
			if (!emu_device_map(cpu, r->base, r->size, r->desc, 0, err))
				return false;
			continue;
		}
		/* RAM waits for the engine's first run (emu_cpu_map_ram). */
		if (r->desc->kind == EMU_REGION_RAM) {
			cpu->ram_deferred = true;
			continue;
		}
		if (r->desc->kind == EMU_REGION_FLASH)
			perms = UC_PROT_READ | UC_PROT_EXEC;
		if (!cpu_check(cpu, uc_mem_map_ptr(cpu->uc, r->base, r->size, perms, r->host),
			       r->desc->name, err))
			return false;
	}
	if (cpu->gic_port.gic != NULL) {
		if (!emu_gic_map_windows(&cpu->gic_port, cpu->uc, err))
			return false;
	} else if (p->gic.present) {
		if (!emu_raz_wi_map(cpu, p->gic.dist_base, p->gic.dist_size, err) ||
		    !emu_raz_wi_map(cpu, p->gic.cpu_base, p->gic.cpu_size, err))
			return false;
	}
	for (unsigned i = 0; i < cpu->uart_count; i++) {
		if (!emu_pl011_map(&cpu->uarts[i], cpu->uarts[i].base, err))
			return false;
	}
	return true;
}

/*
 * Each mapping makes unicorn 2.0.1 rebuild its view of the whole address space, at a cost that
 * grows with the number of mappings: the 64 pieces of virt's RAM were most of what opening an
 * engine cost in mappings, and most of a replay's files never run the engine (their steps make
 * the calls). So the RAM is mapped when the engine first needs it: before its first run, or
 * before memory management first changes what it may touch. Nothing else looks at the
 * engine's RAM before then: the loader, the device tree and the SPMC reach it through the host
 * memory (emu/memory.c).
 */
bool emu_cpu_map_ram(struct emu_cpu *cpu)
{
	const struct emu_memory *mem = cpu->memory;

	if (!cpu->ram_deferred)
		return true;
	if (!emu_cpu_engine_ok(cpu))
		return false;
	cpu->ram_deferred = false;
	for (unsigned i = 0; i < mem->count; i++) {
		const struct emu_mem_region *r = &mem->regions[i];

		if (r->desc->kind != EMU_REGION_RAM || !cpu_sees_region(cpu, r->desc))
			continue;
		/*
		 * In pieces of EMU_RAM_CHUNK: changing the permissions of a page makes unicorn
		 * unmap and map again the whole mapping holding it, at a cost that grows with its
		 * size (emu/access.c, docs/performance.md).
		 */
		for (uint64_t off = 0, n; off < r->size; off += n) {
			n = r->size - off < EMU_RAM_CHUNK ? r->size - off : EMU_RAM_CHUNK;
			if (!emu_uc_ok(cpu,
				       uc_mem_map_ptr(cpu->uc, r->base + off, n, UC_PROT_ALL,
						      r->host + off),
				       "mapping RAM"))
				return false;
		}
	}
	return true;
}

/* Whether [addr, addr + 4 KiB) meets a region, a GIC window or a UART page of the platform. */
static bool cpu_page_used(const struct emu_platform *p, uint64_t addr)
{
	for (unsigned i = 0; i < p->region_count; i++) {
		if (addr < p->regions[i].base + p->regions[i].size &&
		    p->regions[i].base < addr + EMU_PAGE)
			return true;
	}
	for (unsigned i = 0; i < p->uart_count; i++) {
		if (p->uarts[i].base == addr)
			return true;
	}
	return p->gic.present &&
	       ((addr >= p->gic.dist_base && addr - p->gic.dist_base < p->gic.dist_size) ||
		(addr >= p->gic.cpu_base && addr - p->gic.cpu_base < p->gic.cpu_size));
}

/* Picks a page for the entry trampoline that nothing on the platform uses. */
static uint64_t cpu_pick_trampoline(const struct emu_platform *p)
{
	uint64_t addr = EMU_TRAMP_DEFAULT;

	while (cpu_page_used(p, addr))
		addr -= EMU_PAGE;
	return addr;
}

bool emu_cpu_open(struct emu_cpu *cpu, const struct emu_cpu_config *cfg, struct diag *err)
{
	static const struct emu_pl011 uart_zero;

	memset(cpu, 0, sizeof(*cpu));
	snprintf(cpu->name, sizeof(cpu->name), "%s", cfg->name);
	cpu->platform = cfg->platform;
	cpu->memory = cfg->memory;
	cpu->console = cfg->console;
	cpu->secure = cfg->secure;
	cpu->entry_el = cfg->entry_el;
	cpu->halt = cfg->halt;
	cpu->exceptions = cfg->exceptions;
	cpu->max_insns = cfg->max_insns != 0 ? cfg->max_insns : EMU_DEFAULT_MAX_INSNS;
	cpu->no_idle_skip = cfg->no_idle_skip;
	for (unsigned i = 0; i < EMU_IDLE_REJECT_SLOTS; i++)
		cpu->idle_reject[i] = UINT64_MAX;
	cpu->windows = cfg->windows;
	cpu->window_count = cfg->window_count;
	cpu->sp805s = cfg->sp805s;
	cpu->sp805_count = cfg->sp805_count;
	if (cfg->pe != NULL && cfg->pe->gic != NULL)
		emu_gic_port_init(&cpu->gic_port, cfg->pe->gic, cfg->pe->index, cfg->secure);
	cpu->block_addr = UINT64_MAX;
	if (cfg->pe != NULL) {
		cpu->pe = cfg->pe;
	} else {
		emu_pe_init(&cpu->own_pe, 0, cfg->platform->mpidr, cfg->platform->cntfrq_hz, NULL);
		cpu->pe = &cpu->own_pe;
	}
	cpu->cpi = cfg->platform->cycles_per_insn != 0 ? cfg->platform->cycles_per_insn : 1;
	cpu->deadline = UINT64_MAX;
	cpu->insn_limit = cpu->max_insns + EMU_TRAMPOLINE_INSNS;
	cpu->event_limit = cpu->insn_limit;
	emu_console_line_init(&cpu->console_line, cfg->console, cfg->name);
	for (unsigned i = 0; i < FFA_REG_COUNT; i++) {
		cpu->reg_ids[i] = UC_ARM64_REG_X0 + (int)i;
		cpu->reg_ptrs[i] = &cpu->trap_call.args.x[i];
	}

	if (cfg->entry_el != 1 && cfg->entry_el != 2) {
		diag_set(err, NULL, 0, 0, "%s: entry exception level must be 1 or 2, not %u",
			 cpu->name, cfg->entry_el);
		return false;
	}
	cpu->uart_count = cfg->platform->uart_count;
	cpu->uarts = calloc(cpu->uart_count + 1, sizeof(*cpu->uarts));
	if (cpu->uarts == NULL) {
		diag_set(err, NULL, 0, 0, "%s: out of memory", cpu->name);
		return false;
	}
	for (unsigned i = 0; i < cpu->uart_count; i++) {
		cpu->uarts[i] = uart_zero;
		cpu->uarts[i].cpu = cpu;
		cpu->uarts[i].base = cfg->platform->uarts[i].base;
		/* The platform names an SPI number: INTID 32 + n (GICv3 (IHI0069) §2.2.1). */
		cpu->uarts[i].intid = EMU_GIC_PRIVATE + cfg->platform->uarts[i].irq;
	}
	return true;
}

/*
 * Opens the CPU's engine (docs/architecture.md, emu/): Cortex-A72, the
 * memory and devices the CPU may see, the system registers of its entry, the hooks, and the
 * access memory management gave it before the engine was there.
 */
static bool cpu_engine_open(struct emu_cpu *cpu, struct diag *err)
{
	uc_err e;

	e = uc_open(UC_ARCH_ARM64, UC_MODE_ARM, &cpu->uc);
	if (!cpu_check(cpu, e, "opening the engine", err)) {
		cpu->uc = NULL;
		return false;
	}
	/* uc_ctl_set_cpu_model must be the first call after uc_open. */
	if (!cpu_check(cpu, uc_ctl_set_cpu_model(cpu->uc, UC_CPU_ARM64_A72), "selecting Cortex-A72",
		       err) ||
	    !cpu_map_memory(cpu, err))
		goto fail;

	/* Lower levels non-secure with HVC enabled, EL2 and EL1 AArch64: see docs/guest-abi.md. */
	if (!cpu_write_cp(cpu, 3, 6, 1, 1, 0,
			  cpu->secure ? EMU_SCR_EL3_HCE_RW : EMU_SCR_EL3_NS_HCE_RW, err) ||
	    !cpu_write_cp(cpu, 3, 4, 1, 1, 0, EMU_HCR_EL2_RW, err))
		goto fail;

	if (!emu_cpu_hook_add(cpu, UC_HOOK_BLOCK, (void *)cpu_block_hook, 0, "block", err) ||
	    !emu_cpu_hook_add(cpu, UC_HOOK_INTR, (void *)cpu_intr_hook, 0, "exception", err) ||
	    !emu_cpu_hook_add(cpu, UC_HOOK_MEM_UNMAPPED, (void *)cpu_unmapped_hook, 0,
			      "unmapped-memory", err) ||
	    !emu_cpu_hook_add(cpu, UC_HOOK_MEM_PROT, (void *)cpu_prot_hook, 0, "memory-protection",
			      err))
		goto fail;
	if (!emu_sysreg_install(cpu, err))
		goto fail;
	/* Access memory management set before the engine opened: RAM is mapped to follow it. */
	if (cpu->access_count > 0 && !(emu_cpu_map_ram(cpu) && emu_access_apply(cpu))) {
		diag_set(err, NULL, 0, 0, "%s: %s", cpu->name, cpu->stop.message);
		goto fail;
	}
	return true;
fail:
	emu_uc_ok(cpu, uc_close(cpu->uc), "closing the engine");
	cpu->uc = NULL;
	cpu->hook_count = 0;
	return false;
}

bool emu_cpu_engine(struct emu_cpu *cpu, struct diag *err)
{
	return cpu->uc != NULL || cpu_engine_open(cpu, err);
}

bool emu_cpu_engine_ok(const struct emu_cpu *const_cpu)
{
	/* As emu_uc_ok: opening the engine is no change of what the CPU holds. */
	struct emu_cpu *cpu = (struct emu_cpu *)const_cpu;
	struct diag err = {0};
	size_t len;

	if (cpu->uc != NULL)
		return true;
	if (cpu_engine_open(cpu, &err))
		return true;
	if (cpu_internal_error(cpu)) {
		len = strnlen(err.msg, sizeof(cpu->stop.message) - 1);
		memcpy(cpu->stop.message, err.msg, len);
	}
	return false;
}

void emu_cpu_close(struct emu_cpu *cpu)
{
	if (cpu->console != NULL)
		emu_console_line_flush(&cpu->console_line);
	if (cpu->uc != NULL) {
		uc_engine *uc = cpu->uc;

		cpu->uc = NULL; /* emu_uc_ok() must not stop a closed engine */
		emu_uc_ok(cpu, uc_close(uc), "closing the engine");
	}
	free(cpu->uarts);
	cpu->uarts = NULL;
	emu_mmu_free(cpu);
}

void emu_cpu_route(struct emu_cpu *cpu, enum ffa_conduit conduit, struct emu_call_target target)
{
	if (conduit == FFA_CONDUIT_SMC)
		cpu->smc = target;
	else
		cpu->hvc = target;
}

struct emu_call_target emu_cpu_routed(const struct emu_cpu *cpu, enum ffa_conduit conduit)
{
	return conduit == FFA_CONDUIT_SMC ? cpu->smc : cpu->hvc;
}

void emu_cpu_set_dispatch(struct emu_cpu *cpu, struct emu_dispatch dispatch)
{
	cpu->dispatch = dispatch;
}

void emu_cpu_observe(struct emu_cpu *cpu, struct emu_call_observer observer)
{
	cpu->observer = observer;
}

bool emu_cpu_set_entry(struct emu_cpu *cpu, uint64_t pc, uint64_t arg0, struct diag *err)
{
	uint64_t spsr = cpu->entry_el == 2 ? EMU_SPSR_EL2H : EMU_SPSR_EL1H;
	uint8_t eret[4];
	uint64_t zero = 0;

	if (!emu_cpu_engine(cpu, err))
		return false;
	cpu->reg_writes++;
	/*
	 * unicorn starts in secure EL1 and writing PSTATE does not change the level translated code
	 * runs at; only an exception return does. So the run starts at a one-instruction eret whose
	 * SPSR/ELR name the entry level and point (ELR_EL1 too: the translator, still at EL1, reads
	 * it).
	 */
	if (cpu->tramp_addr == 0) {
		cpu->tramp_addr = cpu_pick_trampoline(cpu->platform);
		emu_le32_store(eret, EMU_INSN_ERET);
		if (!cpu_check(cpu,
			       uc_mem_map(cpu->uc, cpu->tramp_addr, EMU_PAGE,
					  UC_PROT_EXEC | UC_PROT_READ),
			       "mapping the entry trampoline", err) ||
		    !cpu_check(cpu, uc_mem_write(cpu->uc, cpu->tramp_addr, eret, sizeof(eret)),
			       "writing the entry trampoline", err))
			return false;
	} else {
		/* Entered again (a CPU powered on again by PSCI): with the MMU and caches off, as
		 * PSCI (DEN0022) §6.4 enters a CPU, so the trampoline's fetch is not translated. */
		uint64_t el1 = emu_cpu_read_sysreg(cpu, 3, 0, 1, 0, 0) & ~EMU_SCTLR_M_C_I;
		uint64_t el2 = emu_cpu_read_sysreg(cpu, 3, 4, 1, 0, 0) & ~EMU_SCTLR_M_C_I;

		if (!cpu_write_cp(cpu, 3, 0, 1, 0, 0, el1, err) || /* SCTLR_EL1 */
		    !cpu_write_cp(cpu, 3, 4, 1, 0, 0, el2, err))   /* SCTLR_EL2 */
			return false;
	}
	if (!cpu_write_cp(cpu, 3, 4, 4, 0, 0, spsr, err) || /* SPSR_EL2 */
	    !cpu_write_cp(cpu, 3, 0, 4, 0, 0, spsr, err) || /* SPSR_EL1 */
	    !cpu_check(cpu, uc_reg_write(cpu->uc, UC_ARM64_REG_ELR_EL2, &pc), "ELR_EL2", err) ||
	    !cpu_check(cpu, uc_reg_write(cpu->uc, UC_ARM64_REG_ELR_EL1, &pc), "ELR_EL1", err) ||
	    !cpu_check(cpu, uc_reg_write(cpu->uc, UC_ARM64_REG_PSTATE, &spsr), "PSTATE", err) ||
	    !cpu_check(cpu, uc_reg_write(cpu->uc, UC_ARM64_REG_X0, &arg0), "x0", err))
		return false;
	for (int r = UC_ARM64_REG_X1; r <= UC_ARM64_REG_X3; r++) {
		if (!cpu_check(cpu, uc_reg_write(cpu->uc, r, &zero), "x1-x3", err))
			return false;
	}
	return cpu_check(cpu, uc_reg_write(cpu->uc, UC_ARM64_REG_PC, &cpu->tramp_addr), "PC", err);
}

bool emu_cpu_set_x(struct emu_cpu *cpu, unsigned n, uint64_t value, struct diag *err)
{
	char what[8];

	if (n > 30) {
		diag_set(err, NULL, 0, 0, "%s: no register x%u", cpu->name, n);
		return false;
	}
	snprintf(what, sizeof(what), "x%u", n);
	if (!emu_cpu_engine(cpu, err))
		return false;
	cpu->reg_writes++;
	return cpu_check(cpu, uc_reg_write(cpu->uc, UC_ARM64_REG_X0 + (int)n, &value), what, err);
}

uint64_t emu_cpu_insns(const struct emu_cpu *cpu)
{
	/* The trampoline's eret is counted by the block hook and is not the guest's. */
	return cpu->insns > EMU_TRAMPOLINE_INSNS ? cpu->insns - EMU_TRAMPOLINE_INSNS : 0;
}

uint64_t emu_cpu_insns_at(const struct emu_cpu *cpu, uint64_t pc)
{
	return cpu->block_insns + (pc - cpu->block_addr) / 4;
}

uint64_t emu_cpu_pc(const struct emu_cpu *cpu)
{
	uint64_t pc = 0;

	if (cpu->at_boundary)
		return cpu->boundary_pc;
	if (cpu->uc == NULL)
		return 0; /* no engine yet: nothing has run */
	if (!emu_uc_ok(cpu, uc_reg_read(cpu->uc, UC_ARM64_REG_PC, &pc), "reading PC"))
		return 0;
	return pc;
}

unsigned emu_cpu_current_el(const struct emu_cpu *cpu)
{
	uint64_t pstate = 0;

	if (!emu_cpu_engine_ok(cpu) ||
	    !emu_uc_ok(cpu, uc_reg_read(cpu->uc, UC_ARM64_REG_PSTATE, &pstate), "reading PSTATE"))
		return 0;
	return (unsigned)((pstate >> 2) & 3);
}

/* Records a stop's kind, status and PC; false when an earlier stop stands (the first reason
 * wins). The caller fills the message, then calls cpu_engine_stop. */
static bool cpu_stop_begin(struct emu_cpu *cpu, enum emu_stop_kind kind, int status)
{
	if (cpu->stop.kind != EMU_STOP_NONE)
		return false;
	cpu->stop.kind = kind;
	cpu->stop.status = status;
	cpu->stop.pc = emu_cpu_pc(cpu);
	return true;
}

void emu_cpu_stop(struct emu_cpu *cpu, enum emu_stop_kind kind, int status, const char *fmt, ...)
{
	va_list ap;

	if (!cpu_stop_begin(cpu, kind, status))
		return;
	va_start(ap, fmt);
	vsnprintf(cpu->stop.message, sizeof(cpu->stop.message), fmt, ap);
	va_end(ap);
	cpu_engine_stop(cpu);
}

void emu_cpu_stop_text(struct emu_cpu *cpu, enum emu_stop_kind kind, int status,
		       const char *message)
{
	size_t len;

	if (!cpu_stop_begin(cpu, kind, status))
		return;
	len = strnlen(message, sizeof(cpu->stop.message) - 1);
	memcpy(cpu->stop.message, message, len);
	cpu->stop.message[len] = '\0';
	cpu_engine_stop(cpu);
}

void emu_cpu_fault(struct emu_cpu *cpu, enum emu_fault_kind fault, uint64_t address,
		   const char *fmt, ...)
{
	va_list ap;

	if (cpu->stop.kind != EMU_STOP_NONE)
		return;
	cpu->stop.kind = EMU_STOP_FAULT;
	cpu->stop.status = EMU_STATUS_FAULT;
	cpu->stop.fault = fault;
	cpu->stop.address = address;
	cpu->stop.pc = emu_cpu_pc(cpu);
	va_start(ap, fmt);
	vsnprintf(cpu->stop.message, sizeof(cpu->stop.message), fmt, ap);
	va_end(ap);
	cpu_engine_stop(cpu);
}

/* A block that is one instruction and follows itself is a branch to self: the CPU is parked. */
static void cpu_halt(struct emu_cpu *cpu, uint64_t pc, const char *what)
{
	if (cpu->halt == EMU_HALT_FAULT) {
		emu_cpu_fault(cpu, EMU_FAULT_HALT, pc, "%s at 0x%llx (--halt=fault)", what,
			      (unsigned long long)pc);
		return;
	}
	emu_cpu_stop(cpu, EMU_STOP_HALT, 0, "%s at 0x%llx", what, (unsigned long long)pc);
}

/* Puts back the flash bytes stores overwrote since the last block boundary. */
static void cpu_flash_restore(struct emu_cpu *cpu)
{
	while (cpu->flash_save_count > 0) {
		const struct emu_flash_save *s = &cpu->flash_saves[--cpu->flash_save_count];

		memcpy(s->host, s->bytes, s->size);
	}
}

/*
 * Recomputes the block hook's limit from --max-insns, the deadline and the PE's next timer
 * event; with an interrupt asserted but masked, every block boundary checks again (0).
 */
static void cpu_update_limit(struct emu_cpu *cpu, bool poll)
{
	uint64_t limit = cpu->max_insns + EMU_TRAMPOLINE_INSNS;
	uint64_t event = emu_pe_next_event(cpu->pe);

	if (event != UINT64_MAX && emu_cpu_insns_until(cpu, event) < limit)
		limit = emu_cpu_insns_until(cpu, event);
	if (cpu->deadline != UINT64_MAX && emu_cpu_insns_until(cpu, cpu->deadline) < limit)
		limit = emu_cpu_insns_until(cpu, cpu->deadline);
	cpu->event_limit = limit;
	if (cpu->debug_poll.fn != NULL && cpu->debug_next < limit)
		limit = cpu->debug_next;
	cpu->insn_limit = poll || cpu->attention || cpu->entry.stage != EMU_ENTRY_NONE ? 0 : limit;
}

/*
 * The block hook's slow path, for a block that would take the count past insn_limit: the
 * fix-up after an entry at a higher EL, --max-insns, the deadline, timers that fire, and the
 * interrupts the GIC asserts. An interrupt is taken at the block boundary (the block does not
 * run: the guest resumes at the vector); otherwise the block is counted.
 */
static void cpu_block_slow(struct emu_cpu *cpu, uint64_t addr, uint64_t n)
{
	enum emu_irq_state irq;
	uint64_t now;

	if (cpu->entry.stage != EMU_ENTRY_NONE) {
		bool skip = false;

		/* An entry under way: the trampoline's ERET, or the engine's entry from EL0. */
		if (!emu_cpu_entry_fixup(cpu, addr, &skip) || skip) {
			cpu_update_limit(cpu, false);
			return; /* the next block is the vector's, or the trampoline's */
		}
	}
	if (cpu->insns + n > cpu->max_insns + EMU_TRAMPOLINE_INSNS) {
		emu_cpu_fault(cpu, EMU_FAULT_INSN_LIMIT, addr,
			      "instruction limit reached (--max-insns %llu)",
			      (unsigned long long)cpu->max_insns);
		return;
	}
	if (cpu->insns < EMU_TRAMPOLINE_INSNS) {
		/* The entry trampoline's ERET: before the guest's time starts. */
		cpu->block_addr = addr;
		cpu->block_insns = cpu->insns;
		cpu->insns += n;
		return;
	}
	if (cpu->debug_poll.fn != NULL && cpu->insns + n > cpu->debug_next) {
		cpu->debug_next = cpu->insns + cpu->debug_poll.interval;
		if (cpu->debug_poll.fn(cpu->debug_poll.ctx, cpu, addr)) {
			cpu_update_limit(cpu, false);
			return; /* the engine starts again at addr: the block is counted then */
		}
	}
	now = emu_cpu_clock_at(cpu, cpu->insns);
	if (cpu->deadline != UINT64_MAX && now >= cpu->deadline) {
		emu_cpu_stop(cpu, EMU_STOP_DEADLINE, 0, "deadline %llu ns reached at %llu ns",
			     (unsigned long long)cpu->deadline, (unsigned long long)now);
		return;
	}
	/* Timers that fire here raise attention again through the GIC: the check below is it. */
	emu_pe_update(cpu->pe, now);
	cpu->attention = false;
	/* An interrupt taken here returns to this block, whatever PC still says. */
	cpu->boundary_pc = addr;
	cpu->at_boundary = true;
	irq = emu_cpu_interrupts(cpu);
	cpu->at_boundary = false;
	if (irq == EMU_IRQ_TAKEN || cpu->stop.kind != EMU_STOP_NONE) {
		cpu_update_limit(cpu, false);
		return;
	}
	cpu_update_limit(cpu, irq == EMU_IRQ_MASKED);
	cpu->block_addr = addr;
	cpu->block_insns = cpu->insns;
	cpu->insns += n;
}

/*
 * A branch to self, or a WFE idle loop (cpu_wfe_loop): nothing but an interrupt leaves it.
 * With a timer event or a deadline ahead, its passes up to then are counted as executed (one
 * instruction, cpi nanoseconds each) and the slow path takes what fires; with none it is a
 * halt, what naming the loop.
 */
static void cpu_branch_to_self(struct emu_cpu *cpu, uint64_t addr, const char *what)
{
	uint64_t until = cpu->event_limit;

	if (cpu->attention) {
		cpu_block_slow(cpu, addr, 1); /* the next pass decides with what it found */
		return;
	}
	if (until == cpu->max_insns + EMU_TRAMPOLINE_INSNS) {
		cpu_halt(cpu, addr, what);
		return;
	}
	if (until > cpu->insns)
		cpu->insns = until;
	cpu_block_slow(cpu, addr, 1);
}

/*
 * Whether the one-instruction block at addr, entered right after the one-instruction block at
 * addr - 4, closes a WFE idle loop (`1: wfe; b 1b`). unicorn 2.0.1 ends a block after WFE and
 * goes straight on to the next instruction (docs/guest-abi.md, "Emulator facts"), so the loop
 * alternates two one-instruction blocks; a WFE that completes only goes round again, so only
 * an interrupt leaves it, as it leaves a branch to self. The two instructions are read only
 * when the blocks have that shape.
 */
static bool cpu_wfe_loop(const struct emu_cpu *cpu, uint64_t addr)
{
	uint32_t wfe = 0, branch = 0;

	return addr == cpu->block_addr + 4 && cpu->insns - cpu->block_insns == 1 &&
	       emu_cpu_read_insn(cpu, cpu->block_addr, &wfe) && wfe == EMU_INSN_WFE &&
	       emu_cpu_read_insn(cpu, addr, &branch) && branch == EMU_INSN_B_BACK_ONE;
}

/*
 * A block the hot path does not count: one of a single instruction (a branch to self, or not),
 * or one past insn_limit (which a store to flash lowers too, so that its bytes are put back at
 * this boundary).
 */
static __attribute__((noinline)) void cpu_block_rare(struct emu_cpu *cpu, uint64_t addr, uint64_t n)
{
	cpu_flash_restore(cpu);
	if (n == 1 && addr == cpu->block_addr) {
		/* Nothing else runs between two passes: only an interrupt can leave this loop. */
		cpu_branch_to_self(cpu, addr, "branch to self");
		return;
	}
	if (n == 1 && cpu_wfe_loop(cpu, addr)) {
		cpu_branch_to_self(cpu, addr, "wfe loop");
		return;
	}
	if (cpu->insns + n > cpu->insn_limit) {
		cpu_block_slow(cpu, addr, n);
		return;
	}
	cpu->block_addr = addr;
	cpu->block_insns = cpu->insns;
	cpu->insns += n;
}

static void cpu_block_hook(uc_engine *uc, uint64_t addr, uint32_t size, void *user)
{
	struct emu_cpu *cpu = user;
	uint64_t n = size / 4, start = cpu->insns;

	(void)uc;
	/*
	 * The hot path: one test (--max-insns, the deadline, timers, attention and a store to
	 * flash folded into insn_limit; a one-instruction block may be a branch to self).
	 */
	if (__builtin_expect((start + n > cpu->insn_limit) | (n == 1), 0)) {
		cpu_block_rare(cpu, addr, n);
		return;
	}
	cpu->block_addr = addr;
	cpu->block_insns = start;
	cpu->insns = start + n;
}

void emu_cpu_bind_pe(struct emu_cpu *cpu, struct emu_pe *pe)
{
	cpu->pe = pe != NULL ? pe : &cpu->own_pe;
	/* Its GIC CPU interface / redistributor is the new PE's. */
	if (cpu->gic_port.gic != NULL)
		emu_gic_port_bind(&cpu->gic_port, cpu->pe->index);
	emu_cpu_attention(cpu);
}

struct emu_pe *emu_cpu_pe(const struct emu_cpu *cpu)
{
	return cpu->pe;
}

uint64_t emu_cpu_now(const struct emu_cpu *cpu)
{
	if (cpu->running)
		return emu_cpu_clock_at(cpu, cpu->insns);
	return cpu->pe->now;
}

uint64_t emu_cpu_now_at(const struct emu_cpu *cpu, uint64_t pc)
{
	return emu_cpu_clock_at(cpu, emu_cpu_insns_at(cpu, pc));
}

uint64_t emu_cpu_clock_at(const struct emu_cpu *cpu, uint64_t insns)
{
	return insns * cpu->cpi + cpu->clock_offset;
}

uint64_t emu_cpu_insns_until(const struct emu_cpu *cpu, uint64_t ns)
{
	uint64_t span = ns - cpu->clock_offset; /* wraps as the clock does */

	return span / cpu->cpi + (span % cpu->cpi != 0);
}

void emu_cpu_set_deadline(struct emu_cpu *cpu, uint64_t ns)
{
	cpu->deadline = ns;
	emu_cpu_attention(cpu);
}

void emu_cpu_set_virtual_lines(struct emu_cpu *cpu, bool virq, bool vfiq)
{
	cpu->virq = virq;
	cpu->vfiq = vfiq;
	emu_cpu_attention(cpu);
}

void emu_cpu_set_physical_irqs(struct emu_cpu *cpu, enum emu_phys_irq mode)
{
	cpu->phys_irq = mode;
	emu_cpu_attention(cpu);
}

void emu_cpu_defer_secure(struct emu_cpu *cpu)
{
	cpu->secure_deferred = true;
	emu_cpu_attention(cpu);
}

void emu_pe_advance(struct emu_pe *pe, uint64_t ns)
{
	if (ns == 0)
		return;
	if (pe->current == NULL) {
		pe->now += ns;
		return;
	}
	/* The engine running here: its clock moves on; the next block re-checks timers. */
	pe->current->clock_offset += ns;
	emu_cpu_attention(pe->current);
}

void emu_cpu_attention(struct emu_cpu *cpu)
{
	cpu->attention = true;
	cpu->insn_limit = 0;
}

void emu_cpu_set_wait_returns(struct emu_cpu *cpu, bool returns)
{
	cpu->wait_returns = returns;
}

uint16_t emu_cpu_call_imm(const struct emu_cpu *cpu)
{
	uint64_t pc = emu_cpu_pc(cpu);
	uint32_t insn = 0;

	/* ESR_ELx reads 0 in unicorn 2.0.1: decode imm16 from the SMC/HVC itself (at pc - 4). */
	if (!emu_cpu_read_insn(cpu, pc - 4, &insn))
		return 0;
	return (uint16_t)((insn >> 5) & 0xffffu);
}

static void cpu_log_call(struct emu_cpu *cpu, const struct emu_call *call)
{
	struct emu_call_record *rec = &cpu->calls[cpu->call_count % EMU_CALL_LOG_SIZE];

	rec->conduit = call->conduit;
	rec->fid = call->fid;
	rec->x1 = call->args.x[1];
	memcpy(rec->x2_4, &call->args.x[2], sizeof(rec->x2_4));
	rec->answered = false;
	rec->ret0 = 0;
	cpu->call_count++;
}

void emu_cpu_fault_unrouted(struct emu_cpu *cpu, enum ffa_conduit conduit)
{
	bool hvc = conduit == FFA_CONDUIT_HVC;

	emu_cpu_fault(cpu, hvc ? EMU_FAULT_HVC_UNROUTED : EMU_FAULT_SMC_UNROUTED,
		      emu_cpu_pc(cpu) - 4, "%s with nothing to handle it", hvc ? "HVC" : "SMC");
}

/*
 * Writes the answered registers x0..x(n-1) back to the CPU, but those of the first known ones
 * that still hold the value read at the trap (was): each register of a batch costs, and a
 * register the answer leaves as it was already holds its value. The caller makes sure nothing
 * else wrote the CPU's registers since the trap (cpu->reg_writes). False if unicorn refused.
 */
static inline __attribute__((always_inline)) bool
cpu_write_answer(struct emu_cpu *cpu, unsigned n, const uint64_t *was, unsigned known)
{
	const uint64_t *now = cpu->trap_call.args.x;
	int ids[FFA_REG_COUNT];
	void *ptrs[FFA_REG_COUNT];
	int k = 0;

	if (known == 0)
		return uc_reg_write_batch(cpu->uc, cpu->reg_ids, cpu->reg_ptrs, (int)n) ==
		       UC_ERR_OK;
	for (unsigned i = 0; i < n; i++) {
		if (i < known && now[i] == was[i])
			continue;
		ids[k] = cpu->reg_ids[i];
		ptrs[k] = cpu->reg_ptrs[i];
		k++;
	}
	return k == 0 || uc_reg_write_batch(cpu->uc, ids, ptrs, k) == UC_ERR_OK;
}

/*
 * Hands the pending call to the dispatch hook (given: an answer made outside the run) and writes
 * the registers it answered back to the CPU. False when nothing was answered. On the trap path
 * the registers read at the trap are still the CPU's at the write-back unless something wrote
 * them in between (the debugger, stopped inside the dispatcher: cpu->reg_writes moved), so then
 * only those the answer changed are written; an answer given later, or after such a write, is
 * written whole.
 */
static inline __attribute__((always_inline)) bool
cpu_dispatch(struct emu_cpu *cpu, const struct emu_call_decision *given, struct emu_dispatched *out)
{
	struct emu_call *call = &cpu->trap_call;
	struct emu_call_record *rec;
	uint64_t was[FFA_REG_COUNT];
	unsigned known = 0;
	uint32_t writes = cpu->reg_writes;

	if (cpu->dispatch.fn == NULL) {
		emu_cpu_fault_unrouted(cpu, call->conduit);
		return false;
	}
	if (given == NULL) {
		known = cpu->trap_wide ? FFA_REG_COUNT : EMU_TRAP_NARROW_REGS;
		memcpy(was, call->args.x, known * sizeof(was[0]));
	}
	if (!cpu->dispatch.fn(cpu->dispatch.ctx, cpu, call, given, out))
		return false;
	rec = &cpu->calls[(cpu->call_count - 1) % EMU_CALL_LOG_SIZE];
	rec->ret0 = call->args.x[0];
	memcpy(rec->ret1_3, &call->args.x[1], sizeof(rec->ret1_3));
	rec->answered = true;
	if (cpu->reg_writes != writes)
		known = 0;
	/* The rules write a contiguous run of registers from x0 (never none): write just those
	 * back. Its length is the top bit's position (a popcount would be a library call). */
	if (!cpu_write_answer(cpu, 32 - (unsigned)__builtin_clz(out->mask), was, known)) {
		emu_cpu_stop(cpu, EMU_STOP_ERROR, EMU_STATUS_INTERNAL, "cannot write the result");
		return false;
	}
	return true;
}

/*
 * Reads the registers a call takes into cpu->trap_call: x0-x7 for an SMC32/HVC32 call (w1-w7
 * are its arguments, SMCCC (DEN0028) §2.6), x0-x17 for an SMC64/HVC64 one (§2.7), or x0-x17
 * for every call when all is set. x8-x17 of a call that does not take them read as zero (the
 * answer to it never writes them back: ffa_result_mask). Each batch costs about as much as
 * the registers it moves, so the batch follows the last call's width: a CPU that keeps making
 * 64-bit calls reads x0-x17 at once, and one making 32-bit calls x0-x7. False if unicorn
 * refused.
 */
static inline __attribute__((always_inline)) bool cpu_read_call(struct emu_cpu *cpu, bool all)
{
	struct emu_call *call = &cpu->trap_call;
	int got = cpu->trap_wide ? FFA_REG_COUNT : EMU_TRAP_NARROW_REGS;
	bool wide;

	if (uc_reg_read_batch(cpu->uc, cpu->reg_ids, cpu->reg_ptrs, got) != UC_ERR_OK)
		return false;
	wide = all || ffa_fid_is_smc64((uint32_t)call->args.x[0]);
	if (!wide)
		memset(&call->args.x[EMU_TRAP_NARROW_REGS], 0,
		       sizeof(call->args.x) - EMU_TRAP_NARROW_REGS * sizeof(call->args.x[0]));
	else if (got < FFA_REG_COUNT &&
		 uc_reg_read_batch(cpu->uc, cpu->reg_ids + EMU_TRAP_NARROW_REGS,
				   cpu->reg_ptrs + EMU_TRAP_NARROW_REGS,
				   FFA_REG_COUNT - EMU_TRAP_NARROW_REGS) != UC_ERR_OK)
		return false;
	cpu->trap_wide = wide;
	return true;
}

/*
 * The trap path: read the call's registers, hand the call to the dispatch hook (route, handler,
 * result rule, sim/dispatch.c) and write back the registers it answered. It is compiled twice
 * (always inlined): with before NULL, the path without an observer, which copies nothing; with
 * before set, the arguments are copied there first (the answer overwrites them in place) and
 * the observer sees the call after the write-back.
 */
static inline __attribute__((always_inline)) void
cpu_trap_call_body(struct emu_cpu *cpu, enum ffa_conduit conduit, struct emu_call *before)
{
	struct emu_call *call = &cpu->trap_call;
	struct emu_dispatched out = {.answer = before != NULL ? &cpu->trap_result : NULL};

	if (!cpu_read_call(cpu, before != NULL && cpu->observer.all_regs)) {
		emu_cpu_stop(cpu, EMU_STOP_ERROR, EMU_STATUS_INTERNAL,
			     "cannot read the call's registers");
		return;
	}
	call->conduit = conduit;
	emu_call_decode(call);
	cpu_log_call(cpu, call);
	if (before != NULL)
		*before = *call;
	if (!cpu_dispatch(cpu, NULL, &out))
		return;
	/* The handler may have removed the observer; one it installed waits for the next call. */
	if (before != NULL && cpu->observer.fn != NULL)
		cpu->observer.fn(cpu->observer.ctx, cpu, before, &call->args, out.rule);
}

bool emu_cpu_answer(struct emu_cpu *cpu, const struct ffa_value *answer,
		    struct ffa_result_rule rule)
{
	struct emu_call_decision given;
	struct emu_dispatched out = {.answer = NULL};

	if (cpu->stop.kind != EMU_STOP_CALL)
		return false;
	emu_call_decision_init(&given);
	given.res = *answer;
	given.rule = rule;
	if (!cpu_dispatch(cpu, &given, &out))
		return false;
	memset(&cpu->stop, 0, sizeof(cpu->stop));
	return true;
}

static void cpu_trap_call(struct emu_cpu *cpu, enum ffa_conduit conduit)
{
	cpu_trap_call_body(cpu, conduit, NULL);
}

static __attribute__((noinline)) void cpu_trap_call_observed(struct emu_cpu *cpu,
							     enum ffa_conduit conduit)
{
	struct emu_call before;

	cpu_trap_call_body(cpu, conduit, &before);
}

static void cpu_intr_hook(uc_engine *uc, uint32_t intno, void *user)
{
	struct emu_cpu *cpu = user;
	uint64_t pc;
	uint32_t insn = 0;

	(void)uc;
	cpu_flash_restore(cpu);
	/* The hot path first: calls need no PC (read only if a handler asks, emu_cpu_call_imm). */
	if (intno == EMU_EXCP_SMC || intno == EMU_EXCP_HVC) {
		enum ffa_conduit conduit =
			intno == EMU_EXCP_SMC ? FFA_CONDUIT_SMC : FFA_CONDUIT_HVC;

		/* A guest running its own EL2 takes its EL1's HVC there. */
		if (__builtin_expect(cpu->entry_el == 2, 0) && intno == EMU_EXCP_HVC &&
		    emu_sync_call_to_el2(cpu, false))
			return;

		if (COMMON_OBSERVERS_BUILT && cpu->observer.fn != NULL)
			cpu_trap_call_observed(cpu, conduit);
		else
			cpu_trap_call(cpu, conduit);
		return;
	}
	/* An SMC HCR_EL2.TSC trapped: the guest's own EL2 takes it. */
	if (intno == EMU_EXCP_HYP_TRAP && cpu->entry_el == 2 && emu_sync_call_to_el2(cpu, true))
		return;
	pc = emu_cpu_pc(cpu);
	/* Semihosting's HLT is the simulator's, never the guest's exception. */
	if ((intno != EMU_EXCP_UDEF || !emu_cpu_read_insn(cpu, pc, &insn) ||
	     insn != EMU_INSN_HLT_SEMIHOST) &&
	    emu_sync_exception(cpu, intno, pc))
		return;
	switch (intno) {
	case EMU_EXCP_UDEF:
		/*
		 * A PC that is not 4-byte aligned arrives here too: the architecture's PC alignment
		 * fault, which QEMU's AArch64 translator (and so unicorn) raises as this exception
		 * with a PC-alignment syndrome that unicorn does not pass on.
		 */
		if (pc % 4 != 0) {
			emu_cpu_fault(cpu, EMU_FAULT_PC_ALIGNMENT, pc,
				      "PC alignment fault: PC 0x%llx is not 4-byte aligned",
				      (unsigned long long)pc);
			break;
		}
		/* PC is at the instruction. Semihosting's HLT arrives here too. */
		emu_cpu_read_insn(cpu, pc, &insn);
		if (insn == EMU_INSN_HLT_SEMIHOST) {
			emu_semihost(cpu, pc);
			break;
		}
		emu_cpu_fault(cpu, EMU_FAULT_UNDEFINED, pc, "undefined instruction");
		break;
	case EMU_EXCP_SWI:
		emu_cpu_fault(cpu, EMU_FAULT_SVC, pc - 4, "SVC with nothing to handle it");
		cpu->stop.pc = pc - 4;
		break;
	case EMU_EXCP_BKPT:
		emu_cpu_fault(cpu, EMU_FAULT_BRK, pc, "breakpoint (BRK)");
		break;
	case EMU_EXCP_PREFETCH_ABORT:
		emu_cpu_fault(cpu, EMU_FAULT_INSN_ABORT, pc,
			      "instruction abort: translation fault at 0x%llx",
			      (unsigned long long)pc);
		break;
	case EMU_EXCP_DATA_ABORT:
		emu_cpu_fault(cpu, EMU_FAULT_DATA_ABORT, 0, "data abort: translation fault");
		break;
	case EMU_EXCP_HYP_TRAP:
		emu_cpu_fault(cpu, EMU_FAULT_EXCEPTION, pc,
			      "SMC trapped to EL2 by HCR_EL2.TSC, with no EL2 vectors to take it");
		break;
	default:
		emu_cpu_fault(cpu, EMU_FAULT_EXCEPTION, pc, "unexpected exception %u", intno);
		break;
	}
}

/* Zeroes the DC ZVA block (64 bytes on Cortex-A72, DCZID_EL0.BS = 4) holding pa. */
static void cpu_dc_zva(struct emu_cpu *cpu, uint64_t pa)
{
	uint64_t base = pa & ~(uint64_t)(EMU_DC_ZVA_BLOCK - 1);
	uint8_t *host = emu_memory_ptr(cpu->memory, base, EMU_DC_ZVA_BLOCK, cpu->secure);
	bool visible = cpu->windows == NULL;

	/* A CPU that sees only its windows (a partition's) zeroes only inside them. */
	for (unsigned i = 0; !visible && i < cpu->window_count; i++) {
		const struct emu_window *w = &cpu->windows[i];

		visible = !w->device && !w->read_only && base >= w->base &&
			  base + EMU_DC_ZVA_BLOCK <= w->base + w->size;
	}
	if (host != NULL && visible)
		memset(host, 0, EMU_DC_ZVA_BLOCK);
}

/* Asks emu_cpu_run to map the alias of va with the engine stopped and resume at pc. */
static bool cpu_restart_after_map(struct emu_cpu *cpu, uint64_t pc, uint64_t va, bool fetch)
{
	cpu->restart_pending = true;
	cpu->restart_map = true;
	cpu->restart_pc = pc;
	cpu->restart_va = va;
	cpu->restart_fetch = fetch;
	cpu_engine_stop(cpu);
	return false;
}

void emu_cpu_restart_here(struct emu_cpu *cpu)
{
	if (!cpu->running || cpu->restart_pending)
		return;
	cpu->restart_pending = true;
	cpu->restart_map = false;
	cpu->restart_pc = emu_cpu_pc(cpu);
	cpu_engine_stop(cpu);
}

static bool cpu_unmapped_hook(uc_engine *uc, uc_mem_type type, uint64_t addr, int size,
			      int64_t value, void *user)
{
	struct emu_cpu *cpu = user;
	bool fetch = type == UC_MEM_FETCH_UNMAPPED;
	enum emu_fault_kind kind;

	(void)uc;
	(void)size;
	(void)value;
	/* A page memory management took away (or never gave) is an abort, not a missing page. */
	if (emu_access_fault(cpu, addr,
			     fetch                           ? EMU_ACCESS_KIND_FETCH
			     : type == UC_MEM_WRITE_UNMAPPED ? EMU_ACCESS_KIND_WRITE
							     : EMU_ACCESS_KIND_READ))
		return false;
	if (emu_mmu_enabled(cpu)) {
		uint64_t pa, block;
		uint32_t insn = 0;

		/*
		 * unicorn 2.0.1 crashes when an alias mapped inside this hook is the target of the
		 * instruction fetch (or the DC ZVA) that missed: the faulting access goes on with a
		 * host address computed before the mapping. Stop instead, map with the engine
		 * stopped, and resume at the same instruction (emu_cpu_run).
		 */
		if (fetch && (emu_mmu_translate(cpu, addr, &pa, &block) ||
			      (cpu->access_count == 0 &&
			       emu_sync_would_deliver(cpu, emu_cpu_current_el(cpu)))))
			return cpu_restart_after_map(cpu, addr, addr, true);
		/*
		 * A DC ZVA that misses (its PC is exact here): zero the block through the
		 * physical address, then map the alias with the engine stopped and resume after
		 * the DC ZVA, counted as executed.
		 */
		if (!fetch && emu_cpu_read_insn(cpu, emu_cpu_pc(cpu), &insn) &&
		    (insn & ~0x1fu) == EMU_INSN_DC_ZVA &&
		    emu_mmu_translate(cpu, addr, &pa, &block)) {
			uint64_t pc = emu_cpu_pc(cpu);

			cpu_dc_zva(cpu, pa);
			cpu->insns = emu_cpu_insns_at(cpu, pc) + 1;
			return cpu_restart_after_map(cpu, pc + 4, addr, false);
		}
		if (emu_mmu_map_alias(cpu, addr, fetch))
			return true;
		if (cpu->stop.kind != EMU_STOP_NONE)
			return false;
	}
	kind = fetch                           ? EMU_FAULT_FETCH_UNMAPPED
	       : type == UC_MEM_WRITE_UNMAPPED ? EMU_FAULT_WRITE_UNMAPPED
					       : EMU_FAULT_READ_UNMAPPED;
	emu_cpu_fault(cpu, kind, addr, "%s of unmapped address 0x%llx",
		      fetch                           ? "instruction fetch"
		      : type == UC_MEM_WRITE_UNMAPPED ? "write"
						      : "read",
		      (unsigned long long)addr);
	return false;
}

/*
 * A store to flash. QEMU's virt flash (pflash_cfi01) in read-array mode, where it boots, takes a
 * write as a command; data that is not a command changes nothing and does not fault, and the
 * array keeps reading as before. The simulator treats every write so: unicorn performs a store
 * a protection hook accepts, so the bytes it overwrites are saved here and put back at the next
 * block boundary (or trap). A load of the same bytes later in the same basic block sees the
 * stored value: the one difference from QEMU. Returns false for a store outside flash.
 */
static bool cpu_flash_write(struct emu_cpu *cpu, uint64_t addr, int size)
{
	const struct emu_mem_region *r;
	struct emu_flash_save *s;
	uint64_t pa = addr, block;

	if (emu_mmu_enabled(cpu) && !emu_mmu_translate(cpu, addr, &pa, &block))
		return false;
	r = emu_memory_find(cpu->memory, pa, 1);
	if (r == NULL || r->host == NULL || r->desc->kind != EMU_REGION_FLASH ||
	    cpu->flash_save_count == EMU_MAX_FLASH_SAVES)
		return false;
	s = &cpu->flash_saves[cpu->flash_save_count++];
	s->host = r->host + (pa - r->base);
	s->size = size > 0 && (unsigned)size < sizeof(s->bytes) ? (unsigned)size : sizeof(s->bytes);
	if (r->size - (pa - r->base) < s->size)
		s->size = (unsigned)(r->size - (pa - r->base));
	memcpy(s->bytes, s->host, s->size);
	cpu->flash_writes++;
	/* The next block boundary takes the block hook's slow path, which puts the bytes back. */
	emu_cpu_attention(cpu);
	return true;
}

static bool cpu_prot_hook(uc_engine *uc, uc_mem_type type, uint64_t addr, int size, int64_t value,
			  void *user)
{
	struct emu_cpu *cpu = user;

	(void)uc;
	(void)value;
	if (emu_access_fault(cpu, addr,
			     type == UC_MEM_FETCH_PROT   ? EMU_ACCESS_KIND_FETCH
			     : type == UC_MEM_WRITE_PROT ? EMU_ACCESS_KIND_WRITE
							 : EMU_ACCESS_KIND_READ))
		return false;
	if (type == UC_MEM_WRITE_PROT && cpu_flash_write(cpu, addr, size))
		return true;
	if (type == UC_MEM_FETCH_PROT)
		emu_cpu_fault(cpu, EMU_FAULT_FETCH_PROT, addr,
			      "instruction fetch from non-executable address 0x%llx",
			      (unsigned long long)addr);
	else
		emu_cpu_fault(cpu, EMU_FAULT_WRITE_PROT, addr,
			      "write to read-only memory at 0x%llx", (unsigned long long)addr);
	return false;
}

/* Runs the engine from the current PC until it stops, mapping aliases it asked for. */
static uc_err cpu_run_engine(struct emu_cpu *cpu)
{
	uint64_t pc = emu_cpu_pc(cpu);
	uc_err e;

	if (cpu->ram_deferred && !emu_cpu_map_ram(cpu))
		return UC_ERR_OK; /* the CPU stopped with the internal error */
	emu_debug_flush_pending(cpu);
	/* until = an address no guest reaches, timeout 0, count 0: the cheapest way to run. */
	e = uc_emu_start(cpu->uc, pc, UINT64_MAX - 3, 0, 0);
	cpu_flash_restore(cpu);
	/* A first touch of an alias stopped the engine: map it, resume at the same instruction.
	 * An access change during a call stopped it too: resume after the call. */
	while (cpu->restart_pending && cpu->stop.kind == EMU_STOP_NONE) {
		cpu->restart_pending = false;
		if (cpu->restart_map &&
		    !emu_mmu_map_alias(cpu, cpu->restart_va, cpu->restart_fetch)) {
			if (cpu->stop.kind == EMU_STOP_NONE)
				emu_cpu_fault(cpu,
					      cpu->restart_fetch ? EMU_FAULT_FETCH_UNMAPPED
								 : EMU_FAULT_WRITE_UNMAPPED,
					      cpu->restart_va, "%s of unmapped address 0x%llx",
					      cpu->restart_fetch ? "instruction fetch" : "write",
					      (unsigned long long)cpu->restart_va);
			break;
		}
		emu_debug_flush_pending(cpu);
		e = uc_emu_start(cpu->uc, cpu->restart_pc, UINT64_MAX - 3, 0, 0);
	}
	cpu->restart_pending = false;
	cpu_flash_restore(cpu);
	return e;
}

/*
 * WFI (Arm ARM D1.16.2): the PE waits until an interrupt is asserted to it (masked or not: WFI
 * wakes even with PSTATE.I set, and execution then goes on after it). With nothing asserted
 * the PE's clock moves on, without instructions, to the next timer event (or the deadline: the
 * run stops there and the next one goes on waiting); with nothing that can ever wake it the
 * run ends in a halt, or EMU_STOP_WAIT when a scheduler owns that decision. True when the
 * guest goes on (at its vector, or after the WFI).
 */
static bool cpu_wait(struct emu_cpu *cpu, uint64_t wfi_pc)
{
	struct emu_pe *pe = cpu->pe;
	uint64_t now = emu_cpu_clock_at(cpu, cpu->insns), event;

	cpu->waiting = false;
	emu_pe_update(pe, now);
	emu_pl011_poll(cpu);
	cpu->attention = false;
	/* A virtual interrupt its SPMC asserted wakes it as a physical one would (Arm ARM
	 * D1.16.2, "WFI wake-up events"), masked or not. */
	if (cpu->virq || cpu->vfiq) {
		emu_cpu_interrupts(cpu);
		cpu_update_limit(cpu, false);
		emu_cpu_attention(cpu);
		return cpu->stop.kind == EMU_STOP_NONE;
	}
	if (pe->gic == NULL || emu_gic_signals(pe->gic, pe->index, cpu->secure) == 0) {
		event = emu_pe_next_event(pe);
		if (event == UINT64_MAX && cpu->deadline == UINT64_MAX &&
		    emu_pl011_wait_input(cpu) &&
		    emu_gic_signals(pe->gic, pe->index, cpu->secure) != 0) {
			/* Terminal input woke it: no virtual time passes. */
			emu_cpu_interrupts(cpu);
			cpu->attention = true;
			cpu->insn_limit = 0;
			return cpu->stop.kind == EMU_STOP_NONE;
		}
		if (event == UINT64_MAX && cpu->deadline == UINT64_MAX) {
			if (cpu->wait_returns) {
				cpu->waiting = true;
				emu_cpu_stop(cpu, EMU_STOP_WAIT, 0,
					     "wfi at 0x%llx waits for another CPU",
					     (unsigned long long)wfi_pc);
			} else {
				cpu_halt(cpu, wfi_pc, "wfi with no interrupt to wake the CPU");
			}
			cpu->stop.pc = wfi_pc;
			return false;
		}
		pe->waits++;
		if (cpu->deadline <= event) {
			/* Waiting goes on after the deadline's stop. */
			if (cpu->deadline > now) {
				pe->waited_ns += cpu->deadline - now;
				cpu->clock_offset += cpu->deadline - now;
			}
			cpu->waiting = true;
			emu_cpu_stop(cpu, EMU_STOP_DEADLINE, 0, "deadline %llu ns reached in wfi",
				     (unsigned long long)cpu->deadline);
			cpu->stop.pc = wfi_pc;
			return false;
		}
		if (event > now) {
			pe->waited_ns += event - now;
			cpu->clock_offset += event - now;
		}
		emu_pe_update(pe, event);
		cpu->attention = false;
	}
	emu_cpu_interrupts(cpu);
	cpu_update_limit(cpu, false);
	cpu->attention = true; /* the next block boundary re-checks (a masked one polls) */
	cpu->insn_limit = 0;
	return cpu->stop.kind == EMU_STOP_NONE;
}

void emu_cpu_run(struct emu_cpu *cpu)
{
	struct emu_pe *pe = cpu->pe;
	/*
	 * An engine already running on the PE that this run nests in: the normal world's CPU
	 * whose call a partition serves. The PE's clock goes on from that engine's count, and
	 * that engine goes on from where this run leaves the clock.
	 */
	struct emu_cpu *outer = pe->current != cpu ? pe->current : NULL;
	uint64_t pc;
	uc_err e = UC_ERR_OK;
	uint32_t insn = 0;
	bool go = true;

	/* A deadline's or a wait's stop ends when the CPU runs again. */
	if (cpu->stop.kind == EMU_STOP_DEADLINE || cpu->stop.kind == EMU_STOP_WAIT ||
	    cpu->stop.kind == EMU_STOP_INTERRUPT)
		memset(&cpu->stop, 0, sizeof(cpu->stop));
	if (!emu_cpu_engine_ok(cpu))
		return; /* stopped on the internal error */
	if (outer != NULL)
		pe->now = emu_cpu_now(outer);
	/* The PE's clock goes on from where it is; the entry trampoline's ERET takes no time. */
	cpu->clock_offset =
		pe->now -
		(cpu->insns < EMU_TRAMPOLINE_INSNS ? EMU_TRAMPOLINE_INSNS : cpu->insns) * cpu->cpi;
	pe->current = cpu;
	cpu->running = true;
	emu_cpu_attention(cpu); /* the first block checks the timers and interrupts */
	if (cpu->waiting)
		go = cpu_wait(cpu, emu_cpu_pc(cpu) - 4);
	while (go) {
		e = cpu_run_engine(cpu);
		if (cpu->stop.kind != EMU_STOP_NONE || e != UC_ERR_OK)
			break;
		/* unicorn returns from uc_emu_start when the guest executes WFI. */
		pc = emu_cpu_pc(cpu);
		if (!emu_cpu_read_insn(cpu, pc - 4, &insn) || insn != EMU_INSN_WFI)
			break;
		go = cpu_wait(cpu, pc - 4);
	}
	pe->now = emu_cpu_clock_at(cpu, cpu->insns);
	pe->current = outer;
	cpu->running = false;
	if (outer != NULL) {
		outer->clock_offset = pe->now - outer->insns * outer->cpi;
		emu_cpu_attention(outer); /* what became pending meanwhile is its to take */
	}
	if (cpu->stop.kind == EMU_STOP_CALL || cpu->stop.kind == EMU_STOP_DEADLINE ||
	    cpu->stop.kind == EMU_STOP_WAIT || cpu->stop.kind == EMU_STOP_INTERRUPT)
		return; /* the CPU goes on later: its partial line stays open */
	emu_console_line_flush(&cpu->console_line);
	if (cpu->stop.kind != EMU_STOP_NONE) {
		/*
		 * Memory hooks see the PC of the block's last synchronised instruction; after the
		 * run it is exact for aborts, and emu_fault_locate finds the access otherwise.
		 */
		if (cpu->stop.kind == EMU_STOP_FAULT && emu_fault_is_access(cpu->stop.fault)) {
			cpu->stop.pc = emu_cpu_pc(cpu);
			emu_fault_locate(cpu);
		}
		return;
	}
	pc = emu_cpu_pc(cpu);
	if (e != UC_ERR_OK) {
		emu_cpu_fault(cpu, EMU_FAULT_EXCEPTION, pc, "emulation stopped: %s",
			      uc_strerror(e));
		return;
	}
	emu_cpu_stop(cpu, EMU_STOP_ERROR, EMU_STATUS_INTERNAL,
		     "emulation ended unexpectedly at 0x%llx", (unsigned long long)pc);
}

void emu_cpu_snapshot(const struct emu_cpu *cpu, struct emu_cpu_snapshot *snap)
{
	int regs[34];
	void *vals[34];

	memset(snap, 0, sizeof(*snap));
	for (int i = 0; i < 29; i++) {
		regs[i] = UC_ARM64_REG_X0 + i;
		vals[i] = &snap->x[i];
	}
	regs[29] = UC_ARM64_REG_X29;
	vals[29] = &snap->x[29];
	regs[30] = UC_ARM64_REG_X30;
	vals[30] = &snap->x[30];
	regs[31] = UC_ARM64_REG_SP;
	vals[31] = &snap->sp;
	regs[32] = UC_ARM64_REG_PC;
	vals[32] = &snap->pc;
	regs[33] = UC_ARM64_REG_PSTATE;
	vals[33] = &snap->pstate;
	if (!emu_cpu_engine_ok(cpu) || !emu_uc_ok(cpu, uc_reg_read_batch(cpu->uc, regs, vals, 34),
						  "reading the registers for a report"))
		memset(snap, 0, sizeof(*snap));
	else if (cpu->at_boundary)
		snap->pc = cpu->boundary_pc;
}

const char *emu_stop_kind_name(enum emu_stop_kind kind)
{
	switch (kind) {
	case EMU_STOP_NONE:
		return "running";
	case EMU_STOP_EXIT:
		return "exit";
	case EMU_STOP_HALT:
		return "halt";
	case EMU_STOP_CONSOLE:
		return "console";
	case EMU_STOP_INPUT:
		return "input";
	case EMU_STOP_FAULT:
		return "fault";
	case EMU_STOP_CHECK:
		return "check";
	case EMU_STOP_CALL:
		return "call";
	case EMU_STOP_ERROR:
		return "error";
	case EMU_STOP_DEADLINE:
		return "deadline";
	case EMU_STOP_WAIT:
		return "wait";
	case EMU_STOP_INTERRUPT:
		return "interrupt";
	}
	return "?";
}
