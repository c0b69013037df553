/* SPDX-License-Identifier: BSD-3-Clause */
/* Private interfaces between the GIC model's files (emu/gic*.c). */
#ifndef EMU_GIC_INTERNAL_H
#define EMU_GIC_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "emu/gic.h"

/* GICD_CTLR as the secure view holds it (GICv3 (IHI0069) §12.9.4; GICv2 bits 0-1 match). */
#define GIC_CTLR_ENABLE_G0 (1u << 0)
#define GIC_CTLR_ENABLE_G1NS (1u << 1)
#define GIC_CTLR_ENABLE_G1S (1u << 2)
#define GIC_CTLR_ARE_S (1u << 4)
#define GIC_CTLR_ARE_NS (1u << 5)
#define GIC_CTLR_DS (1u << 6)

/* GICR_WAKER.ProcessorSleep (IHI0069 §12.11.42). */
#define GIC_WAKER_SLEEP (1u << 1)

/* ICC_CTLR_EL1 fields (IHI0069 §12.2.6). */
#define GIC_ICC_CTLR_CBPR (1u << 0)
#define GIC_ICC_CTLR_EOIMODE (1u << 1)
#define GIC_ICC_CTLR_PMHE (1u << 6)

/* Default priority of every interrupt as secure firmware leaves it (TF-A's
 * GIC_HIGHEST_NS_PRIORITY), and the implemented-priority mask of EMU_GIC_PRIORITY_BITS. */
#define GIC_DEFAULT_PRIORITY 0x80u
#define GIC_PRIORITY_MASK ((0xffu << (8 - EMU_GIC_PRIORITY_BITS)) & 0xffu)
/* SGIs 8-15 are secure as TF-A's QEMU platform configures them (QEMU_IRQ_SEC_SGI_0-7). */
#define GIC_FIRST_SECURE_SGI 8u
/* The smallest binary point for group 0 with 5 priority bits: group priority [7:3]. */
#define GIC_MIN_BPR 2u

/* The highest-priority pending interrupt of one PE (intid EMU_GIC_SPURIOUS: none). */
struct gic_hppi {
	unsigned intid;
	unsigned priority;
	enum emu_gic_group group;
};

/* Whether the model is a GICv3. */
static inline bool gic_is_v3(const struct emu_gic_state *gic)
{
	return gic->desc.version == 3;
}

/* Whether GICD_CTLR.DS is set: one security state, every access may touch everything. */
static inline bool gic_ds(const struct emu_gic_state *gic)
{
	return (gic->dist_ctlr & GIC_CTLR_DS) != 0;
}

/* The writable state of intid for PE pe (banked for SGIs and PPIs), NULL out of range. */
struct emu_gic_irq *gic_irq_mut(struct emu_gic_state *gic, unsigned pe, unsigned intid);

/* The group of an interrupt's configuration. */
enum emu_gic_group gic_group_of(const struct emu_gic_state *gic, const struct emu_gic_irq *irq);

/*
 * Whether an access in the given security state may see and change intid's fields: secure
 * accesses always; non-secure ones only for group 1 non-secure interrupts unless DS is set
 * (IHI0069 §4.7; GICv2 (IHI0048) §4.3.3 likewise for group 0).
 */
bool gic_may_touch(const struct emu_gic_state *gic, unsigned pe, unsigned intid, bool secure);

/* Effective pending state: the latch, or the level of a level-sensitive input. */
static inline bool gic_is_pending(const struct emu_gic_irq *irq)
{
	return irq->pending || (!irq->edge && irq->level);
}

/* Tells the change callback that PE pe's signals may have changed (every PE: pe = ~0u). */
void gic_changed(struct emu_gic_state *gic, unsigned pe);

/*
 * Tells the change callback that PE pe's signals may have changed through its CPU interface's
 * priorities alone (PMR, binary points, active priorities): its highest-priority pending
 * interrupt stays what it was.
 */
void gic_changed_priority(struct emu_gic_state *gic, unsigned pe);

