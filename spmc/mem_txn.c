/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The SPMC's table of memory transactions (FF-A v1.2 (DEN0077A) §10-§11): handles allocated as
 * each real SPMC allocates them, constituents kept in one pool, the moves of access between
 * endpoints, zeroing, and the page-state queries of include/spmc/share.h.
 */
#include <stdio.h>
#include <string.h>

#include "mem_internal.h"
#include "spmc/share.h"

/* TF-A's EL3 SPMC starts its handle counter here (spmc_shared_mem.c, next_handle). */
#define MEM_HANDLE_COUNTER_FIRST UINT64_C(0xffffffc0)
/* OP-TEE's handle bits: bit 44 for memory from the normal world (core/arch/arm/mm/mobj_ffa.c),
 * bit 45 for memory shared between partitions (core/arch/arm/mm/sp_mem.c). */
#define MEM_HANDLE_OPTEE_NS_BIT (UINT64_C(1) << 44)
#define MEM_HANDLE_OPTEE_SECURE_BIT (UINT64_C(1) << 45)

struct spmc_mem_txn *spmc_mem_txn_find(struct spmc *spmc, uint64_t handle)
{
	for (unsigned i = 0; i < SPMC_MEM_MAX_TXNS; i++) {
		struct spmc_mem_txn *t = &spmc->mem_txns.txns[i];

		if (t->used && t->handle == handle)
			return t;
	}
	return NULL;
}

/* True when a transaction in flight has the handle. */
static bool mem_handle_taken(struct spmc *spmc, uint64_t handle)
{
	return spmc_mem_txn_find(spmc, handle) != NULL;
}

/* The handle the personality gives a transaction in record slot. */
static uint64_t mem_handle_make(struct spmc *spmc, const struct spmc_endpoint *sender,
				unsigned slot)
{
	struct spmc_mem_txns *m = &spmc->mem_txns;
	uint64_t bit, h;

	switch (spmc->cfg.personality->mem_handles) {
	case SPMC_MEM_HANDLES_SLOT:
		/* Hafnium: the share state's index, bit 63 clear (the SPMC allocated it). */
		return slot;
	case SPMC_MEM_HANDLES_COUNTER:
		/* TF-A: the next value of a counter that never goes back. */
		return MEM_HANDLE_COUNTER_FIRST + m->next_handle++;
	case SPMC_MEM_HANDLES_BITMAP:
		/* OP-TEE: the first free bit of the sender world's bitmap, with its world bit. */
		bit = sender->secure ? MEM_HANDLE_OPTEE_SECURE_BIT : MEM_HANDLE_OPTEE_NS_BIT;
		for (h = 0;; h++) {
			if (!mem_handle_taken(spmc, h | bit))
				return h | bit;
		}
	}
	return FFA_MEM_HANDLE_INVALID;
}

struct spmc_mem_txn *spmc_mem_txn_alloc(struct spmc *spmc, const struct spmc_endpoint *sender)
{
	for (unsigned i = 0; i < SPMC_MEM_MAX_TXNS; i++) {
		struct spmc_mem_txn *t = &spmc->mem_txns.txns[i];

		if (t->used)
			continue;
		memset(t, 0, sizeof(*t));
		t->handle = mem_handle_make(spmc, sender, i);
		t->used = true;
		t->sender = sender->id;
		return t;
	}
	return NULL;
}

void spmc_mem_txn_free(struct spmc *spmc, struct spmc_mem_txn *txn)
{
	struct spmc_mem_txns *m = &spmc->mem_txns;
	uint32_t end = txn->first + txn->range_count;

	/* Keep the pool packed: the constituents after these move down. */
	if (txn->range_count > 0) {
		memmove(&m->pool[txn->first], &m->pool[end],
			(m->pool_used - end) * sizeof(m->pool[0]));
		for (unsigned i = 0; i < SPMC_MEM_MAX_TXNS; i++) {
			struct spmc_mem_txn *t = &m->txns[i];

			if (t->used && t != txn && t->range_count > 0 && t->first >= end)
				t->first -= txn->range_count;
		}
		m->pool_used -= txn->range_count;
	}
	memset(txn, 0, sizeof(*txn));
}

const struct ffa_mem_range *spmc_mem_txn_ranges(const struct spmc *spmc,
						const struct spmc_mem_txn *txn)
{
	return &spmc->mem_txns.pool[txn->first];
}

