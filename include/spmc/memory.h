/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Guest memory as the SPMC and the hypervisor proxy in front of it see it: bytes at an address
 * owned by an endpoint. Each endpoint (the normal world, a secure partition, the proxy's own
 * reserved memory) has a set of owned ranges with the access it has to them; every address the
 * SPMC or the proxy reads or writes on an endpoint's behalf is checked against that set before
 * a byte moves, as Hafnium checks that a partition's stage-2 tables map the pages valid, owned
 * and exclusive before it takes them as RX/TX buffers. The bytes themselves are reached through
 * struct spmc_guest_mem, handed in by whoever runs the SPMC (sim/ over the emulator's memory,
 * tests over a small fake): nothing in spmc/ or hyp/ reaches into emulator memory.
 */
#ifndef SPMC_MEMORY_H
#define SPMC_MEMORY_H

#include <stdbool.h>
#include <stdint.h>

/* Owned ranges per endpoint: a partition's memory and its manifest's regions, the normal
 * world's RAM regions. */
#define SPMC_MEM_MAX_RANGES 40

/* Access an endpoint has to a range (the manifest's region attributes R=1, W=2). */
#define SPMC_MEM_READ (UINT32_C(1) << 0)
#define SPMC_MEM_WRITE (UINT32_C(1) << 1)
#define SPMC_MEM_RW (SPMC_MEM_READ | SPMC_MEM_WRITE)
/* Instruction fetch, for the access an endpoint's own CPU is given to memory it borrows. */
#define SPMC_MEM_EXEC (UINT32_C(1) << 2)

struct spmc_mem_range {
	uint64_t base;
	uint64_t size;
	uint32_t access; /* SPMC_MEM_READ | SPMC_MEM_WRITE */
};

/* The memory one endpoint owns. A zeroed owner owns nothing. */
struct spmc_mem_owner {
	struct spmc_mem_range ranges[SPMC_MEM_MAX_RANGES];
	unsigned count;
};

enum spmc_mem_status {
	SPMC_MEM_OK,
	SPMC_MEM_NOT_OWNED,  /* a byte lies outside the owner's ranges */
	SPMC_MEM_NO_ACCESS,  /* owned, but without the access asked for (a read-only region) */
	SPMC_MEM_NOT_BACKED, /* owned, but no RAM (or, to read, flash) is there to hold it */
	SPMC_MEM_FULL        /* no room for another range */
};

/* "not owned by the endpoint", ... */
const char *spmc_mem_strerror(enum spmc_mem_status status);

/*
 * Guest memory as the SPMC reaches it. Every callback gets ctx. Addresses are guest physical.
 */
struct spmc_mem_ops {
	/* True when one RAM region (or, unless write, flash) holds all of [addr, addr + size). */
	bool (*backed)(void *ctx, uint64_t addr, uint64_t size, bool write);
	/* Copies bytes out of or into memory that backed() accepted. */
	void (*read)(void *ctx, uint64_t addr, void *dst, uint64_t size);
	void (*write)(void *ctx, uint64_t addr, const void *src, uint64_t size);
	/* The RAM regions of one security state (the normal world owns the non-secure ones), in
	 * the platform's order: region i, false after the last. */
	bool (*ram)(void *ctx, bool secure, unsigned i, uint64_t *base, uint64_t *size);
	/*
	 * Memory management moved a page range: from now on the endpoint's own CPU may touch
	 * [addr, addr + size) (page-aligned) with `access` (SPMC_MEM_READ | SPMC_MEM_WRITE |
	 * SPMC_MEM_EXEC; 0: not at all). NULL: only the SPMC's own checks apply (tests, built-in
	 * models, which have no CPU).
	 */
	void (*set_access)(void *ctx, uint16_t endpoint, uint64_t addr, uint64_t size,
			   uint32_t access);
};

/* A guest memory: ops NULL for none (nothing is backed, nobody owns RAM). */
struct spmc_guest_mem {
	const struct spmc_mem_ops *ops;
	void *ctx;
};

/* Adds [base, base + size) with an access to the owner. SPMC_MEM_FULL when there is no room,
 * SPMC_MEM_NOT_OWNED for an empty or wrapping range. */
enum spmc_mem_status spmc_mem_owner_add(struct spmc_mem_owner *owner, uint64_t base, uint64_t size,
					uint32_t access);

/* Adds every RAM region of the memory in one security state (the normal world: non-secure),
 * readable and writable. */
enum spmc_mem_status spmc_mem_owner_add_ram(struct spmc_mem_owner *owner,
					    const struct spmc_guest_mem *mem, bool secure);

/* The first RAM region of a security state: false when there is none. */
bool spmc_mem_first_ram(const struct spmc_guest_mem *mem, bool secure, uint64_t *base,
			uint64_t *size);

/* Takes [base, base + size) out of every range, splitting a range in two when needed (the
 * proxy's reserved memory out of the host's RAM). SPMC_MEM_FULL when a split has no room. */
enum spmc_mem_status spmc_mem_owner_remove(struct spmc_mem_owner *owner, uint64_t base,
					   uint64_t size);

/* Joins ranges that adjoin with the same access, so that sharing, lending and reclaiming page
 * by page does not fill the table. */
void spmc_mem_owner_coalesce(struct spmc_mem_owner *owner);

/* True when every byte of [addr, addr + size) is owned with at least `access`. */
bool spmc_mem_owns(const struct spmc_mem_owner *owner, uint64_t addr, uint64_t size,
		   uint32_t access);

/*
 * Checks [addr, addr + size) for an access on the owner's behalf: owned with that access and
 * held by one RAM region (or, for reads only, flash). SPMC_MEM_OK when it can be done.
 */
enum spmc_mem_status spmc_mem_check(const struct spmc_guest_mem *mem,
				    const struct spmc_mem_owner *owner, uint64_t addr,
				    uint64_t size, uint32_t access);

/* True when [addr, addr + size) lies in one RAM region (or, unless write, flash). */
bool spmc_mem_backed(const struct spmc_guest_mem *mem, uint64_t addr, uint64_t size, bool write);

/* Reads size bytes at addr on the owner's behalf into dst, after spmc_mem_check(). */
enum spmc_mem_status spmc_mem_read(const struct spmc_guest_mem *mem,
				   const struct spmc_mem_owner *owner, uint64_t addr, void *dst,
				   uint64_t size);

/* Writes size bytes from src at addr on the owner's behalf, after spmc_mem_check(). */
enum spmc_mem_status spmc_mem_write(const struct spmc_guest_mem *mem,
				    const struct spmc_mem_owner *owner, uint64_t addr,
				    const void *src, uint64_t size);

/*
 * Watches the writes made on endpoints' behalf (a test or a fuzzer checks that each lands in
 * memory the endpoint owns): called before each write with the endpoint's ID and the range.
 */
struct spmc_mem_observer {
	void (*fn)(void *ctx, uint16_t endpoint, uint64_t addr, uint64_t size);
	void *ctx;
};

#endif
