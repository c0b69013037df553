/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The interrupt controller model: a GICv3 (distributor, one redistributor per PE and the ICC_*
 * system-register CPU interface, GICv3 (IHI0069)) or a GICv2 (GICD and a banked GICC, both
 * memory-mapped, GICv2 (IHI0048)), as the platform's struct emu_gic describes it.
 *
 * The model is plain data: it knows nothing of unicorn engines but for emu_gic_map, which puts
 * its MMIO windows into one. Devices (timers, UARTs, watchdogs) drive interrupt lines with
 * emu_gic_set_ppi / emu_gic_set_spi; CPUs read and write its registers (ICC_* through
 * emu_gic_sysreg_read/write, which emu/sysreg.c calls; GICD/GICR/GICC through MMIO); whoever runs
 * a PE asks emu_gic_signals whether IRQ or FIQ is asserted to it. Whenever a PE's signals may
 * have changed the model calls its change callback with the PE's index, so that the engine
 * running there re-checks before its next block.
 *
 * Interrupts are named by INTID throughout: SGIs 0-15, PPIs 16-31 (per PE), SPIs 32-1019.
 * Security: an access or a PE state is secure or non-secure; the normal world is non-secure,
 * partitions are secure. With GICD_CTLR.DS clear (the reset state of the secure view) the
 * non-secure view sees only group 1 non-secure interrupts, as GICv3 (IHI0069) §4.7 says.
 */
#ifndef EMU_GIC_H
#define EMU_GIC_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <unicorn/unicorn.h>

#include "common/diag.h"
#include "emu/platform.h"

/* PEs one GIC model serves (GICv2 itself stops at 8 CPU interfaces). */
#define EMU_GIC_MAX_PES 16u
/* INTIDs the model keeps (SGIs, PPIs and SPIs up to GICD_TYPER.ITLinesNumber's limit). */
#define EMU_GIC_MAX_INTIDS 1020u
#define EMU_GIC_PRIVATE 32u /* SGIs and PPIs: banked per PE */
#define EMU_GIC_SGI_COUNT 16u
#define EMU_GIC_SPURIOUS 1023u /* INTID read when nothing is pending (IHI0069 §2.2.1) */
#define EMU_GIC_SPECIAL_FIRST 1020u
/* The idle running priority (ICC_RPR_EL1 with no active priority, IHI0069 §4.8). */
#define EMU_GIC_IDLE_PRIORITY 0xffu
/* Priority bits implemented: 5 in the secure view (32 levels) as QEMU's GICv3 and GICv2 have. */
#define EMU_GIC_PRIORITY_BITS 5u
/* Groups of an interrupt: group 0 (secure, always FIQ), group 1 secure, group 1 non-secure. */
enum emu_gic_group {
	EMU_GIC_G0,
	EMU_GIC_G1S,
	EMU_GIC_G1NS,
};

/* emu_gic_signals' bits: what the GIC asserts to a PE. */
#define EMU_GIC_IRQ (1u << 0)
#define EMU_GIC_FIQ (1u << 1)

/*
 * Called whenever the signals of PE pe may have changed (an interrupt became pending, an
 * enable, priority mask or acknowledge changed). It must not call back into the model; the
 * expected use is to set a flag the CPU running on pe tests at its next block boundary.
 */
struct emu_gic_change {
	void (*fn)(void *ctx, unsigned pe);
	void *ctx;
};

/* The state of one interrupt as one PE sees it (SGIs and PPIs are banked per PE). */
struct emu_gic_irq {
	bool enabled;
	bool pending; /* the pending latch (edge, software or SGI) */
	bool level;   /* the line's level as its device drives it (level-sensitive inputs) */
	bool active;
	bool edge; /* GICD_ICFGR/GICR_ICFGR: edge-triggered (SGIs always) */
	bool group1;
	bool grpmod; /* GICv3 IGRPMODR: with group1 clear, makes it group 1 secure */
	uint8_t priority;
	uint64_t route;  /* SPIs, v3: GICD_IROUTER (affinity, bit 31 IRM) */
	uint8_t targets; /* SPIs, v2: GICD_ITARGETSR CPU mask */
	/* SGIs, v2: the CPUs each pending SGI came from (a bit per source, GICD_SPENDSGIR). */
	uint8_t sgi_sources;
};

