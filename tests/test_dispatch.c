/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The one path of a call (sim/dispatch.c): the route picked by conduit, the target's decision
 * carried out (an answer written through its rule and mask, a stop, a re-route, no handler),
 * a decision given from outside (a partition's answer), and calls a component makes without a
 * CPU. Targets here are scripted: each answers with what the test put in it.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "abi/ffa.h"
#include "abi/ids.h"
#include "abi/regs.h"
#include "emu/debug.h"
#include "helpers.h"
#include "sim/dispatch.h"

#define POISON 0xc5c5c5c5c5c5c5c5ull

/* A scripted target: counts its calls and makes the decision it holds. */
struct script {
	unsigned calls;
	struct emu_call seen;
	struct emu_call_decision decide; /* action, res, rule, stop and routes to return */
};

static void script_call(void *ctx, const struct emu_call *call, struct emu_call_decision *d)
{
	struct script *s = ctx;
	struct emu_call_routes routes = d->routes;

	s->calls++;
	s->seen = *call;
	*d = s->decide;
	/* Routes asked for by an earlier target in the same call stay asked for. */
	for (unsigned c = FFA_CONDUIT_SMC; c <= FFA_CONDUIT_HVC; c++) {
		if (routes.set[c] && !d->routes.set[c]) {
			d->routes.set[c] = true;
			d->routes.target[c] = routes.target[c];
		}
	}
}

static struct emu_call_target script_target(struct script *s)
{
	return (struct emu_call_target){.fn = script_call, .ctx = s};
}

/* A script that answers res under a rule. */
static void script_answer(struct script *s, enum ffa_smccc_rule smccc, uint32_t ffa_version)
{
	memset(s, 0, sizeof(*s));
	emu_call_decision_init(&s->decide);
	s->decide.rule.smccc = smccc;
	s->decide.rule.ffa_version = ffa_version;
	for (unsigned i = 0; i < FFA_REG_COUNT; i++)
		s->decide.res.x[i] = 0xa000 + i;
}

/* A call with x0 = fid and every other register poisoned. */
static struct emu_call poisoned_call(enum ffa_conduit conduit, uint32_t fid)
{
	struct emu_call call = {.conduit = conduit};

	call.args.x[0] = fid;
	for (unsigned i = 1; i < FFA_REG_COUNT; i++)
		call.args.x[i] = POISON;
	emu_call_decode(&call);
	return call;
}

/* A simulation of a guest, for its host CPU's routes and stop. */
static struct sim *open_guest(const char *guest)
{
	struct sim *sim = calloc(1, sizeof(*sim));
	struct sim_config cfg = {0};
	struct diag err;

	cr_assert_not_null(sim);
	cfg.guest_path = guest_path(guest);
	cfg.console_out = tmpfile();
	cfg.notes = tmpfile();
	cfg.quiet = true;
	cr_assert(sim_open(sim, &cfg, &err), "%s", err.msg);
	return sim;
}

static struct sim *open_host(void)
{
	return open_guest("hello.elf");
}

static void close_host(struct sim *sim)
{
	sim_close(sim);
	free(sim);
}

/* The route is the CPU's for the call's conduit: an SMC never reaches the HVC target. */
Test(dispatch, route_by_conduit)
{
	struct sim *sim = open_host();
	struct script smc, hvc;
	struct emu_call call = poisoned_call(FFA_CONDUIT_HVC, SMCCC_VERSION);
	struct emu_dispatched out = {.answer = NULL};

	script_answer(&smc, FFA_SMCCC_1_2, 0);
	script_answer(&hvc, FFA_SMCCC_1_2, 0);
	emu_cpu_route(&sim->host, FFA_CONDUIT_SMC, script_target(&smc));
	emu_cpu_route(&sim->host, FFA_CONDUIT_HVC, script_target(&hvc));
	cr_assert(sim_dispatch(&sim->host, NULL, &call, NULL, &out));
	cr_assert_eq(hvc.calls, 1);
	cr_assert_eq(smc.calls, 0);
	cr_assert_eq(hvc.seen.fid, SMCCC_VERSION);
	cr_assert_eq(hvc.seen.args.x[5], POISON, "the target sees the caller's registers");
	close_host(sim);
}

/*
 * The rule decides what is written: SMCCC 1.1 writes x0-x3 and keeps x4-x17; SMCCC 1.2 writes
 * w0-w7 for SMC32 and x0-x17 for SMC64; a caller below FF-A v1.2 keeps its x8-x17 of an SMC64
 * answer that goes back through TF-A's SPMD, and gets them written by any other answerer (pKVM's
 * proxy). The mask names the registers to write back, and the answer before the rule is handed
 * out when asked for.
 */
Test(dispatch, rule_and_mask)
{
	static const struct {
		enum ffa_smccc_rule smccc;
		uint32_t ffa_version;
		bool spmd_return;
		uint32_t fid;
		uint32_t mask; /* written back; the other registers keep the caller's values */
	} cases[] = {
		{FFA_SMCCC_1_1, 0, false, 0x84000063u, 0xfu},
		{FFA_SMCCC_1_2, 0, false, 0x84000063u, 0xffu},
		{FFA_SMCCC_1_2, 0, false, 0xc4000063u, 0x3ffffu},
		{FFA_SMCCC_1_2, FFA_VERSION_1_1, true, 0xc4000063u, 0xffu},
		{FFA_SMCCC_1_2, FFA_VERSION_1_1, false, 0xc4000063u, 0x3ffffu},
		{FFA_SMCCC_1_2, FFA_VERSION_1_2, true, 0xc4000063u, 0x3ffffu},
	};

	for (unsigned k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		struct script s;
		struct emu_call_target t = script_target(&s);
		struct emu_call call = poisoned_call(FFA_CONDUIT_SMC, cases[k].fid);
		struct ffa_value answer;
		struct emu_dispatched out = {.answer = &answer};

		script_answer(&s, cases[k].smccc, cases[k].ffa_version);
		s.decide.rule.spmd_return = cases[k].spmd_return;
		cr_assert(sim_dispatch(NULL, &t, &call, NULL, &out), "case %u", k);
		cr_assert_eq(out.mask, cases[k].mask, "case %u: mask 0x%x", k, out.mask);
		cr_assert_eq(out.rule.smccc, cases[k].smccc);
		cr_assert_eq(out.rule.ffa_version, cases[k].ffa_version);
		cr_assert_eq(memcmp(&answer, &s.decide.res, sizeof(answer)), 0, "case %u", k);
		for (unsigned i = 0; i < FFA_REG_COUNT; i++) {
			uint64_t want = (cases[k].mask >> i) & 1u ? 0xa000 + i : POISON;

			cr_assert_eq(call.args.x[i], want, "case %u: x%u = 0x%llx", k, i,
				     (unsigned long long)call.args.x[i]);
		}
	}
}

/* A stop decision ends the caller's run with its kind, status and reason; nothing is written. */
Test(dispatch, stop_decision)
{
	struct sim *sim = open_host();
	struct script s;
	struct emu_call call = poisoned_call(FFA_CONDUIT_SMC, PSCI_SYSTEM_OFF);
	struct emu_dispatched out = {.answer = NULL};

	script_answer(&s, FFA_SMCCC_1_2, 0);
	emu_call_stop(&s.decide, EMU_STOP_EXIT, 7, "scripted stop");
	emu_cpu_route(&sim->host, FFA_CONDUIT_SMC, script_target(&s));
	cr_assert_not(sim_dispatch(&sim->host, NULL, &call, NULL, &out));
	cr_assert_eq(sim->host.stop.kind, EMU_STOP_EXIT);
	cr_assert_eq(sim->host.stop.status, 7);
	cr_assert_str_eq(sim->host.stop.message, "scripted stop");
	for (unsigned i = 1; i < FFA_REG_COUNT; i++)
		cr_assert_eq(call.args.x[i], POISON, "x%u written", i);
	close_host(sim);
}

/*
 * A re-route is carried out with the answer: the next call by that conduit reaches the new
 * target; the other conduit keeps its route.
 */
Test(dispatch, reroute_decision)
{
	struct sim *sim = open_host();
	struct script first, second, hvc;
	struct emu_call call = poisoned_call(FFA_CONDUIT_SMC, SMCCC_VERSION);
	struct emu_dispatched out = {.answer = NULL};

	script_answer(&first, FFA_SMCCC_1_2, 0);
	script_answer(&second, FFA_SMCCC_1_2, 0);
	script_answer(&hvc, FFA_SMCCC_1_2, 0);
	emu_call_reroute(&first.decide, FFA_CONDUIT_SMC, script_target(&second));
	emu_cpu_route(&sim->host, FFA_CONDUIT_SMC, script_target(&first));
	emu_cpu_route(&sim->host, FFA_CONDUIT_HVC, script_target(&hvc));
	cr_assert(sim_dispatch(&sim->host, NULL, &call, NULL, &out), "the re-route is answered");
	cr_assert_eq(call.args.x[0], 0xa000);
	cr_assert_eq(emu_cpu_routed(&sim->host, FFA_CONDUIT_SMC).ctx, &second);
	cr_assert_eq(emu_cpu_routed(&sim->host, FFA_CONDUIT_HVC).ctx, &hvc);
	call = poisoned_call(FFA_CONDUIT_SMC, SMCCC_VERSION);
	cr_assert(sim_dispatch(&sim->host, NULL, &call, NULL, &out));
	cr_assert_eq(first.calls, 1);
	cr_assert_eq(second.calls, 1);
	cr_assert_eq(hvc.calls, 0);
	close_host(sim);
}

/* A call with no route, or a target that says nobody handles it, is a guest fault. */
Test(dispatch, unrouted_faults)
{
	struct sim *sim = open_host();
	struct script s;
	struct emu_call call = poisoned_call(FFA_CONDUIT_HVC, SMCCC_VERSION);
	struct emu_dispatched out = {.answer = NULL};

	emu_cpu_route(&sim->host, FFA_CONDUIT_HVC, (struct emu_call_target){0});
	cr_assert_not(sim_dispatch(&sim->host, NULL, &call, NULL, &out));
	cr_assert_eq(sim->host.stop.kind, EMU_STOP_FAULT);
	cr_assert_eq(sim->host.stop.fault, EMU_FAULT_HVC_UNROUTED);
	close_host(sim);

	sim = open_host();
	script_answer(&s, FFA_SMCCC_1_2, 0);
	s.decide.action = EMU_CALL_UNROUTED;
	emu_cpu_route(&sim->host, FFA_CONDUIT_SMC, script_target(&s));
	call = poisoned_call(FFA_CONDUIT_SMC, SMCCC_VERSION);
	cr_assert_not(sim_dispatch(&sim->host, NULL, &call, NULL, &out));
	cr_assert_eq(sim->host.stop.fault, EMU_FAULT_SMC_UNROUTED);
	cr_assert_eq(s.calls, 1);
	close_host(sim);
}

/* A given decision (a partition's answer from the SPMC) is applied without a target running. */
Test(dispatch, given_answer)
{
	struct sim *sim = open_host();
	struct script s;
	struct emu_call call = poisoned_call(FFA_CONDUIT_SMC, 0xc400006fu);
	struct emu_call_decision given;
	struct emu_dispatched out = {.answer = NULL};

	script_answer(&s, FFA_SMCCC_1_2, 0);
	emu_cpu_route(&sim->host, FFA_CONDUIT_SMC, script_target(&s));
	emu_call_decision_init(&given);
	given.res.x[0] = FFA_SUCCESS_32;
	given.res.x[2] = 0x10002;
	given.rule.ffa_version = FFA_VERSION_1_1;
	cr_assert(sim_dispatch(&sim->host, NULL, &call, &given, &out));
	cr_assert_eq(s.calls, 0);
	cr_assert_eq(call.args.x[0], FFA_SUCCESS_32);
	cr_assert_eq(call.args.x[2], 0x10002);
	cr_assert_eq(call.args.x[3], 0);
	cr_assert_eq(call.args.x[9], 0, "x8-x17 zeroed below v1.2");
	close_host(sim);
}

/*
 * A component's own call (no CPU): answered into its registers; a stop or no handler leaves
 * them as they were and is not answered, with nothing to stop.
 */
Test(dispatch, component_call)
{
	struct script s;
	struct emu_call_target t = script_target(&s);
	struct ffa_value regs, answer;
	struct ffa_result_rule rule;

	script_answer(&s, FFA_SMCCC_1_1, 0);
	for (unsigned i = 0; i < FFA_REG_COUNT; i++)
		regs.x[i] = POISON;
	regs.x[0] = FFA_VERSION | FFA_FID_SVE_HINT_BIT;
	cr_assert(sim_dispatch_regs(&t, FFA_CONDUIT_SMC, &regs, &answer, &rule));
	cr_assert_eq(s.seen.fid, FFA_VERSION, "the SVE hint is not part of the ID");
	cr_assert(s.seen.sve_hint);
	cr_assert_eq(rule.smccc, FFA_SMCCC_1_1);
	cr_assert_eq(regs.x[3], 0xa003);
	cr_assert_eq(regs.x[4], POISON);
	cr_assert_eq(answer.x[4], 0xa004);

	emu_call_stop(&s.decide, EMU_STOP_EXIT, 0, "stop");
	regs.x[1] = 1;
	cr_assert_not(sim_dispatch_regs(&t, FFA_CONDUIT_SMC, &regs, NULL, NULL));
	cr_assert_eq(regs.x[1], 1);
	cr_assert_not(sim_dispatch_regs(&(struct emu_call_target){0}, FFA_CONDUIT_SMC, &regs, NULL,
					NULL));
}

/*
 * The trap path goes through the dispatcher too: a guest's PSCI SYSTEM_OFF ends its run through
 * the firmware's stop decision, and the observer saw every answered call before it.
 */
static void count_answered(void *ctx, struct emu_cpu *cpu, const struct emu_call *before,
			   const struct ffa_value *after, struct ffa_result_rule rule)
{
	(void)cpu;
	(void)before;
	(void)after;
	(void)rule;
	(*(unsigned *)ctx)++;
}

Test(dispatch, trap_path_uses_it)
{
	struct sim *sim = open_guest("psci_off.elf");
	unsigned answered = 0;

	emu_cpu_observe(&sim->host, (struct emu_call_observer){count_answered, &answered});
	cr_assert_eq(sim_run(sim), 0);
	cr_assert_eq(sim->host.stop.kind, EMU_STOP_EXIT);
	cr_assert_str_eq(sim->host.stop.message, "PSCI SYSTEM_OFF");
	cr_assert_eq(answered + 1, sim->host.call_count, "answered %u of %u calls", answered,
		     sim->host.call_count);
	close_host(sim);
}

/*
 * A debugger stopped inside the dispatcher may write the calling CPU's registers (the GDB
 * stub's break-on): the answer's registers are then all written back, even those the answer
 * leaves as the trap read them. The hook below writes x2 of the first FF-A call's CPU before
 * the firmware answers; the observer, after the write-back, finds every answered register as
 * the answer says.
 */
struct meddler {
	struct emu_dispatch inner;
	bool meddled;
	unsigned checked;
	unsigned wrong;
	bool x2_unchanged; /* the meddled call's answer left x2 as the trap read it */
};

static bool meddle_dispatch(void *ctx, struct emu_cpu *cpu, struct emu_call *call,
			    const struct emu_call_decision *given, struct emu_dispatched *out)
{
	struct meddler *m = ctx;

	if (given == NULL && !m->meddled && ffa_fid_is_ffa(call->fid)) {
		cr_assert(emu_debug_write_reg(cpu, 2, 0xdead));
		m->meddled = true;
	}
	return m->inner.fn(m->inner.ctx, cpu, call, given, out);
}

static void check_written_back(void *ctx, struct emu_cpu *cpu, const struct emu_call *before,
			       const struct ffa_value *after, struct ffa_result_rule rule)
{
	struct meddler *m = ctx;
	uint32_t conv = ffa_result_convention(rule, before->fid, after->x[0]);
	uint32_t mask = ffa_result_mask(rule, conv);

	if (!m->meddled || m->checked > 0)
		return;
	m->checked++;
	m->x2_unchanged = (mask & 0x4u) != 0 && after->x[2] == before->args.x[2];
	for (unsigned i = 0; i < FFA_REG_COUNT; i++) {
		uint64_t v = 0;

		cr_assert(emu_debug_read_reg(cpu, i, &v));
		if ((mask & (1u << i)) && v != after->x[i])
			m->wrong++;
	}
}

Test(dispatch, write_back_after_debugger_write)
{
	struct sim *sim = open_guest("ffa_discovery_v1_2.elf");
	struct meddler m = {.inner = sim->host.dispatch};

	emu_cpu_set_dispatch(&sim->host, (struct emu_dispatch){meddle_dispatch, &m});
	emu_cpu_observe(&sim->host, (struct emu_call_observer){check_written_back, &m});
	sim_run(sim);
	cr_assert(m.meddled);
	cr_assert_eq(m.checked, 1);
	cr_assert(m.x2_unchanged,
		  "the answer must leave x2 as it was for the test to mean anything");
	cr_assert_eq(m.wrong, 0, "%u answered registers not written back", m.wrong);
	close_host(sim);
}
