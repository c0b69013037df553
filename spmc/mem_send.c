/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * FFA_MEM_SHARE, FFA_MEM_LEND and FFA_MEM_DONATE (FF-A v1.2 (DEN0077A) §11.1-§11.3), with the
 * sender's descriptor whole or in fragments (FFA_MEM_FRAG_TX, §11.4.2). The descriptor comes
 * in the caller's layout (v1.0 or v1.1+), from its TX buffer or, where the personality takes
 * one, a buffer the caller names in x3/x4. Where the spec leaves an error open, the answers are
 * Hafnium's (src/ffa_memory.c, ffa_memory_send_validate and ffa_send_check_transition).
 */
#include <string.h>

#include "mem_internal.h"

/* Where the header's sender, attributes and flags are, in every layout (§10.11, Table 10.20). */
#define MEM_HDR_SENDER 0u
#define MEM_HDR_ATTRIBUTES 2u
#define MEM_HDR_FLAGS 4u

bool spmc_mem_send_op(uint32_t fid, enum spmc_mem_op *op)
{
	switch (fid) {
	case FFA_MEM_SHARE_32:
	case FFA_MEM_SHARE_64:
		*op = SPMC_MEM_OP_SHARE;
		return true;
	case FFA_MEM_LEND_32:
	case FFA_MEM_LEND_64:
		*op = SPMC_MEM_OP_LEND;
		return true;
	case FFA_MEM_DONATE_32:
	case FFA_MEM_DONATE_64:
		*op = SPMC_MEM_OP_DONATE;
		return true;
	default:
		return false;
	}
}

/*
 * The memory region attributes (§10.10.4): the NS bit is the SPMC's to set (MBZ from a
 * sender); for a donate, or a lend to one borrower, the sender leaves the type unspecified
 * (the borrower chooses); otherwise Hafnium takes only normal, write-back, inner-shareable
 * memory and answers DENIED to the rest.
 */
static enum ffa_error mem_check_attributes(enum spmc_mem_op op, const struct ffa_mem_txn *d)
{
	uint16_t type = d->attributes & FFA_MEM_ATTR_TYPE_MASK;

	if ((d->attributes & FFA_MEM_ATTR_NS) != 0)
		return FFA_INVALID_PARAMETERS;
	if (op == SPMC_MEM_OP_DONATE || (op == SPMC_MEM_OP_LEND && d->receiver_count == 1))
		return type == FFA_MEM_ATTR_TYPE_NOT_SPECIFIED ? FFA_OK : FFA_INVALID_PARAMETERS;
	if (type == FFA_MEM_ATTR_TYPE_NORMAL &&
	    (d->attributes & FFA_MEM_ATTR_CACHE_MASK) != FFA_MEM_ATTR_CACHE_WB)
		return FFA_DENIED;
	if (type == FFA_MEM_ATTR_TYPE_DEVICE && (d->attributes & FFA_MEM_ATTR_DEVICE_MASK) != 0)
		return FFA_DENIED;
	if ((d->attributes & FFA_MEM_ATTR_SHARE_MASK) != FFA_MEM_ATTR_SHARE_INNER)
		return FFA_DENIED;
	return FFA_OK;
}

/*
 * The flags (§10.11.2, Table 10.21): zero before retrieval, not for a share (the sender keeps
 * its access); operation time slicing, which none of the real SPMCs implements; the other bits
 * MBZ. A personality that does not zero refuses the flag its own way.
 */
static enum ffa_error mem_check_send_flags(const struct spmc *spmc, enum spmc_mem_op op,
					   uint32_t flags)
{
	if ((flags & ~(uint32_t)FFA_MEM_FLAG_ZERO) != 0)
		return FFA_INVALID_PARAMETERS;
	if ((flags & FFA_MEM_FLAG_ZERO) == 0)
		return FFA_OK;
	if (op == SPMC_MEM_OP_SHARE)
		return FFA_INVALID_PARAMETERS;
	return spmc->cfg.personality->mem_zero ? FFA_OK : spmc->cfg.personality->mem_zero_refused;
}

