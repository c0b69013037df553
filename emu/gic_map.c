/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The GIC's memory-mapped windows: which register an access at a physical address reaches
 * (GICD, a PE's GICR frames, the GICC bank of the accessing CPU), how accesses narrower or wider
 * than a 32-bit register are split, and the unicorn mappings that carry an engine's accesses
 * there.
 */
#include <inttypes.h>

#include "emu/gic_internal.h"

#define GIC_REDIST_STRIDE 0x20000u
#define GIC_WORD_MASK 0xffffffffu

bool emu_gic_claims(const struct emu_gic *desc, uint64_t pa, uint64_t size)
{
	if (!desc->present)
		return false;
	return (pa < desc->dist_base + desc->dist_size && desc->dist_base < pa + size) ||
	       (pa < desc->cpu_base + desc->cpu_size && desc->cpu_base < pa + size);
}

/* One aligned 32-bit register read at physical pa. */
static uint32_t gic_read32(struct emu_gic_state *gic, unsigned pe, bool secure, uint64_t pa)
{
	const struct emu_gic *d = &gic->desc;
	uint64_t off;

	if (pe >= gic->pe_count)
		return 0;
	if (pa >= d->dist_base && pa - d->dist_base < d->dist_size)
		return gic_dist_read(gic, pe, secure, pa - d->dist_base);
	if (!(pa >= d->cpu_base && pa - d->cpu_base < d->cpu_size))
		return 0;
	off = pa - d->cpu_base;
	if (!gic_is_v3(gic))
		return gic_cpuif_v2_read(gic, pe, secure, off);
	if (off / GIC_REDIST_STRIDE >= gic->pe_count)
		return 0;
	return gic_redist_read(gic, (unsigned)(off / GIC_REDIST_STRIDE), secure,
			       off % GIC_REDIST_STRIDE);
}

/* One 32-bit register write at physical pa; byte_mask says which bytes the access covers. */
static void gic_write32(struct emu_gic_state *gic, unsigned pe, bool secure, uint64_t pa,
			uint32_t value, uint32_t byte_mask)
{
	const struct emu_gic *d = &gic->desc;
	uint64_t off;

	if (pe >= gic->pe_count)
		return;
	if (pa >= d->dist_base && pa - d->dist_base < d->dist_size) {
		gic_dist_write(gic, pe, secure, pa - d->dist_base, value, byte_mask);
		return;
	}
	if (!(pa >= d->cpu_base && pa - d->cpu_base < d->cpu_size))
		return;
	off = pa - d->cpu_base;
	if (!gic_is_v3(gic)) {
		/* GICC registers are 32-bit only (IHI0048 §4.1.4). */
		if (byte_mask == GIC_WORD_MASK)
			gic_cpuif_v2_write(gic, pe, secure, off, value);
		return;
	}
	if (off / GIC_REDIST_STRIDE < gic->pe_count)
		gic_redist_write(gic, (unsigned)(off / GIC_REDIST_STRIDE), secure,
				 off % GIC_REDIST_STRIDE, value, byte_mask);
}

uint64_t emu_gic_mmio_read(struct emu_gic_state *gic, unsigned pe, bool secure, uint64_t pa,
			   unsigned size)
{
	unsigned shift = (unsigned)(pa & 3u) * 8;
	uint32_t word;

	if (size == 8 && (pa & 7u) == 0)
		return gic_read32(gic, pe, secure, pa) |
		       (uint64_t)gic_read32(gic, pe, secure, pa + 4) << 32;
	if (size != 1 && size != 2 && size != 4)
		return 0;
	if ((pa & (size - 1u)) != 0)
		return 0; /* unaligned: the GIC's registers are naturally aligned */
	word = gic_read32(gic, pe, secure, pa & ~UINT64_C(3));
	if (size == 4)
		return word;
	return (word >> shift) & (size == 1 ? 0xffu : 0xffffu);
}

void emu_gic_mmio_write(struct emu_gic_state *gic, unsigned pe, bool secure, uint64_t pa,
			unsigned size, uint64_t value)
{
	unsigned shift = (unsigned)(pa & 3u) * 8;
	uint32_t mask;

	if (size == 8 && (pa & 7u) == 0) {
		gic_write32(gic, pe, secure, pa, (uint32_t)value, GIC_WORD_MASK);
		gic_write32(gic, pe, secure, pa + 4, (uint32_t)(value >> 32), GIC_WORD_MASK);
		return;
	}
	if ((size != 1 && size != 2 && size != 4) || (pa & (size - 1u)) != 0)
		return;
	mask = size == 4 ? GIC_WORD_MASK : ((size == 1 ? 0xffu : 0xffffu) << shift);
	gic_write32(gic, pe, secure, pa & ~UINT64_C(3), (uint32_t)(value << shift) & mask, mask);
}

void emu_gic_port_init(struct emu_gic_port *port, struct emu_gic_state *gic, unsigned pe,
		       bool secure)
{
	port->gic = gic;
	port->pe = pe;
	port->secure = secure;
	port->view_count = 0;
}

void emu_gic_port_bind(struct emu_gic_port *port, unsigned pe)
{
	port->pe = pe;
}

static uint64_t gic_uc_read(uc_engine *uc, uint64_t offset, unsigned size, void *user)
{
	struct emu_gic_view *view = user;
	struct emu_gic_port *port = view->port;

	(void)uc;
	return emu_gic_mmio_read(port->gic, port->pe, port->secure, view->pa + offset, size);
}

static void gic_uc_write(uc_engine *uc, uint64_t offset, unsigned size, uint64_t value, void *user)
{
	struct emu_gic_view *view = user;
	struct emu_gic_port *port = view->port;

	(void)uc;
	emu_gic_mmio_write(port->gic, port->pe, port->secure, view->pa + offset, size, value);
}

bool emu_gic_map(struct emu_gic_port *port, uc_engine *uc, uint64_t address, uint64_t pa,
		 uint64_t size, struct diag *err)
{
	struct emu_gic_view *view;
	uc_err e;

	if (port->view_count == EMU_GIC_PORT_VIEWS) {
		diag_set(err, "", 0, 0, "GIC: no room for another mapping at %#" PRIx64, address);
		return false;
	}
	view = &port->views[port->view_count];
	view->port = port;
	view->pa = pa;
	e = uc_mmio_map(uc, address, size, gic_uc_read, view, gic_uc_write, view);
	if (e != UC_ERR_OK) {
		diag_set(err, "", 0, 0, "GIC: mapping %#" PRIx64 "+%#" PRIx64 ": %s", address, size,
			 uc_strerror(e));
		return false;
	}
	port->view_count++;
	return true;
}

bool emu_gic_map_windows(struct emu_gic_port *port, uc_engine *uc, struct diag *err)
{
	const struct emu_gic *d = &port->gic->desc;

	return emu_gic_map(port, uc, d->dist_base, d->dist_base, d->dist_size, err) &&
	       emu_gic_map(port, uc, d->cpu_base, d->cpu_base, d->cpu_size, err);
}
