/* SPDX-License-Identifier: BSD-3-Clause */
/* Booting partitions (spmc/boot.c): what a partition may call before its first FFA_MSG_WAIT. */
#include <criterion/criterion.h>
#include <string.h>

#include "abi/checker.h"
#include "abi/fids.h"
#include "partitions/builtin.h"
#include "sim/dispatch.h"
#include "spmc_helpers.h"

#define SP1 0x8001u
#define SP2 0x8002u
#define BOOT_MAX 8
#define ALL_PROPS (FFA_PROP_DIRECT_REQ_RECV | FFA_PROP_DIRECT_REQ_SEND)

/* A partition that makes a fixed list of calls while it boots, then FFA_MSG_WAIT. */
struct bootp {
	struct spmc_endpoint *ep;
	struct ffa_value calls[BOOT_MAX];
	unsigned count;
	unsigned next;
	struct ffa_value answers[BOOT_MAX];
	struct ffa_value delivered; /* what its FFA_MSG_WAIT returned, once booted */
};

static enum spmc_part_status bootp_next(struct bootp *b, struct ffa_value *call)
{
	memset(call, 0, sizeof(*call));
	if (b->next < b->count)
		*call = b->calls[b->next];
	else
		call->x[0] = FFA_MSG_WAIT_32;
	return SPMC_PART_CALL;
}

static enum spmc_part_status bootp_boot(void *ctx, struct ffa_value *call)
{
	return bootp_next(ctx, call);
}

static enum spmc_part_status bootp_resume(void *ctx, const struct ffa_value *in,
					  struct ffa_value *call)
{
	struct bootp *b = ctx;

	if (b->next < b->count) {
		b->answers[b->next++] = *in;
		return bootp_next(b, call);
	}
	/* A message after boot: answer any request with the same payload. */
	b->delivered = *in;
	memset(call, 0, sizeof(*call));
	call->x[0] = FFA_MSG_SEND_DIRECT_RESP_32;
	call->x[1] = ffa_msg_ids(b->ep->id, ffa_msg_source(in->x[1]));
	call->x[3] = in->x[3] + 1;
	return SPMC_PART_CALL;
}

static const struct spmc_partition_ops bootp_ops = {.boot = bootp_boot, .resume = bootp_resume};

static void bootp_add(struct spmc_fixture *f, struct bootp *b, uint16_t id, uint16_t ctx_count)
{
	memset(b, 0, sizeof(*b));
	b->ep = spmc_fixture_add_sp(f, id, id == SP1 ? "sp1" : "sp2", ALL_PROPS);
	b->ep->exec_ctx_count = ctx_count;
	b->ep->ops = &bootp_ops;
	b->ep->ctx.ops_ctx = b;
}

static void bootp_push(struct bootp *b, uint32_t fid, uint64_t x1)
{
	struct ffa_value *c = &b->calls[b->count++];

	memset(c, 0, sizeof(*c));
	c->x[0] = fid;
	c->x[1] = x1;
}

/* A partition with several execution contexts registers its secondary entry point while it
 * boots: a bare FFA_SUCCESS_32, recorded, and the boot goes on (as Hafnium). */
Test(boot, secondary_ep_register_64)
{
	struct spmc_fixture f;
	struct bootp b;

	spmc_fixture_init(&f, "hafnium:1.2");
	bootp_add(&f, &b, SP1, 4);
	bootp_push(&b, FFA_SECONDARY_EP_REGISTER_64, 0x0e300800);
	bootp_push(&b, FFA_SECONDARY_EP_REGISTER_64, 0x0e300900);
	cr_assert_eq(spmc_boot(&f.spmc), 0, "%s", b.ep->fail_reason);
	cr_assert_eq(b.ep->ctx.state, SPMC_EP_WAITING);
	expect_ffa_success(&b.answers[0], 0, false);
	expect_ffa_success(&b.answers[1], 0, false);
	/* The last call wins. */
	cr_assert(b.ep->secondary_ep_set);
	cr_assert_eq(b.ep->secondary_ep, 0x0e300900);
	spmc_fixture_fini(&f);
}

/* The 32-bit form (implemented by neither Hafnium nor TF-A) and a UP partition's call are
 * NOT_SUPPORTED; neither fails the boot. */
