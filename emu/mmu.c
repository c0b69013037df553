/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The guest's stage-1 translation, as far as the simulator needs to see it: unicorn 2.0.1 looks
 * up its own memory regions with the virtual address before it translates, so a virtual
 * address the guest maps to RAM at another address needs a unicorn mapping of its own. The
 * alias maps the same host memory (uc_mem_map_ptr), so both addresses see the same bytes.
 * Walks 4 KiB-granule tables (VMSAv8-64, Arm ARM D8.2), EL1&0 (TTBR0/TTBR1) and EL2 (TTBR0).
 */
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

bool emu_mmu_translate(const struct emu_cpu *cpu, uint64_t va, uint64_t *pa, uint64_t *block_size)
{
	unsigned el = emu_cpu_current_el(cpu) == 2 ? 2 : 1;
	uint64_t tcr, ttbr, table;
	unsigned tsz, level;
	bool upper = (va >> 63) != 0;

	if ((mmu_sctlr(cpu, el) & MMU_SCTLR_M) == 0) {
		*pa = va;
		*block_size = 0x1000;
		return true;
	}
	tcr = el == 2 ? emu_cpu_read_sysreg(cpu, 3, 4, 2, 0, 2)
		      : emu_cpu_read_sysreg(cpu, 3, 0, 2, 0, 2);
	if (upper) {
		if (el == 2 || (tcr & MMU_TCR_EPD1) || MMU_TCR_TG1(tcr) != 2)
			return false;
		tsz = MMU_TCR_T1SZ(tcr);
		ttbr = emu_cpu_read_sysreg(cpu, 3, 0, 2, 0, 1);
	} else {
		if ((el == 1 && (tcr & MMU_TCR_EPD0)) || MMU_TCR_TG0(tcr) != 0)
			return false;
		tsz = MMU_TCR_T0SZ(tcr);
		ttbr = el == 2 ? emu_cpu_read_sysreg(cpu, 3, 4, 2, 0, 0)
			       : emu_cpu_read_sysreg(cpu, 3, 0, 2, 0, 0);
	}
	if (tsz < 16 || tsz > 39)
		return false;
	/* The address must fit the region's size: the top bits all equal bit 63. */
	if (upper ? (~va >> (64 - tsz)) != 0 : (va >> (64 - tsz)) != 0)
		return false;
	/* 4 KiB granule: 9 bits per level, the start level from the input size. */
	level = (unsigned)(4 - ((64 - tsz - 12 + 8) / 9));
	table = ttbr & MMU_DESC_ADDR_MASK;
	for (;; level++) {
		unsigned shift = 12 + 9 * (3 - level);
		uint64_t index = (va >> shift) & 0x1ff;
		const uint8_t *desc_ptr;
		uint64_t desc;

		if (level == 0 || shift + 9 > 64 - tsz)
			index = (va >> shift) & ((1ull << (64 - tsz - shift)) - 1);
		desc_ptr = emu_memory_ptr(cpu->memory, table + index * 8, 8, cpu->secure);
		if (desc_ptr == NULL)
			return false;
		desc = emu_le64(desc_ptr);
		if (!(desc & MMU_DESC_VALID))
			return false;
		if (level < 3 && (desc & MMU_DESC_TABLE)) {
			table = desc & MMU_DESC_ADDR_MASK;
			continue;
		}
		if (level == 0 || (level == 3 && !(desc & MMU_DESC_TABLE)))
			return false; /* no blocks at level 0; level 3 needs page descriptors */
		*block_size = 1ull << shift;
		*pa = (desc & MMU_DESC_ADDR_MASK & ~(*block_size - 1)) | (va & (*block_size - 1));
		return true;
	}
}

static bool mmu_overlaps_alias(const struct emu_cpu *cpu, uint64_t base, uint64_t size)
{
	for (unsigned i = 0; i < cpu->alias_count; i++) {
		if (base < cpu->alias_base[i] + cpu->alias_size[i] &&
		    cpu->alias_base[i] < base + size)
			return true;
	}
	return false;
}

/* Records an alias of pa so that later walks do not map over it. */
static bool mmu_note_alias(struct emu_cpu *cpu, uint64_t base, uint64_t size, uint64_t pa)
{
	cpu->alias_base[cpu->alias_count] = base;
	cpu->alias_size[cpu->alias_count] = size;
	cpu->alias_pa[cpu->alias_count] = pa;
	cpu->alias_count++;
	return true;
}

/* A device page behind a virtual address: a UART keeps its registers, the GIC its model's (or
 * reads as zero without one). */
static bool mmu_map_device_alias(struct emu_cpu *cpu, uint64_t va_page, uint64_t pa_page)
{
	const struct emu_gic *gic = &cpu->platform->gic;

	for (unsigned i = 0; i < cpu->uart_count; i++) {
		if (pa_page == cpu->uarts[i].base)
			return emu_pl011_map(&cpu->uarts[i], va_page, NULL) &&
			       mmu_note_alias(cpu, va_page, 0x1000, pa_page);
	}
	if (!emu_gic_claims(gic, pa_page, 0x1000))
		return false;
	if (cpu->gic_port.gic != NULL)
		return emu_gic_map(&cpu->gic_port, cpu->uc, va_page, pa_page, 0x1000, NULL) &&
		       mmu_note_alias(cpu, va_page, 0x1000, pa_page);
	return emu_raz_wi_map(cpu, va_page, 0x1000, NULL) &&
	       mmu_note_alias(cpu, va_page, 0x1000, pa_page);
}

bool emu_mmu_map_alias(struct emu_cpu *cpu, uint64_t va, bool fetch)
{
	uint64_t pa, size, va_base, pa_base;
	const struct emu_mem_region *r;
	uint32_t perms, access;

	(void)fetch;
	if (cpu->alias_count == EMU_MAX_ALIASES || !emu_mmu_translate(cpu, va, &pa, &size))
		return false;
	if (mmu_overlaps_alias(cpu, va & ~0xfffull, 0x1000))
		return false;
	r = emu_memory_find(cpu->memory, pa, 1);
	if (r == NULL)
		return mmu_map_device_alias(cpu, va & ~0xfffull, pa & ~0xfffull);
	if (r->host == NULL)
		return emu_device_map(cpu, va & ~0xfffull, 0x1000, r->desc,
				      (pa & ~0xfffull) - r->base, NULL) &&
		       mmu_note_alias(cpu, va & ~0xfffull, 0x1000, pa & ~0xfffull);
	/* A page memory management set the access of is aliased with that access alone. */
	if (emu_access_overridden(cpu, pa, &access)) {
		if (access == 0)
			return false;
		perms = emu_access_uc_perms(access);
	} else if (r->desc->kind == EMU_REGION_RAM && r->desc->secure != cpu->secure) {
		return false;
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
	return mmu_note_alias(cpu, va_base, size, pa_base);
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
