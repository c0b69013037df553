/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * FFA_MEM_RELINQUISH (FF-A v1.2 (DEN0077A) §11.5): a borrower gives back what it retrieved,
 * named by a relinquish descriptor in its TX buffer; FFA_MEM_RECLAIM (§11.6): the lender takes
 * its memory back once no borrower holds it, and the handle ends. Where the spec leaves an
 * error open, the answers are Hafnium's (src/ffa_memory.c, ffa_memory_relinquish and
 * ffa_memory_reclaim).
 */
#include <string.h>

#include "mem_internal.h"

/* The relinquish descriptor's endpoint count, at byte 12 (§10.11.4, Table 10.25). */
#define MEM_RELINQUISH_COUNT_OFFSET 12u

/* Reads the caller's relinquish descriptor from its TX buffer. */
static enum ffa_error mem_read_relinquish(struct spmc *spmc, const struct spmc_endpoint *caller,
					  struct ffa_mem_relinquish *rel)
{
	uint8_t buf[FFA_MEMDESC_RELINQUISH_HEADER_SIZE + 2 * FFA_MEM_MAX_RECEIVERS];
	struct ffa_memdesc_fault fault;
	uint32_t count;
	enum ffa_error err =
		spmc_mem_read_tx(spmc, caller, buf, FFA_MEMDESC_RELINQUISH_HEADER_SIZE);

	if (err != FFA_OK)
		return err;
	memcpy(&count, buf + MEM_RELINQUISH_COUNT_OFFSET, sizeof(count));
	if (count == 0 || count > FFA_MEM_MAX_RECEIVERS)
		return FFA_INVALID_PARAMETERS;
	err = spmc_mem_read_tx(spmc, caller, buf, FFA_MEMDESC_RELINQUISH_HEADER_SIZE + 2 * count);
	if (err != FFA_OK)
		return err;
	return ffa_memdesc_parse_relinquish(buf, FFA_MEMDESC_RELINQUISH_HEADER_SIZE + 2 * count,
					    rel, &fault);
}

/*
 * The zero flags of a relinquish or reclaim (bit 0; bit 1 operation time slicing, which none
 * of the real SPMCs takes; bits 31:2 MBZ): never for shared memory, which its owner kept, and
 * only under a personality that zeroes.
 */
static enum ffa_error mem_check_return_flags(const struct spmc *spmc,
					     const struct spmc_mem_txn *txn, uint32_t flags)
{
	if ((flags & ~(uint32_t)FFA_MEM_RELINQUISH_ZERO) != 0)
		return FFA_INVALID_PARAMETERS;
	if ((flags & FFA_MEM_RELINQUISH_ZERO) == 0)
		return FFA_OK;
	if (!spmc->cfg.personality->mem_zero)
		return spmc->cfg.personality->mem_zero_refused;
	return txn->op == SPMC_MEM_OP_SHARE ? FFA_INVALID_PARAMETERS : FFA_OK;
}

struct ffa_value spmc_mem_relinquish(struct spmc *spmc, struct spmc_endpoint *caller,
				     const struct ffa_value *args)
{
	struct ffa_mem_relinquish rel;
	struct spmc_mem_txn *txn;
	struct spmc_mem_borrower *b;
	enum ffa_error err;

	(void)args;
	err = mem_read_relinquish(spmc, caller, &rel);
	if (err != FFA_OK)
		return ffa_error_value(err);
	/* One endpoint, the caller (Hafnium: no stream endpoints, INVALID_PARAMETERS). */
	if (rel.endpoint_count != 1 || rel.endpoints[0] != caller->id)
		return ffa_error_value(FFA_INVALID_PARAMETERS);
	txn = spmc_mem_txn_find(spmc, rel.handle);
	b = txn != NULL && txn->complete ? spmc_mem_borrower_of(txn, caller->id) : NULL;
	/* A holder whose retrieval is complete (all its fragments read). */
	if (b == NULL || !b->retrieved || b->frag_sent != b->frag_total)
		return ffa_error_value(FFA_INVALID_PARAMETERS);
	err = mem_check_return_flags(spmc, txn, rel.flags);
	/* Zeroing needs a borrower that could write (Hafnium: DENIED for read-only). */
	if (err == FFA_OK && ((rel.flags & FFA_MEM_RELINQUISH_ZERO) != 0) &&
	    (b->access & SPMC_MEM_WRITE) == 0)
		err = FFA_DENIED;
	if (err != FFA_OK)
		return ffa_error_value(err);
	/* Zeroed while the borrower still holds it: asked now, or at retrieval. */
	if ((rel.flags & FFA_MEM_RELINQUISH_ZERO) != 0 ||
	    (b->resp_flags & FFA_MEM_FLAG_ZERO_AFTER) != 0) {
		err = spmc_mem_zero(spmc, txn);
		if (err != FFA_OK)
			return ffa_error_value(err);
	}
	err = spmc_mem_move_access(spmc, caller, txn, 0);
	if (err != FFA_OK)
		return ffa_error_value(err);
	b->retrieved = false;
	b->access = 0;
	b->frag_sent = 0;
	b->frag_total = 0;
	return ffa_success_value(0);
}

struct ffa_value spmc_mem_reclaim(struct spmc *spmc, struct spmc_endpoint *caller,
				  const struct ffa_value *args)
{
	uint64_t handle = ffa_mem_handle((uint32_t)args->x[1], (uint32_t)args->x[2]);
	uint32_t flags = (uint32_t)args->x[3];
	struct spmc_mem_txn *txn = spmc_mem_txn_find(spmc, handle);
	enum ffa_error err;

	/* Only the lender reclaims, a handle it was given, whose descriptor arrived whole
	 * (Hafnium: INVALID_PARAMETERS, "not fully sent"). */
	if (txn == NULL || txn->sender != caller->id || !txn->complete)
		return ffa_error_value(FFA_INVALID_PARAMETERS);
	/* No borrower may still hold it (§11.6: DENIED). */
	for (uint32_t i = 0; i < txn->borrower_count; i++) {
		if (txn->borrowers[i].retrieved)
			return ffa_error_value(FFA_DENIED);
	}
	err = mem_check_return_flags(spmc, txn, flags);
	if (err != FFA_OK)
		return ffa_error_value(err);
	/* The lender regains what it had (a share never took it away), then zeroes. */
	if (txn->op != SPMC_MEM_OP_SHARE) {
		err = spmc_mem_move_access(spmc, caller, txn, txn->sender_access);
		if (err != FFA_OK)
			return ffa_error_value(err);
	}
	if ((flags & FFA_MEM_RECLAIM_ZERO) != 0) {
		err = spmc_mem_zero(spmc, txn);
		if (err != FFA_OK)
			return ffa_error_value(err);
	}
	spmc_mem_txn_free(spmc, txn);
	return ffa_success_value(0);
}