Test(boot, secondary_ep_register_not_supported)
{
	struct spmc_fixture f;
	struct bootp up, mp;

	spmc_fixture_init(&f, "hafnium:1.2");
	bootp_add(&f, &up, SP1, 1);
	bootp_push(&up, FFA_SECONDARY_EP_REGISTER_64, 0x0e300800);
	bootp_add(&f, &mp, SP2, 8);
	bootp_push(&mp, FFA_SECONDARY_EP_REGISTER_32, 0x0e300800);
	cr_assert_eq(spmc_boot(&f.spmc), 0);
	expect_ffa_error(&up.answers[0], FFA_NOT_SUPPORTED);
	expect_ffa_error(&mp.answers[0], FFA_NOT_SUPPORTED);
	cr_assert_not(up.ep->secondary_ep_set);
	cr_assert_not(mp.ep->secondary_ep_set);
	cr_assert_eq(up.ep->ctx.state, SPMC_EP_WAITING);
	cr_assert_eq(mp.ep->ctx.state, SPMC_EP_WAITING);
	spmc_fixture_fini(&f);
}

/* After its boot a partition's FFA_SECONDARY_EP_REGISTER_64 is DENIED; the normal world's is
 * NOT_SUPPORTED. */
Test(boot, secondary_ep_register_after_boot)
{
	struct spmc_fixture f;
	struct bootp b;
	struct ffa_value v;

	spmc_fixture_init(&f, "hafnium:1.2");
	bootp_add(&f, &b, SP1, 4);
	cr_assert_eq(spmc_boot(&f.spmc), 0);
	v = spmc_fixture_call1(&f, b.ep, FFA_SECONDARY_EP_REGISTER_64, 0x0e300800);
	expect_ffa_error(&v, FFA_DENIED);
	cr_assert_not(b.ep->secondary_ep_set);
	v = spmc_fixture_call1(&f, f.nw, FFA_SECONDARY_EP_REGISTER_64, 0x0e300800);
	expect_ffa_error(&v, FFA_NOT_SUPPORTED);
	spmc_fixture_fini(&f);
}

/* FFA_YIELD, FFA_RUN and direct responses while booting are DENIED (Hafnium's initialisation
 * runtime model); the partition goes on and boots. */
Test(boot, state_changes_denied)
{
	struct spmc_fixture f;
	struct bootp b;

	spmc_fixture_init(&f, "hafnium:1.2");
	bootp_add(&f, &b, SP1, 1);
	bootp_push(&b, FFA_YIELD_32, 0);
	bootp_push(&b, FFA_RUN_32, (uint64_t)SP1 << 16);
	bootp_push(&b, FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(SP1, 0));
	bootp_push(&b, FFA_MSG_SEND_DIRECT_RESP2_64, ffa_msg_ids(SP1, 0));
	cr_assert_eq(spmc_boot(&f.spmc), 0, "%s", b.ep->fail_reason);
	for (unsigned i = 0; i < 4; i++)
		expect_ffa_error(&b.answers[i], FFA_DENIED);
	cr_assert_eq(b.ep->ctx.state, SPMC_EP_WAITING);
	spmc_fixture_fini(&f);
}

/* Calls the simulator does not model (FFA_MEM_OP_PAUSE) get NOT_SUPPORTED at boot, as at run
 * time; discovery is served. Neither fails the boot. */
Test(boot, other_ffa_calls_served)
{
	struct spmc_fixture f;
	struct bootp b;

	spmc_fixture_init(&f, "hafnium:1.2");
	bootp_add(&f, &b, SP1, 1);
	bootp_push(&b, FFA_MEM_OP_PAUSE, 0x100);
	bootp_push(&b, FFA_ID_GET, 0);
	cr_assert_eq(spmc_boot(&f.spmc), 0, "%s", b.ep->fail_reason);
	expect_ffa_error(&b.answers[0], FFA_NOT_SUPPORTED);
	expect_ffa_success(&b.answers[1], 1u << 2, false);
	cr_assert_eq(b.answers[1].x[2], SP1);
	spmc_fixture_fini(&f);
}

/* A direct request while booting reaches a partition that already booted (Hafnium's rule 1)
 * and is DENIED to one that is still booting. */