enum ffa_error spmc_mem_txn_take_ranges(struct spmc *spmc, struct spmc_mem_txn *txn,
					const void *buf, const struct ffa_mem_txn *desc)
{
	struct spmc_mem_txns *m = &spmc->mem_txns;

	if (desc->range_count > SPMC_MEM_POOL_RANGES - m->pool_used)
		return FFA_NO_MEMORY;
	txn->first = m->pool_used;
	txn->range_count = desc->range_count;
	txn->page_count = desc->total_page_count;
	for (uint32_t i = 0; i < desc->range_count; i++)
		m->pool[m->pool_used++] = ffa_memdesc_range(buf, desc, i);
	return FFA_OK;
}

struct spmc_mem_borrower *spmc_mem_borrower_of(struct spmc_mem_txn *txn, uint16_t id)
{
	for (uint32_t i = 0; i < txn->borrower_count; i++) {
		if (txn->borrowers[i].id == id)
			return &txn->borrowers[i];
	}
	return NULL;
}

/* The byte size of a constituent. */
static uint64_t mem_range_size(const struct ffa_mem_range *r)
{
	return (uint64_t)r->page_count * FFA_MEM_PAGE_SIZE;
}

/* Whether constituent r holds addr, or overlaps [addr, addr + size). */
static bool mem_range_overlaps(const struct ffa_mem_range *r, uint64_t addr, uint64_t size)
{
	return addr < r->address + mem_range_size(r) && r->address < addr + size;
}

/* The transaction in flight one of whose constituents overlaps [addr, addr + size). */
static const struct spmc_mem_txn *mem_txn_at(const struct spmc *spmc, uint64_t addr, uint64_t size)
{
	for (unsigned i = 0; i < SPMC_MEM_MAX_TXNS; i++) {
		const struct spmc_mem_txn *t = &spmc->mem_txns.txns[i];
		const struct ffa_mem_range *r = spmc_mem_txn_ranges(spmc, t);

		if (!t->used)
			continue;
		for (uint32_t k = 0; k < t->range_count; k++) {
			if (mem_range_overlaps(&r[k], addr, size))
				return t;
		}
	}
	return NULL;
}

bool spmc_mem_in_txn(const struct spmc *spmc, uint64_t addr, uint64_t size)
{
	return mem_txn_at(spmc, addr, size) != NULL;
}

uint32_t spmc_mem_perms_access(uint8_t perms)
{
	uint32_t access = 0;

	switch (perms & FFA_MEM_DATA_MASK) {
	case FFA_MEM_DATA_RO:
		access = SPMC_MEM_READ;
		break;
	case FFA_MEM_DATA_RW:
		access = SPMC_MEM_RW;
		break;
	default:
		break;
	}
	if ((perms & FFA_MEM_INSN_MASK) == FFA_MEM_INSN_X)
		access |= SPMC_MEM_EXEC;
	return access;
}

/*
 * The constituents of txn merged where one ends where the next begins, one at a time: *i is
 * the index of the next constituent; false after the last.
 */
static bool mem_next_run(const struct spmc *spmc, const struct spmc_mem_txn *txn, uint32_t *i,
			 uint64_t *base, uint64_t *size)
{
	const struct ffa_mem_range *r = spmc_mem_txn_ranges(spmc, txn);

	if (*i >= txn->range_count)
		return false;
	*base = r[*i].address;
	*size = mem_range_size(&r[*i]);
	for ((*i)++; *i < txn->range_count && r[*i].address == *base + *size; (*i)++)
		*size += mem_range_size(&r[*i]);
	return true;
}

enum ffa_error spmc_mem_move_access(struct spmc *spmc, struct spmc_endpoint *ep,
				    const struct spmc_mem_txn *txn, uint32_t access)
{
	/* Changed on a copy first, so that a table without room changes nothing. */
	struct spmc_mem_owner owned = ep->mem;
	const struct spmc_mem_ops *ops = spmc->memory.ops;
	uint64_t base, size;
	uint32_t i = 0;

	while (mem_next_run(spmc, txn, &i, &base, &size)) {
		enum spmc_mem_status st = spmc_mem_owner_remove(&owned, base, size);

		/* The SPMC's own view: reads and writes on the endpoint's behalf (R/W only). */
		if (st == SPMC_MEM_OK && (access & SPMC_MEM_RW) != 0)
			st = spmc_mem_owner_add(&owned, base, size, access & SPMC_MEM_RW);
		if (st != SPMC_MEM_OK)
			return FFA_NO_MEMORY;
		spmc_mem_owner_coalesce(&owned);
	}
	ep->mem = owned;
	if (ops == NULL || ops->set_access == NULL)
		return FFA_OK;
	i = 0;
	while (mem_next_run(spmc, txn, &i, &base, &size))
		ops->set_access(spmc->memory.ctx, ep->id, base, size, access);
	return FFA_OK;
}