/* The CPU interface of one PE: the ICC_* registers (v3) or the GICC bank (v2). */
struct emu_gic_cpuif {
	uint8_t pmr;     /* ICC_PMR_EL1 / GICC_PMR, as the secure view holds it */
	uint8_t bpr0;    /* ICC_BPR0_EL1 / GICC_BPR */
	uint8_t bpr1[2]; /* [secure]: ICC_BPR1_EL1's banks; [0] is GICC_ABPR on v2 */
	bool igrpen0;    /* ICC_IGRPEN0_EL1 / GICC_CTLR.EnableGrp0 */
	bool igrpen1[2]; /* [secure]: ICC_IGRPEN1_EL1's banks; [0] GICC_CTLR.EnableGrp1 on v2 */
	bool eoimode[2]; /* [secure]: ICC_CTLR_EL1.EOImode / GICC_CTLR.EOImodeS, EOImodeNS */
	bool cbpr[2];    /* [secure]: ICC_CTLR_EL1.CBPR / GICC_CTLR.CBPR */
	bool pmhe;       /* ICC_CTLR_EL1.PMHE (kept, no effect: there is no power controller) */
	bool fiqen;      /* v2 GICC_CTLR.FIQEn: group 0 is FIQ, else IRQ */
	bool ackctl;     /* v2 GICC_CTLR.AckCtl: a secure GICC_IAR may acknowledge group 1 */
	/* Active priorities: a bit per group-priority level (priority >> 3), per group. */
	uint32_t ap0;    /* ICC_AP0R0_EL1 / GICC_APR0 */
	uint32_t ap1[2]; /* [secure]: ICC_AP1R0_EL1's banks; [0] GICC_NSAPR0 on v2 */
};

/* A redistributor (v3): its control state beyond the SGI/PPI bank. */
struct emu_gic_redist {
	uint32_t ctlr;
	uint32_t waker; /* bit 1 ProcessorSleep, bit 2 ChildrenAsleep */
};

/*
 * A PE's highest-priority pending interrupt as the model last found it (emu/gic.c gic_hppi):
 * valid until the next change of that PE's state (every change goes through gic_changed).
 */
struct emu_gic_hppi_cache {
	bool valid;
	uint8_t group;     /* enum emu_gic_group */
	uint16_t priority; /* 0x100: none */
	uint16_t intid;    /* EMU_GIC_SPURIOUS: none */
};

/* The GIC of one simulated machine. Embed it (struct sim holds one); no globals. */
struct emu_gic_state {
	struct emu_gic desc; /* where it is and which version (copied from the platform) */
	unsigned pe_count;
	uint64_t mpidr[EMU_GIC_MAX_PES]; /* each PE's affinity, for IROUTER and SGI targeting */
	unsigned intid_count;            /* 32 * (GICD_TYPER.ITLinesNumber + 1), capped at 1020 */
	uint32_t dist_ctlr;              /* GICD_CTLR as the secure view holds it */
	struct emu_gic_irq priv[EMU_GIC_MAX_PES][EMU_GIC_PRIVATE];
	struct emu_gic_irq spi[EMU_GIC_MAX_INTIDS - EMU_GIC_PRIVATE];
	struct emu_gic_cpuif cpu[EMU_GIC_MAX_PES];
	struct emu_gic_redist redist[EMU_GIC_MAX_PES];
	struct emu_gic_change change;
	struct emu_gic_hppi_cache hppi[EMU_GIC_MAX_PES]; /* a cache, not state: see gic_hppi */
};

/*
 * Initialises a GIC model in its reset state for pe_count PEs (1 to EMU_GIC_MAX_PES) from the
 * platform's description: mpidr[i] is PE i's MPIDR (its affinity; NULL: PE i has Aff0 = i); the
 * INTIDs are QEMU virt's (288 on a GICv2, 256 on a GICv3), or more, in steps of 32, when a
 * UART's SPI needs them. False with *err when the platform has no GIC, the PE count does not fit
 * the version or a window is too small for the PEs (a v3 redistributor is 128 KiB per PE).
 */
bool emu_gic_init(struct emu_gic_state *gic, const struct emu_platform *p, unsigned pe_count,
		  const uint64_t *mpidr, struct diag *err);

/* Installs the change callback (fn NULL: none). */
void emu_gic_set_change(struct emu_gic_state *gic, struct emu_gic_change change);

