/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The guest's stage-1 translation, as far as the simulator needs to see it: unicorn 2.0.1 looks
 * up its own memory regions with the virtual address before it translates, so a virtual
 * address the guest maps to RAM at another address needs a unicorn mapping of its own. The
 * alias maps the same host memory (uc_mem_map_ptr), so both addresses see the same bytes.
 * Walks 4 KiB-granule tables (VMSAv8-64, Arm ARM D8.2), EL1&0 (TTBR0/TTBR1) and EL2 (TTBR0),
 * and for a fault's syndrome the normal world's stage 2 (VTTBR_EL2, VTCR_EL2) when HCR_EL2.VM
 * turns it on: unicorn translates stage 2 itself and raises the abort, not its cause.
 */
#include <stdlib.h>
#include <string.h>

#include "emu/internal.h"

#define MMU_DESC_VALID 1u
#define MMU_DESC_TABLE 2u /* bit 1 at levels 0-2: table; at level 3: page */
#define MMU_DESC_ADDR_MASK 0x0000fffffffff000ull
#define MMU_SCTLR_M 1u
#define MMU_TCR_T0SZ(tcr) ((unsigned)((tcr)&0x3f))
#define MMU_TCR_T1SZ(tcr) ((unsigned)(((tcr) >> 16) & 0x3f))
#define MMU_TCR_TG0(tcr) ((unsigned)(((tcr) >> 14) & 3)) /* 0 = 4 KiB */
#define MMU_TCR_TG1(tcr) ((unsigned)(((tcr) >> 30) & 3)) /* 2 = 4 KiB */
#define MMU_TCR_EPD0 (1ull << 7)
#define MMU_TCR_EPD1 (1ull << 23)
/* Leaf descriptor fields (Arm ARM D8.3.2). */
#define MMU_DESC_AP_EL0 (1ull << 6) /* AP[1]: EL0 may access */
#define MMU_DESC_AP_RO (1ull << 7)  /* AP[2]: read-only */
#define MMU_DESC_AF (1ull << 10)
#define MMU_DESC_PXN (1ull << 53)
#define MMU_DESC_UXN (1ull << 54) /* XN at EL2 */
/* Stage 2 (Arm ARM D8.3.2, D17.2.175): HCR_EL2.VM, VTCR_EL2 fields, S2AP and XN. */
#define MMU_HCR_VM 1ull
#define MMU_VTCR_SL0(vtcr) ((unsigned)(((vtcr) >> 6) & 3))
#define MMU_S2_READ (1ull << 6)
#define MMU_S2_WRITE (1ull << 7)
#define MMU_S2_XN (1ull << 54)

static uint64_t mmu_sctlr(const struct emu_cpu *cpu, unsigned el)
{
	return el == 2 ? emu_cpu_read_sysreg(cpu, 3, 4, 1, 0, 0)
		       : emu_cpu_read_sysreg(cpu, 3, 0, 1, 0, 0);
}

bool emu_mmu_enabled(const struct emu_cpu *cpu)
{
	unsigned el = emu_cpu_current_el(cpu);

	return (mmu_sctlr(cpu, el == 2 ? 2 : 1) & MMU_SCTLR_M) != 0;
}

/* What one lookup of a walk finds (Arm ARM D8.3): a fault, a table, or a block or page. */
enum mmu_step { MMU_STEP_FAULT, MMU_STEP_TABLE, MMU_STEP_LEAF };

/*
 * Reads the descriptor at pa for a lookup at level into *desc: a translation fault when there
 * is no memory there, it is invalid, or it is a block at level 0 or at level 3 (which needs
 * pages).
 */
static enum mmu_step mmu_lookup(const struct emu_cpu *cpu, uint64_t pa, bool secure, unsigned level,
				uint64_t *desc)
{
	const uint8_t *p = emu_memory_ptr(cpu->memory, pa, 8, secure);

	if (p == NULL)
		return MMU_STEP_FAULT;
	*desc = emu_le64(p);
	if (!(*desc & MMU_DESC_VALID))
		return MMU_STEP_FAULT;
	if (level < 3 && (*desc & MMU_DESC_TABLE))
		return MMU_STEP_TABLE;
	if (level == 0 || (level == 3 && !(*desc & MMU_DESC_TABLE)))
		return MMU_STEP_FAULT;
	return MMU_STEP_LEAF;
}