enum ffa_error spmc_mem_zero(struct spmc *spmc, const struct spmc_mem_txn *txn)
{
	static const uint8_t zeros[FFA_MEM_PAGE_SIZE];
	uint64_t base, size;
	uint32_t i = 0;

	while (mem_next_run(spmc, txn, &i, &base, &size)) {
		/* Written on nobody's behalf but the SPMC's: it owns what it zeroes. */
		struct spmc_mem_owner spmc_view = {{{base, size, SPMC_MEM_RW}}, 1};

		if (!spmc_mem_backed(&spmc->memory, base, size, true))
			return FFA_ABORTED;
		for (uint64_t off = 0; off < size; off += FFA_MEM_PAGE_SIZE) {
			if (spmc_mem_write(&spmc->memory, &spmc_view, base + off, zeros,
					   FFA_MEM_PAGE_SIZE) != SPMC_MEM_OK)
				return FFA_ABORTED;
		}
	}
	return FFA_OK;
}

enum ffa_error spmc_mem_read_tx(struct spmc *spmc, const struct spmc_endpoint *ep, void *buf,
				uint32_t len)
{
	if (!ep->rxtx.mapped || len > (uint64_t)ep->rxtx.page_count * FFA_RXTX_PAGE_SIZE)
		return FFA_INVALID_PARAMETERS;
	if (spmc_mem_read(&spmc->memory, &ep->mem, ep->rxtx.tx, buf, len) != SPMC_MEM_OK)
		return FFA_ABORTED;
	return FFA_OK;
}

struct ffa_value spmc_mem_handle_value(uint32_t fid, uint64_t handle)
{
	struct ffa_value v = {{0}};

	v.x[0] = fid;
	v.x[2] = (uint32_t)handle;
	v.x[3] = (uint32_t)(handle >> 32);
	return v;
}

bool spmc_mem_page_info(const struct spmc *spmc, uint64_t addr, struct spmc_page_info *info)
{
	uint64_t page = addr & ~(uint64_t)(FFA_MEM_PAGE_SIZE - 1);
	const struct spmc_mem_txn *t = mem_txn_at(spmc, page, FFA_MEM_PAGE_SIZE);

	memset(info, 0, sizeof(*info));
	info->state = SPMC_PAGE_OWNED;
	info->owner = 0xffff;
	info->handle = FFA_MEM_HANDLE_INVALID;
	if (t == NULL)
		return false;
	info->owner = t->sender;
	info->handle = t->handle;
	switch (t->op) {
	case SPMC_MEM_OP_SHARE:
		info->state = SPMC_PAGE_SHARED;
		break;
	case SPMC_MEM_OP_LEND:
		info->state = SPMC_PAGE_LENT;
		break;
	case SPMC_MEM_OP_DONATE:
		info->state = SPMC_PAGE_DONATED;
		break;
	}
	for (uint32_t i = 0; i < t->borrower_count; i++) {
		const struct spmc_mem_borrower *b = &t->borrowers[i];

		if (!b->retrieved)
			continue;
		info->holders[info->holder_count] = b->id;
		info->holder_access[info->holder_count] = b->access;
		info->holder_count++;
	}
	return true;
}

const char *spmc_mem_page_describe(const struct spmc *spmc, uint64_t addr, char *buf, size_t size)
{
	static const char *const verbs[] = {"", "shared", "lent", "donated"};
	struct spmc_page_info info;
	const struct spmc_mem_txn *t;
	size_t n;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	if (!spmc_mem_page_info(spmc, addr, &info))
		return buf;
	t = mem_txn_at(spmc, addr & ~(uint64_t)(FFA_MEM_PAGE_SIZE - 1), FFA_MEM_PAGE_SIZE);
	n = (size_t)snprintf(buf, size, "%s by 0x%04x to ", verbs[info.state], info.owner);
	for (uint32_t i = 0; i < t->borrower_count && n < size; i++)
		n += (size_t)snprintf(buf + n, size - n, "%s0x%04x", i > 0 ? ", " : "",
				      t->borrowers[i].id);
	if (n < size)
		snprintf(buf + n, size - n, " (handle 0x%016llx)", (unsigned long long)info.handle);
	return buf;
}
