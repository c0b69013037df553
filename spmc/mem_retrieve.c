/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * FFA_MEM_RETRIEVE_REQ (FF-A v1.2 (DEN0077A) §11.4), answered by FFA_MEM_RETRIEVE_RESP with the
 * transaction's descriptor in the borrower's RX buffer, in the borrower's layout; a response
 * larger than the RX buffer goes in fragments the borrower asks for with FFA_MEM_FRAG_RX
 * (§11.4.1), each answered by FFA_MEM_FRAG_TX. The borrower gains its access at the retrieve.
 * Where the spec leaves an error open, the answers are Hafnium's (src/ffa_memory.c,
 * ffa_memory_retrieve_validate and ffa_memory_retrieve_is_memory_access_valid).
 */
#include <string.h>

#include "mem_internal.h"

/* Retrieve flags (§10.11.2, Table 10.22) the SPMC reads; bits 31:10 MBZ. */
#define MEM_RETRIEVE_FLAGS_KNOWN                                                                   \
	(FFA_MEM_FLAG_ZERO | FFA_MEM_FLAG_TIME_SLICE | FFA_MEM_FLAG_ZERO_AFTER |                   \
	 FFA_MEM_FLAG_TYPE_MASK | FFA_MEM_FLAG_ALIGN_HINT_MASK | FFA_MEM_FLAG_ALIGN_HINT_VALID)

/* The transaction type flag of an operation (bits 4:3). */
static uint32_t mem_type_flag(enum spmc_mem_op op)
{
	switch (op) {
	case SPMC_MEM_OP_SHARE:
		return FFA_MEM_FLAG_TYPE_SHARE;
	case SPMC_MEM_OP_LEND:
		return FFA_MEM_FLAG_TYPE_LEND;
	case SPMC_MEM_OP_DONATE:
		return FFA_MEM_FLAG_TYPE_DONATE;
	}
	return FFA_MEM_FLAG_TYPE_UNSPECIFIED;
}

/*
 * The request's flags against the transaction: the type, when given, must be the
 * transaction's; no time slicing or alignment hint (none of the real SPMCs takes one); zeroing
 * before retrieval only when the sender asked for it (DENIED), zeroing after relinquish never
 * for a share, and never for a borrower without write access (DENIED).
 */
static enum ffa_error mem_check_retrieve_flags(const struct spmc *spmc,
					       const struct spmc_mem_txn *txn, uint32_t flags,
					       uint8_t data)
{
	uint32_t type = flags & FFA_MEM_FLAG_TYPE_MASK;
	uint32_t zero = flags & (FFA_MEM_FLAG_ZERO | FFA_MEM_FLAG_ZERO_AFTER);

	if ((flags & ~MEM_RETRIEVE_FLAGS_KNOWN) != 0 || (flags & FFA_MEM_FLAG_TIME_SLICE) != 0 ||
	    (flags & (FFA_MEM_FLAG_ALIGN_HINT_MASK | FFA_MEM_FLAG_ALIGN_HINT_VALID)) != 0)
		return FFA_INVALID_PARAMETERS;
	if (type != FFA_MEM_FLAG_TYPE_UNSPECIFIED && type != mem_type_flag(txn->op))
		return FFA_INVALID_PARAMETERS;
	if (zero == 0)
		return FFA_OK;
	if (!spmc->cfg.personality->mem_zero)
		return spmc->cfg.personality->mem_zero_refused;
	if ((flags & FFA_MEM_FLAG_ZERO_AFTER) != 0 && txn->op == SPMC_MEM_OP_SHARE)
		return FFA_INVALID_PARAMETERS;
	if ((flags & FFA_MEM_FLAG_ZERO) != 0 && (txn->flags & FFA_MEM_FLAG_ZERO) == 0)
		return FFA_DENIED;
	if (data != FFA_MEM_DATA_RW)
		return FFA_DENIED;
	return FFA_OK;
}

/*
 * The permissions the borrower asks for against those the sender gave (§10.10.3): no more data
 * access than given (DENIED), unspecified data access takes what was given; instruction
 * access unspecified or NX for a share and for a lend to several borrowers (NX is what they
 * get; real Hafnium refuses NX there, docs/fidelity.md), specified by the single
 * borrower of a lend or donate under Hafnium's rules (else unspecified is NX), never X on
 * normal-world memory.
 * *granted gets what the response states.
 */