/* Stage 2 applies to the normal world's EL1&0 regime when HCR_EL2.VM is set (Arm ARM D8.1). */
static bool mmu_stage2_on(const struct emu_cpu *cpu)
{
	return !cpu->secure && emu_cpu_current_el(cpu) < 2 &&
	       (emu_cpu_read_sysreg(cpu, 3, 4, 1, 1, 0) & MMU_HCR_VM) != 0;
}

/*
 * The stage-2 walk of ipa for access (VTTBR_EL2, VTCR_EL2: 4 KiB granule, T0SZ 16-39, the start
 * level from SL0, concatenated tables at it). On success *pa; on failure *level is where the
 * walk stopped.
 */
static enum emu_mmu_status mmu_walk_s2(const struct emu_cpu *cpu, uint64_t ipa,
				       enum emu_mmu_access access, uint64_t *pa, unsigned *level)
{
	uint64_t vtcr = emu_cpu_read_sysreg(cpu, 3, 4, 2, 1, 2);
	uint64_t table = emu_cpu_read_sysreg(cpu, 3, 4, 2, 1, 0) & MMU_DESC_ADDR_MASK;
	unsigned tsz = MMU_TCR_T0SZ(vtcr), start;

	*level = 0;
	if (MMU_TCR_TG0(vtcr) != 0 || MMU_VTCR_SL0(vtcr) == 3 || tsz < 16 || tsz > 39 ||
	    (ipa >> (64 - tsz)) != 0)
		return EMU_MMU_TRANSLATION;
	start = 2 - MMU_VTCR_SL0(vtcr);
	for (unsigned l = start; l <= 3; l++) {
		unsigned shift = 12 + 9 * (3 - l);
		uint64_t index = (ipa >> shift) & 0x1ff;
		uint64_t desc = 0, block;
		enum mmu_step step;

		*level = l;
		if (l == start)
			index = (ipa >> shift) & ((1ull << (64 - tsz - shift)) - 1);
		step = mmu_lookup(cpu, table + index * 8, false, l, &desc);
		if (step == MMU_STEP_FAULT)
			return EMU_MMU_TRANSLATION;
		if (step == MMU_STEP_TABLE) {
			table = desc & MMU_DESC_ADDR_MASK;
			continue;
		}
		if ((desc & MMU_DESC_AF) == 0)
			return EMU_MMU_ACCESS_FLAG;
		if ((access == EMU_MMU_FETCH && (desc & MMU_S2_XN) != 0) ||
		    (access == EMU_MMU_WRITE && (desc & MMU_S2_WRITE) == 0) ||
		    (access != EMU_MMU_WRITE && (desc & MMU_S2_READ) == 0))
			return EMU_MMU_PERMISSION;
		block = 1ull << shift;
		*pa = (desc & MMU_DESC_ADDR_MASK & ~(block - 1)) | (ipa & (block - 1));
		return EMU_MMU_OK;
	}
	return EMU_MMU_TRANSLATION;
}

/*
 * Walks the tables for va in the current regime (EL1&0, or EL2 at EL2). On success *pa, *block
 * and *desc (the leaf descriptor); on failure f->level is where the walk stopped (0 for an
 * address outside the regime's range or a configuration this walker does not know). With s2
 * (stage 2 on), the tables' addresses are IPAs translated by stage 2, and a stage-2 fault on
 * one is f's (stage2, s1ptw, ipa); without it they are taken as physical addresses.
 */
static enum emu_mmu_status mmu_walk(const struct emu_cpu *cpu, uint64_t va, uint64_t *pa,
				    uint64_t *block_size, uint64_t *leaf, bool s2,
				    struct emu_mmu_fault *f)
{
	unsigned el = emu_cpu_current_el(cpu) == 2 ? 2 : 1;
	uint64_t tcr, ttbr, table;
	unsigned tsz, level;
	bool upper = (va >> 63) != 0;