/*
 * A view of the GIC from one engine: which PE it runs on (the GICC bank, the redistributor of
 * "this PE") and whether its accesses are secure. The caller owns it (one per engine, e.g. in
 * struct emu_cpu) and it must outlive the engine's mappings; emu_gic_port_bind moves it to
 * another PE (a partition's engine running for another CPU) without mapping anything again.
 */
#define EMU_GIC_PORT_VIEWS 80u
struct emu_gic_port;
struct emu_gic_view {
	struct emu_gic_port *port;
	uint64_t pa; /* the physical address the mapping's offset 0 shows */
};
struct emu_gic_port {
	struct emu_gic_state *gic;
	unsigned pe;
	bool secure;
	struct emu_gic_view views[EMU_GIC_PORT_VIEWS];
	unsigned view_count;
};

/* Sets a port up for an engine on PE pe. */
void emu_gic_port_init(struct emu_gic_port *port, struct emu_gic_state *gic, unsigned pe,
		       bool secure);

/* Moves a port to PE pe. */
void emu_gic_port_bind(struct emu_gic_port *port, unsigned pe);

/*
 * Maps [address, address + size) of engine uc as the GIC registers at physical pa onward
 * (address == pa for the windows themselves; a virtual alias of one page otherwise). False with
 * *err (may be NULL) when unicorn refuses or the port has no view left.
 */
bool emu_gic_map(struct emu_gic_port *port, uc_engine *uc, uint64_t address, uint64_t pa,
		 uint64_t size, struct diag *err);

/* Maps both of the platform's GIC windows into uc (emu_gic_map at their own addresses). */
bool emu_gic_map_windows(struct emu_gic_port *port, uc_engine *uc, struct diag *err);

/* Whether physical [pa, pa + size) meets one of the GIC's windows. */
bool emu_gic_claims(const struct emu_gic *desc, uint64_t pa, uint64_t size);

/*
 * A memory-mapped access at physical pa (size 1, 2, 4 or 8 bytes) from PE pe, secure or not.
 * Reads of registers that do not exist return 0 and writes to them are ignored, as RES0/WI
 * (IHI0069 §12.1.1); emu_gic_map's callbacks go through these, and so can tests.
 */
uint64_t emu_gic_mmio_read(struct emu_gic_state *gic, unsigned pe, bool secure, uint64_t pa,
			   unsigned size);
void emu_gic_mmio_write(struct emu_gic_state *gic, unsigned pe, bool secure, uint64_t pa,
			unsigned size, uint64_t value);

/* The packing of a system register's op0, op1, CRn, CRm, op2 that emu/sysreg.c uses. */
#define EMU_SYSREG_KEY(op0, op1, crn, crm, op2)                                                    \
	(((uint32_t)(op0) << 16) | ((uint32_t)(op1) << 12) | ((uint32_t)(crn) << 8) |              \
	 ((uint32_t)(crm) << 4) | (uint32_t)(op2))

/* Who makes a system-register access: the PE, its security state and exception level (0-3). */
struct emu_gic_access {
	unsigned pe;
	bool secure;
	unsigned el;
};

enum emu_gic_sysreg_result {
	EMU_GIC_SYSREG_DONE,      /* the model served it */
	EMU_GIC_SYSREG_UNDEFINED, /* UNDEFINED here: raise the Undefined Instruction exception */
	EMU_GIC_SYSREG_NOT_GIC    /* not a GIC register: the CPU's own */
};

/*
 * An ICC_* system-register read or write (key from EMU_SYSREG_KEY). GICv2 models make every
 * ICC register UNDEFINED, as QEMU's Cortex-A72 with gic-version=2 does (no system-register
 * interface); an access from an EL the register does not exist at is UNDEFINED too.
 */
enum emu_gic_sysreg_result emu_gic_sysreg_read(struct emu_gic_state *gic, struct emu_gic_access at,
					       uint32_t key, uint64_t *value);
enum emu_gic_sysreg_result emu_gic_sysreg_write(struct emu_gic_state *gic, struct emu_gic_access at,
						uint32_t key, uint64_t value);

/* Whether key names a GIC CPU interface system register (ICC_*), defined or not. */
bool emu_gic_is_icc(uint32_t key);

/* Sets the level of PPI intid (16-31) of PE pe: a rising edge pends an edge-triggered one. */
void emu_gic_set_ppi(struct emu_gic_state *gic, unsigned pe, unsigned intid, bool level);