static enum ffa_error mem_check_perms(const struct spmc *spmc, const struct spmc_mem_txn *txn,
				      const struct spmc_mem_borrower *b, uint8_t asked,
				      bool ns_memory, uint8_t *granted)
{
	uint8_t data = asked & FFA_MEM_DATA_MASK;
	uint8_t insn = asked & FFA_MEM_INSN_MASK;
	uint8_t sent = b->perms & FFA_MEM_DATA_MASK;
	bool single = txn->op == SPMC_MEM_OP_DONATE ||
		      (txn->op == SPMC_MEM_OP_LEND && txn->borrower_count == 1);

	if (data == FFA_MEM_DATA_MASK || insn == FFA_MEM_INSN_MASK ||
	    (asked & ~(FFA_MEM_DATA_MASK | FFA_MEM_INSN_MASK)) != 0)
		return FFA_INVALID_PARAMETERS;
	if (txn->op == SPMC_MEM_OP_DONATE) {
		if (data == FFA_MEM_DATA_NOT_SPECIFIED)
			data = FFA_MEM_DATA_RW;
	} else if (data == FFA_MEM_DATA_NOT_SPECIFIED) {
		data = sent;
	} else if (data == FFA_MEM_DATA_RW && sent == FFA_MEM_DATA_RO) {
		return FFA_DENIED;
	}
	if (!single) {
		if (insn == FFA_MEM_INSN_X)
			return FFA_INVALID_PARAMETERS;
		insn = FFA_MEM_INSN_NX;
	} else if (insn == FFA_MEM_INSN_NOT_SPECIFIED) {
		if (spmc->cfg.personality->mem_insn_rules)
			return FFA_INVALID_PARAMETERS;
		insn = FFA_MEM_INSN_NX;
	} else if (insn == FFA_MEM_INSN_X && ns_memory) {
		return FFA_INVALID_PARAMETERS;
	}
	*granted = (uint8_t)(data | insn);
	return FFA_OK;
}

/*
 * The request's list of receivers (§11.4.1): the same borrowers the sender named (Hafnium:
 * INVALID_PARAMETERS for another count, DENIED for a stranger), the caller among them. Checks
 * the caller's permissions and returns its entry's index in *mine.
 */
static enum ffa_error mem_check_request_receivers(const struct spmc_mem_txn *txn,
						  const struct ffa_mem_txn *req, uint16_t caller,
						  uint32_t *mine)
{
	bool found = false;

	if (req->receiver_count != txn->borrower_count)
		return FFA_INVALID_PARAMETERS;
	for (uint32_t i = 0; i < req->receiver_count; i++) {
		if (spmc_mem_borrower_of((struct spmc_mem_txn *)txn, req->receivers[i].id) == NULL)
			return FFA_DENIED;
		/* A retrieve request names no memory of its own (no composite, §11.4.1). */
		if (req->receivers[i].composite_offset != 0)
			return FFA_INVALID_PARAMETERS;
		if (req->receivers[i].id == caller) {
			*mine = i;
			found = true;
		}
	}
	return found ? FFA_OK : FFA_INVALID_PARAMETERS;
}

/* The attributes a borrower's response states: the type and cacheability the borrower asked
 * for or normal write-back inner-shareable memory, and from v1.1 (or for a v1.0 partition that
 * asked, where the personality lets it) the NS bit when the memory is the normal world's. */
static uint16_t mem_response_attributes(const struct spmc *spmc, const struct spmc_endpoint *caller,
					const struct spmc_mem_txn *txn, uint16_t asked,
					uint32_t version)
{
	uint16_t attr = txn->attributes;
	bool ns_memory = !ffa_id_is_secure(txn->sender);

	if ((attr & FFA_MEM_ATTR_TYPE_MASK) == FFA_MEM_ATTR_TYPE_NOT_SPECIFIED)
		attr = (asked & FFA_MEM_ATTR_TYPE_MASK) != FFA_MEM_ATTR_TYPE_NOT_SPECIFIED
			       ? asked
			       : (uint16_t)(FFA_MEM_ATTR_TYPE_NORMAL | FFA_MEM_ATTR_CACHE_WB |
					    FFA_MEM_ATTR_SHARE_INNER);
	attr &= (uint16_t)~FFA_MEM_ATTR_NS;
	if (ns_memory &&
	    (version >= FFA_VERSION_1_1 ||
	     (spmc->cfg.personality->mem_ns_bit_v1_0_opt_in && caller->mem_ns_bit_requested)))
		attr |= FFA_MEM_ATTR_NS;
	return attr;
}