	*f = (struct emu_mmu_fault){0};
	*leaf = 0;
	if ((mmu_sctlr(cpu, el) & MMU_SCTLR_M) == 0) {
		*pa = va;
		*block_size = 0x1000;
		return EMU_MMU_OK;
	}
	tcr = el == 2 ? emu_cpu_read_sysreg(cpu, 3, 4, 2, 0, 2)
		      : emu_cpu_read_sysreg(cpu, 3, 0, 2, 0, 2);
	if (upper) {
		if (el == 2 || (tcr & MMU_TCR_EPD1) || MMU_TCR_TG1(tcr) != 2)
			return EMU_MMU_TRANSLATION;
		tsz = MMU_TCR_T1SZ(tcr);
		ttbr = emu_cpu_read_sysreg(cpu, 3, 0, 2, 0, 1);
	} else {
		if ((el == 1 && (tcr & MMU_TCR_EPD0)) || MMU_TCR_TG0(tcr) != 0)
			return EMU_MMU_TRANSLATION;
		tsz = MMU_TCR_T0SZ(tcr);
		ttbr = el == 2 ? emu_cpu_read_sysreg(cpu, 3, 4, 2, 0, 0)
			       : emu_cpu_read_sysreg(cpu, 3, 0, 2, 0, 0);
	}
	if (tsz < 16 || tsz > 39)
		return EMU_MMU_TRANSLATION;
	/* The address must fit the region's size: the top bits all equal bit 63. */
	if (upper ? (~va >> (64 - tsz)) != 0 : (va >> (64 - tsz)) != 0)
		return EMU_MMU_TRANSLATION;
	/* 4 KiB granule: 9 bits per level, the start level from the input size. */
	level = (unsigned)(4 - ((64 - tsz - 12 + 8) / 9));
	table = ttbr & MMU_DESC_ADDR_MASK;
	for (;; level++) {
		unsigned shift = 12 + 9 * (3 - level);
		uint64_t index = (va >> shift) & 0x1ff;
		uint64_t desc = 0, desc_pa;
		enum emu_mmu_status st;
		enum mmu_step step;
		unsigned s2_level;

		f->level = level;
		if (level == 0 || shift + 9 > 64 - tsz)
			index = (va >> shift) & ((1ull << (64 - tsz - shift)) - 1);
		desc_pa = table + index * 8;
		if (s2 && (st = mmu_walk_s2(cpu, desc_pa, EMU_MMU_READ, &desc_pa, &s2_level)) !=
				  EMU_MMU_OK) {
			*f = (struct emu_mmu_fault){.level = s2_level,
						    .stage2 = true,
						    .s1ptw = true,
						    .ipa = table + index * 8};
			return st;
		}
		step = mmu_lookup(cpu, desc_pa, cpu->secure, level, &desc);
		if (step == MMU_STEP_FAULT)
			return EMU_MMU_TRANSLATION;
		if (step == MMU_STEP_TABLE) {
			table = desc & MMU_DESC_ADDR_MASK;
			continue;
		}
		*block_size = 1ull << shift;
		*pa = (desc & MMU_DESC_ADDR_MASK & ~(*block_size - 1)) | (va & (*block_size - 1));
		*leaf = desc;
		return EMU_MMU_OK;
	}
}

bool emu_mmu_translate(const struct emu_cpu *cpu, uint64_t va, uint64_t *pa, uint64_t *block_size)
{
	uint64_t leaf;
	struct emu_mmu_fault f;

	return mmu_walk(cpu, va, pa, block_size, &leaf, false, &f) == EMU_MMU_OK;
}

/* Stage 1 allowed the access to ipa: stage 2 (when on) decides, and names a fault f's. */
static enum emu_mmu_status mmu_check_s2(const struct emu_cpu *cpu, bool s2, uint64_t ipa,
					enum emu_mmu_access access, struct emu_mmu_fault *f)
{
	uint64_t pa;
	enum emu_mmu_status st;

	if (!s2 || (st = mmu_walk_s2(cpu, ipa, access, &pa, &f->level)) == EMU_MMU_OK)
		return EMU_MMU_OK;
	f->stage2 = true;
	f->ipa = ipa;
	return st;
}

enum emu_mmu_status emu_mmu_check(const struct emu_cpu *cpu, uint64_t va,
				  enum emu_mmu_access access, struct emu_mmu_fault *f)
{
	uint64_t pa, block, desc;
	unsigned el = emu_cpu_current_el(cpu);
	bool s2 = mmu_stage2_on(cpu);
	enum emu_mmu_status st = mmu_walk(cpu, va, &pa, &block, &desc, s2, f);

	if (st != EMU_MMU_OK)
		return st;
	if (desc == 0) /* stage 1 off: va is the IPA */
		return mmu_check_s2(cpu, s2, va, access, f);
	/* Arm ARM D8.4: the access flag, then AP[2:1] and the execute-never bits. */
	if ((desc & MMU_DESC_AF) == 0)
		return EMU_MMU_ACCESS_FLAG;
	if (el == 0 && (desc & MMU_DESC_AP_EL0) == 0)
		return EMU_MMU_PERMISSION;
	if (access == EMU_MMU_WRITE && (desc & MMU_DESC_AP_RO) != 0)
		return EMU_MMU_PERMISSION;
	if (access == EMU_MMU_FETCH &&
	    (desc & (el == 0 || el == 2 ? MMU_DESC_UXN : MMU_DESC_PXN)) != 0)
		return EMU_MMU_PERMISSION;
	return mmu_check_s2(cpu, s2, pa, access, f);
}

