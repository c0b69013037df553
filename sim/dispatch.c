/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The one path of a call (include/sim/dispatch.h). A target decides; this function picks the
 * target, carries out the route changes and stops it asks for, and is the only code that
 * applies a result-register rule (ffa_result_writeback).
 */
#include "sim/dispatch.h"

/* Ends the caller's run as the decision says, or faults a call nobody handles. */
static void dispatch_no_answer(struct emu_cpu *cpu, const struct emu_call *call,
			       const struct emu_call_decision *d)
{
	if (cpu == NULL)
		return;
	if (d->action == EMU_CALL_STOP) {
		/* Copied, not formatted: a partition stops this way at each of its calls. */
		emu_cpu_stop_text(cpu, d->stop_kind, d->stop_status,
				  d->stop_message != NULL ? d->stop_message
							  : "the call ended the run");
		return;
	}
	emu_cpu_fault_unrouted(cpu, call->conduit);
}

void sim_apply_routes(struct emu_cpu *cpu, const struct emu_call_routes *routes)
{
	for (unsigned c = FFA_CONDUIT_SMC; c <= FFA_CONDUIT_HVC; c++) {
		if (routes->set[c])
			emu_cpu_route(cpu, (enum ffa_conduit)c, routes->target[c]);
	}
}

bool sim_dispatch(struct emu_cpu *cpu, const struct emu_call_target *target, struct emu_call *call,
		  const struct emu_call_decision *given, struct emu_dispatched *out)
{
	struct emu_call_decision d;

	if (given != NULL) {
		d = *given;
	} else {
		struct emu_call_target t = target != NULL ? *target
					   : cpu != NULL  ? emu_cpu_routed(cpu, call->conduit)
							  : (struct emu_call_target){0};

		emu_call_decision_init(&d);
		if (t.fn == NULL)
			d.action = EMU_CALL_UNROUTED;
		else
			t.fn(t.ctx, call, &d);
	}
	if (cpu != NULL)
		sim_apply_routes(cpu, &d.routes);
	if (d.action != EMU_CALL_ANSWER) {
		dispatch_no_answer(cpu, call, &d);
		return false;
	}
	if (out->answer != NULL)
		*out->answer = d.res;
	/* The arguments are spent: the answer is applied over them, in place. */
	out->mask = ffa_result_writeback(d.rule, call->fid, &d.res, &call->args);
	out->rule = d.rule;
	return true;
}

static bool dispatch_trap(void *ctx, struct emu_cpu *cpu, struct emu_call *call,
			  const struct emu_call_decision *given, struct emu_dispatched *out)
{
	(void)ctx;
	return sim_dispatch(cpu, NULL, call, given, out);
}

struct emu_dispatch sim_dispatch_hook(void)
{
	return (struct emu_dispatch){.fn = dispatch_trap, .ctx = NULL};
}

bool sim_dispatch_regs(const struct emu_call_target *target, enum ffa_conduit conduit,
		       struct ffa_value *regs, struct ffa_value *answer,
		       struct ffa_result_rule *rule)
{
	struct emu_call call = {.conduit = conduit, .args = *regs};
	struct emu_dispatched out = {.answer = answer};

	emu_call_decode(&call);
	if (!sim_dispatch(NULL, target, &call, NULL, &out))
		return false;
	*regs = call.args;
	if (rule != NULL)
		*rule = out.rule;
	return true;
}
