/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What FF-A memory management has done to a page (FF-A v1.2 (DEN0077A) §10): who owns it now,
 * which transaction moved it and who holds it, for the fault report of an access the owner's
 * CPU may no longer make and for scenario checks. The transactions themselves live in
 * struct spmc (spmc/mem_*.c).
 */
#ifndef SPMC_SHARE_H
#define SPMC_SHARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "abi/memdesc.h"

struct spmc;

enum spmc_page_state {
	SPMC_PAGE_OWNED,  /* with its owner; no transaction concerns it */
	SPMC_PAGE_SHARED, /* shared: the owner keeps its access */
	SPMC_PAGE_LENT,   /* lent: only the borrowers that retrieved it may touch it */
	SPMC_PAGE_DONATED /* donated, not yet retrieved */
};

struct spmc_page_info {
	enum spmc_page_state state;
	uint16_t owner;  /* the endpoint that owns it (the lender while shared or lent) */
	uint64_t handle; /* the transaction; FFA_MEM_HANDLE_INVALID when OWNED */
	/* The borrowers that retrieved it and have not relinquished it, with their access
	 * (SPMC_MEM_READ | SPMC_MEM_WRITE | SPMC_MEM_EXEC). */
	unsigned holder_count;
	uint16_t holders[FFA_MEM_MAX_RECEIVERS];
	uint32_t holder_access[FFA_MEM_MAX_RECEIVERS];
};

/*
 * What memory management did to the page holding guest physical addr: false when no
 * transaction concerns it (*info then says OWNED, owner unknown: 0xffff).
 */
bool spmc_mem_page_info(const struct spmc *spmc, uint64_t addr, struct spmc_page_info *info);

/*
 * One phrase for a fault report on that page, into buf: "lent by 0x0000 to 0x8001 (handle
 * 0x0000000000000001)"; "" when no transaction concerns it. Returns buf.
 */
const char *spmc_mem_page_describe(const struct spmc *spmc, uint64_t addr, char *buf, size_t size);

#endif