/* Sets the level of SPI intid (32 up to intid_count - 1). */
void emu_gic_set_spi(struct emu_gic_state *gic, unsigned intid, bool level);

/*
 * Configures intid as secure firmware does (the SPMC and EL3 models, not guests): its group,
 * priority and enable, for PE pe's bank when it is an SGI or PPI (every PE: pe = ~0u) or the
 * SPI. As Hafnium makes SGI 8 its schedule-receiver interrupt (group 1 non-secure, priority
 * 0xf0, enabled). Changes nothing for an INTID out of range.
 */
void emu_gic_configure(struct emu_gic_state *gic, unsigned pe, unsigned intid,
		       enum emu_gic_group group, uint8_t priority, bool enabled);

/* Which group(s) of SGI a generation register asks for. */
enum emu_gic_sgi_kind {
	EMU_GIC_SGI_G0,     /* ICC_SGI0R_EL1 */
	EMU_GIC_SGI_G1,     /* ICC_SGI1R_EL1: group 1 of the sender's security state */
	EMU_GIC_SGI_G1_ALT, /* ICC_ASGI1R_EL1: group 1 of the other security state */
	EMU_GIC_SGI_V2      /* GICD_SGIR (v2): NSATT selects the group for secure writers */
};

/*
 * Sends SGI intid (0-15) from PE source (secure or not) to the PEs whose bits are set in
 * targets (bit i: PE index i). An SGI reaches a target only if its configured group matches
 * what the sender may generate (IHI0069 §12.11.22 table); others are dropped. Returns the set
 * of PEs it was made pending on.
 */
uint64_t emu_gic_send_sgi(struct emu_gic_state *gic, unsigned source, bool secure, unsigned intid,
			  uint64_t targets, enum emu_gic_sgi_kind kind, bool nsatt);

/*
 * What the GIC asserts to PE pe while it executes in the given security state: EMU_GIC_IRQ
 * and/or EMU_GIC_FIQ, for the highest-priority pending, enabled interrupt of an enabled group
 * whose priority is higher than the PMR and the running priority. Group 0 is FIQ; group 1 of
 * the current security state is IRQ; group 1 of the other state is FIQ (IHI0069 §4.6.2).
 * GICv2: group 0 is FIQ when GICC_CTLR.FIQEn is set, else IRQ; group 1 is IRQ.
 */
unsigned emu_gic_signals(const struct emu_gic_state *gic, unsigned pe, bool secure);

/*
 * The INTID of the interrupt the GIC would signal to PE pe now when that is a non-secure one
 * (group 1 non-secure on a GICv3, group 1 on a GICv2), pending, enabled and of a priority the
 * PMR and the running priority let through; EMU_GIC_SPURIOUS otherwise. What an SPMC finds
 * when a non-secure interrupt preempts the secure world it runs (FF-A v1.2 (DEN0077A) §8.3.1).
 */
unsigned emu_gic_ns_pending(const struct emu_gic_state *gic, unsigned pe);

/*
 * The same for a secure interrupt (group 0, or secure group 1 on a GICv3): the INTID of the
 * interrupt the GIC would signal to PE pe now when it is a secure one, else EMU_GIC_SPURIOUS.
 * What an SPMC at S-EL2 finds when a secure interrupt preempts the partition it runs.
 */
unsigned emu_gic_secure_pending(const struct emu_gic_state *gic, unsigned pe);

/* The highest-priority pending interrupt PE pe could take now (any group), or 1023. */
unsigned emu_gic_highest_pending(const struct emu_gic_state *gic, unsigned pe);

/* The state of intid as PE pe sees it (NULL for an INTID out of range). */
const struct emu_gic_irq *emu_gic_irq(const struct emu_gic_state *gic, unsigned pe, unsigned intid);

/* Group of intid as PE pe sees it. */
enum emu_gic_group emu_gic_irq_group(const struct emu_gic_state *gic, unsigned pe, unsigned intid);

/* PE pe's running priority (ICC_RPR_EL1 / GICC_RPR in the secure view). */
unsigned emu_gic_running_priority(const struct emu_gic_state *gic, unsigned pe);

/*
 * Writes a few lines about PE pe for fault reports: enables, PMR, running priority, the
 * highest pending interrupt and the active ones.
 */
void emu_gic_report(const struct emu_gic_state *gic, unsigned pe, FILE *out);

/* "G0", "G1S", "G1NS". */
const char *emu_gic_group_name(enum emu_gic_group group);

#endif
