/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * FFA_MEM_PERM_GET and FFA_MEM_PERM_SET (FF-A v1.2 (DEN0077A) §13.16, §13.17): a partition
 * reads and changes the permissions of its own pages while it initialises. Hafnium, TF-A's EL3
 * SPMC and OP-TEE agree on the rules modelled here: only an S-EL0 partition may call them (an
 * S-EL1 partition runs its own stage-1 tables: DENIED), only before its first FFA_MSG_WAIT
 * (DENIED afterwards), on 4 KiB pages it has mapped (INVALID_PARAMETERS otherwise), with one of
 * three permissions (read-write, read-only, read-execute; RW+X and reserved bits are
 * INVALID_PARAMETERS). The permissions the SPMC answers with are its own record (ep->perm over
 * ep->mem); a change is carried to the partition's CPU through spmc_mem_ops.set_access.
 */
#include "spmc/internal.h"

#define PERM_PAGE 0x1000ull

/* OP-TEE answers FFA_MEM_PERM_GET for one page only (w3 zero), as its spmc_sp_handler.c. */
#define PERM_ONE_PAGE_IN SPMC_PERS_OPTEE

bool spmc_mem_perm_offered(const struct spmc_endpoint *caller)
{
	/* Hafnium's FFA_FEATURES: only to S-EL0 partitions. */
	return caller->secure && caller->el0;
}

/* The access of the caller's page at addr (0: not mapped), from its record or its memory. */
static uint32_t perm_access(const struct spmc_endpoint *ep, uint64_t addr)
{
	const struct spmc_mem_owner *tables[] = {&ep->perm, &ep->mem};

	for (unsigned t = 0; t < 2; t++) {
		for (unsigned i = 0; i < tables[t]->count; i++) {
			const struct spmc_mem_range *r = &tables[t]->ranges[i];

			if (addr >= r->base && addr - r->base < r->size)
				return r->access;
		}
	}
	return 0;
}

/* The FF-A encoding of an access: data bits 1:0 (1 RW, 3 RO), bit 2 set for no execute. */
static uint32_t perm_encode(uint32_t access)
{
	uint32_t data = (access & SPMC_MEM_WRITE) ? FFA_MEM_PERM_DATA_RW : FFA_MEM_PERM_DATA_RO;

	return data | ((access & SPMC_MEM_EXEC) ? 0 : FFA_MEM_PERM_NX);
}

/* The access a valid FF-A encoding asks for; 0 for the encodings all three SPMCs refuse. */
static uint32_t perm_decode(uint64_t perm)
{
	if (perm == FFA_MEM_PERM_RW)
		return SPMC_MEM_RW;
	if (perm == FFA_MEM_PERM_RO)
		return SPMC_MEM_READ;
	if (perm == FFA_MEM_PERM_RX)
		return SPMC_MEM_READ | SPMC_MEM_EXEC;
	return 0;
}

/* The checks both calls open with: who may call, and when. */
static bool perm_allowed(const struct spmc_endpoint *caller, struct ffa_value *err)
{
	if (!caller->secure || !caller->el0 || caller->ctx.state != SPMC_EP_BOOTING) {
		*err = ffa_error_value(FFA_DENIED);
		return false;
	}
	return true;
}

/* The base address of a call: w1 in the 32-bit form, x1 in the 64-bit one. */
static uint64_t perm_base(const struct ffa_value *args)
{
	return (args->x[0] & FFA_FID_SMC64_BIT) ? args->x[1] : (uint32_t)args->x[1];
}

struct ffa_value spmc_mem_perm_get(struct spmc *spmc, struct spmc_endpoint *caller,
				   const struct ffa_value *args)
{
	uint64_t base = perm_base(args);
	/* w2 is the page count less one (zero before v1.3, which asked for one page). */
	uint64_t max = (uint64_t)(uint32_t)args->x[2] + 1, count = 1;
	struct ffa_value v;
	uint32_t access;

	if (!perm_allowed(caller, &v))
		return v;
	if (base % PERM_PAGE != 0)
		return ffa_error_value(FFA_INVALID_PARAMETERS);
	access = perm_access(caller, base);
	if (access == 0)
		return ffa_error_value(FFA_INVALID_PARAMETERS);
	/* Hafnium and TF-A count the pages from base that share its permissions. */
	while (!spmc_pers_in(spmc, PERM_ONE_PAGE_IN) && count < max &&
	       base + count * PERM_PAGE > base &&
	       perm_access(caller, base + count * PERM_PAGE) == access)
		count++;
	v = ffa_success_value(perm_encode(access));
	v.x[3] = count - 1;
	return v;
}

struct ffa_value spmc_mem_perm_set(struct spmc *spmc, struct spmc_endpoint *caller,
				   const struct ffa_value *args)
{
	uint64_t base = perm_base(args);
	uint32_t pages = (uint32_t)args->x[2];
	uint32_t access = perm_decode(args->x[3]);
	uint64_t size = (uint64_t)pages * PERM_PAGE;
	struct ffa_value v;

	if (!perm_allowed(caller, &v))
		return v;
	if (base % PERM_PAGE != 0 || pages == 0 || base + size < base || access == 0)
		return ffa_error_value(FFA_INVALID_PARAMETERS);
	/* Every page must be mapped: its own memory, its regions or memory it retrieved. */
	for (uint64_t off = 0; off < size; off += PERM_PAGE) {
		if (perm_access(caller, base + off) == 0)
			return ffa_error_value(FFA_INVALID_PARAMETERS);
	}
	if (spmc_mem_owner_remove(&caller->perm, base, size) != SPMC_MEM_OK ||
	    spmc_mem_owner_add(&caller->perm, base, size, access) != SPMC_MEM_OK)
		return ffa_error_value(FFA_NO_MEMORY); /* as Hafnium, when its tables are full */
	if (spmc->memory.ops != NULL && spmc->memory.ops->set_access != NULL)
		spmc->memory.ops->set_access(spmc->memory.ctx, caller->id, base, size, access);
	return ffa_success_value(0);
}
