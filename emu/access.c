/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What one CPU may touch of guest physical memory after FF-A memory management moved pages
 * (FF-A v1.2 (DEN0077A) §10): a lender loses access to what it lends or donates, a borrower
 * gains access to what it retrieves and loses it when it relinquishes, a partition changes the
 * permissions of its own pages (FFA_MEM_PERM_SET). The CPU keeps a table of the ranges whose
 * access differs from what it mapped at open; the engine follows it: memory mapped at open
 * gets its permissions changed (uc_mem_protect), memory the CPU did not map (a partition's
 * borrowed pages) is mapped from the shared host buffer (uc_mem_map_ptr) or unmapped, and the
 * virtual-address aliases of emu/mmu.c that show a changed page are dropped, to be made again
 * on demand with the page's new access. An access the table forbids is reported as a data or
 * instruction abort naming the page's owner through the CPU's fault explainer.
 */
#include <string.h>

#include "emu/internal.h"

#define ACCESS_PAGE 0x1000ull

/* What the CPU maps at open at the page holding pa: its windows, or its world's memory. */
static uint32_t access_base(const struct emu_cpu *cpu, uint64_t pa)
{
	const struct emu_mem_region *r;

	if (cpu->windows != NULL) {
		for (unsigned i = 0; i < cpu->window_count; i++) {
			const struct emu_window *w = &cpu->windows[i];

			if (w->device || pa < w->base || pa - w->base >= w->size)
				continue;
			return EMU_ACCESS_READ | (w->read_only ? 0 : EMU_ACCESS_WRITE) |
			       (w->execute ? EMU_ACCESS_EXEC : 0);
		}
		return 0;
	}
	r = emu_memory_find(cpu->memory, pa, 1);
	if (r == NULL || r->host == NULL)
		return 0;
	if (r->desc->kind == EMU_REGION_FLASH)
		return EMU_ACCESS_READ | EMU_ACCESS_EXEC;
	return r->desc->secure == cpu->secure ? EMU_ACCESS_ALL : 0;
}

/* The table's entry for the page holding pa, or NULL. */
static const struct emu_access_range *access_find(const struct emu_cpu *cpu, uint64_t pa)
{
	for (unsigned i = 0; i < cpu->access_count; i++) {
		const struct emu_access_range *a = &cpu->access[i];

		if (pa >= a->base && pa - a->base < a->size)
			return a;
	}
	return NULL;
}

bool emu_access_set_in(const struct emu_cpu *cpu, uint64_t base, uint64_t size)
{
	for (unsigned i = 0; i < cpu->access_count; i++) {
		const struct emu_access_range *a = &cpu->access[i];

		if (base < a->base + a->size && a->base < base + size)
			return true;
	}
	return false;
}

bool emu_access_overridden(const struct emu_cpu *cpu, uint64_t pa, uint32_t *access)
{
	const struct emu_access_range *a = access_find(cpu, pa);

	if (a == NULL)
		return false;
	*access = a->access;
	return true;
}

uint32_t emu_cpu_access(const struct emu_cpu *cpu, uint64_t addr)
{
	uint32_t access;

	if (emu_access_overridden(cpu, addr, &access))
		return access;
	return access_base(cpu, addr & ~(ACCESS_PAGE - 1));
}

uint32_t emu_access_uc_perms(uint32_t access)
{
	return ((access & EMU_ACCESS_READ) ? UC_PROT_READ : 0) |
	       ((access & EMU_ACCESS_WRITE) ? UC_PROT_WRITE : 0) |
	       ((access & EMU_ACCESS_EXEC) ? UC_PROT_EXEC : 0);
}

/*
 * The table with [addr, addr + size) set to access, into out (room for EMU_MAX_ACCESS_RANGES):
 * entries it overlaps are cut around it, and it joins neighbours with the same access. False
 * when the result does not fit.
 */
