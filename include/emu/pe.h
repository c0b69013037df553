/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A physical processing element (PE): one CPU of the simulated machine as the interrupt
 * controller and the generic timer see it. It holds its index (its GIC CPU interface or
 * redistributor number), its MPIDR, its virtual clock, its generic timers and a pointer to the
 * machine's GIC model. The unicorn engines (struct emu_cpu) run ON a PE: the normal world's
 * CPU k, or a partition's execution context while it runs for CPU k. All engines running on
 * one PE share its clock and timers, so a partition that runs for the normal world advances
 * that CPU's clock and the normal world's timer can fire while it runs.
 *
 * Virtual time: one instruction executed on the PE is the platform's cycles-per-instruction
 * nanoseconds of its clock (1 by default; emu_cpu_clock_at); the clock also moves on through
 * waits (WFI, counter-wait skips) without instructions. The generic
 * counter reads CNTPCT = ns * CNTFRQ / 10^9, CNTVCT = CNTPCT - CNTVOFF. Everything here is
 * plain data: no globals, the PEs live in the simulation (struct sim) and engines hold
 * pointers to them.
 */
#ifndef EMU_PE_H
#define EMU_PE_H

#include <stdbool.h>
#include <stdint.h>

struct emu_cpu;
struct emu_gic_state;

/* The generic timers of a PE (Arm ARM D11.2), each with CTL, CVAL and TVAL. */
enum emu_timer_kind {
	EMU_TIMER_PHYS,   /* CNTP: EL1 physical timer (CNTP_*_EL0) */
	EMU_TIMER_VIRT,   /* CNTV: virtual timer (CNTV_*_EL0), compared with CNTVCT */
	EMU_TIMER_HYP,    /* CNTHP: EL2 physical timer (CNTHP_*_EL2) */
	EMU_TIMER_SECURE, /* CNTPS: secure physical timer (CNTPS_*_EL1) */
	EMU_TIMER_COUNT
};

/* The PPIs (INTIDs) the timers drive, as on QEMU's virt and as Arm BSA (DEN0094) recommends. */
#define EMU_TIMER_INTID_PHYS 30u
#define EMU_TIMER_INTID_VIRT 27u
#define EMU_TIMER_INTID_HYP 26u
#define EMU_TIMER_INTID_SECURE 29u

/* CNTx_CTL bits (Arm ARM D13.8): ISTATUS is read-only and computed on every read. */
#define EMU_TIMER_CTL_ENABLE (1u << 0)
#define EMU_TIMER_CTL_IMASK (1u << 1)
#define EMU_TIMER_CTL_ISTATUS (1u << 2)

/* One generic timer. */
struct emu_timer {
	uint32_t ctl;  /* ENABLE and IMASK as written (ISTATUS is never stored) */
	uint64_t cval; /* compare value in counts of its counter (CNTPCT, or CNTVCT for CNTV) */
	bool output;   /* the interrupt level last driven to the GIC */
};

/* The registers of a timer the guest reads and writes. */
enum emu_timer_reg {
	EMU_TIMER_REG_CTL,
	EMU_TIMER_REG_CVAL,
	EMU_TIMER_REG_TVAL /* signed 32-bit, relative to the timer's counter */
};

/* Devices that count on a PE's clock besides its timers (an SP805: emu/sp805.c). */
#define EMU_PE_MAX_SOURCES 4
struct emu_pe_source {
	uint64_t (*next_event)(void *ctx);      /* its next event's clock value, or UINT64_MAX */
	void (*update)(void *ctx, uint64_t ns); /* brings it to clock ns (drives its lines) */
	void *ctx;
};