/*
 * The receivers (§10.10.2): at least one, one only for a donate, never the sender, none
 * twice, each a partition the SPMC hosts (memory moves from the normal world to partitions, or
 * between partitions); permissions as the operation allows: no instruction access from the
 * sender (the borrower asks for it, §10.10.3), data access given for a share or lend, left
 * unspecified for a donate, reserved encodings refused.
 */
static enum ffa_error mem_check_receivers(struct spmc *spmc, enum spmc_mem_op op, uint16_t sender,
					  const struct ffa_mem_txn *d, uint32_t *need)
{
	*need = SPMC_MEM_READ;
	if (op == SPMC_MEM_OP_DONATE && d->receiver_count != 1)
		return FFA_INVALID_PARAMETERS;
	for (uint32_t i = 0; i < d->receiver_count; i++) {
		const struct ffa_mem_receiver *r = &d->receivers[i];
		const struct spmc_endpoint *ep = spmc_find_endpoint(spmc, r->id);
		uint8_t data = r->perms & FFA_MEM_DATA_MASK;

		if (r->id == sender || ep == NULL || !ep->secure)
			return FFA_INVALID_PARAMETERS;
		for (uint32_t k = i + 1; k < d->receiver_count; k++) {
			if (d->receivers[k].id == r->id)
				return FFA_INVALID_PARAMETERS;
		}
		if (data == FFA_MEM_DATA_MASK || (r->perms & FFA_MEM_INSN_MASK) != 0 ||
		    (r->perms & ~(FFA_MEM_DATA_MASK | FFA_MEM_INSN_MASK)) != 0)
			return FFA_INVALID_PARAMETERS;
		if ((op == SPMC_MEM_OP_DONATE) != (data == FFA_MEM_DATA_NOT_SPECIFIED))
			return FFA_INVALID_PARAMETERS;
		if (data == FFA_MEM_DATA_RW)
			*need |= SPMC_MEM_WRITE;
	}
	if (op == SPMC_MEM_OP_DONATE)
		*need |= SPMC_MEM_WRITE;
	return FFA_OK;
}

/*
 * The constituents: no two overlap (INVALID_PARAMETERS, as Hafnium's
 * ffa_memory_check_overlap); every page is the sender's with the access it gives away (DENIED:
 * Hafnium's ffa_send_check_transition finds it not owned) and in no other transaction (the
 * personality's error; OP-TEE does not check).
 */
static enum ffa_error mem_check_ranges(struct spmc *spmc, const struct spmc_endpoint *sender,
				       const void *buf, const struct ffa_mem_txn *d, uint32_t need)
{
	for (uint32_t i = 0; i < d->range_count; i++) {
		struct ffa_mem_range r = ffa_memdesc_range(buf, d, i);
		uint64_t size = (uint64_t)r.page_count * FFA_MEM_PAGE_SIZE;

		for (uint32_t k = i + 1; k < d->range_count; k++) {
			struct ffa_mem_range o = ffa_memdesc_range(buf, d, k);

			if (r.address < o.address + (uint64_t)o.page_count * FFA_MEM_PAGE_SIZE &&
			    o.address < r.address + size)
				return FFA_INVALID_PARAMETERS;
		}
		if (!spmc_mem_owns(&sender->mem, r.address, size, need))
			return FFA_DENIED;
		if (spmc->cfg.personality->mem_pages_busy != FFA_OK &&
		    spmc_mem_in_txn(spmc, r.address, size))
			return spmc->cfg.personality->mem_pages_busy;
	}
	return FFA_OK;
}

/* Whether the personality takes this caller's descriptors without checking sender and flags. */
static bool mem_lax(const struct spmc *spmc, const struct spmc_endpoint *sender)
{
	return spmc->cfg.personality->mem_nw_lax && !sender->secure;
}

/*
 * The checks of the header a first fragment starts with, made before a handle is given (TF-A's
 * EL3 SPMC gives its next handle only to a descriptor that passes them): the sender is the
 * caller (§10.10.1; DENIED, as Hafnium and TF-A answer), the flags, the NS bit (the SPMC's to
 * set: INVALID_PARAMETERS). The header's sender, attributes and flags sit at the same offsets
 * in every layout; the attributes are 8 bits wide in v1.0.
 */