static bool access_table_with(const struct emu_cpu *cpu, uint64_t addr, uint64_t size,
			      uint32_t access, struct emu_access_range *out, unsigned *count)
{
	struct emu_access_range add = {.base = addr, .size = size, .access = access};
	uint64_t end = addr + size;
	unsigned n = 0;

	for (unsigned i = 0; i < cpu->access_count; i++) {
		const struct emu_access_range *a = &cpu->access[i];
		uint64_t a_end = a->base + a->size;
		struct emu_access_range pieces[2];
		unsigned k = 0;

		if (a_end <= addr || a->base >= end) {
			pieces[k++] = *a;
		} else {
			if (a->base < addr)
				pieces[k++] = (struct emu_access_range){a->base, addr - a->base,
									a->access};
			if (a_end > end)
				pieces[k++] =
					(struct emu_access_range){end, a_end - end, a->access};
		}
		for (unsigned j = 0; j < k; j++) {
			const struct emu_access_range *p = &pieces[j];

			/* A neighbour with the same access joins the new range. */
			if (p->access == access && p->base + p->size == add.base) {
				add.base = p->base;
				add.size += p->size;
			} else if (p->access == access && add.base + add.size == p->base) {
				add.size += p->size;
			} else {
				if (n == EMU_MAX_ACCESS_RANGES)
					return false;
				out[n++] = *p;
			}
		}
	}
	if (n == EMU_MAX_ACCESS_RANGES)
		return false;
	out[n++] = add;
	*count = n;
	return true;
}

/*
 * Moves the engine's view of [addr, addr + size), all at access old, to access: whatever maps it
 * goes, and a mapping of the shared host memory with the new permissions takes its place. A
 * page without access is not mapped at all: unicorn 2.0.1 lets a load that runs after a
 * permission change inside the running engine use the page's stale translation, and only an
 * unmapping drops it (docs/guest-abi.md).
 */
static bool access_apply_run(struct emu_cpu *cpu, uint64_t addr, uint64_t size, uint32_t old,
			     uint32_t access)
{
	uint8_t *host;

	if (old == access)
		return true;
	if (old != 0 &&
	    !emu_uc_ok(cpu, uc_mem_unmap(cpu->uc, addr, size), "unmapping a page range"))
		return false;
	if (access != 0) {
		host = emu_memory_ptr(cpu->memory, addr, size, true);
		if (!emu_uc_ok(
			    cpu,
			    uc_mem_map_ptr(cpu->uc, addr, size, emu_access_uc_perms(access), host),
			    "mapping a page range"))
			return false;
	}
	/* Code translated from the range must not run on after losing execute permission. */
	if ((old & EMU_ACCESS_EXEC) && !(access & EMU_ACCESS_EXEC))
		return emu_uc_ok(cpu, uc_ctl_remove_cache(cpu->uc, addr, addr + size),
				 "dropping translated code");
	return true;
}

/*
 * Moves the engine's view of [pos, end) to access, in runs of pages it holds alike: what each
 * page has now is held_by(cpu, page), the table's view (emu_cpu_access) or, for an engine just
 * opened, what it mapped at open (access_base).
 */
static bool access_move(struct emu_cpu *cpu, uint64_t pos, uint64_t end, uint32_t access,
			uint32_t (*held_by)(const struct emu_cpu *, uint64_t))
{
	while (pos < end) {
		uint32_t old = held_by(cpu, pos);
		uint64_t run = pos + ACCESS_PAGE;

		while (run < end && held_by(cpu, run) == old)
			run += ACCESS_PAGE;
		if (!access_apply_run(cpu, pos, run - pos, old, access))
			return false;
		pos = run;
	}
	return true;
}