/* Writes a borrower's retrieve response (all of it) into buf: its length, 0 when it cannot be
 * written. */
static uint32_t mem_response_write(const struct spmc *spmc, const struct spmc_mem_txn *txn,
				   const struct spmc_mem_borrower *b, uint8_t *buf, uint32_t cap)
{
	struct ffa_mem_txn r;

	memset(&r, 0, sizeof(r));
	r.sender = txn->sender;
	r.attributes = b->resp_attributes;
	r.flags = mem_type_flag(txn->op) | (txn->flags & FFA_MEM_FLAG_ZERO);
	r.handle = txn->handle;
	r.tag = txn->tag;
	r.receiver_count = txn->borrower_count;
	for (uint32_t i = 0; i < txn->borrower_count; i++) {
		const struct spmc_mem_borrower *o = &txn->borrowers[i];

		r.receivers[i].id = o->id;
		r.receivers[i].perms = o == b ? b->granted : o->perms;
		/* The implementation-defined field exists from v1.2 only. */
		if (b->resp_version >= FFA_VERSION_1_2)
			memcpy(r.receivers[i].impdef, txn->impdef[i],
			       sizeof(r.receivers[i].impdef));
	}
	return ffa_memdesc_write(buf, cap, b->resp_version, &r, spmc_mem_txn_ranges(spmc, txn),
				 txn->range_count);
}

/*
 * The length of the next fragment of a response of `total` bytes from offset `sent` into an RX
 * buffer of rx_size bytes: whole constituents only (as Hafnium cuts its fragments), the first
 * fragment holding the header, receivers and composite.
 */
static uint32_t mem_fragment_length(uint32_t total, uint32_t sent, uint32_t rx_size)
{
	uint32_t len = total - sent < rx_size ? total - sent : rx_size;

	return len - len % FFA_MEMDESC_CONSTITUENT_SIZE;
}

/* Completes a borrower's retrieval: a donate gives the pages to it for good. The hypervisor's
 * reading changes nothing. */
static void mem_retrieval_done(struct spmc *spmc, struct spmc_mem_txn *txn,
			       const struct spmc_mem_borrower *b)
{
	if (txn->op == SPMC_MEM_OP_DONATE && b != &txn->hyp)
		spmc_mem_txn_free(spmc, txn);
}

/*
 * Hands the next fragment of a borrower's response over in its RX buffer: FFA_OK with *len, or
 * the error of spmc_rx_fill().
 */
static enum ffa_error mem_send_fragment(struct spmc *spmc, struct spmc_endpoint *caller,
					struct spmc_mem_txn *txn, struct spmc_mem_borrower *b,
					uint32_t *len)
{
	uint8_t buf[SPMC_MEM_DESC_MAX];
	uint32_t rx_size = caller->rxtx.page_count * FFA_RXTX_PAGE_SIZE;
	uint32_t total = mem_response_write(spmc, txn, b, buf, sizeof(buf));
	enum ffa_error err;

	if (total == 0)
		return FFA_ABORTED;
	*len = mem_fragment_length(total, b->frag_sent, rx_size);
	err = spmc_rx_fill(spmc, caller, buf + b->frag_sent, *len);
	if (err != FFA_OK)
		return err;
	b->frag_total = total;
	b->frag_sent += *len;
	return FFA_OK;
}

/* Where a retrieve request's handle and receiver count are, in every layout (§10.11). */
#define MEM_HDR_HANDLE 8u
#define MEM_HDR_RECEIVER_COUNT 28u

