/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The SP805 watchdog module over virtual time (ARM DDI 0270). The counter decrements on each
 * WDOGCLK edge while WdogControl.INTEN is set. When it reaches zero the interrupt WDOGINT is
 * set (WdogRIS) and on the next edge the counter is reloaded from WdogLoad and counts on, so
 * the zeros come every WdogLoad + 1 ticks; a zero that finds the interrupt still set asserts
 * WDOGRES when RESEN is set (DDI 0270, "Functional overview"). Writing WdogLoad restarts the
 * counter from the new value; a write to WdogIntClr clears the interrupt and reloads the counter;
 * setting INTEN after it was clear reloads it too. WdogLock: the key 0x1ACCE551 allows writes to
 * every other register, any other value ignores them (DDI 0270, "Programmer's model").
 *
 * The counter is never stepped: it is the number of ticks since its last reload, computed from
 * the clock handed in (ticks = ns * WDOGCLK / 10^9, rounded down).
 */
#include "emu/sp805.h"

#include <string.h>

#include "emu/cpu.h"
#include "emu/gic.h"
#include "emu/internal.h"

#define SP805_NS_PER_S UINT64_C(1000000000)

/* PeriphID0-3 (0x00141805: part 0x805, designer Arm, revision 1) and PCellID0-3, as Linux's
 * sp805_wdt driver matches the part (AMBA ID 0x00141805). */