static enum ffa_error mem_check_header(const struct spmc *spmc, const struct spmc_endpoint *sender,
				       enum spmc_mem_op op, uint32_t version, const uint8_t *buf,
				       uint32_t len)
{
	uint16_t id, attributes;
	uint32_t flags;
	enum ffa_error err;

	if (len < FFA_MEMDESC_HEADER_SIZE_1_0)
		return FFA_INVALID_PARAMETERS;
	memcpy(&id, buf + MEM_HDR_SENDER, sizeof(id));
	memcpy(&attributes, buf + MEM_HDR_ATTRIBUTES, sizeof(attributes));
	memcpy(&flags, buf + MEM_HDR_FLAGS, sizeof(flags));
	if (version == FFA_VERSION_1_0)
		attributes &= 0xffu;
	if (!mem_lax(spmc, sender)) {
		if (id != sender->id)
			return FFA_DENIED;
		err = mem_check_send_flags(spmc, op, flags);
		if (err != FFA_OK)
			return err;
	}
	return (attributes & FFA_MEM_ATTR_NS) != 0 ? FFA_INVALID_PARAMETERS : FFA_OK;
}

/* Every check of a whole descriptor from the sender, in Hafnium's order (the header's were made
 * on its first fragment). */
static enum ffa_error mem_check_send(struct spmc *spmc, const struct spmc_endpoint *sender,
				     enum spmc_mem_op op, const void *buf,
				     const struct ffa_mem_txn *d)
{
	uint32_t need;
	enum ffa_error err;

	/* A send names its memory: a composite is required, and the handle is the SPMC's to
	 * give (MBZ). */
	if (!d->has_composite || d->handle != 0)
		return FFA_INVALID_PARAMETERS;
	err = mem_check_receivers(spmc, op, sender->id, d, &need);
	/* Zeroing takes write access (Hafnium: DENIED otherwise). */
	if ((d->flags & FFA_MEM_FLAG_ZERO) != 0 && !mem_lax(spmc, sender))
		need |= SPMC_MEM_WRITE;
	if (err == FFA_OK)
		err = mem_check_attributes(op, d);
	if (err == FFA_OK)
		err = mem_check_ranges(spmc, sender, buf, d, need);
	return err;
}

/* What the lender keeps of its pages while they are shared, or gets back at reclaim: what its
 * table of owned ranges gave it, with execution for the normal world's RAM. */
static uint32_t mem_sender_access(const struct spmc_endpoint *sender, const void *buf,
				  const struct ffa_mem_txn *d)
{
	struct ffa_mem_range r = ffa_memdesc_range(buf, d, 0);
	uint32_t access = spmc_mem_owns(&sender->mem, r.address, FFA_MEM_PAGE_SIZE, SPMC_MEM_RW)
				  ? SPMC_MEM_RW
				  : SPMC_MEM_READ;

	return sender->secure ? access : access | SPMC_MEM_EXEC;
}

/*
 * A whole descriptor from the sender in buf (its first fragment `first` bytes long): checked,
 * recorded under txn (its handle allocated already), the memory zeroed when asked, the lender's
 * access taken away for a lend or donate. On an error txn is freed.
 */
static enum ffa_error mem_send_commit(struct spmc *spmc, struct spmc_endpoint *sender,
				      enum spmc_mem_op op, uint32_t version, const void *buf,
				      uint32_t len, uint32_t first, struct spmc_mem_txn *txn)
{
	struct ffa_mem_txn d;
	struct ffa_memdesc_fault fault;
	enum ffa_error err = ffa_memdesc_parse(buf, len, version, &d, &fault);

	if (err == FFA_OK)
		err = mem_check_send(spmc, sender, op, buf, &d);
	if (err == FFA_OK && spmc->cfg.personality->mem_first_frag_constituent &&
	    first < d.ranges_offset + FFA_MEMDESC_CONSTITUENT_SIZE)
		err = FFA_INVALID_PARAMETERS;
	if (err == FFA_OK)
		err = spmc_mem_txn_take_ranges(spmc, txn, buf, &d);
	if (err != FFA_OK) {
		spmc_mem_txn_free(spmc, txn);
		return err;
	}
	txn->op = op;
	txn->attributes = d.attributes;
	/* Flags a personality does not read are not acted on. */
	txn->flags = mem_lax(spmc, sender) ? 0 : d.flags;
	txn->tag = d.tag;
	txn->sender_version = version;
	txn->sender_access = mem_sender_access(sender, buf, &d);
	txn->borrower_count = d.receiver_count;
	for (uint32_t i = 0; i < d.receiver_count; i++) {
		txn->borrowers[i].id = d.receivers[i].id;
		txn->borrowers[i].perms = d.receivers[i].perms;
		memcpy(txn->impdef[i], d.receivers[i].impdef, sizeof(txn->impdef[i]));
	}
	/* Zero before retrieval (lend, donate): while the lender still owns the pages. */
	if ((txn->flags & FFA_MEM_FLAG_ZERO) != 0)
		err = spmc_mem_zero(spmc, txn);
	/* The lender loses its access at once for a lend or donate (§10.5.2, §10.6.2). */
	if (err == FFA_OK && op != SPMC_MEM_OP_SHARE)
		err = spmc_mem_move_access(spmc, sender, txn, 0);
	if (err != FFA_OK) {
		spmc_mem_txn_free(spmc, txn);
		return err;
	}
	txn->complete = true;
	return FFA_OK;
}