/*
 * A hypervisor retrieve request from the normal world (§11.4.1; Hafnium's
 * ffa_hypervisor_retrieve_request, TF-A's spmc_populate_ffa_hyp_descriptor): a header naming a
 * handle and no receivers. The answer is the transaction's descriptor as the sender gave it,
 * every borrower with its permissions, in the caller's layout and in fragments when larger
 * than its RX buffer; nothing moves.
 */
static struct ffa_value mem_hyp_retrieve(struct spmc *spmc, struct spmc_endpoint *caller,
					 const uint8_t *buf, uint32_t total, uint32_t version)
{
	struct ffa_value v = {{0}};
	struct spmc_mem_txn *txn;
	uint32_t count, len;
	uint64_t handle;
	enum ffa_error err;

	if (!spmc->cfg.personality->mem_hyp_retrieve)
		return ffa_error_value(FFA_NOT_SUPPORTED);
	if (total != (version == FFA_VERSION_1_0 ? FFA_MEMDESC_HEADER_SIZE_1_0
						 : FFA_MEMDESC_HEADER_SIZE_1_1))
		return ffa_error_value(FFA_INVALID_PARAMETERS);
	memcpy(&handle, buf + MEM_HDR_HANDLE, sizeof(handle));
	memcpy(&count, buf + MEM_HDR_RECEIVER_COUNT, sizeof(count));
	txn = spmc_mem_txn_find(spmc, handle);
	if (count != 0 || txn == NULL || !txn->complete)
		return ffa_error_value(FFA_INVALID_PARAMETERS);
	memset(&txn->hyp, 0, sizeof(txn->hyp));
	txn->hyp.id = caller->id;
	txn->hyp.resp_version = version;
	txn->hyp.resp_attributes = txn->attributes;
	err = mem_send_fragment(spmc, caller, txn, &txn->hyp, &len);
	if (err != FFA_OK)
		return ffa_error_value(err);
	txn->hyp.retrieved = true;
	v.x[0] = FFA_MEM_RETRIEVE_RESP;
	v.x[1] = txn->hyp.frag_total;
	v.x[2] = len;
	return v;
}

/* Every check of a retrieve request that needs the transaction, in Hafnium's order. */
static enum ffa_error mem_check_retrieve(struct spmc *spmc, const struct spmc_endpoint *caller,
					 struct spmc_mem_txn *txn, const struct ffa_mem_txn *req,
					 uint8_t *granted)
{
	const struct spmc_personality *pers = spmc->cfg.personality;
	struct spmc_mem_borrower *b;
	uint32_t mine = 0;
	enum ffa_error err;

	if (req->sender != txn->sender)
		return pers->mem_wrong_sender;
	if (req->tag != txn->tag)
		return FFA_INVALID_PARAMETERS;
	b = spmc_mem_borrower_of(txn, caller->id);
	if (b == NULL)
		return FFA_INVALID_PARAMETERS;
	err = mem_check_request_receivers(txn, req, caller->id, &mine);
	if (err != FFA_OK)
		return err;
	/* One retrieval per borrower until it relinquishes (Hafnium: the pages are mapped
	 * already, DENIED). */
	if (b->retrieved)
		return FFA_DENIED;
	err = mem_check_perms(spmc, txn, b, req->receivers[mine].perms,
			      !ffa_id_is_secure(txn->sender), granted);
	if (err == FFA_OK)
		err = mem_check_retrieve_flags(spmc, txn, req->flags, *granted & FFA_MEM_DATA_MASK);
	/* The NS bit is the SPMC's to set (MBZ in a request). */
	if (err == FFA_OK && (req->attributes & FFA_MEM_ATTR_NS) != 0)
		err = FFA_INVALID_PARAMETERS;
	return err;
}

