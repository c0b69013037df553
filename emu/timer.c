/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A PE's virtual clock and its generic timers (Arm ARM D11 "The Generic Timer"): CNTP, CNTV,
 * CNTHP and CNTPS, each with CTL, CVAL and TVAL. A timer's condition holds when its counter has
 * reached CVAL (CNTPCT for the physical timers, CNTVCT = CNTPCT - CNTVOFF for the virtual one),
 * Arm ARM D11.2.4; ISTATUS shows it while the timer is enabled, and the timer's interrupt is
 * asserted (a level) while ENABLE && ISTATUS && !IMASK. Nothing here runs on its own: the CPU
 * running on the PE stops at the next event (emu_pe_next_event) and calls emu_pe_update.
 */
#include <string.h>

#include "emu/gic.h"
#include "emu/internal.h"

/* Nominal rate of virtual time: one instruction per nanosecond. */
#define TIMER_NS_PER_S 1000000000ull

void emu_pe_init(struct emu_pe *pe, unsigned index, uint64_t mpidr, uint64_t cntfrq_hz,
		 struct emu_gic_state *gic)
{
	memset(pe, 0, sizeof(*pe));
	pe->index = index;
	pe->mpidr = mpidr;
	pe->cntfrq_hz = cntfrq_hz;
	pe->gic = gic;
}

bool emu_pe_add_source(struct emu_pe *pe, struct emu_pe_source source)
{
	if (pe->source_count == EMU_PE_MAX_SOURCES)
		return false;
	pe->sources[pe->source_count++] = source;
	return true;
}

bool emu_pe_remove_source(struct emu_pe *pe, const void *ctx)
{
	for (unsigned i = 0; i < pe->source_count; i++) {
		if (pe->sources[i].ctx != ctx)
			continue;
		for (unsigned j = i + 1; j < pe->source_count; j++)
			pe->sources[j - 1] = pe->sources[j];
		pe->source_count--;
		return true;
	}
	return false;
}

uint64_t emu_pe_now(const struct emu_pe *pe)
{
	if (pe->current != NULL)
		return emu_cpu_now(pe->current);
	return pe->now;
}

uint64_t emu_pe_count_at(const struct emu_pe *pe, uint64_t ns)
{
	return (uint64_t)((unsigned __int128)ns * pe->cntfrq_hz / TIMER_NS_PER_S);
}

uint64_t emu_pe_ns_of_count(const struct emu_pe *pe, uint64_t count)
{
	unsigned __int128 ns;

	if (pe->cntfrq_hz == 0)
		return UINT64_MAX;
	/* The smallest ns with ns * f / 10^9 >= count: ceil(count * 10^9 / f). */
	ns = ((unsigned __int128)count * TIMER_NS_PER_S + pe->cntfrq_hz - 1) / pe->cntfrq_hz;
	return ns > UINT64_MAX ? UINT64_MAX : (uint64_t)ns;
}

/* The value of timer t's counter at clock ns (CNTVCT for the virtual timer). */
static uint64_t timer_counter(const struct emu_pe *pe, enum emu_timer_kind t, uint64_t ns)
{
	uint64_t count = emu_pe_count_at(pe, ns);

	return t == EMU_TIMER_VIRT ? count - pe->cntvoff : count;
}

/* Whether timer t's condition holds at ns: its counter - CVAL >= 0 as unsigned (D11.2.4). */
static bool timer_condition(const struct emu_pe *pe, enum emu_timer_kind t, uint64_t ns)
{
	return timer_counter(pe, t, ns) >= pe->timers[t].cval;
}

/* Whether timer t drives its interrupt at ns. */
static bool timer_output(const struct emu_pe *pe, enum emu_timer_kind t, uint64_t ns)
{
	uint32_t ctl = pe->timers[t].ctl;

	return (ctl & EMU_TIMER_CTL_ENABLE) != 0 && (ctl & EMU_TIMER_CTL_IMASK) == 0 &&
	       timer_condition(pe, t, ns);
}