bool emu_cpu_set_access(struct emu_cpu *cpu, uint64_t addr, uint64_t size, uint32_t access)
{
	struct emu_access_range table[EMU_MAX_ACCESS_RANGES];
	const struct emu_mem_region *r = emu_memory_find(cpu->memory, addr, size);
	uint64_t end = addr + size;
	unsigned count = 0;

	if (size == 0 || (addr | size) % ACCESS_PAGE != 0 || end < addr || r == NULL ||
	    r->host == NULL || r->desc->kind != EMU_REGION_RAM || (access & ~EMU_ACCESS_ALL)) {
		emu_cpu_stop(cpu, EMU_STOP_ERROR, EMU_STATUS_INTERNAL,
			     "access 0x%x asked for 0x%llx-0x%llx, which is not whole pages of one "
			     "RAM region",
			     (unsigned)access, (unsigned long long)addr, (unsigned long long)end);
		return false;
	}
	if (!access_table_with(cpu, addr, size, access, table, &count)) {
		emu_cpu_stop(cpu, EMU_STOP_ERROR, EMU_STATUS_INTERNAL,
			     "access set for more than %u page ranges", EMU_MAX_ACCESS_RANGES);
		return false;
	}
	/* Without an engine yet, the table is all: the engine follows it as it opens. */
	if (cpu->uc == NULL) {
		memcpy(cpu->access, table, count * sizeof(table[0]));
		cpu->access_count = count;
		return true;
	}
	/* The engine's RAM must be there to be changed. */
	if (!emu_cpu_map_ram(cpu))
		return false;
	/* Runs of pages the engine holds alike now, each moved in one step. */
	if (!access_move(cpu, addr, end, access, emu_cpu_access))
		return false;
	memcpy(cpu->access, table, count * sizeof(table[0]));
	cpu->access_count = count;
	/* In a running engine, no block translated under the old mappings may go on: leave the
	 * engine and resume at the same place. */
	emu_cpu_restart_here(cpu);
	/* Aliases of the range go, and windows, which may show it; the next touch makes them again
	 * with the new access. */
	if (!emu_mmu_drop_aliases(cpu, addr, end - addr, true))
		return false;
	return true;
}

bool emu_access_apply(struct emu_cpu *cpu)
{
	for (unsigned i = 0; i < cpu->access_count; i++) {
		const struct emu_access_range *a = &cpu->access[i];

		if (!access_move(cpu, a->base, a->base + a->size, a->access, access_base))
			return false;
	}
	return true;
}

void emu_cpu_set_explainer(struct emu_cpu *cpu, struct emu_fault_explainer explainer)
{
	cpu->explainer = explainer;
}

/* "rw-", "r-x", "---": an access for a report. */
static void access_name(uint32_t access, char out[4])
{
	out[0] = (access & EMU_ACCESS_READ) ? 'r' : '-';
	out[1] = (access & EMU_ACCESS_WRITE) ? 'w' : '-';
	out[2] = (access & EMU_ACCESS_EXEC) ? 'x' : '-';
	out[3] = '\0';
}

bool emu_access_fault(struct emu_cpu *cpu, uint64_t va, enum emu_access_kind kind)
{
	static const char *const verbs[] = {"read of", "write to", "instruction fetch from"};
	static const uint32_t needs[] = {EMU_ACCESS_READ, EMU_ACCESS_WRITE, EMU_ACCESS_EXEC};
	uint64_t pa = va, block;
	uint32_t access;
	char phrase[160] = "", where[64] = "", rwx[4];
	bool set;

	if (cpu->access_count == 0 && cpu->explainer.fn == NULL)
		return false;
	if (emu_mmu_enabled(cpu)) {
		if (!emu_mmu_translate(cpu, va, &pa, &block))
			return false;
		snprintf(where, sizeof(where), " (physical 0x%llx)", (unsigned long long)pa);
	}
	access = emu_cpu_access(cpu, pa);
	if ((access & needs[kind]) != 0)
		return false;
	set = emu_access_overridden(cpu, pa, &access);
	if (cpu->explainer.fn != NULL)
		cpu->explainer.fn(cpu->explainer.ctx, pa & ~(ACCESS_PAGE - 1), phrase,
				  sizeof(phrase));
	/* A page never given to this CPU is an abort too when memory management concerns it (a
	 * page shared with a partition that has not retrieved it). */
	if (!set && phrase[0] == '\0')
		return false;
	access_name(access, rwx);
	emu_cpu_fault(cpu,
		      kind == EMU_ACCESS_KIND_FETCH ? EMU_FAULT_INSN_ACCESS : EMU_FAULT_DATA_ACCESS,
		      va, "%s: %s 0x%llx%s, page access %s: %s",
		      kind == EMU_ACCESS_KIND_FETCH ? "instruction abort" : "data abort",
		      verbs[kind], (unsigned long long)va, where, rwx,
		      phrase[0] != '\0' ? phrase : "set by memory management");
	return true;
}
