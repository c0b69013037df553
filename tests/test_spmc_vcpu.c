/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The SPMC's execution contexts (spmc/vcpu.c): a partition with one context per CPU keeps a
 * messaging state per context, swapped in by spmc_set_cpu; spmc_cpu_on starts a CPU's
 * contexts from the registered secondary entry point (else the primary one) with x4 = the CPU;
 * FFA_RUN names the calling CPU's vCPU or is refused.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "spmc_helpers.h"
#include "spmc_models.h"

#define SP2 0x8002u
#define EP_VCPU(id, vcpu) (((uint64_t)(id) << 16) | (vcpu))
#define PRIMARY_EP 0x0e200000u
#define SECONDARY_EP 0x0e200400u

/* Preempted once per request (by an interrupt), then answers with its phase count. */
static void preempt_once(struct tmodel *m, const struct ffa_value *in, struct ffa_value *call)
{
	(void)in;
	if (m->phase < 1)
		tmodel_call(call, TMODEL_PREEMPT, 0);
	else
		tmodel_respond(m, call, 0x5a, m->phase, 0);
}

/* A four-context partition of the test models, booted, with CPUs 1-3 powered on. */
static struct tmodel *four_contexts(struct tmodel_env *e)
{
	struct tmodel *m;

	tmodel_setup(e);
	m = tmodel_add(e, 0, SP2, "mp", preempt_once, 0);
	m->ep->exec_ctx_count = 4;
	tmodel_boot_all(e);
	for (unsigned k = 1; k < 4; k++)
		cr_assert_eq(spmc_cpu_on(&e->f.spmc, k), 0);
	spmc_set_cpu(&e->f.spmc, 0);
	return m;
}

/* Each CPU's request runs that CPU's context: one preempted on CPU 2 leaves CPU 1's waiting,
 * and each is resumed by FFA_RUN of its own vCPU on its own CPU. */
Test(spmc_vcpu, state_per_context)
{
	struct tmodel_env e;
	struct tmodel *m = four_contexts(&e);
	struct ffa_value v;

	spmc_set_cpu(&e.f.spmc, 2);
	v = tmodel_request(&e, SP2);
	cr_assert_eq(v.x[0], FFA_INTERRUPT_32);
	cr_assert_eq(v.x[1], EP_VCPU(SP2, 2), "FFA_INTERRUPT names vCPU 2");
	tmodel_expect_state(m->ep, SPMC_EP_PREEMPTED);
	spmc_set_cpu(&e.f.spmc, 1);
	tmodel_expect_state(m->ep, SPMC_EP_WAITING);
	v = tmodel_request(&e, SP2);
	cr_assert_eq(v.x[1], EP_VCPU(SP2, 1), "FFA_INTERRUPT names vCPU 1");
	/* vCPU 2 from CPU 1: another CPU's context. */
	v = tmodel_run(&e, e.f.nw, EP_VCPU(SP2, 2));
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	spmc_set_cpu(&e.f.spmc, 2);
	tmodel_expect_state(m->ep, SPMC_EP_PREEMPTED);
	v = tmodel_run(&e, e.f.nw, EP_VCPU(SP2, 2));
	cr_assert_eq(v.x[0], FFA_MSG_SEND_DIRECT_RESP_64);
	tmodel_expect_state(m->ep, SPMC_EP_WAITING);
	spmc_set_cpu(&e.f.spmc, 1);
	tmodel_expect_state(m->ep, SPMC_EP_PREEMPTED);
	v = tmodel_run(&e, e.f.nw, EP_VCPU(SP2, 1));
	cr_assert_eq(v.x[0], FFA_MSG_SEND_DIRECT_RESP_64);
	spmc_set_cpu(&e.f.spmc, 0);
	tmodel_expect_state(m->ep, SPMC_EP_WAITING);
	spmc_fixture_fini(&e.f);
}

/* FFA_RUN of a vCPU index past the last is INVALID_PARAMETERS (Hafnium's api_ffa_run), and so
 * is another CPU's vCPU; the calling CPU's vCPU of a waiting partition runs it. */
Test(spmc_vcpu, run_refusals)
{
	struct tmodel_env e;
	struct ffa_value v;

	four_contexts(&e);
	spmc_set_cpu(&e.f.spmc, 3);
	v = tmodel_run(&e, e.f.nw, EP_VCPU(SP2, 4));
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = tmodel_run(&e, e.f.nw, EP_VCPU(SP2, 0));
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = tmodel_run(&e, e.f.nw, EP_VCPU(SP2, 3));
	cr_assert_neq(v.x[0], FFA_ERROR_32);
	spmc_fixture_fini(&e.f);
}

/* A context of a CPU never powered on has not booted: a request from that CPU is BUSY. */
Test(spmc_vcpu, context_not_started_is_busy)
{
	struct tmodel_env e;
	struct tmodel *m;
	struct ffa_value v;

	tmodel_setup(&e);
	m = tmodel_add(&e, 0, SP2, "mp", preempt_once, 0);
	m->ep->exec_ctx_count = 2;
	tmodel_boot_all(&e);
	spmc_set_cpu(&e.f.spmc, 1);
	tmodel_expect_state(m->ep, SPMC_EP_BOOTING);
	v = tmodel_request(&e, SP2);
	expect_ffa_error(&v, FFA_BUSY);
	cr_assert_eq(spmc_cpu_on(&e.f.spmc, 1), 0);
	tmodel_expect_state(m->ep, SPMC_EP_WAITING);
	spmc_fixture_fini(&e.f);
}