Test(boot, direct_request_to_booted_partition)
{
	struct spmc_fixture f;
	struct bootp first, second;

	spmc_fixture_init(&f, "hafnium:1.2");
	bootp_add(&f, &first, SP1, 1);
	bootp_push(&first, FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(SP1, SP2));
	bootp_add(&f, &second, SP2, 1);
	bootp_push(&second, FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(SP2, SP1));
	second.calls[0].x[3] = 41;
	cr_assert_eq(spmc_boot(&f.spmc), 0, "%s %s", first.ep->fail_reason, second.ep->fail_reason);
	expect_ffa_error(&first.answers[0], FFA_DENIED);
	cr_assert_eq(second.answers[0].x[0], FFA_MSG_SEND_DIRECT_RESP_32);
	cr_assert_eq(second.answers[0].x[1], ffa_msg_ids(SP1, SP2));
	cr_assert_eq(second.answers[0].x[3], 42);
	cr_assert_eq(first.ep->ctx.state, SPMC_EP_WAITING);
	cr_assert_eq(second.ep->ctx.state, SPMC_EP_WAITING);
	spmc_fixture_fini(&f);
}

/* FFA_ERROR reports a failed initialisation. A call outside FF-A gets SMC_UNK, as EL3 answers
 * a secure caller (-1 in all of x0, x1 as the partition left it), and the boot goes on. */
Test(boot, error_fails_non_ffa_unknown)
{
	struct spmc_fixture f;
	struct bootp err, psci;

	spmc_fixture_init(&f, "hafnium:1.2");
	bootp_add(&f, &err, SP1, 1);
	bootp_push(&err, FFA_ERROR_32, 0);
	err.calls[0].x[2] = (uint32_t)FFA_ABORTED;
	bootp_add(&f, &psci, SP2, 1);
	bootp_push(&psci, PSCI_VERSION, 0x1234);
	cr_assert_eq(spmc_boot(&f.spmc), 1);
	cr_assert_eq(err.ep->ctx.state, SPMC_EP_FAILED);
	cr_assert_str_eq(err.ep->fail_reason,
			 "it reported FFA_ERROR (ABORTED) before FFA_MSG_WAIT");
	cr_assert_eq(psci.ep->ctx.state, SPMC_EP_WAITING, "%s", psci.ep->fail_reason);
	cr_assert_eq(psci.answers[0].x[0], UINT64_MAX);
	cr_assert_eq(psci.answers[0].x[1], 0x1234);
	spmc_fixture_fini(&f);
}

/*
 * After its boot too, a partition's SMC outside FF-A (SMCCC_VERSION, PSCI, a SiP call) gets
 * SMC_UNK, every other register as it left them, through the dispatcher and its rule; an
 * unknown function in FF-A's range stays FFA_ERROR(NOT_SUPPORTED). The answer obeys the
 * register rules (abi/checker.c): before, x0 was FFA_ERROR over the caller's x2, an undefined
 * error code.
 */
Test(boot, non_ffa_smc_at_run_time_unknown)
{
	static const uint32_t fids[] = {SMCCC_VERSION, PSCI_VERSION, 0x800000c0u, 0x82000010u,
					0xc2000010u};
	struct spmc_fixture f;
	struct bootp sp;

	spmc_fixture_init(&f, "hafnium:1.2");
	bootp_add(&f, &sp, SP1, 1);
	cr_assert_eq(spmc_boot(&f.spmc), 0);
	for (unsigned i = 0; i < sizeof(fids) / sizeof(fids[0]); i++) {
		struct sim_endpoint_caller caller = {&f.spmc, sp.ep};
		struct emu_call_target target = sim_endpoint_target(&caller);
		struct ffa_value before = {.x = {fids[i]}}, regs, answer;
		struct ffa_result_rule rule;
		struct ffa_check_report report;
		struct ffa_check_call check;

		for (unsigned r = 1; r < 18; r++)
			before.x[r] = 0x1000u * r + i;
		regs = before;
		cr_assert(sim_dispatch_regs(&target, FFA_CONDUIT_SMC, &regs, &answer, &rule));
		cr_assert_eq(regs.x[0], SMCCC_UNKNOWN_64, "0x%x: x0 0x%llx", fids[i],
			     (unsigned long long)regs.x[0]);
		for (unsigned r = 1; r < 18; r++)
			cr_assert_eq(regs.x[r], before.x[r], "0x%x: x%u", fids[i], r);
		cr_assert(rule.unknown_function);
		check = (struct ffa_check_call){
			.fid = fids[i], .before = before.x, .after = regs.x, .rule = rule};
		cr_assert_eq(ffa_check_answer(&check, &report), 0, "0x%x", fids[i]);
	}
	{
		struct ffa_value v = spmc_fixture_call(&f, sp.ep, 0x840000ffu, NULL, 0);

		expect_ffa_error(&v, FFA_NOT_SUPPORTED);
	}
	spmc_fixture_fini(&f);
}

