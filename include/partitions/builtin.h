/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Built-in partition models: secure partitions written in C that the SPMC runs through
 * struct spmc_partition_ops, without a CPU. Every model has the same shape:
 *
 *   struct part_<name>             its state, provided (zeroed) by whoever adds the partition;
 *   part_<name>_attach(ep, state)  binds the model to an endpoint (ep->ops, ep->ops_ctx)
 *                                  and returns false when the endpoint cannot take it.
 *
 * Attaching sets only the model. The endpoint's properties, UUIDs and FF-A version come
 * from the partition's manifest (or the test that adds it), as they do for a real binary.
 */
#ifndef PARTITIONS_BUILTIN_H
#define PARTITIONS_BUILTIN_H

#include <stdbool.h>
#include <stdint.h>

#include "spmc/spmc.h"

/*
 * The `echo` model: boots to FFA_MSG_WAIT, then answers every direct request with its
 * payload. DIRECT_REQ_32/64 get DIRECT_RESP of the same width with w3-w7/x3-x7 echoed;
 * DIRECT_REQ2 gets DIRECT_RESP2 with x4-x17 echoed and x2/x3 zero. Source and destination
 * are swapped. The response is its FF-A call: the SPMC resumes it with the next request as
 * the return of that call (FF-A v1.2 (DEN0077A) §15.2). Given cycles without a message
 * (FFA_RUN) or answered an error, it goes back to FFA_MSG_WAIT.
 */
struct part_echo {
	unsigned requests;        /* direct requests answered so far */
	struct ffa_value last;    /* the last value it was resumed with */
};

/* Binds the echo model to an endpoint. Returns false for a non-secure endpoint. */
bool part_echo_attach(struct spmc_endpoint *ep, struct part_echo *state);

#endif
