/* SPDX-License-Identifier: BSD-3-Clause */
/* What the built-in models that keep buffers of their own share (partitions/memory.c,
 * partitions/indirect.c): their calls, their buffers and their answers. */
#ifndef PARTITIONS_MODEL_INTERNAL_H
#define PARTITIONS_MODEL_INTERNAL_H

#include "spmc/spmc.h"

/* Their buffers in their own memory: TX at the start, RX on the next page, one page each. */
#define PART_MODEL_TX_OFFSET 0x0u
#define PART_MODEL_RX_OFFSET 0x1000u
#define PART_MODEL_MIN_SIZE 0x2000u

/* Zeroes call and sets its function ID. */
void part_model_call(struct ffa_value *call, uint32_t fid);

/* The error code of an FFA_ERROR answer; 0 for anything else. */
int32_t part_model_error(const struct ffa_value *in);

/*
 * At boot: the FFA_RXTX_MAP_64 of its buffers in the first pages of its own memory (FF-A v1.2
 * (DEN0077A) §13.6) into call, *base the start of that memory. False when it has no read-write
 * memory of PART_MODEL_MIN_SIZE bytes (the model then stops).
 */
bool part_model_map_buffers(const struct spmc_endpoint *ep, uint64_t *base, struct ffa_value *call);

/* The DIRECT_RESP answering req (of its width, source and destination swapped) with w3-w5. */
void part_model_respond(struct ffa_value *call, const struct ffa_value *req, uint32_t w3,
			uint32_t w4, uint32_t w5);

/*
 * A retrieve request for `handle` from `sender` (one receiver: the endpoint, the access the
 * sender gave, not executable) written into its TX buffer at base, and the
 * FFA_MEM_RETRIEVE_REQ_64 that sends it into call (FF-A v1.2 (DEN0077A) §11.4). False when it
 * cannot be written.
 */
bool part_model_retrieve(const struct spmc_endpoint *ep, const struct spmc_guest_mem *mem,
			 uint64_t base, uint16_t sender, uint64_t handle, uint32_t tag,
			 struct ffa_value *call);

/* The relinquish descriptor of `handle` naming the endpoint in its TX buffer, and the
 * FFA_MEM_RELINQUISH that sends it into call (§11.6). False when it cannot be written. */
bool part_model_relinquish(const struct spmc_endpoint *ep, const struct spmc_guest_mem *mem,
			   uint64_t base, uint64_t handle, struct ffa_value *call);

#endif
