/* SPDX-License-Identifier: BSD-3-Clause */
/* Between the `optee` model's FF-A side (optee.c) and its message handling (optee_msg.c). */
#ifndef PARTITIONS_OPTEE_INTERNAL_H
#define PARTITIONS_OPTEE_INTERNAL_H

#include "partitions/builtin.h"

/* What running a yielding call's message came to. */
struct part_optee_outcome {
	bool need; /* it needs the memory of `cookie` retrieved first; nothing was written */
	uint64_t cookie;
	uint32_t w3; /* otherwise: the answer's w3 (0 when the message ran) */
};

/* The memory of a cookie it holds, or NULL. */
struct part_optee_shm *part_optee_find(struct part_optee *po, uint64_t cookie);

/*
 * Runs the struct optee_msg_arg at `offset` of the memory `cookie`
 * (OPTEE_FFA_YIELDING_CALL_WITH_ARG), as OP-TEE's yielding_call_with_arg() and tee_entry_std() do,
 * writing its results back. Reads before it writes, so that a run that needs memory retrieved first
 * can start over.
 */
struct part_optee_outcome part_optee_run_arg(struct part_optee *po, uint64_t cookie,
					     uint32_t offset);

#endif
