/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A small guest memory for the SPMC's and the proxy's unit tests (struct spmc_guest_mem): the
 * virt platform's layout (flash banks at 0x0 and 0x04000000, 64 MiB each; secure RAM at
 * 0x0e000000, 16 MiB; non-secure RAM at 0x40000000, 1 GiB) with no platform and no emulator
 * behind it. Bytes live in 64 KiB chunks allocated when first touched, so a test costs a few
 * chunks, never the 1 GiB it describes; untouched memory reads as zero, flash included (as
 * virt's flash without an image).
 */
#ifndef TESTS_FAKE_MEMORY_H
#define TESTS_FAKE_MEMORY_H

#include <stdint.h>

#include "spmc/memory.h"

#define FAKE_MEM_CHUNK 0x10000ull
#define FAKE_MEM_MAX_CHUNKS 64

struct fake_memory {
	uint64_t chunk_base[FAKE_MEM_MAX_CHUNKS];
	uint8_t *chunk[FAKE_MEM_MAX_CHUNKS];
	unsigned chunk_count;
	unsigned reads;  /* read() calls, for tests of the interface itself */
	unsigned writes; /* write() calls */
};

/* An empty fake memory (nothing touched yet). */
void fake_memory_init(struct fake_memory *m);

/* Frees its chunks. */
void fake_memory_fini(struct fake_memory *m);

/* The interface the SPMC and the proxy take. */
struct spmc_guest_mem fake_memory_guest(struct fake_memory *m);

/*
 * The bytes of [addr, addr + size) for a test to look at or poke, which must lie in one region
 * and one chunk (a failed assertion otherwise).
 */
uint8_t *fake_memory_ptr(struct fake_memory *m, uint64_t addr, uint64_t size);

#endif