/* ---- Secondary entry points ---- */

/* A partition whose runtime records how each context was started. */
struct starter {
	struct spmc_endpoint *ep;
	bool register_ep; /* its primary context calls FFA_SECONDARY_EP_REGISTER_64 */
	unsigned calls;
	uint64_t started_at[4];
	unsigned started_cpu[4];
	unsigned starts;
	struct ffa_value secondary_answer;
};

static enum spmc_part_status starter_boot(void *ctx, struct ffa_value *call)
{
	struct starter *s = ctx;

	memset(call, 0, sizeof(*call));
	call->x[0] = s->register_ep ? FFA_SECONDARY_EP_REGISTER_64 : FFA_MSG_WAIT_32;
	call->x[1] = SECONDARY_EP;
	return SPMC_PART_CALL;
}

static enum spmc_part_status starter_resume(void *ctx, const struct ffa_value *in,
					    struct ffa_value *call)
{
	struct starter *s = ctx;

	if (s->calls++ == 0 && s->register_ep)
		s->secondary_answer = *in;
	memset(call, 0, sizeof(*call));
	call->x[0] = FFA_MSG_WAIT_32;
	return SPMC_PART_CALL;
}

static enum spmc_part_status starter_start(void *ctx, uint64_t entry, unsigned cpu,
					   struct ffa_value *call)
{
	struct starter *s = ctx;

	s->started_at[s->starts] = entry;
	s->started_cpu[s->starts++] = cpu;
	memset(call, 0, sizeof(*call));
	call->x[0] = FFA_MSG_WAIT_32;
	return SPMC_PART_CALL;
}

static const struct spmc_partition_ops starter_ops = {
	.boot = starter_boot, .resume = starter_resume, .start = starter_start};

static void starter_setup(struct tmodel_env *e, struct starter *s, bool register_ep)
{
	tmodel_setup(e);
	memset(s, 0, sizeof(*s));
	s->register_ep = register_ep;
	s->ep = tmodel_add_sp(e, SP2, "starter", FFA_PROP_DIRECT_REQ_RECV);
	s->ep->exec_ctx_count = 4;
	s->ep->primary_ep = PRIMARY_EP;
	s->ep->ops = &starter_ops;
	s->ep->ctx.ops_ctx = s;
	tmodel_boot_all(e);
	tmodel_expect_state(s->ep, SPMC_EP_WAITING);
}

/* The registered entry point starts each secondary context, with its CPU, once; a CPU powered
 * on again does not restart it. */
Test(spmc_vcpu, secondary_entry_registered)
{
	struct tmodel_env e;
	struct starter s;

	starter_setup(&e, &s, true);
	expect_ffa_success(&s.secondary_answer, 0, false);
	cr_assert_eq(spmc_cpu_on(&e.f.spmc, 2), 0);
	cr_assert_eq(spmc_cpu_on(&e.f.spmc, 1), 0);
	cr_assert_eq(spmc_cpu_on(&e.f.spmc, 2), 0);
	cr_assert_eq(s.starts, 2);
	cr_assert_eq(s.started_at[0], SECONDARY_EP);
	cr_assert_eq(s.started_cpu[0], 2);
	cr_assert_eq(s.started_cpu[1], 1);
	cr_assert_eq(e.f.spmc.cpu, 2);
	tmodel_expect_state(s.ep, SPMC_EP_WAITING);
	spmc_fixture_fini(&e.f);
}

/* Without a registered entry point a secondary context starts at the primary entry point, as
 * Hafnium does (load.c keeps it as the fallback). */
Test(spmc_vcpu, secondary_entry_defaults_to_primary)
{
	struct tmodel_env e;
	struct starter s;

	starter_setup(&e, &s, false);
	cr_assert_eq(spmc_cpu_on(&e.f.spmc, 3), 0);
	cr_assert_eq(s.starts, 1);
	cr_assert_eq(s.started_at[0], PRIMARY_EP);
	cr_assert_eq(s.started_cpu[0], 3);
	spmc_fixture_fini(&e.f);
}

/* FFA_SECONDARY_EP_REGISTER_64 after the partition booted is DENIED; a single-context
 * partition does not get it (NOT_SUPPORTED); spmc_cpu_on leaves it alone. */
Test(spmc_vcpu, secondary_entry_refusals)
{
	struct tmodel_env e;
	struct starter s;
	struct ffa_value v;
	struct spmc_endpoint *up;

	starter_setup(&e, &s, true);
	s.ep->ctx.state = SPMC_EP_RUNNING;
	v = spmc_fixture_call1(&e.f, s.ep, FFA_SECONDARY_EP_REGISTER_64, SECONDARY_EP);
	expect_ffa_error(&v, FFA_DENIED);
	s.ep->ctx.state = SPMC_EP_WAITING;
	up = tmodel_add_sp(&e, 0x8003, "up", FFA_PROP_DIRECT_REQ_RECV);
	v = spmc_fixture_call1(&e.f, up, FFA_SECONDARY_EP_REGISTER_64, SECONDARY_EP);
	expect_ffa_error(&v, FFA_NOT_SUPPORTED);
	v = spmc_fixture_call1(&e.f, e.f.nw, FFA_SECONDARY_EP_REGISTER_64, SECONDARY_EP);
	expect_ffa_error(&v, FFA_NOT_SUPPORTED);
	spmc_fixture_fini(&e.f);
}