/* FFA_MEM_FRAG_RX to the sender: more of the descriptor is wanted, from offset `filled`
 * (§11.4.1). TF-A's EL3 SPMC also names the sender in w4 bits 31:16. */
static struct ffa_value mem_frag_rx_value(const struct spmc *spmc, uint64_t handle, uint32_t filled,
					  uint16_t sender)
{
	struct ffa_value v = {{0}};

	v.x[0] = FFA_MEM_FRAG_RX;
	v.x[1] = (uint32_t)handle;
	v.x[2] = (uint32_t)(handle >> 32);
	v.x[3] = filled;
	if (spmc->cfg.personality->mem_handles == SPMC_MEM_HANDLES_COUNTER)
		v.x[4] = (uint32_t)sender << 16;
	return v;
}

/* Ends an inbound fragmented descriptor, freeing its record when it failed. */
static void mem_inbound_end(struct spmc *spmc, bool failed)
{
	struct spmc_mem_inbound *in = &spmc->mem_txns.inbound;
	struct spmc_mem_txn *txn = spmc_mem_txn_find(spmc, in->handle);

	if (failed && txn != NULL)
		spmc_mem_txn_free(spmc, txn);
	in->active = false;
}

/*
 * Where the descriptor's first fragment is: the TX buffer, or the caller's own buffer of
 * `pages` pages at addr where the personality takes one (OP-TEE; Hafnium and TF-A answer
 * INVALID_PARAMETERS). Reads `frag` bytes of it into buf.
 */
static enum ffa_error mem_read_first(struct spmc *spmc, const struct spmc_endpoint *caller,
				     uint64_t addr, uint32_t pages, void *buf, uint32_t frag)
{
	uint64_t size = (uint64_t)pages * FFA_MEM_PAGE_SIZE;

	if (addr == 0 && pages == 0)
		return spmc_mem_read_tx(spmc, caller, buf, frag);
	if (!spmc->cfg.personality->mem_dyn_buffer || addr % FFA_MEM_PAGE_SIZE != 0 || pages == 0 ||
	    frag > size)
		return FFA_INVALID_PARAMETERS;
	if (spmc_mem_read(&spmc->memory, &caller->mem, addr, buf, frag) != SPMC_MEM_OK)
		return FFA_INVALID_PARAMETERS;
	return FFA_OK;
}

