/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * FFA_FEATURES for the memory management functions (FF-A v1.2 (DEN0077A) §13.3.2): which of
 * them each personality offers to the normal world and to partitions, and their properties in
 * w2. What the normal world sees was read from the real firmware (TF-A's EL3 SPMC and OP-TEE
 * as S-EL1 SPMC under QEMU, tests/data/oracle); what partitions see from the sources (TF-A's
 * spmc_main.c, ffa_features_retrieve_request; Hafnium's src/api.c, api_ffa_features).
 */
#include "mem_internal.h"

/*
 * FFA_MEM_RETRIEVE_REQ: w2 input bit 1 says the caller handles the NS bit. Where the SPMC
 * reports NS-bit handling, a v1.1+ caller must set it (NOT_SUPPORTED otherwise, Hafnium and
 * TF-A alike); TF-A refuses it from the normal world, and remembers it for a v1.0 partition,
 * which then finds the NS bit in its retrieve responses.
 */
static enum ffa_error mem_features_retrieve(const struct spmc *spmc, struct spmc_endpoint *caller,
					    uint32_t input, uint32_t *w2)
{
	const struct spmc_personality *pers = spmc->cfg.personality;
	uint32_t version = spmc_caller_version(spmc, caller);
	bool ns_input = (input & SPMC_MEM_RETRIEVE_NS_BIT) != 0;

	if (pers->mem_ns_bit_v1_0_opt_in) {
		if (!caller->secure)
			return ns_input ? FFA_NOT_SUPPORTED : FFA_OK;
		if (version == FFA_VERSION_1_0) {
			caller->mem_ns_bit_requested = ns_input;
			*w2 = ns_input ? SPMC_MEM_RETRIEVE_NS_BIT : 0;
			return FFA_OK;
		}
	}
	if ((pers->mem_retrieve_props & SPMC_MEM_RETRIEVE_NS_BIT) != 0 &&
	    version >= FFA_VERSION_1_1 && !ns_input)
		return FFA_NOT_SUPPORTED;
	*w2 = pers->mem_retrieve_props;
	return FFA_OK;
}

enum ffa_error spmc_mem_features(const struct spmc *spmc, struct spmc_endpoint *caller,
				 uint32_t fid, uint32_t input, uint32_t *w2)
{
	const struct spmc_personality *pers = spmc->cfg.personality;
	uint8_t ops = caller->secure ? pers->mem_sp_ops : pers->mem_nw_ops;
	enum spmc_mem_op op;

	*w2 = 0;
	if (spmc_mem_send_op(fid, &op)) {
		if ((ops & SPMC_MEM_OP_BIT(op)) == 0)
			return FFA_NOT_SUPPORTED;
		if (pers->mem_dyn_buffer && !caller->secure)
			*w2 = SPMC_MEM_SEND_DYN_BUFFER;
		return FFA_OK;
	}
	switch (fid) {
	case FFA_MEM_RETRIEVE_REQ_32:
	case FFA_MEM_RETRIEVE_REQ_64:
		return mem_features_retrieve(spmc, caller, input, w2);
	case FFA_MEM_RECLAIM:
	case FFA_MEM_FRAG_RX:
		/* A sender's functions: not offered to partitions that cannot send (TF-A). */
		return ops == 0 ? FFA_NOT_SUPPORTED : FFA_OK;
	case FFA_MEM_RETRIEVE_RESP:
		/* An answer: Hafnium lists it with the memory functions; the others do not. */
		return (pers->mem_retrieve_props & SPMC_MEM_RETRIEVE_HYP) != 0 ? FFA_OK
									       : FFA_NOT_SUPPORTED;
	default:
		return FFA_OK;
	}
}
