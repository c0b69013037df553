/* SPDX-License-Identifier: BSD-3-Clause */
#include "spmc_models.h"

#include <criterion/criterion.h>
#include <string.h>

#define TMODEL_PROPS                                                                               \
	(FFA_PROP_DIRECT_REQ_RECV | FFA_PROP_DIRECT_REQ_SEND | FFA_PROP_DIRECT_REQ2_RECV |         \
	 FFA_PROP_DIRECT_REQ2_SEND)

const uint8_t tmodel_echo_uuid[16] = {0x12, 0x34, 0x56, 0x78, 0xab, 0xcd, 0xef, 0x12,
				      0x34, 0x56, 0x78, 0x90, 0xab, 0xcd, 0xef, 0x00};

void tmodel_call(struct ffa_value *call, uint32_t fid, uint64_t x1)
{
	memset(call, 0, sizeof(*call));
	call->x[0] = fid;
	call->x[1] = x1;
}

bool tmodel_is_request(const struct ffa_value *in)
{
	return in->x[0] == FFA_MSG_SEND_DIRECT_REQ_32 || in->x[0] == FFA_MSG_SEND_DIRECT_REQ_64 ||
	       in->x[0] == FFA_MSG_SEND_DIRECT_REQ2_64;
}

void tmodel_respond(struct tmodel *m, struct ffa_value *call, uint64_t a, uint64_t b, uint64_t c)
{
	uint32_t fid = m->request.x[0] == FFA_MSG_SEND_DIRECT_REQ_32 ? FFA_MSG_SEND_DIRECT_RESP_32
		       : m->request.x[0] == FFA_MSG_SEND_DIRECT_REQ2_64
			       ? FFA_MSG_SEND_DIRECT_RESP2_64
			       : FFA_MSG_SEND_DIRECT_RESP_64;
	unsigned first = fid == FFA_MSG_SEND_DIRECT_RESP2_64 ? 4 : 3;

	tmodel_call(call, fid, ffa_msg_ids(m->ep->id, ffa_msg_source(m->request.x[1])));
	call->x[first] = a;
	call->x[first + 1] = b;
	call->x[first + 2] = c;
}

static enum spmc_part_status tmodel_boot(void *ctx, struct ffa_value *call)
{
	(void)ctx;
	tmodel_call(call, FFA_MSG_WAIT_32, 0); /* FFA_MSG_WAIT */
	return SPMC_PART_CALL;
}

static enum spmc_part_status tmodel_resume(void *ctx, const struct ffa_value *in,
					   struct ffa_value *call)
{
	struct tmodel *m = ctx;
	static const struct ffa_value none;

	if (in == NULL) {
		in = &none;
		m->bare_resumes++;
	}
	if (m->resumes < TMODEL_SEEN_MAX)
		m->seen[m->resumes] = *in;
	m->resumes++;
	/* A request, or FFA_RUN giving it cycles, starts its steps again. */
	if (tmodel_is_request(in) || in->x[0] == FFA_RUN_32) {
		m->request = *in;
		m->phase = 0;
		if (m->fault_on_request)
			return SPMC_PART_FAULT;
	}
	m->step(m, in, call);
	m->phase++;
	return call->x[0] == TMODEL_PREEMPT ? SPMC_PART_PREEMPTED : SPMC_PART_CALL;
}

static void tmodel_grant(void *ctx, uint64_t timeslice)
{
	struct tmodel *m = ctx;

	m->grants++;
	m->granted = timeslice;
}

static void tmodel_virtual_lines(void *ctx, bool virq, bool vfiq)
{
	struct tmodel *m = ctx;

	m->virq = virq;
	m->vfiq = vfiq;
	m->line_sets++;
}

static const struct spmc_partition_ops tmodel_ops = {
	.boot = tmodel_boot,
	.resume = tmodel_resume,
	.grant = tmodel_grant,
	.virtual_lines = tmodel_virtual_lines,
};

struct spmc_endpoint *tmodel_add_sp(struct tmodel_env *e, uint16_t id, const char *name,
				    uint32_t props)
{
	return spmc_fixture_add_sp(&e->f, id, name, props);
}

struct tmodel *tmodel_add(struct tmodel_env *e, unsigned slot, uint16_t id, const char *name,
			  tmodel_step step, uint16_t target)
{
	struct tmodel *m = &e->models[slot];

	cr_assert_lt(slot, TMODEL_MAX);
	memset(m, 0, sizeof(*m));
	m->f = &e->f;
	m->ep = tmodel_add_sp(e, id, name, TMODEL_PROPS);
	m->step = step;
	m->target = target;
	m->ep->ops = &tmodel_ops;
	m->ep->ctx.ops_ctx = m;
	return m;
}

void tmodel_setup_version(struct tmodel_env *e, uint32_t nw_version)
{
	struct ffa_value v;

	memset(e, 0, sizeof(*e));
	spmc_fixture_init(&e->f, "hafnium:1.2");
	v = spmc_fixture_call1(&e->f, e->f.nw, FFA_VERSION, nw_version);
	expect_ffa_version(&v, FFA_VERSION_1_2);
	e->echo = tmodel_add_sp(e, TMODEL_ECHO_ID, "echo",
				FFA_PROP_DIRECT_REQ_RECV | FFA_PROP_DIRECT_REQ2_RECV);
	memcpy(e->echo->uuids[0], tmodel_echo_uuid, sizeof(tmodel_echo_uuid));
	e->echo->uuid_count = 1;
	cr_assert(part_echo_attach(e->echo, &e->echo_state));
}

void tmodel_setup(struct tmodel_env *e)
{
	tmodel_setup_version(e, FFA_VERSION_1_2);
}

void tmodel_boot_all(struct tmodel_env *e)
{
	spmc_boot(&e->f.spmc);
	cr_assert_eq(e->echo->ctx.state, SPMC_EP_WAITING);
}

struct ffa_value tmodel_invoke(struct tmodel_env *e, struct spmc_endpoint *from, uint32_t fid,
			       const uint64_t *args, unsigned count)
{
	return spmc_fixture_call(&e->f, from, fid, args, count);
}

struct ffa_value tmodel_request(struct tmodel_env *e, uint16_t id)
{
	uint64_t args[3] = {ffa_msg_ids(0, id), 0, 0x33};

	return tmodel_invoke(e, e->f.nw, FFA_MSG_SEND_DIRECT_REQ_64, args, 3);
}

struct ffa_value tmodel_run(struct tmodel_env *e, struct spmc_endpoint *from, uint64_t w1)
{
	return tmodel_invoke(e, from, FFA_RUN_32, &w1, 1);
}

void tmodel_expect_regs(const struct ffa_value *v, const struct ffa_value *want)
{
	char buf[1024], wbuf[1024];

	for (unsigned i = 0; i < FFA_REG_COUNT; i++)
		cr_assert_eq(v->x[i], want->x[i], "x%u: got %s\nwant %s", i,
			     ffa_value_format(v, buf, sizeof(buf)),
			     ffa_value_format(want, wbuf, sizeof(wbuf)));
}

void tmodel_expect_state(const struct spmc_endpoint *ep, enum spmc_ep_state state)
{
	cr_assert_eq(ep->ctx.state, state, "%s is %s, expected %s", ep->name,
		     spmc_ep_state_name(ep->ctx.state), spmc_ep_state_name(state));
}
