/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * An Arm SP805 watchdog module (ARM DDI 0270, "ARM Watchdog Module (SP805) Technical Reference
 * Manual"): a 32-bit down-counter clocked by WDOGCLK, an interrupt (WDOGINT) when it reaches
 * zero, and a reset request (WDOGRES) when it reaches zero a second time with the interrupt
 * still set. The platform declares it (docs/platform.md, `secure-devices`); a partition owns it
 * through its manifest's device-regions and takes its interrupt as a secure interrupt.
 *
 * The model is plain data over virtual time: the caller hands every access and update the
 * clock in nanoseconds, and the counter is computed from the time of its last reload, so the
 * device costs nothing while it counts. emu_sp805_next_event says when the next interrupt or
 * reset happens; whoever runs the clock (the PE it counts on, emu_pe_add_source) calls
 * emu_sp805_update then, which drives the interrupt line through the GIC model.
 */
#ifndef EMU_SP805_H
#define EMU_SP805_H

#include <stdbool.h>
#include <stdint.h>

#include "common/diag.h"
#include "emu/pe.h"
#include "emu/platform.h"

struct emu_gic_state;

/* Register offsets (DDI 0270, "Programmer's model", summary of registers). */
#define EMU_SP805_LOAD 0x000u
#define EMU_SP805_VALUE 0x004u
#define EMU_SP805_CONTROL 0x008u
#define EMU_SP805_INTCLR 0x00cu
#define EMU_SP805_RIS 0x010u
#define EMU_SP805_MIS 0x014u
#define EMU_SP805_LOCK 0xc00u
#define EMU_SP805_ITCR 0xf00u
#define EMU_SP805_ITOP 0xf04u
#define EMU_SP805_PERIPHID0 0xfe0u /* PeriphID0-3 at 0xfe0-0xfec, PCellID0-3 at 0xff0-0xffc */

/* WdogControl bits. */
#define EMU_SP805_INTEN (1u << 0)
#define EMU_SP805_RESEN (1u << 1)
/* WdogITOP bits: the values WDOGINT and WDOGRES take in integration test mode. */
#define EMU_SP805_ITOP_WDOGRES (1u << 0)
#define EMU_SP805_ITOP_WDOGINT (1u << 1)
/* The value written to WdogLock to allow writes to the other registers. */
#define EMU_SP805_UNLOCK_KEY UINT32_C(0x1acce551)

/* Interrupt assertions the model remembers the times of (for tests and reports). */
#define EMU_SP805_FIRE_LOG 16u

struct emu_sp805 {
	struct emu_secure_device desc; /* name, base, SPI, clock (from the platform) */
	struct emu_gic_state *gic;     /* NULL: the interrupt drives nothing */
	struct emu_pe *pe;             /* whose clock it counts on, for MMIO (NULL: time 0) */
	uint32_t load;                 /* WdogLoad */
	uint32_t control;              /* WdogControl: INTEN, RESEN */
	bool ris;                      /* WdogRIS: the raw interrupt */
	bool locked;                   /* WdogLock: writes to the other registers ignored */
	bool itcr;                     /* WdogITCR: integration test mode */
	uint32_t itop;                 /* WdogITOP */
	bool reset;                    /* WDOGRES asserted (it stays until a system reset) */
	uint64_t reset_ns;             /* when WDOGRES was asserted */
	/* The counter held `count_base` at WDOGCLK tick `tick_base` (ticks since time 0) and
	 * counts down from there while INTEN is set; frozen at `count_base` otherwise. */
	uint64_t tick_base;
	uint32_t count_base;
	bool level; /* WDOGINT as last driven to the GIC */
	/* Interrupt assertions (WdogRIS set) so far and the times of the first ones. */
	uint64_t fires;
	uint64_t fire_ns[EMU_SP805_FIRE_LOG];
};

/* Resets the device (DDI 0270 reset values: WdogLoad and WdogValue 0xffffffff, counter
 * and interrupt disabled, unlocked) at clock ns. */
void emu_sp805_init(struct emu_sp805 *wd, const struct emu_secure_device *desc,
		    struct emu_gic_state *gic, struct emu_pe *pe, uint64_t ns);

/*
 * A 32-bit read of the register at offset at clock ns (other sizes read as zero: the SP805 is an
 * APB slave with 32-bit registers). Unknown offsets read as zero.
 */
uint32_t emu_sp805_read(struct emu_sp805 *wd, uint64_t offset, unsigned size, uint64_t ns);

/* A write of the register at offset at clock ns (only 32-bit writes have an effect). */
void emu_sp805_write(struct emu_sp805 *wd, uint64_t offset, unsigned size, uint32_t value,
		     uint64_t ns);

/* The clock value of the next interrupt or reset assertion, or UINT64_MAX. */
uint64_t emu_sp805_next_event(const struct emu_sp805 *wd);

/* Brings the device to clock ns: interrupts and the reset that fell due, the line to the GIC. */
void emu_sp805_update(struct emu_sp805 *wd, uint64_t ns);

struct emu_cpu;

/*
 * Maps the device's page into cpu's engine (the rest of a larger device window reads as zero):
 * accesses go to emu_sp805_read/write at the clock of the PE the device counts on. False with
 * *err when unicorn refuses.
 */
bool emu_sp805_map(struct emu_sp805 *wd, struct emu_cpu *cpu, struct diag *err);

/* The device as a source of events on the PE it counts on (emu_pe_add_source). */
struct emu_pe_source emu_sp805_source(struct emu_sp805 *wd);

#endif
