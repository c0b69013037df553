/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Test partition models for the SPMC's messaging tests: a `struct tmodel` is a partition whose
 * every FF-A call comes from a per-test step function, plus an environment with the built-in
 * echo partition at 0x8001.
 */
#ifndef TESTS_SPMC_MODELS_H
#define TESTS_SPMC_MODELS_H

#include <stdbool.h>

#include "partitions/builtin.h"
#include "spmc_helpers.h"

#define TMODEL_SEEN_MAX 16
#define TMODEL_MAX 10
#define TMODEL_ECHO_ID 0x8001u
/* A step that sets x0 to this is preempted by an interrupt instead of making a call. */
#define TMODEL_PREEMPT 0u

struct tmodel;
typedef void (*tmodel_step)(struct tmodel *m, const struct ffa_value *in, struct ffa_value *call);

struct tmodel {
	struct spmc_fixture *f;
	struct spmc_endpoint *ep;
	tmodel_step step;
	uint16_t target; /* whom it sends requests to, or runs */
	uint64_t arg;    /* a per-test value */
	unsigned phase;  /* steps since its last request (or FFA_RUN) */
	bool fault_on_request;
	struct ffa_value request;    /* the request it handles */
	enum spmc_ep_state observed; /* a state it looked at while handling it */
	unsigned resumes;
	struct ffa_value seen[TMODEL_SEEN_MAX]; /* what it was resumed with (zeros: no answer) */
	unsigned bare_resumes;                  /* resumes without an answer, after a preemption */
	unsigned grants;  /* times it was given the CPU (spmc_partition_ops.grant) */
	uint64_t granted; /* the last timeslice it was given */
	/* Its virtual lines as the SPMC last set them (spmc_partition_ops.virtual_lines). */
	bool virq;
	bool vfiq;
	unsigned line_sets; /* times the SPMC set them */
};

/* An SPMC (hafnium:1.2), the normal world, the echo partition and room for test models. */
struct tmodel_env {
	struct spmc_fixture f;
	struct part_echo echo_state;
	struct spmc_endpoint *echo;
	struct tmodel models[TMODEL_MAX];
};

/* The echo partition's UUID: 12345678-abcd-ef12-3456-7890abcdef00. */
extern const uint8_t tmodel_echo_uuid[16];

/* Zeroes call and sets its function ID and x1. */
void tmodel_call(struct ffa_value *call, uint32_t fid, uint64_t x1);

/* True for a direct request (REQ_32, REQ_64, REQ2). */
bool tmodel_is_request(const struct ffa_value *in);

/* Answers the request the model handles, in the matching form, with x3-x5 (x4-x6 for RESP2). */
void tmodel_respond(struct tmodel *m, struct ffa_value *call, uint64_t a, uint64_t b, uint64_t c);

/* A partition endpoint at FF-A v1.2 with the given properties. */
struct spmc_endpoint *tmodel_add_sp(struct tmodel_env *e, uint16_t id, const char *name,
				    uint32_t props);

/* A test model in slot at id, with every direct-messaging property. */
struct tmodel *tmodel_add(struct tmodel_env *e, unsigned slot, uint16_t id, const char *name,
			  tmodel_step step, uint16_t target);

/* Sets up the environment with the normal world negotiated at nw_version (1.2: setup). */
void tmodel_setup_version(struct tmodel_env *e, uint32_t nw_version);
void tmodel_setup(struct tmodel_env *e);

/* Boots every partition; the echo partition must then wait for messages. */
void tmodel_boot_all(struct tmodel_env *e);

/* Calls with x1..x(count) from args, the rest poisoned. */
struct ffa_value tmodel_invoke(struct tmodel_env *e, struct spmc_endpoint *from, uint32_t fid,
			       const uint64_t *args, unsigned count);

/* A DIRECT_REQ_64 from the normal world to id with x3 = 0x33, other registers poisoned. */
struct ffa_value tmodel_request(struct tmodel_env *e, uint16_t id);

/* FFA_RUN from an endpoint with w1 (ID << 16 | vCPU). */
struct ffa_value tmodel_run(struct tmodel_env *e, struct spmc_endpoint *from, uint64_t w1);

/* Every register of v is want's; the message shows both in hex. */
void tmodel_expect_regs(const struct ffa_value *v, const struct ffa_value *want);

/* The endpoint is in state, by name when not. */
void tmodel_expect_state(const struct spmc_endpoint *ep, enum spmc_ep_state state);

#endif
