/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The PE clock and the CPU's deadline in their simplest form: a PE's clock is what its engine
 * counted, no timer ever fires (emu_pe_next_event answers never). The scheduler of several
 * CPUs (sim/smp.c) needs no more; the generic timers and interrupt delivery replace this file.
 */
#include <string.h>

#include "emu/internal.h"

void emu_pe_init(struct emu_pe *pe, unsigned index, uint64_t mpidr, uint64_t cntfrq_hz,
		 struct emu_gic_state *gic)
{
	memset(pe, 0, sizeof(*pe));
	pe->index = index;
	pe->mpidr = mpidr;
	pe->cntfrq_hz = cntfrq_hz;
	pe->gic = gic;
}

uint64_t emu_pe_next_event(const struct emu_pe *pe)
{
	(void)pe;
	return UINT64_MAX;
}

void emu_pe_update(struct emu_pe *pe, uint64_t ns)
{
	(void)pe;
	(void)ns;
}

struct emu_pe *emu_cpu_pe(const struct emu_cpu *cpu)
{
	return cpu->pe != NULL ? cpu->pe : (struct emu_pe *)&cpu->own_pe;
}

uint64_t emu_cpu_now(const struct emu_cpu *cpu)
{
	if (cpu->running)
		return cpu->insns + cpu->clock_offset;
	return emu_cpu_pe(cpu)->now;
}

void emu_cpu_set_deadline(struct emu_cpu *cpu, uint64_t ns)
{
	cpu->deadline = ns;
}

void emu_cpu_set_wait_returns(struct emu_cpu *cpu, bool returns)
{
	cpu->wait_returns = returns;
}