struct emu_pe {
	unsigned index;     /* GIC CPU interface / redistributor number, 0 = boot CPU */
	uint64_t mpidr;     /* MPIDR_EL1 of this PE */
	uint64_t cntfrq_hz; /* the counter's frequency (the platform's CNTFRQ_EL0) */
	/*
	 * The clock in nanoseconds while no engine runs here; while one does (current set), the
	 * clock is that engine's instruction count plus its clock offset (emu_pe_now).
	 */
	uint64_t now;
	struct emu_cpu *current; /* the engine running on this PE now, or NULL */
	uint64_t cntvoff;        /* CNTVOFF_EL2: 0 unless EL2 writes it */
	struct emu_timer timers[EMU_TIMER_COUNT];
	struct emu_gic_state *gic; /* NULL: a machine without a GIC model (timers drive nothing) */
	struct emu_pe_source sources[EMU_PE_MAX_SOURCES];
	unsigned source_count;
	uint64_t waits;     /* WFIs that waited for an event (statistics) */
	uint64_t waited_ns; /* virtual time spent waiting in them */
};

/*
 * Initialises a PE in its reset state: clock 0, every timer disabled, CNTVOFF 0. gic may be
 * NULL (no interrupt is ever signalled then).
 */
void emu_pe_init(struct emu_pe *pe, unsigned index, uint64_t mpidr, uint64_t cntfrq_hz,
		 struct emu_gic_state *gic);

/*
 * Adds a device that counts on the PE's clock: its next event joins the timers' in
 * emu_pe_next_event and emu_pe_update brings it up to date. False when there is no room.
 */
bool emu_pe_add_source(struct emu_pe *pe, struct emu_pe_source source);

/* Removes the source whose context is ctx (a device moving to another PE's clock); false when
 * the PE has none. */
bool emu_pe_remove_source(struct emu_pe *pe, const void *ctx);

/* The PE's clock in nanoseconds now (the running engine's exact count at its block start). */
uint64_t emu_pe_now(const struct emu_pe *pe);

/*
 * Moves the PE's clock on by ns without instructions: the cycle model's fixed costs (a call's
 * entry, a world switch; docs/observability.md). With an engine running here, its clock moves
 * and its next block re-checks the timers and the deadline.
 */
void emu_pe_advance(struct emu_pe *pe, uint64_t ns);

/* CNTPCT at clock ns: ns * CNTFRQ / 10^9, rounded down. */
uint64_t emu_pe_count_at(const struct emu_pe *pe, uint64_t ns);

/* The first clock value at which CNTPCT reaches count (UINT64_MAX if it never does). */
uint64_t emu_pe_ns_of_count(const struct emu_pe *pe, uint64_t count);

/*
 * The clock value at which the next timer's condition starts to hold, for the timers that are
 * enabled, unmasked and not yet firing; UINT64_MAX when none will. This is the deadline an
 * engine running on the PE stops at (emu_cpu_set_deadline).
 */
uint64_t emu_pe_next_event(const struct emu_pe *pe);

/*
 * Re-evaluates every timer at clock ns and drives its PPI (level: ISTATUS && ENABLE && !IMASK)
 * through the GIC when it changed. Cheap when nothing changed.
 */
void emu_pe_update(struct emu_pe *pe, uint64_t ns);

/*
 * Timer register access (emu/timer.c) at clock ns: reads compute ISTATUS and TVAL, writes set
 * CTL (ENABLE, IMASK), CVAL, or CVAL from TVAL (counter + sign-extended 32-bit value), then
 * emu_pe_update.
 */
uint64_t emu_timer_read(struct emu_pe *pe, enum emu_timer_kind t, enum emu_timer_reg reg,
			uint64_t ns);
void emu_timer_write(struct emu_pe *pe, enum emu_timer_kind t, enum emu_timer_reg reg,
		     uint64_t value, uint64_t ns);

/* The INTID a timer drives (EMU_TIMER_INTID_*). */
unsigned emu_timer_intid(enum emu_timer_kind t);

/* "CNTP", "CNTV", "CNTHP", "CNTPS". */
const char *emu_timer_name(enum emu_timer_kind t);

#endif
