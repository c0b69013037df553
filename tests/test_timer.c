/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A PE's clock and generic timers (emu/timer.c) as plain data: counter conversions, CTL, CVAL
 * and TVAL semantics, the next event, CNTVOFF, and the PPI level driven into the GIC model.
 */
#include <criterion/criterion.h>

#include "emu/gic.h"
#include "emu/pe.h"

/* virt's counter: 62.5 MHz, one tick every 16 ns. */
#define FREQ 62500000ull

static struct emu_pe pe;

static void setup(void)
{
	emu_pe_init(&pe, 0, 0x80000000ull, FREQ, NULL);
}

TestSuite(timer, .init = setup);

/* The counter is ns * f / 10^9 rounded down; ns_of_count is its exact inverse (first ns). */
Test(timer, counter_conversions)
{
	cr_expect_eq(emu_pe_count_at(&pe, 15999), 999);
	cr_expect_eq(emu_pe_count_at(&pe, 16000), 1000);
	cr_expect_eq(emu_pe_ns_of_count(&pe, 1000), 16000);
	cr_expect_eq(emu_pe_ns_of_count(&pe, 1), 16);
	cr_expect_eq(emu_pe_ns_of_count(&pe, 0), 0);
	/* A count beyond 64-bit nanoseconds never comes. */
	cr_expect_eq(emu_pe_ns_of_count(&pe, UINT64_MAX), UINT64_MAX);
}

/* TVAL writes CVAL = counter + signed 32-bit value; reads CVAL - counter, sign-extended. */
Test(timer, tval_is_relative_and_signed)
{
	emu_timer_write(&pe, EMU_TIMER_PHYS, EMU_TIMER_REG_TVAL, 50, 1600); /* count 100 */
	cr_expect_eq(emu_timer_read(&pe, EMU_TIMER_PHYS, EMU_TIMER_REG_CVAL, 1600), 150);
	cr_expect_eq(emu_timer_read(&pe, EMU_TIMER_PHYS, EMU_TIMER_REG_TVAL, 1600), 50);
	cr_expect_eq(emu_timer_read(&pe, EMU_TIMER_PHYS, EMU_TIMER_REG_TVAL, 3200), (uint64_t)-50);
	/* A negative TVAL puts CVAL in the past. */
	emu_timer_write(&pe, EMU_TIMER_PHYS, EMU_TIMER_REG_TVAL, 0xffffffd8u, 3200); /* -40 */
	cr_expect_eq(emu_timer_read(&pe, EMU_TIMER_PHYS, EMU_TIMER_REG_CVAL, 3200), 160);
}

/* ISTATUS reads set only while the timer is enabled and its counter has reached CVAL;
 * writes cannot set it and IMASK does not hide it. */
Test(timer, ctl_istatus)
{
	emu_timer_write(&pe, EMU_TIMER_VIRT, EMU_TIMER_REG_CVAL, 100, 0);
	emu_timer_write(&pe, EMU_TIMER_VIRT, EMU_TIMER_REG_CTL, EMU_TIMER_CTL_ISTATUS, 0);
	cr_expect_eq(emu_timer_read(&pe, EMU_TIMER_VIRT, EMU_TIMER_REG_CTL, 2000), 0);
	emu_timer_write(&pe, EMU_TIMER_VIRT, EMU_TIMER_REG_CTL,
			EMU_TIMER_CTL_ENABLE | EMU_TIMER_CTL_IMASK, 0);
	cr_expect_eq(emu_timer_read(&pe, EMU_TIMER_VIRT, EMU_TIMER_REG_CTL, 1584),
		     EMU_TIMER_CTL_ENABLE | EMU_TIMER_CTL_IMASK);
	cr_expect_eq(emu_timer_read(&pe, EMU_TIMER_VIRT, EMU_TIMER_REG_CTL, 1600),
		     EMU_TIMER_CTL_ENABLE | EMU_TIMER_CTL_IMASK | EMU_TIMER_CTL_ISTATUS);
}

/* The next event is the nearest enabled, unmasked timer that is not firing yet. */
Test(timer, next_event)
{
	cr_expect_eq(emu_pe_next_event(&pe), UINT64_MAX);
	emu_timer_write(&pe, EMU_TIMER_PHYS, EMU_TIMER_REG_CVAL, 150, 0);
	emu_timer_write(&pe, EMU_TIMER_HYP, EMU_TIMER_REG_CVAL, 120, 0);
	emu_timer_write(&pe, EMU_TIMER_PHYS, EMU_TIMER_REG_CTL, EMU_TIMER_CTL_ENABLE, 0);
	cr_expect_eq(emu_pe_next_event(&pe), 2400);
	/* Masked: no event. */
	emu_timer_write(&pe, EMU_TIMER_HYP, EMU_TIMER_REG_CTL,
			EMU_TIMER_CTL_ENABLE | EMU_TIMER_CTL_IMASK, 0);
	cr_expect_eq(emu_pe_next_event(&pe), 2400);
	emu_timer_write(&pe, EMU_TIMER_HYP, EMU_TIMER_REG_CTL, EMU_TIMER_CTL_ENABLE, 0);
	cr_expect_eq(emu_pe_next_event(&pe), 1920);
	/* Once firing, a timer is no longer an event ahead. */
	emu_pe_update(&pe, 2000);
	cr_expect(pe.timers[EMU_TIMER_HYP].output);
	cr_expect_not(pe.timers[EMU_TIMER_PHYS].output);
	cr_expect_eq(emu_pe_next_event(&pe), 2400);
	emu_pe_update(&pe, 2400);
	cr_expect_eq(emu_pe_next_event(&pe), UINT64_MAX);
}

