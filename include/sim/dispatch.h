/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The one path of a call (sim/dispatch.c): route, handler, result rule and write-back, for the
 * calls a guest traps (emu/cpu.c's dispatch hook), the answers a partition resumes with
 * (emu_cpu_answer), scenario steps and the calls the hypervisor proxy makes to the firmware.
 * Targets only decide (include/emu/call.h); this carries the decision out.
 */
#ifndef SIM_DISPATCH_H
#define SIM_DISPATCH_H

#include <stdbool.h>

#include "emu/call.h"
#include "emu/cpu.h"

/*
 * Dispatches one call. cpu is the caller: its routes pick the target when target is NULL, and
 * route changes, stops and faults the decision asks for are carried out on it. cpu is NULL for
 * a call a component makes (the proxy's own calls to the firmware): target names the callee,
 * and a call that would stop or fault is not answered. With given non-NULL no target runs: the
 * given decision is applied (an answer made outside the run). An answer is written over
 * call->args through its rule (abi/regs.c); true then, with *out filled.
 */
bool sim_dispatch(struct emu_cpu *cpu, const struct emu_call_target *target, struct emu_call *call,
		  const struct emu_call_decision *given, struct emu_dispatched *out);

/* The hook for a CPU's traps: sim_dispatch through the CPU's routes. */
struct emu_dispatch sim_dispatch_hook(void);

/*
 * A call from x0-x17 in regs (SVE hint and function ID taken from x0) by a conduit through
 * target, as a component makes it: regs holds the caller's registers after the call. Returns
 * the dispatch's result; *answer (when not NULL) gets the answer as the callee gave it.
 */
bool sim_dispatch_regs(const struct emu_call_target *target, enum ffa_conduit conduit,
		       struct ffa_value *regs, struct ffa_value *answer,
		       struct ffa_result_rule *rule);

/* Carries out the route changes of a decision on a CPU. */
void sim_apply_routes(struct emu_cpu *cpu, const struct emu_call_routes *routes);

#endif