/* A window's callbacks' context: they run when a physical access lands inside the window. */
struct emu_alias_window {
	struct emu_cpu *cpu;
	uint64_t base;
};

/*
 * A physical access that reaches a window: the guest's tables (or, with the MMU off, the guest
 * itself) named a physical address where there is no memory, and the window happens to cover
 * that address. It is the fault it would be without the window.
 */
static uint64_t mmu_window_read(uc_engine *uc, uint64_t offset, unsigned size, void *user)
{
	struct emu_alias_window *w = user;

	(void)uc;
	(void)size;
	emu_cpu_fault(w->cpu, EMU_FAULT_READ_UNMAPPED, w->base + offset,
		      "read of unmapped physical address 0x%llx",
		      (unsigned long long)(w->base + offset));
	return 0;
}

static void mmu_window_write(uc_engine *uc, uint64_t offset, unsigned size, uint64_t value,
			     void *user)
{
	struct emu_alias_window *w = user;

	(void)uc;
	(void)size;
	(void)value;
	emu_cpu_fault(w->cpu, EMU_FAULT_WRITE_UNMAPPED, w->base + offset,
		      "write of unmapped physical address 0x%llx",
		      (unsigned long long)(w->base + offset));
}

static bool mmu_overlaps_alias(const struct emu_cpu *cpu, uint64_t base, uint64_t size)
{
	for (unsigned i = 0; i < cpu->alias_count; i++) {
		const struct emu_alias *a = &cpu->aliases[i];

		if (base < a->base + a->size && a->base < base + size)
			return true;
	}
	return false;
}

/* Records an alias; the table grows as needed. False (an internal error) when out of memory. */
static bool mmu_note_alias(struct emu_cpu *cpu, uint64_t base, uint64_t size, uint64_t pa,
			   struct emu_alias_window *window, bool device)
{
	if (cpu->alias_count == cpu->alias_cap) {
		unsigned cap = cpu->alias_cap != 0 ? cpu->alias_cap * 2 : 64;
		struct emu_alias *grown = realloc(cpu->aliases, cap * sizeof(*grown));

		if (grown == NULL) {
			emu_cpu_stop(cpu, EMU_STOP_ERROR, EMU_STATUS_INTERNAL,
				     "out of memory for virtual-address aliases");
			return false;
		}
		cpu->aliases = grown;
		cpu->alias_cap = cap;
	}
	cpu->aliases[cpu->alias_count++] = (struct emu_alias){
		.base = base, .size = size, .pa = pa, .window = window, .device = device};
	cpu->alias_windows += window != NULL;
	cpu->alias_device_pages += device;
	cpu->alias_maps++;
	return true;
}

/* Unmaps alias i and removes it from the table (the last one takes its place). */
static bool mmu_drop_alias(struct emu_cpu *cpu, unsigned i)
{
	struct emu_alias a = cpu->aliases[i];

	cpu->aliases[i] = cpu->aliases[--cpu->alias_count];
	cpu->alias_windows -= a.window != NULL;
	cpu->alias_device_pages -= a.device;
	free(a.window);
	return emu_uc_ok(cpu, uc_mem_unmap(cpu->uc, a.base, a.size),
			 "unmapping a virtual-address alias");
}

bool emu_mmu_drop_aliases(struct emu_cpu *cpu, uint64_t pa, uint64_t size, bool windows)
{
	for (unsigned i = 0; i < cpu->alias_count; i++) {
		const struct emu_alias *a = &cpu->aliases[i];
		bool shows =
			a->window != NULL ? windows : a->pa < pa + size && pa < a->pa + a->size;

		if (!shows)
			continue;
		if (!mmu_drop_alias(cpu, i))
			return false;
		i--;
	}
	return true;
}

bool emu_mmu_tlb_maintenance(struct emu_cpu *cpu)
{
	/*
	 * Windows show whatever the tables map, so they stay. A page alias carries the access of
	 * the page it was made for, and the page behind its address may have changed: drop it
	 * (the next touch makes it again), as a TLB drops the entry. The engine may have
	 * translated blocks under the old alias: leave it and go on at the same place.
	 */
	if (cpu->alias_count == cpu->alias_windows)
		return true;
	if (!emu_mmu_drop_aliases(cpu, 0, UINT64_MAX, false))
		return false;
	emu_cpu_restart_here(cpu);
	return true;
}