static const uint8_t sp805_ids[8] = {0x05, 0x18, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

/* WDOGCLK ticks from time 0 to clock ns. */
static uint64_t sp805_tick(const struct emu_sp805 *wd, uint64_t ns)
{
	return (uint64_t)((unsigned __int128)ns * wd->desc.clock_hz / SP805_NS_PER_S);
}

/* The first clock value at which tick k has happened. */
static uint64_t sp805_ns_of_tick(const struct emu_sp805 *wd, uint64_t tick)
{
	unsigned __int128 ns = ((unsigned __int128)tick * SP805_NS_PER_S + wd->desc.clock_hz - 1) /
			       wd->desc.clock_hz;

	return ns > UINT64_MAX ? UINT64_MAX : (uint64_t)ns;
}

static bool sp805_counting(const struct emu_sp805 *wd)
{
	return (wd->control & EMU_SP805_INTEN) != 0;
}

/* Ticks between two zeros: the counter runs from WdogLoad down to 0, then reloads. */
static uint64_t sp805_period(const struct emu_sp805 *wd)
{
	return (uint64_t)wd->load + 1;
}

/* The tick of the next zero not yet taken into account. */
static uint64_t sp805_next_zero(const struct emu_sp805 *wd)
{
	return wd->tick_base + wd->count_base;
}

/* The counter (WdogValue) at tick t, for a counting device with no zero due before t. */
static uint32_t sp805_value(const struct emu_sp805 *wd, uint64_t tick)
{
	if (!sp805_counting(wd) || tick == wd->tick_base)
		return wd->count_base;
	if (tick < wd->tick_base)
		return 0; /* at a zero, before the next edge reloads it */
	if (tick - wd->tick_base <= wd->count_base)
		return (uint32_t)(wd->count_base - (tick - wd->tick_base));
	/* Past a zero that the caller let pass without an update (a read between two). */
	return (uint32_t)(wd->load -
			  (tick - wd->tick_base - wd->count_base - 1) % sp805_period(wd));
}

/* Restarts the counter from WdogLoad at clock ns. */
static void sp805_reload(struct emu_sp805 *wd, uint64_t ns)
{
	wd->tick_base = sp805_tick(wd, ns);
	wd->count_base = wd->load;
}

/* What WDOGINT is: WdogMIS, or WdogITOP's value in integration test mode (DDI
 * 0270, "Programmer's model for test"). */
static bool sp805_output(const struct emu_sp805 *wd)
{
	if (wd->itcr)
		return (wd->itop & EMU_SP805_ITOP_WDOGINT) != 0;
	return wd->ris && sp805_counting(wd);
}

static void sp805_drive(struct emu_sp805 *wd)
{
	bool level = sp805_output(wd);

	if (level == wd->level)
		return;
	wd->level = level;
	if (wd->gic != NULL)
		emu_gic_set_spi(wd->gic, EMU_GIC_PRIVATE + wd->desc.irq, level);
}

void emu_sp805_init(struct emu_sp805 *wd, const struct emu_secure_device *desc,
		    struct emu_gic_state *gic, struct emu_pe *pe, uint64_t ns)
{
	memset(wd, 0, sizeof(*wd));
	wd->desc = *desc;
	wd->gic = gic;
	wd->pe = pe;
	wd->load = UINT32_MAX;
	sp805_reload(wd, ns);
}

void emu_sp805_update(struct emu_sp805 *wd, uint64_t ns)
{
	uint64_t now = sp805_tick(wd, ns), period = sp805_period(wd);

	while (sp805_counting(wd) && !wd->reset && sp805_next_zero(wd) <= now) {
		uint64_t zero = sp805_next_zero(wd), at = sp805_ns_of_tick(wd, zero);

		if (wd->ris) {
			/* A zero with the interrupt still set: the reset request. */
			if ((wd->control & EMU_SP805_RESEN) != 0) {
				wd->reset = true;
				wd->reset_ns = at;
				/* The system resets: the run ends there. */
				if (wd->pe != NULL && wd->pe->current != NULL)
					emu_cpu_stop(wd->pe->current, EMU_STOP_EXIT,
						     EMU_STATUS_FAULT,
						     "watchdog \"%s\": reset request (WDOGRES) at "
						     "%llu ns: the system resets",
						     wd->desc.name, (unsigned long long)at);
				break;
			}
			/* Further zeros change nothing while the interrupt stays set. */
			wd->tick_base = zero + 1 + (now - zero) / period * period;
			wd->count_base = wd->load;
			continue;
		}
		wd->ris = true;
		if (wd->fires < EMU_SP805_FIRE_LOG)
			wd->fire_ns[wd->fires] = at;
		wd->fires++;
		/* On the next edge the counter is reloaded and counts on. */
		wd->tick_base = zero + 1;
		wd->count_base = wd->load;
	}
	sp805_drive(wd);
}

uint64_t emu_sp805_next_event(const struct emu_sp805 *wd)
{
	if (!sp805_counting(wd) || wd->reset)
		return UINT64_MAX;
	/* With the interrupt set the next zero matters only as the reset request. */
	if (wd->ris && (wd->control & EMU_SP805_RESEN) == 0)
		return UINT64_MAX;
	return sp805_ns_of_tick(wd, sp805_next_zero(wd));
}

uint32_t emu_sp805_read(struct emu_sp805 *wd, uint64_t offset, unsigned size, uint64_t ns)
{
	if (size != 4)
		return 0;
	emu_sp805_update(wd, ns);
	switch (offset) {
	case EMU_SP805_LOAD:
		return wd->load;
	case EMU_SP805_VALUE:
		return sp805_value(wd, sp805_tick(wd, ns));
	case EMU_SP805_CONTROL:
		return wd->control;
	case EMU_SP805_RIS:
		return wd->ris ? 1u : 0u;
	case EMU_SP805_MIS:
		return wd->ris && sp805_counting(wd) ? 1u : 0u;
	case EMU_SP805_LOCK:
		return wd->locked ? 1u : 0u;
	case EMU_SP805_ITCR:
		return wd->itcr ? 1u : 0u;
	default:
		break;
	}
	if (offset >= EMU_SP805_PERIPHID0 && offset <= 0xffcu && offset % 4 == 0)
		return sp805_ids[(offset - EMU_SP805_PERIPHID0) / 4];
	/* WdogIntClr and WdogITOP are write-only; the rest is reserved. */
	return 0;
}

void emu_sp805_write(struct emu_sp805 *wd, uint64_t offset, unsigned size, uint32_t value,
		     uint64_t ns)
{
	if (size != 4)
		return;
	emu_sp805_update(wd, ns);
	if (offset == EMU_SP805_LOCK) {
		wd->locked = value != EMU_SP805_UNLOCK_KEY;
		return;
	}
	if (wd->locked)
		return;
	switch (offset) {
	case EMU_SP805_LOAD:
		wd->load = value;
		sp805_reload(wd, ns);
		break;
	case EMU_SP805_CONTROL:
		if (sp805_counting(wd) && (value & EMU_SP805_INTEN) == 0) {
			/* Disabled: the counter stops where it is. */
			wd->count_base = sp805_value(wd, sp805_tick(wd, ns));
			wd->tick_base = sp805_tick(wd, ns);
			wd->control = value & (EMU_SP805_INTEN | EMU_SP805_RESEN);
		} else if (!sp805_counting(wd) && (value & EMU_SP805_INTEN) != 0) {
			wd->control = value & (EMU_SP805_INTEN | EMU_SP805_RESEN);
			sp805_reload(wd, ns);
		} else {
			wd->control = value & (EMU_SP805_INTEN | EMU_SP805_RESEN);
		}
		break;
	case EMU_SP805_INTCLR:
		wd->ris = false;
		sp805_reload(wd, ns);
		break;
	case EMU_SP805_ITCR:
		wd->itcr = (value & 1u) != 0;
		break;
	case EMU_SP805_ITOP:
		wd->itop = value & (EMU_SP805_ITOP_WDOGINT | EMU_SP805_ITOP_WDOGRES);
		break;
	default:
		break;
	}
	/* A zero due at this very tick (WdogLoad 0) fires now. */
	emu_sp805_update(wd, ns);
}

static uint64_t sp805_source_next(void *ctx)
{
	return emu_sp805_next_event(ctx);
}

static void sp805_source_update(void *ctx, uint64_t ns)
{
	emu_sp805_update(ctx, ns);
}

struct emu_pe_source emu_sp805_source(struct emu_sp805 *wd)
{
	return (struct emu_pe_source){sp805_source_next, sp805_source_update, wd};
}

static uint64_t sp805_mmio_read(uc_engine *uc, uint64_t offset, unsigned size, void *user)
{
	struct emu_sp805 *wd = user;

	(void)uc;
	return emu_sp805_read(wd, offset, size, wd->pe != NULL ? emu_pe_now(wd->pe) : 0);
}

static void sp805_mmio_write(uc_engine *uc, uint64_t offset, unsigned size, uint64_t value,
			     void *user)
{
	struct emu_sp805 *wd = user;

	(void)uc;
	emu_sp805_write(wd, offset, size, (uint32_t)value, wd->pe != NULL ? emu_pe_now(wd->pe) : 0);
	/* Its next event may have moved: the engine running on its PE recomputes its limit. */
	if (wd->pe != NULL && wd->pe->current != NULL)
		emu_cpu_attention(wd->pe->current);
}

bool emu_sp805_map(struct emu_sp805 *wd, struct emu_cpu *cpu, struct diag *err)
{
	uc_err e = uc_mmio_map(cpu->uc, wd->desc.base, 0x1000, sp805_mmio_read, wd,
			       sp805_mmio_write, wd);

	if (e != UC_ERR_OK) {
		diag_set(err, NULL, 0, 0, "%s: cannot map the SP805 \"%s\" at 0x%llx: %s",
			 cpu->name, wd->desc.name, (unsigned long long)wd->desc.base,
			 uc_strerror(e));
		return false;
	}
	return true;
}