struct ffa_value spmc_mem_retrieve_req(struct spmc *spmc, struct spmc_endpoint *caller,
				       const struct ffa_value *args)
{
	uint32_t total = (uint32_t)args->x[1];
	uint32_t frag = (uint32_t)args->x[2];
	uint64_t addr = ffa_fid_is_smc64((uint32_t)args->x[0]) ? args->x[3] : (uint32_t)args->x[3];
	uint32_t pages = (uint32_t)args->x[4];
	uint32_t version = spmc_caller_version(spmc, caller);
	uint8_t buf[SPMC_MEM_DESC_MAX];
	struct ffa_mem_txn req;
	struct ffa_memdesc_fault fault;
	struct spmc_mem_txn *txn;
	struct spmc_mem_borrower *b;
	struct ffa_value v = {{0}};
	uint8_t granted = 0;
	uint32_t len;
	enum ffa_error err;

	/* The request in the TX buffer, whole: none of the real SPMCs takes it in a buffer of
	 * the caller's or in fragments (INVALID_PARAMETERS). */
	if (addr != 0 || pages != 0 || frag != total || total == 0)
		return ffa_error_value(FFA_INVALID_PARAMETERS);
	err = spmc_mem_read_tx(spmc, caller, buf, total);
	if (err != FFA_OK)
		return ffa_error_value(err);
	/* The response goes to the RX buffer, which must be the SPMC's to write. */
	if (caller->rxtx.rx_full)
		return ffa_error_value(spmc->cfg.personality->mem_rx_busy);
	if (!caller->secure)
		return mem_hyp_retrieve(spmc, caller, buf, total, version);
	err = ffa_memdesc_parse(buf, total, version, &req, &fault);
	if (err != FFA_OK)
		return ffa_error_value(err);
	txn = spmc_mem_txn_find(spmc, req.handle);
	if (txn == NULL || !txn->complete)
		return ffa_error_value(FFA_INVALID_PARAMETERS);
	err = mem_check_retrieve(spmc, caller, txn, &req, &granted);
	if (err != FFA_OK)
		return ffa_error_value(err);

	b = spmc_mem_borrower_of(txn, caller->id);
	b->granted = granted;
	b->resp_version = version;
	b->resp_flags = req.flags;
	b->resp_attributes = mem_response_attributes(spmc, caller, txn, req.attributes, version);
	b->frag_sent = 0;
	err = mem_send_fragment(spmc, caller, txn, b, &len);
	if (err == FFA_OK)
		err = spmc_mem_move_access(spmc, caller, txn, spmc_mem_perms_access(granted));
	if (err != FFA_OK) {
		b->frag_sent = 0;
		caller->rxtx.rx_full = false;
		return ffa_error_value(err);
	}
	b->retrieved = true;
	b->access = spmc_mem_perms_access(granted);
	v.x[0] = FFA_MEM_RETRIEVE_RESP;
	v.x[1] = b->frag_total;
	v.x[2] = len;
	if (b->frag_sent == b->frag_total)
		mem_retrieval_done(spmc, txn, b);
	return v;
}

struct ffa_value spmc_mem_frag_rx(struct spmc *spmc, struct spmc_endpoint *caller,
				  const struct ffa_value *args)
{
	uint64_t handle = ffa_mem_handle((uint32_t)args->x[1], (uint32_t)args->x[2]);
	uint32_t offset = (uint32_t)args->x[3];
	uint32_t w4 = (uint32_t)args->x[4];
	struct spmc_mem_txn *txn = spmc_mem_txn_find(spmc, handle);
	struct spmc_mem_borrower *b = txn != NULL ? spmc_mem_borrower_of(txn, caller->id) : NULL;

	/* The normal world reading a descriptor as a hypervisor. */
	if (b == NULL && txn != NULL && !caller->secure)
		b = &txn->hyp;
	struct ffa_value v = {{0}};
	uint32_t len;
	enum ffa_error err;

	/* A retrieval in progress by the caller, asked for at the offset reached (§11.4.1); w4
	 * names a VM only when a hypervisor asks. */
	if (b == NULL || !b->retrieved || b->frag_sent == b->frag_total || offset != b->frag_sent ||
	    w4 != 0)
		return ffa_error_value(FFA_INVALID_PARAMETERS);
	if (caller->rxtx.rx_full)
		return ffa_error_value(spmc->cfg.personality->mem_rx_busy);
	err = mem_send_fragment(spmc, caller, txn, b, &len);
	if (err != FFA_OK)
		return ffa_error_value(err);
	v.x[0] = FFA_MEM_FRAG_TX;
	v.x[1] = (uint32_t)handle;
	v.x[2] = (uint32_t)(handle >> 32);
	v.x[3] = len;
	if (b->frag_sent == b->frag_total)
		mem_retrieval_done(spmc, txn, b);
	return v;
}