struct ffa_value spmc_mem_send(struct spmc *spmc, struct spmc_endpoint *caller,
			       const struct ffa_value *args)
{
	const struct spmc_personality *pers = spmc->cfg.personality;
	uint32_t fid = (uint32_t)args->x[0];
	uint32_t total = (uint32_t)args->x[1];
	uint32_t frag = (uint32_t)args->x[2];
	/* The SMC32 forms carry a 32-bit address in w3. */
	uint64_t addr = ffa_fid_is_smc64(fid) ? args->x[3] : (uint32_t)args->x[3];
	uint32_t pages = (uint32_t)args->x[4];
	uint32_t version = spmc_caller_version(spmc, caller);
	struct spmc_mem_inbound *in = &spmc->mem_txns.inbound;
	uint8_t whole[SPMC_MEM_DESC_MAX];
	struct spmc_mem_txn *txn;
	enum spmc_mem_op op;
	uint8_t *buf;
	enum ffa_error err;

	if (!spmc_mem_send_op(fid, &op))
		return ffa_error_value(FFA_NOT_SUPPORTED);
	if (((caller->secure ? pers->mem_sp_ops : pers->mem_nw_ops) & SPMC_MEM_OP_BIT(op)) == 0)
		return ffa_error_value(pers->mem_send_refused);
	/* Lengths (§11.1.2): a first fragment, no longer than the whole; the whole no longer
	 * than the SPMC can hold (NO_MEMORY). */
	if (frag == 0 || frag > total || (frag < total && !pers->mem_frag_tx))
		return ffa_error_value(FFA_INVALID_PARAMETERS);
	if (total > SPMC_MEM_DESC_MAX)
		return ffa_error_value(FFA_NO_MEMORY);
	/* One descriptor arrives in fragments at a time. */
	if (frag < total && in->active)
		return ffa_error_value(FFA_BUSY);
	buf = frag < total ? in->buf : whole;
	err = mem_read_first(spmc, caller, addr, pages, buf, frag);
	if (err == FFA_OK)
		err = mem_check_header(spmc, caller, op, version, buf, frag);
	if (err != FFA_OK)
		return ffa_error_value(err);
	txn = spmc_mem_txn_alloc(spmc, caller);
	if (txn == NULL)
		return ffa_error_value(FFA_NO_MEMORY);
	if (frag == total) {
		err = mem_send_commit(spmc, caller, op, version, buf, total, total, txn);
		if (err != FFA_OK)
			return ffa_error_value(err);
		return spmc_mem_handle_value(FFA_SUCCESS_32, txn->handle);
	}
	/* Fragments continue through the TX buffer (FFA_MEM_FRAG_TX). */
	in->active = true;
	in->handle = txn->handle;
	in->sender = caller->id;
	in->op_fid = fid;
	in->version = version;
	in->total = total;
	in->first = frag;
	in->filled = frag;
	return mem_frag_rx_value(spmc, txn->handle, frag, caller->id);
}

struct ffa_value spmc_mem_frag_tx(struct spmc *spmc, struct spmc_endpoint *caller,
				  const struct ffa_value *args)
{
	struct spmc_mem_inbound *in = &spmc->mem_txns.inbound;
	uint64_t handle = ffa_mem_handle((uint32_t)args->x[1], (uint32_t)args->x[2]);
	uint32_t frag = (uint32_t)args->x[3];
	uint32_t w4 = (uint32_t)args->x[4];
	struct spmc_mem_txn *txn;
	enum spmc_mem_op op = SPMC_MEM_OP_SHARE;
	enum ffa_error err;

	/* The handle of the caller's descriptor in flight (§11.4.2); w4 bits 31:16 name the
	 * sender only when a hypervisor sends for a VM, and nothing else is there. */
	if (!in->active || in->handle != handle || in->sender != caller->id ||
	    (w4 != 0 && w4 != (uint32_t)caller->id << 16))
		return ffa_error_value(FFA_INVALID_PARAMETERS);
	/* A fragment that is empty or overruns the whole abandons the transaction. */
	if (frag == 0 || frag > in->total - in->filled) {
		mem_inbound_end(spmc, true);
		return ffa_error_value(FFA_INVALID_PARAMETERS);
	}
	err = spmc_mem_read_tx(spmc, caller, in->buf + in->filled, frag);
	if (err != FFA_OK) {
		mem_inbound_end(spmc, true);
		return ffa_error_value(err);
	}
	in->filled += frag;
	if (in->filled < in->total)
		return mem_frag_rx_value(spmc, handle, in->filled, caller->id);
	txn = spmc_mem_txn_find(spmc, handle);
	in->active = false;
	if (txn == NULL || !spmc_mem_send_op(in->op_fid, &op))
		return ffa_error_value(FFA_INVALID_PARAMETERS);
	err = mem_send_commit(spmc, caller, op, in->version, in->buf, in->total, in->first, txn);
	if (err != FFA_OK)
		return ffa_error_value(err);
	return spmc_mem_handle_value(FFA_SUCCESS_32, handle);
}