/* True when [base, base + size) overlaps a region of the engine (memory, device, alias). */
static bool mmu_overlaps_region(struct emu_cpu *cpu, uint64_t base, uint64_t size, bool *failed)
{
	uc_mem_region *regions = NULL;
	uint32_t count = 0;
	bool overlap = false;

	if (!emu_uc_ok(cpu, uc_mem_regions(cpu->uc, &regions, &count),
		       "listing the engine's memory regions")) {
		*failed = true;
		return true;
	}
	for (uint32_t i = 0; i < count && !overlap; i++)
		overlap = base <= regions[i].end && regions[i].begin <= base + (size - 1);
	uc_free(regions);
	return overlap;
}

/*
 * Maps a window over the largest naturally aligned span around va, from 16 MiB
 * (EMU_MMU_WINDOW_MAX_SHIFT) down to one page, that overlaps no region of the engine. When the CPU
 * has EMU_MMU_MAX_WINDOWS already, they all go first (they come back on demand): unicorn 2.0.1
 * aborts the process near 2,000 regions and each map costs more the more there are
 * (docs/unicorn.md).
 */
static bool mmu_map_window(struct emu_cpu *cpu, uint64_t va)
{
	struct emu_alias_window *w;
	bool failed = false;
	uint64_t base = 0, size = 0;

	if (cpu->alias_windows >= EMU_MMU_MAX_WINDOWS) {
		if (!emu_mmu_drop_aliases(cpu, 0, 0, true))
			return false;
		cpu->alias_flushes++;
	}
	for (unsigned shift = EMU_MMU_WINDOW_MAX_SHIFT; shift >= 12; shift -= 3) {
		size = UINT64_C(1) << shift;
		base = va & ~(size - 1);
		if (!mmu_overlaps_region(cpu, base, size, &failed))
			break;
		if (failed)
			return false;
		size = 0;
	}
	if (size == 0)
		return false;
	w = malloc(sizeof(*w));
	if (w == NULL) {
		emu_cpu_stop(cpu, EMU_STOP_ERROR, EMU_STATUS_INTERNAL,
			     "out of memory for a virtual-address window");
		return false;
	}
	*w = (struct emu_alias_window){.cpu = cpu, .base = base};
	if (!emu_uc_ok(cpu,
		       uc_mmio_map(cpu->uc, base, size, mmu_window_read, w, mmu_window_write, w),
		       "mapping a virtual-address window")) {
		free(w);
		return false;
	}
	/* unicorn checks the window's permissions; the page tables' are the guest's business. */
	if (!emu_uc_ok(cpu, uc_mem_protect(cpu->uc, base, size, UC_PROT_ALL),
		       "opening a virtual-address window") ||
	    !mmu_note_alias(cpu, base, size, 0, w, false)) {
		uc_mem_unmap(cpu->uc, base, size);
		free(w);
		return false;
	}
	return true;
}

/* True when pa_page is a page of a UART or of the GIC. */
static bool mmu_is_device(const struct emu_cpu *cpu, uint64_t pa_page)
{
	for (unsigned i = 0; i < cpu->uart_count; i++) {
		if (pa_page == cpu->uarts[i].base)
			return true;
	}
	return emu_gic_claims(&cpu->platform->gic, pa_page, 0x1000);
}

/* A device page behind a virtual address: a UART keeps its registers, the GIC its model's (or
 * reads as zero without one). */
static bool mmu_map_device_alias(struct emu_cpu *cpu, uint64_t va_page, uint64_t pa_page)
{
	const struct emu_gic *gic = &cpu->platform->gic;

	for (unsigned i = 0; i < cpu->uart_count; i++) {
		if (pa_page == cpu->uarts[i].base)
			return emu_pl011_map(&cpu->uarts[i], va_page, NULL) &&
			       mmu_note_alias(cpu, va_page, 0x1000, pa_page, NULL, true);
	}
	if (!emu_gic_claims(gic, pa_page, 0x1000))
		return false;
	if (cpu->gic_port.gic != NULL)
		return emu_gic_map(&cpu->gic_port, cpu->uc, va_page, pa_page, 0x1000, NULL) &&
		       mmu_note_alias(cpu, va_page, 0x1000, pa_page, NULL, true);
	return emu_raz_wi_map(cpu, va_page, 0x1000, NULL) &&
	       mmu_note_alias(cpu, va_page, 0x1000, pa_page, NULL, true);
}