/* The changes one interrupt's state makes: its PE for a private one, every PE for an SPI. */
void gic_changed_intid(struct emu_gic_state *gic, unsigned pe, unsigned intid);

/* PE pe's highest-priority pending interrupt among enabled groups (IHI0069 §4.6). */
void gic_hppi(const struct emu_gic_state *gic, unsigned pe, struct gic_hppi *out);

/* Whether hppi may be signalled to PE pe: above the PMR and the running priority. */
bool gic_can_preempt(const struct emu_gic_state *gic, unsigned pe, const struct gic_hppi *hppi);

/*
 * Acknowledges PE pe's highest-priority pending interrupt if it is of a group in groups (a mask
 * of 1u << enum emu_gic_group) and may preempt: makes it active, records its priority as active,
 * and returns its INTID (for a GICv2 SGI, *source is the CPU it came from). Else 1023.
 */
unsigned gic_acknowledge(struct emu_gic_state *gic, unsigned pe, unsigned groups, unsigned *source);

/* Drops the running priority of PE pe for group's end of interrupt; false if not its group. */
bool gic_priority_drop(struct emu_gic_state *gic, unsigned pe, enum emu_gic_group group);

/* Deactivates intid on PE pe (clears the active state), if the access may touch it. */
void gic_deactivate(struct emu_gic_state *gic, unsigned pe, unsigned intid, bool secure);

/* The group-priority mask the binary point of group gives on PE pe. */
unsigned gic_gprio_mask(const struct emu_gic_state *gic, unsigned pe, enum emu_gic_group group);

/* Non-secure views of 8-bit priorities with DS clear (IHI0069 §4.8.6). */
static inline unsigned gic_ns_priority_read(unsigned priority)
{
	return (priority & 0x80u) ? (priority << 1) & 0xffu : 0u;
}

/*
 * The non-secure view of a running priority: as gic_ns_priority_read, but the idle priority
 * stays 0xff (QEMU under TF-A reads GICC_RPR and ICC_RPR_EL1 so from the normal world).
 */
static inline unsigned gic_ns_running_priority(unsigned priority)
{
	return priority == EMU_GIC_IDLE_PRIORITY ? priority : gic_ns_priority_read(priority);
}

static inline unsigned gic_ns_priority_write(unsigned value)
{
	return 0x80u | ((value & 0xffu) >> 1);
}

/* MMIO frames (emu/gic_dist.c, emu/gic_v2.c). */
uint32_t gic_dist_read(struct emu_gic_state *gic, unsigned pe, bool secure, uint64_t offset);
void gic_dist_write(struct emu_gic_state *gic, unsigned pe, bool secure, uint64_t offset,
		    uint32_t value, uint32_t byte_mask);
uint32_t gic_redist_read(struct emu_gic_state *gic, unsigned pe, bool secure, uint64_t offset);
void gic_redist_write(struct emu_gic_state *gic, unsigned pe, bool secure, uint64_t offset,
		      uint32_t value, uint32_t byte_mask);
uint32_t gic_cpuif_v2_read(struct emu_gic_state *gic, unsigned pe, bool secure, uint64_t offset);
void gic_cpuif_v2_write(struct emu_gic_state *gic, unsigned pe, bool secure, uint64_t offset,
			uint32_t value);

/*
 * The banked register blocks shared by GICD (SPIs) and the GICR SGI frame (SGIs and PPIs):
 * offset is from the block's base (0x80 IGROUPR ... 0xd00 IGRPMODR), first the INTID of its bit
 * or byte 0 for word 0; pe the PE the private bank belongs to.
 */
bool gic_bank_read(struct emu_gic_state *gic, unsigned pe, bool secure, uint64_t offset,
		   unsigned first_intid, unsigned limit, uint32_t *value);
bool gic_bank_write(struct emu_gic_state *gic, unsigned pe, bool secure, uint64_t offset,
		    unsigned first_intid, unsigned limit, uint32_t value, uint32_t byte_mask);

#endif