/* A partition that failed to boot is not listed by PARTITION_INFO_GET nor _REGS, as Hafnium;
 * one that fails later (a fault while handling a request) still is. */
Test(boot, failed_partition_not_listed)
{
	static const uint64_t count_only[5] = {0, 0, 0, 0, FFA_PARTITION_INFO_COUNT_ONLY};
	static const uint64_t regs_all[3] = {0, 0, 0};
	struct spmc_fixture f;
	struct bootp ok, bad;
	struct ffa_value v;

	spmc_fixture_init(&f, "hafnium:1.2");
	bootp_add(&f, &bad, SP1, 1);
	bootp_push(&bad, FFA_ERROR_32, 0);
	bootp_add(&f, &ok, SP2, 1);
	cr_assert_eq(spmc_boot(&f.spmc), 1);
	cr_assert(bad.ep->boot_failed);
	v = spmc_fixture_call(&f, f.nw, FFA_PARTITION_INFO_GET, count_only, 5);
	expect_ffa_success(&v, 1u << 2, false);
	cr_assert_eq(v.x[2], 1, "only the partition that booted");
	v = spmc_fixture_call(&f, f.nw, FFA_PARTITION_INFO_GET_REGS_64, regs_all, 3);
	cr_assert_eq(v.x[0], FFA_SUCCESS_64);
	cr_assert_eq(v.x[2] & 0xffff, 0, "last index 0: one partition");
	cr_assert_eq(v.x[3] & 0xffff, SP2);
	/* A partition failing at run time stays listed (its requests get ABORTED). */
	ok.ep->ctx.state = SPMC_EP_FAILED;
	v = spmc_fixture_call(&f, f.nw, FFA_PARTITION_INFO_GET, count_only, 5);
	cr_assert_eq(v.x[2], 1);
	spmc_fixture_fini(&f);
}

/* With only failed partitions there is none to list: INVALID_PARAMETERS, as for no partition. */
Test(boot, all_failed_none_listed)
{
	static const uint64_t count_only[5] = {0, 0, 0, 0, FFA_PARTITION_INFO_COUNT_ONLY};
	struct spmc_fixture f;
	struct bootp bad;
	struct ffa_value v;

	spmc_fixture_init(&f, "hafnium:1.2");
	bootp_add(&f, &bad, SP1, 1);
	bootp_push(&bad, FFA_ERROR_32, 0);
	cr_assert_eq(spmc_boot(&f.spmc), 1);
	v = spmc_fixture_call(&f, f.nw, FFA_PARTITION_INFO_GET, count_only, 5);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	spmc_fixture_fini(&f);
}

/* FFA_FEATURES offers FFA_SECONDARY_EP_REGISTER_64 only to a partition with several execution
 * contexts, as Hafnium; the normal world gets NOT_SUPPORTED, as from real Hafnium and TF-A. */
Test(boot, secondary_ep_register_features)
{
	struct spmc_fixture f;
	struct bootp up, mp;
	struct ffa_value v;

	spmc_fixture_init(&f, "hafnium:1.2");
	bootp_add(&f, &up, SP1, 1);
	bootp_add(&f, &mp, SP2, 4);
	cr_assert_eq(spmc_boot(&f.spmc), 0);
	v = spmc_fixture_call1(&f, mp.ep, FFA_FEATURES, FFA_SECONDARY_EP_REGISTER_64);
	expect_ffa_success(&v, 0, false);
	v = spmc_fixture_call1(&f, up.ep, FFA_FEATURES, FFA_SECONDARY_EP_REGISTER_64);
	expect_ffa_error(&v, FFA_NOT_SUPPORTED);
	v = spmc_fixture_call1(&f, f.nw, FFA_VERSION, FFA_VERSION_1_2);
	v = spmc_fixture_call1(&f, f.nw, FFA_FEATURES, FFA_SECONDARY_EP_REGISTER_64);
	expect_ffa_error(&v, FFA_NOT_SUPPORTED);
	spmc_fixture_fini(&f);
}