bool emu_mmu_map_alias(struct emu_cpu *cpu, uint64_t va, bool fetch)
{
	uint64_t pa, size, va_base, pa_base;
	const struct emu_mem_region *r;
	uint32_t perms, access;

	(void)fetch;
	if (!emu_mmu_translate(cpu, va, &pa, &size)) {
		/* A translation fault the guest handles itself: a window lets unicorn's own MMU
		 * raise it, which the exception hook then delivers (emu/sync_exception.c). */
		return cpu->access_count == 0 &&
		       emu_sync_would_deliver(cpu, emu_cpu_current_el(cpu)) &&
		       mmu_map_window(cpu, va);
	}
	if (mmu_overlaps_alias(cpu, va & ~0xfffull, 0x1000))
		return false;
	r = emu_memory_find(cpu->memory, pa, 1);
	if (r != NULL && r->host != NULL && r->desc->kind == EMU_REGION_RAM &&
	    r->desc->secure != cpu->secure && !emu_access_overridden(cpu, pa, &access))
		return false; /* the other world's RAM */
	/*
	 * Without pages whose access memory management changed, a window does: the data comes
	 * from the physical address the engine's own translation finds, whatever the window.
	 */
	if (cpu->access_count == 0 && (r != NULL || mmu_is_device(cpu, pa & ~0xfffull)))
		return mmu_map_window(cpu, va);
	if (r == NULL)
		return mmu_map_device_alias(cpu, va & ~0xfffull, pa & ~0xfffull);
	if (r->host == NULL)
		return emu_device_map(cpu, va & ~0xfffull, 0x1000, r->desc,
				      (pa & ~0xfffull) - r->base, NULL) &&
		       mmu_note_alias(cpu, va & ~0xfffull, 0x1000, pa & ~0xfffull, NULL, true);
	/* A page memory management set the access of is aliased with that access alone. */
	if (emu_access_overridden(cpu, pa, &access)) {
		if (access == 0)
			return false;
		perms = emu_access_uc_perms(access);
	} else {
		perms = r->desc->kind == EMU_REGION_FLASH ? UC_PROT_READ | UC_PROT_EXEC
							  : UC_PROT_ALL;
	}
	/* Alias the whole block when it lies inside the region, overlaps no alias and holds no
	 * page whose access was set; else a page. */
	va_base = va & ~(size - 1);
	pa_base = pa & ~(size - 1);
	if (pa_base < r->base || pa_base - r->base + size > r->size ||
	    mmu_overlaps_alias(cpu, va_base, size) || emu_access_set_in(cpu, pa_base, size)) {
		size = 0x1000;
		va_base = va & ~0xfffull;
		pa_base = pa & ~0xfffull;
	}
	if (uc_mem_map_ptr(cpu->uc, va_base, size, perms, r->host + (pa_base - r->base)) !=
	    UC_ERR_OK)
		return false;
	return mmu_note_alias(cpu, va_base, size, pa_base, NULL, false);
}

void emu_mmu_free(struct emu_cpu *cpu)
{
	for (unsigned i = 0; i < cpu->alias_count; i++)
		free(cpu->aliases[i].window);
	free(cpu->aliases);
	cpu->aliases = NULL;
	cpu->alias_count = cpu->alias_cap = cpu->alias_windows = cpu->alias_device_pages = 0;
}

bool emu_cpu_read_insn(const struct emu_cpu *cpu, uint64_t va, uint32_t *insn)
{
	uint8_t bytes[4];

	if (!emu_cpu_read_virt(cpu, va, bytes, sizeof(bytes)))
		return false;
	*insn = emu_le32(bytes);
	return true;
}

bool emu_cpu_read_virt(const struct emu_cpu *cpu, uint64_t va, void *buf, uint64_t size)
{
	uint8_t *out = buf;

	/* Page by page: consecutive virtual pages need not be consecutive in physical memory. */
	while (size > 0) {
		uint64_t pa, block, chunk = 0x1000 - (va & 0xfff);
		const void *src;

		if (chunk > size)
			chunk = size;
		if (!emu_mmu_translate(cpu, va, &pa, &block))
			return false;
		src = emu_memory_ptr(cpu->memory, pa, chunk, cpu->secure);
		if (src == NULL)
			return false;
		memcpy(out, src, chunk);
		out += chunk;
		va += chunk;
		size -= chunk;
	}
	return true;
}