/* The virtual timer compares CNTVCT = CNTPCT - CNTVOFF. */
Test(timer, virtual_offset)
{
	pe.cntvoff = 1000;
	emu_timer_write(&pe, EMU_TIMER_VIRT, EMU_TIMER_REG_TVAL, 10, 32000); /* CNTPCT 2000 */
	cr_expect_eq(emu_timer_read(&pe, EMU_TIMER_VIRT, EMU_TIMER_REG_CVAL, 0), 1010);
	emu_timer_write(&pe, EMU_TIMER_VIRT, EMU_TIMER_REG_CTL, EMU_TIMER_CTL_ENABLE, 32000);
	/* Fires when CNTPCT reaches 2010. */
	cr_expect_eq(emu_pe_next_event(&pe), 2010 * 16);
}

/* The PE, one CPU of virt's GIC model. */
static void pe_on_virt_gic(struct emu_gic_state *gic)
{
	struct emu_platform p;
	struct diag err;
	uint64_t mpidr = 0x80000000ull;

	cr_assert(emu_platform_builtin("virt", &p));
	cr_assert(emu_gic_init(gic, &p, 1, &mpidr, &err), "%s", err.msg);
	emu_pe_init(&pe, 0, mpidr, FREQ, gic);
}

/* The timers' PPIs: level while ENABLE && ISTATUS && !IMASK, into the GIC model. */
Test(timer, drives_its_ppi)
{
	static struct emu_gic_state gic;

	pe_on_virt_gic(&gic);
	emu_timer_write(&pe, EMU_TIMER_PHYS, EMU_TIMER_REG_CVAL, 100, 0);
	emu_timer_write(&pe, EMU_TIMER_PHYS, EMU_TIMER_REG_CTL, EMU_TIMER_CTL_ENABLE, 0);
	cr_expect_not(emu_gic_irq(&gic, 0, EMU_TIMER_INTID_PHYS)->level);
	emu_pe_update(&pe, 1600);
	cr_expect(emu_gic_irq(&gic, 0, EMU_TIMER_INTID_PHYS)->level);
	emu_timer_write(&pe, EMU_TIMER_PHYS, EMU_TIMER_REG_CTL,
			EMU_TIMER_CTL_ENABLE | EMU_TIMER_CTL_IMASK, 1600);
	cr_expect_not(emu_gic_irq(&gic, 0, EMU_TIMER_INTID_PHYS)->level);
	cr_expect_str_eq(emu_timer_name(EMU_TIMER_HYP), "CNTHP");
	cr_expect_eq(emu_timer_intid(EMU_TIMER_SECURE), 29);
}

/* Each timer drives its own PPI, the secure one (CNTPS, 29) included, and no other. */
Test(timer, each_timer_its_ppi)
{
	static struct emu_gic_state gic;
	static const enum emu_timer_kind kinds[] = {EMU_TIMER_PHYS, EMU_TIMER_VIRT, EMU_TIMER_HYP,
						    EMU_TIMER_SECURE};
	static const unsigned intids[] = {30, 27, 26, 29};

	pe_on_virt_gic(&gic);
	for (unsigned i = 0; i < 4; i++) {
		uint64_t at = 1600 * (i + 1);

		cr_expect_eq(emu_timer_intid(kinds[i]), intids[i]);
		emu_timer_write(&pe, kinds[i], EMU_TIMER_REG_CVAL, 100 * (i + 1), at - 1600);
		emu_timer_write(&pe, kinds[i], EMU_TIMER_REG_CTL, EMU_TIMER_CTL_ENABLE, at - 1600);
		cr_expect_eq(emu_pe_next_event(&pe), at, "%s", emu_timer_name(kinds[i]));
		emu_pe_update(&pe, at);
		for (unsigned j = 0; j < 4; j++)
			cr_expect_eq(emu_gic_irq(&gic, 0, intids[j])->level, j == i, "%s: PPI %u",
				     emu_timer_name(kinds[i]), intids[j]);
		emu_timer_write(&pe, kinds[i], EMU_TIMER_REG_CTL, 0, at);
	}
}
