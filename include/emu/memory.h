/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Guest physical memory: one host buffer per RAM or flash region of the platform. The buffers
 * are shared by every emulated CPU that maps them (uc_mem_map_ptr), so the normal world and the
 * secure partitions see the same bytes, and loaders and handlers reach guest memory without
 * going through an engine.
 */
#ifndef EMU_MEMORY_H
#define EMU_MEMORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/diag.h"
#include "emu/platform.h"

struct emu_mem_region {
	const struct emu_region *desc; /* the platform's description */
	uint64_t base;
	uint64_t size;
	uint8_t *host; /* NULL for read-as-zero/write-ignored windows */
};

struct emu_memory {
	const struct emu_platform *platform;
	struct emu_mem_region regions[EMU_PLATFORM_MAX_REGIONS];
	unsigned count;
};

/*
 * Allocates host memory for the platform's RAM and flash regions (zero-filled RAM, erased
 * flash) and reads flash images. The platform must outlive the memory. False on error.
 */
bool emu_memory_init(struct emu_memory *mem, const struct emu_platform *platform, struct diag *err);

/* Releases the host memory. */
void emu_memory_fini(struct emu_memory *mem);

/* The region holding all of [addr, addr + size), or NULL. */
const struct emu_mem_region *emu_memory_find(const struct emu_memory *mem, uint64_t addr,
					     uint64_t size);

/*
 * A host pointer to guest physical [addr, addr + size) when it lies inside one RAM or flash
 * region, else NULL. secure_ok: whether secure RAM may be returned.
 */
void *emu_memory_ptr(const struct emu_memory *mem, uint64_t addr, uint64_t size, bool secure_ok);

#endif
