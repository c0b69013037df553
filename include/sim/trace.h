/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The call trace of a run (`ffa-sim run --trace FILE`): every call the host makes, one line
 * each with its arguments and answer, function IDs and error codes by name, and for the
 * memory-management calls (FF-A v1.2 (DEN0077A) §10) the handle and the descriptors the call
 * reads from the caller's TX buffer or the answer leaves in its RX buffer.
 */
#ifndef SIM_TRACE_H
#define SIM_TRACE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/sim.h"

/* An endpoint's RX/TX buffers as the endpoint sees them, and the version it speaks. */
struct sim_buffers {
	uint64_t tx, rx;
	uint64_t size;    /* of each */
	bool secure;      /* in secure memory (a partition's) */
	uint32_t version; /* the layout of the descriptors it writes and reads */
};

/*
 * The buffers endpoint id has mapped: the host's with the hypervisor proxy when one runs, else
 * with the SPMC. False when it has mapped none (b->version is filled in any case).
 */
bool sim_endpoint_buffers(struct sim *sim, uint16_t id, struct sim_buffers *b);

/*
 * What a call carries beyond its registers, one "WHAT: text" line each ('\n'-terminated) into
 * out: the descriptors a memory call reads from caller's TX buffer or gets in its RX buffer, the
 * notification IDs and bitmaps, the header of an FFA_MSG_SEND2's message. "" when none. after
 * NULL: not answered. Returns out.
 */
const char *sim_trace_extras(struct sim *sim, uint16_t caller, const struct ffa_value *before,
			     const struct ffa_value *after, char *out, size_t size);

/*
 * Writes one call as the trace prints it: "#N SMC NAME x1=... -> ANSWER ...", then, for a
 * memory call, an indented line per descriptor it reads or gets ("  tx: sender 0x0000 ...").
 * after NULL: the call got no answer.
 */
void sim_trace_write(struct sim *sim, unsigned n, enum ffa_conduit conduit,
		     const struct ffa_value *before, const struct ffa_value *after, FILE *out);

/* A trace attached to a simulation's host CPU (chaining to the observer it replaces). */
struct sim_trace {
	struct sim *sim;
	FILE *out;
	struct emu_call_observer previous;
	unsigned count;
};

/* Attaches t (zeroed) to sim's host CPU, writing to out. */
void sim_trace_attach(struct sim_trace *t, struct sim *sim, FILE *out);

/* Detaches t, putting back the observer it replaced. */
void sim_trace_detach(struct sim_trace *t);

#endif