uint64_t emu_pe_next_event(const struct emu_pe *pe)
{
	uint64_t next = UINT64_MAX;

	for (unsigned t = 0; t < EMU_TIMER_COUNT; t++) {
		const struct emu_timer *tm = &pe->timers[t];
		uint64_t count, at;

		if ((tm->ctl & (EMU_TIMER_CTL_ENABLE | EMU_TIMER_CTL_IMASK)) !=
			    EMU_TIMER_CTL_ENABLE ||
		    tm->output)
			continue;
		/* The physical count at which the condition starts to hold. */
		count = t == EMU_TIMER_VIRT ? tm->cval + pe->cntvoff : tm->cval;
		if (t == EMU_TIMER_VIRT && count < tm->cval)
			continue; /* beyond the end of the physical count: never */
		at = emu_pe_ns_of_count(pe, count);
		if (at < next)
			next = at;
	}
	for (unsigned i = 0; i < pe->source_count; i++) {
		uint64_t at = pe->sources[i].next_event(pe->sources[i].ctx);

		if (at < next)
			next = at;
	}
	return next;
}

void emu_pe_update(struct emu_pe *pe, uint64_t ns)
{
	for (unsigned t = 0; t < EMU_TIMER_COUNT; t++) {
		bool level = timer_output(pe, (enum emu_timer_kind)t, ns);

		if (level == pe->timers[t].output)
			continue;
		pe->timers[t].output = level;
		if (pe->gic != NULL)
			emu_gic_set_ppi(pe->gic, pe->index, emu_timer_intid((enum emu_timer_kind)t),
					level);
	}
	for (unsigned i = 0; i < pe->source_count; i++)
		pe->sources[i].update(pe->sources[i].ctx, ns);
	/* A new compare value or enable moves the next event: the running CPU recomputes it. */
	if (pe->current != NULL)
		emu_cpu_attention(pe->current);
}

uint64_t emu_timer_read(struct emu_pe *pe, enum emu_timer_kind t, enum emu_timer_reg reg,
			uint64_t ns)
{
	const struct emu_timer *tm = &pe->timers[t];

	switch (reg) {
	case EMU_TIMER_REG_CTL:
		/* ISTATUS is valid only while the timer is enabled (Arm ARM D13.8, CNTP_CTL_EL0).
		 */
		if ((tm->ctl & EMU_TIMER_CTL_ENABLE) != 0 && timer_condition(pe, t, ns))
			return tm->ctl | EMU_TIMER_CTL_ISTATUS;
		return tm->ctl;
	case EMU_TIMER_REG_CVAL:
		return tm->cval;
	case EMU_TIMER_REG_TVAL:
		/* CVAL - counter, the low 32 bits, read as a signed value sign-extended. */
		return (uint64_t)(int64_t)(int32_t)(uint32_t)(tm->cval - timer_counter(pe, t, ns));
	}
	return 0;
}

void emu_timer_write(struct emu_pe *pe, enum emu_timer_kind t, enum emu_timer_reg reg,
		     uint64_t value, uint64_t ns)
{
	struct emu_timer *tm = &pe->timers[t];

	switch (reg) {
	case EMU_TIMER_REG_CTL:
		tm->ctl = (uint32_t)value & (EMU_TIMER_CTL_ENABLE | EMU_TIMER_CTL_IMASK);
		break;
	case EMU_TIMER_REG_CVAL:
		tm->cval = value;
		break;
	case EMU_TIMER_REG_TVAL:
		/* CVAL = counter + TVAL, TVAL a signed 32-bit value (Arm ARM D11.2.4). */
		tm->cval = timer_counter(pe, t, ns) + (uint64_t)(int64_t)(int32_t)(uint32_t)value;
		break;
	}
	emu_pe_update(pe, ns);
}

unsigned emu_timer_intid(enum emu_timer_kind t)
{
	switch (t) {
	case EMU_TIMER_PHYS:
		return EMU_TIMER_INTID_PHYS;
	case EMU_TIMER_VIRT:
		return EMU_TIMER_INTID_VIRT;
	case EMU_TIMER_HYP:
		return EMU_TIMER_INTID_HYP;
	case EMU_TIMER_SECURE:
	case EMU_TIMER_COUNT:
		break;
	}
	return EMU_TIMER_INTID_SECURE;
}

const char *emu_timer_name(enum emu_timer_kind t)
{
	static const char *const names[EMU_TIMER_COUNT] = {"CNTP", "CNTV", "CNTHP", "CNTPS"};

	return t < EMU_TIMER_COUNT ? names[t] : "?";
}
