/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A call as its target sees it, and what the target decided. A call target (the firmware, the
 * hypervisor proxy, the SPMC's normal-world entry, a partition's CPU) takes the registers of
 * one SMC or HVC and returns a decision: an answer with the result-register rule it goes back
 * under, the end of the run with a reason, or no handler at all; with any of them, new routes
 * for the caller's conduits. A target never touches a CPU: the dispatcher (sim/dispatch.c)
 * carries the decision out and writes the answer back.
 */
#ifndef EMU_CALL_H
#define EMU_CALL_H

#include <stdbool.h>
#include <stdint.h>

#include "abi/regs.h"
#include "abi/table.h"

/* A trapped SMC or HVC: the conduit and x0-x17 as the caller left them. */
struct emu_call {
	enum ffa_conduit conduit;
	uint32_t fid;               /* w0 with the SVE hint bit cleared */
	bool sve_hint;              /* SMCCC 1.3 bit 16 was set */
	const struct ffa_func *row; /* fid's function-table row, NULL if not an FF-A function */
	struct ffa_value args;      /* x0-x17 as the caller left them */
};

/* Why a run ended. */
enum emu_stop_kind {
	EMU_STOP_NONE,
	EMU_STOP_EXIT,     /* the guest asked: PSCI SYSTEM_OFF/RESET, semihosting exit */
	EMU_STOP_HALT,     /* branch-to-self or wfi with nothing to wake the CPU */
	EMU_STOP_CONSOLE,  /* --until-console text printed */
	EMU_STOP_INPUT,    /* scripted input used up while the guest polls for more */
	EMU_STOP_FAULT,    /* a guest fault, or --max-insns reached */
	EMU_STOP_CHECK,    /* a check of the simulation failed (conformance with --strict) */
	EMU_STOP_CALL,     /* the CPU made a call its owner answers outside the run (a partition's
			    * FF-A call: emu_cpu_answer, then emu_cpu_run again) */
	EMU_STOP_ERROR,    /* the emulator itself failed */
	EMU_STOP_DEADLINE, /* the PE's clock reached the deadline set with emu_cpu_set_deadline
			    * (at a block boundary; emu_cpu_run again goes on) */
	EMU_STOP_WAIT      /* WFI with nothing on its PE to wake it, with emu_cpu_set_wait_returns
			    * (emu_cpu_run again goes on waiting) */
};

/* What a target decided. */
enum emu_call_action {
	EMU_CALL_ANSWER,  /* res goes back under rule */
	EMU_CALL_STOP,    /* the caller's run ends (stop_kind, stop_status, stop_message) */
	EMU_CALL_UNROUTED /* nobody handles the call: a guest fault, as with no target routed */
};

struct emu_call_decision;

/*
 * A call handler: reads call, fills *d. On entry d asks for an answer (EMU_CALL_ANSWER) with
 * res zeroed and rule SMCCC 1.2 without an FF-A version, and no route changes.
 */
typedef void (*emu_call_fn)(void *ctx, const struct emu_call *call, struct emu_call_decision *d);

struct emu_call_target {
	emu_call_fn fn;
	void *ctx;
};

/* Routes a decision changes (indexed by enum ffa_conduit), carried out before the answer. */
struct emu_call_routes {
	bool set[2];
	struct emu_call_target target[2];
};

struct emu_call_decision {
	enum emu_call_action action;
	struct ffa_value res;        /* EMU_CALL_ANSWER: the answer */
	struct ffa_result_rule rule; /* EMU_CALL_ANSWER: the rule it goes back under */
	/* EMU_CALL_STOP: how the run ends; the message is a string that outlives the call. */
	enum emu_stop_kind stop_kind;
	int stop_status;
	const char *stop_message;
	struct emu_call_routes routes;
};

/*
 * Fills fid, sve_hint and row from x0: the function ID with SMCCC 1.3's SVE hint bit (16)
 * cleared, and its row, looked up once for everyone who handles or watches the call.
 */
static inline void emu_call_decode(struct emu_call *call)
{
	call->sve_hint = (call->args.x[0] & FFA_FID_SVE_HINT_BIT) != 0;
	call->fid = ffa_fid_strip_hint((uint32_t)call->args.x[0]);
	call->row = ffa_func_find(call->fid);
}

/* Starts a decision as targets find it: an answer, zeroed, under SMCCC 1.2, no routes. */
static inline void emu_call_decision_init(struct emu_call_decision *d)
{
	*d = (struct emu_call_decision){
		.action = EMU_CALL_ANSWER,
		.rule = {.smccc = FFA_SMCCC_1_2, .ffa_version = 0},
	};
}

/* Decides to end the caller's run (message: a string that outlives the run). */
static inline void emu_call_stop(struct emu_call_decision *d, enum emu_stop_kind kind, int status,
				 const char *message)
{
	d->action = EMU_CALL_STOP;
	d->stop_kind = kind;
	d->stop_status = status;
	d->stop_message = message;
}

/* Sets the route of a conduit in a set of route changes. */
static inline void emu_call_routes_set(struct emu_call_routes *routes, enum ffa_conduit conduit,
				       struct emu_call_target target)
{
	routes->set[conduit] = true;
	routes->target[conduit] = target;
}

/* Asks for a conduit of the caller to be routed to target from the next call on. */
static inline void emu_call_reroute(struct emu_call_decision *d, enum ffa_conduit conduit,
				    struct emu_call_target target)
{
	emu_call_routes_set(&d->routes, conduit, target);
}

#endif
