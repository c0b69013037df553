/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The callee state machine (FF-A v1.2 (DEN0077A) §8.2, §8.3): running a partition until it
 * gives its CPU back, and the calls it gives it back with.
 *
 * A partition runs for a direct request (its caller field names the requester) or because
 * an endpoint gave it cycles with FFA_RUN while it waited (its caller field then holds its
 * own ID: no request is being handled; no request can come from the receiver itself). It
 * leaves the run with:
 *   DIRECT_RESP/RESP2  the answer, to the requester           -> WAITING (direct.c)
 *   FFA_MSG_WAIT       end of cycles given by FFA_RUN           -> WAITING
 *   FFA_YIELD          FFA_YIELD to whoever runs it             -> YIELDED, resumed by FFA_RUN
 *   FFA_INTERRUPT      FFA_INTERRUPT to whoever runs it         -> PREEMPTED, resumed by FFA_RUN
 *   a fault            FFA_ERROR(ABORTED) to whoever runs it    -> FAILED
 *   MSG_RUN_MAX_CALLS  calls without any of the above: the same -> FAILED, with a report
 * Every other call (console log, discovery, its own direct requests, FFA_RUN of another
 * partition) goes through spmc_call() and its answer resumes it.
 *
 * A partition is preempted in two ways. An interrupt takes its CPU while it runs (a
 * non-secure interrupt pending on the CPU it runs on, or its timeslice ran out,
 * spmc_config.timeslice, as a non-secure timer interrupt would): its runtime returns
 * SPMC_PART_PREEMPTED, and by its ns-interrupts-action (spmc_ns_interrupt) the SPMC
 * either does what Hafnium's api_preempt does, the runner getting FFA_INTERRUPT with
 * w1 = ID << 16 | vCPU and FFA_RUN resuming the partition where it was, with no return value
 * (it saw no call), or lets it run on (managed exit signalled, or the interrupt queued). Or a
 * built-in model reports a preemption by making the FFA_INTERRUPT call itself: the same, but its
 * FFA_INTERRUPT returns FFA_SUCCESS_32 when it is resumed, as its FFA_YIELD does.
 */
#include "spmc/internal.h"
#include "spmc/notif.h"

#include <string.h>

#include "abi/ids.h"
#include "abi/table.h"

/* FFA_MSG_WAIT w2 bit 0 (v1.2): the caller keeps the ownership of its RX buffer. */
#define MSG_WAIT_RETAIN_RX 0x1u

/*
 * FF-A calls one run of a partition may make before it must give its CPU back: a partition
 * spinning on calls is stopped as faulty rather than hanging the simulation.
 */
#define MSG_RUN_MAX_CALLS 4096u

/* True while the partition handles a direct request (see the header comment). */
static bool msg_in_request(const struct spmc_endpoint *ep)
{
	return ep->ctx.caller != ep->id;
}

uint16_t spmc_vcpu_of(const struct spmc *spmc, const struct spmc_endpoint *ep)
{
	return ep->exec_ctx_count > 1 ? (uint16_t)spmc->cpu : 0;
}

/* FFA_RUN/FFA_YIELD/FFA_INTERRUPT w1: endpoint ID in bits 31:16, vCPU in 15:0. */
static uint64_t msg_ep_vcpu(uint16_t id, uint16_t vcpu)
{
	return ((uint64_t)id << 16) | vcpu;
}

static struct ffa_value msg_value(uint32_t fid, uint64_t x1)
{
	struct ffa_value v = {{0}};

	v.x[0] = fid;
	v.x[1] = x1;
	return v;
}

/* Keeps a call and its answer in the partition's ring of last calls. */
static void msg_record(struct spmc_endpoint *ep, const struct ffa_value *call,
		       const struct ffa_value *answer)
{
	struct spmc_call_record *r = &ep->last_calls[ep->run_calls % SPMC_LAST_CALLS];

	r->call = *call;
	r->answer = *answer;
	ep->run_calls++;
}

/* The latest of its recorded calls the SPMC refused (last_only: the very last), or NULL. */
static const struct spmc_call_record *msg_last_refused(const struct spmc_endpoint *ep,
						       bool last_only)
{
	unsigned kept = ep->run_calls < SPMC_LAST_CALLS ? ep->run_calls : SPMC_LAST_CALLS;

	for (unsigned i = 1; i <= kept; i++) {
		const struct spmc_call_record *r =
			&ep->last_calls[(ep->run_calls - i) % SPMC_LAST_CALLS];

		if ((uint32_t)r->answer.x[0] == FFA_ERROR_32)
			return r;
		if (last_only)
			break;
	}
	return NULL;
}

/* The rule a refused call broke, in words, for the report. */
static void msg_rule(const struct spmc_endpoint *ep, const struct spmc_call_record *r, char *buf,
		     size_t size)
{
	uint32_t fid = ffa_fid_strip_hint((uint32_t)r->call.x[0]);
	int32_t code = (int32_t)(uint32_t)r->answer.x[2];
	const char *err = ffa_error_name(code) != NULL ? ffa_error_name(code) : "an error";
	const struct ffa_func *func = ffa_func_find(fid);
	char name[64];

	ffa_fid_describe(fid, name, sizeof(name));
	if (fid == FFA_MSG_SEND_DIRECT_RESP_32 || fid == FFA_MSG_SEND_DIRECT_RESP_64 ||
	    fid == FFA_MSG_SEND_DIRECT_RESP2_64) {
		if (code == FFA_INVALID_PARAMETERS)
			snprintf(buf, size,
				 "%s refused with %s: a response names the partition as source and "
				 "its requester as destination, with w2 zero (FF-A v1.2 (DEN0077A) "
				 "§15.2); w1 was 0x%08x",
				 name, err, (uint32_t)r->call.x[1]);
		else if (!msg_in_request(ep))
			snprintf(buf, size,
				 "%s refused with %s: it answered while handling no request (FF-A "
				 "v1.2 (DEN0077A) §8.3)",
				 name, err);
		else
			snprintf(
				buf, size,
				"%s refused with %s: a response goes to the endpoint whose request "
				"it "
				"answers (0x%04x), in the request's kind and width (DIRECT_RESP of "
				"its width for DIRECT_REQ, DIRECT_RESP2 for DIRECT_REQ2; FF-A v1.2 "
				"(DEN0077A) §15.2); w1 was 0x%08x",
				name, err, ep->ctx.caller, (uint32_t)r->call.x[1]);
	} else if (fid == FFA_MSG_WAIT_32 && code == FFA_DENIED && msg_in_request(ep)) {
		snprintf(
			buf, size,
			"%s refused with %s: a direct request from 0x%04x was pending, and a "
			"request must be answered before the partition waits (FF-A v1.2 (DEN0077A) "
			"§8.3)",
			name, err, ep->ctx.caller);
	} else if (func == NULL) {
		snprintf(buf, size, "0x%08x refused with %s: not an FF-A function", fid, err);
	} else if (code == FFA_NOT_SUPPORTED) {
		snprintf(buf, size,
			 "%s refused with %s: not a call the SPMC takes from a partition (an "
			 "answer, "
			 "not modelled, or newer than its version)",
			 name, err);
	} else {
		snprintf(buf, size, "%s refused with %s", name, err);
	}
}

/* Prints the report of an aborted partition: why, the rule, its last calls and answers. */
static void msg_report(const struct spmc *spmc, const struct spmc_endpoint *ep, const char *rule)
{
	unsigned kept = ep->run_calls < SPMC_LAST_CALLS ? ep->run_calls : SPMC_LAST_CALLS;
	char name[64], answer[64];

	if (spmc->notes == NULL)
		return;
	fprintf(spmc->notes, "ffa-sim: %s: partition 0x%04x aborted: %s\n", ep->name, ep->id,
		ep->fail_reason);
	if (rule[0] != '\0')
		fprintf(spmc->notes, "  rule: %s\n", rule);
	if (kept > 0)
		fprintf(spmc->notes, "  last calls (%u of %u in this run, oldest first):\n", kept,
			ep->run_calls);
	for (unsigned i = kept; i > 0; i--) {
		const struct spmc_call_record *r =
			&ep->last_calls[(ep->run_calls - i) % SPMC_LAST_CALLS];
		const char *err = ffa_error_name((int32_t)(uint32_t)r->answer.x[2]);

		ffa_fid_describe((uint32_t)r->call.x[0], name, sizeof(name));
		ffa_fid_describe((uint32_t)r->answer.x[0], answer, sizeof(answer));
		fprintf(spmc->notes, "    %s", name);
		for (unsigned x = 1; x <= 7; x++)
			fprintf(spmc->notes, " x%u=0x%llx", x, (unsigned long long)r->call.x[x]);
		if ((uint32_t)r->answer.x[0] == FFA_ERROR_32)
			fprintf(spmc->notes, " -> %s %s\n", answer, err != NULL ? err : "?");
		else
			fprintf(spmc->notes, " -> %s\n", answer);
	}
	fflush(spmc->notes);
}

/*
 * Aborts a partition that stopped (a fault; the runtime said why in fail_reason) or made
 * MSG_RUN_MAX_CALLS calls without giving its CPU back (at_limit). Hafnium aborts a faulting
 * partition and answers its runner ABORTED (api_abort); it takes no more messages. A partition
 * whose last call the SPMC refused (or, at the limit, one of its last calls) broke the FF-A
 * rules: the report names the rule, and the run counts it (--strict ends on it).
 */
static struct ffa_value msg_abort(struct spmc *spmc, struct spmc_endpoint *ep, bool at_limit)
{
	const struct spmc_call_record *refused = msg_last_refused(ep, !at_limit);
	char rule[320] = "", name[64];

	ep->ctx.state = SPMC_EP_FAILED;
	if (refused != NULL) {
		msg_rule(ep, refused, rule, sizeof(rule));
		ep->broke_rules = true;
		spmc->rule_aborts++;
	}
	if (at_limit)
		snprintf(ep->fail_reason, sizeof(ep->fail_reason),
			 "it made %u FF-A calls in one run without giving its CPU back%s",
			 MSG_RUN_MAX_CALLS, refused != NULL ? ", its calls refused" : "");
	else if (ep->fail_reason[0] == '\0' && refused != NULL)
		snprintf(ep->fail_reason, sizeof(ep->fail_reason),
			 "it stopped after the SPMC refused its %s",
			 ffa_fid_describe((uint32_t)refused->call.x[0], name, sizeof(name)));
	else if (ep->fail_reason[0] == '\0')
		snprintf(ep->fail_reason, sizeof(ep->fail_reason), "it stopped");
	if (at_limit || refused != NULL)
		msg_report(spmc, ep, rule);
	return ffa_error_value(FFA_ABORTED);
}

struct ffa_value spmc_run_partition(struct spmc *spmc, struct spmc_endpoint *ep,
				    const struct ffa_value *in)
{
	struct ffa_value next = in != NULL ? *in : (struct ffa_value){{0}};
	const struct ffa_value *pass = in != NULL ? &next : NULL; /* NULL: no answer */
	struct ffa_value call, res;
	uint32_t rule_version;

	if (ep->ops == NULL) {
		ep->ctx.state = SPMC_EP_FAILED;
		return ffa_error_value(FFA_ABORTED);
	}
	spmc->depth++;
	ep->run_calls = 0;
	if (ep->ops->grant != NULL)
		ep->ops->grant(ep->ctx.ops_ctx, spmc->cfg.timeslice);
	for (unsigned calls = 0;; calls++) {
		enum spmc_part_status status;

		if (calls == MSG_RUN_MAX_CALLS) {
			res = msg_abort(spmc, ep, true);
			break;
		}
		status = ep->ops->resume(ep->ctx.ops_ctx, pass, &call);
		/*
		 * A non-secure interrupt, or its timeslice's end, taken by its
		 * ns-interrupts-action. Preempted, or it runs on (a managed exit signalled, or
		 * the interrupt queued) from where it was, with no further slice or stop for a
		 * non-secure interrupt in this run.
		 */
		if (status == SPMC_PART_PREEMPTED) {
			if (spmc_ns_interrupt(spmc, ep) == SPMC_NS_PREEMPT) {
				res = spmc_preempt(spmc, ep);
				break;
			}
			pass = NULL;
			continue;
		}
		/* A secure interrupt took its CPU (spmc/intr.c): it goes on from where it was,
		 * unless the interrupt's owner is its caller, which gets FFA_INTERRUPT. */
		if (status == SPMC_PART_SECURE_IRQ) {
			if (spmc_secure_interrupt_running(spmc, ep) == SPMC_SINT_PREEMPTED) {
				res = spmc_preempt(spmc, ep);
				/* Hafnium's api_ffa_interrupt_return(0): w1 and w2 are zero. */
				res.x[1] = 0;
				break;
			}
			pass = NULL;
			continue;
		}
		if (status != SPMC_PART_CALL) {
			res = msg_abort(spmc, ep, false);
			break;
		}
		if (ffa_fid_strip_hint((uint32_t)call.x[0]) == FFA_INTERRUPT_32) {
			ep->ctx.state = SPMC_EP_PREEMPTED;
			res = msg_value(FFA_INTERRUPT_32,
					msg_ep_vcpu(ep->id, spmc_vcpu_of(spmc, ep)));
			break;
		}
		/*
		 * FFA_ERROR instead of a response: the requester gets the error and the partition
		 * waits for its next message, which returns from its FFA_ERROR (TF-A's SPMD hands
		 * an FFA_ERROR from the secure side to the normal world the same way). Without a
		 * request it is refused by the dispatcher (NOT_SUPPORTED), as Hafnium does.
		 */
		if (ffa_fid_strip_hint((uint32_t)call.x[0]) == FFA_ERROR_32 && msg_in_request(ep)) {
			ep->ctx.state = SPMC_EP_WAITING;
			res = ffa_error_value((int32_t)(uint32_t)call.x[2]);
			break;
		}
		if (!spmc_hf_call(spmc, ep, &call, &res))
			res = spmc_call(spmc, ep, &call, &rule_version);
		/* Left blocked by a chain unwinding to an owner further back: its call stays
		 * unanswered, and the FFA_INTERRUPT goes on up (spmc_intr_left_blocked). */
		if (ep->ctx.left_blocked)
			break;
		msg_record(ep, &call, &res);
		/* A response, FFA_MSG_WAIT or FFA_YIELD accepted: it gave its CPU back. */
		if (ep->ctx.state != SPMC_EP_RUNNING) {
			spmc_intr_gave_back(ep);
			break;
		}
		next = res;
		pass = &next;
	}
	spmc->depth--;
	return res;
}

struct ffa_value spmc_msg_wait(struct spmc *spmc, struct spmc_endpoint *caller,
			       const struct ffa_value *args)
{
	uint32_t version = spmc_caller_version(spmc, caller);
	uint32_t w2 = (uint32_t)args->x[2];

	/* Only partitions wait for messages: TF-A's SPMD and EL3 SPMC refuse it from the
	 * normal world with NOT_SUPPORTED. */
	if (!caller->secure)
		return ffa_error_value(FFA_NOT_SUPPORTED);
	/* w1, w3-w7 MBZ; w2 is MBZ before v1.2 and holds the retain-RX flag (bit 0) from v1.2
	 * (Hafnium, api_ffa_msg_wait). */
	for (unsigned i = 1; i <= 7; i++) {
		if (i != 2 && (uint32_t)args->x[i] != 0)
			return ffa_error_value(FFA_INVALID_PARAMETERS);
	}
	if (version < FFA_VERSION_1_2 ? w2 != 0 : (w2 & ~MSG_WAIT_RETAIN_RX) != 0)
		return ffa_error_value(FFA_INVALID_PARAMETERS);
	/*
	 * FF-A v1.2 (DEN0077A) §8.3: a partition waits again only when it was given cycles by
	 * FFA_RUN; while it handles a direct request it must answer it. Hafnium and TF-A refuse
	 * FFA_MSG_WAIT there with DENIED. The first FFA_MSG_WAIT, at boot, is spmc_boot()'s.
	 */
	if (caller->ctx.state != SPMC_EP_RUNNING || msg_in_request(caller))
		return ffa_error_value(FFA_DENIED);
	caller->ctx.state = SPMC_EP_WAITING;
	/* Waiting hands the RX buffer back to the SPMC unless a v1.2+ caller set the retain-RX
	 * flag (w2 bit 0, checked above), as Hafnium's api_ffa_msg_wait does; a message whose
	 * RX-buffer-full notification is still pending stays (its api_release_mailbox refuses). */
	if ((version < FFA_VERSION_1_2 || !(w2 & MSG_WAIT_RETAIN_RX)) &&
	    !spmc_notif_framework_pending(spmc, caller->id))
		caller->rxtx.rx_full = false;
	/* The endpoint that gave it cycles sees FFA_MSG_WAIT (Hafnium, ffa_msg_wait_complete). */
	return msg_value(FFA_MSG_WAIT_32, 0);
}

struct ffa_value spmc_yield(struct spmc *spmc, struct spmc_endpoint *caller,
			    const struct ffa_value *args)
{
	struct ffa_value v;

	/* Only partitions yield: TF-A's SPMD refuses it from the normal world. */
	if (!caller->secure)
		return ffa_error_value(FFA_NOT_SUPPORTED);
	/* w2/w3 carry a timeout hint (v1.1); w4-w7 MBZ (Hafnium, api_yield). */
	for (unsigned i = 4; i <= 7; i++) {
		if ((uint32_t)args->x[i] != 0)
			return ffa_error_value(FFA_INVALID_PARAMETERS);
	}
	if (caller->ctx.state != SPMC_EP_RUNNING)
		return ffa_error_value(FFA_DENIED);
	/*
	 * FF-A v1.2 (DEN0077A) §8.3: the partition is blocked and gives the CPU back to the
	 * endpoint that gave it cycles: the caller of its direct request (which gets FFA_YIELD
	 * as the answer to the request) or of FFA_RUN. Hafnium passes the timeout on and
	 * answers the partition FFA_SUCCESS_32 once resumed (ffa_cpu_cycles_yield_prepare).
	 */
	caller->ctx.state = SPMC_EP_YIELDED;
	v = msg_value(FFA_YIELD_32, msg_ep_vcpu(caller->id, spmc_vcpu_of(spmc, caller)));
	v.x[2] = (uint32_t)args->x[2];
	v.x[3] = (uint32_t)args->x[3];
	return v;
}

/*
 * Who may resume a yielded or preempted partition: while it handles a request, the
 * requester (a partition by its ID, the normal world for any non-secure ID), since the
 * response will go back to the FFA_RUN caller; without a request, anyone.
 */
static bool msg_may_resume(const struct spmc_endpoint *caller, const struct spmc_endpoint *ep)
{
	if (!msg_in_request(ep))
		return true;
	if (ffa_id_is_secure(ep->ctx.caller))
		return caller->secure && caller->id == ep->ctx.caller;
	return !caller->secure;
}

struct ffa_value spmc_run(struct spmc *spmc, struct spmc_endpoint *caller,
			  const struct ffa_value *args)
{
	uint32_t w1 = (uint32_t)args->x[1];
	uint16_t target = ffa_run_endpoint(w1);
	uint16_t vcpu = ffa_run_vcpu(w1);
	struct spmc_endpoint *ep;
	struct ffa_value in, res;
	const struct ffa_value *resume_in;

	/* TF-A's EL3 SPMC takes FFA_RUN from the normal world only (ffa_run_handler). */
	if (caller->secure && !spmc->cfg.personality->run_by_partitions)
		return ffa_error_value(FFA_INVALID_PARAMETERS);
	if (caller->secure && caller->ctx.state != SPMC_EP_RUNNING)
		return ffa_error_value(FFA_DENIED);
	/* The target is a partition the SPMC runs, with that execution context (Hafnium,
	 * api_ffa_run: INVALID_PARAMETERS for an unknown VM or vCPU). */
	ep = spmc_find_endpoint(spmc, target);
	if (ep == NULL || !ep->secure || vcpu >= ep->exec_ctx_count)
		return ffa_error_value(FFA_INVALID_PARAMETERS);
	/*
	 * A partition with a context per CPU runs the context of the calling CPU: Hafnium
	 * (ffa_cpu_cycles_run_checks, when both caller and target are MP) and TF-A's EL3 SPMC
	 * (get_ec_index) refuse another vCPU with INVALID_PARAMETERS, as Hafnium answered on
	 * QEMU for OP-TEE's vCPU 1 from CPU 0.
	 */
	if (ep->exec_ctx_count > 1 && (!caller->secure || caller->exec_ctx_count > 1) &&
	    vcpu != spmc->cpu)
		return ffa_error_value(FFA_INVALID_PARAMETERS);
	switch (ep->ctx.state) {
	case SPMC_EP_FAILED:
		/* Hafnium: an aborted partition cannot run, ABORTED. */
		return ffa_error_value(FFA_ABORTED);
	case SPMC_EP_WAITING:
		/* Cycles for a waiting partition (Hafnium and TF-A allow it: the FFA_RUN
		 * runtime model): its FFA_MSG_WAIT returns FFA_RUN. */
		in = msg_value(FFA_RUN_32, msg_ep_vcpu(target, vcpu));
		break;
	case SPMC_EP_YIELDED:
	case SPMC_EP_PREEMPTED:
		if (!msg_may_resume(caller, ep))
			return ffa_error_value(FFA_DENIED);
		/* Its FFA_YIELD (or FFA_INTERRUPT) returns FFA_SUCCESS_32; a partition an
		 * interrupt preempted goes on without an answer. */
		in = msg_value(FFA_SUCCESS_32, 0);
		break;
	case SPMC_EP_BLOCKED:
		/* Left blocked by a secure interrupt for its caller, further back in its chain:
		 * FFA_RUN resumes the chain (spmc/intr.c). */
		if (ep->ctx.left_blocked && msg_may_resume(caller, ep))
			return spmc_intr_resume_chain(spmc, caller, ep);
		return ffa_error_value(FFA_BUSY);
	case SPMC_EP_BOOTING:
	case SPMC_EP_RUNNING:
	default:
		/* Running, or waiting for its own request: Hafnium answers BUSY. */
		return ffa_error_value(FFA_BUSY);
	}
	/* The bound on nested runs, as for direct requests (direct.c). */
	if (spmc->depth >= SPMC_MAX_DEPTH)
		return ffa_error_value(FFA_BUSY);

	if (ep->ctx.state == SPMC_EP_WAITING) {
		/* No request: its caller field holds its own ID (see the header comment). */
		ep->ctx.caller = ep->id;
		ep->ctx.caller_req2 = false;
		ep->ctx.caller_smc64 = false;
	}
	resume_in = ep->ctx.state == SPMC_EP_PREEMPTED && ep->ctx.interrupted ? NULL : &in;
	ep->ctx.interrupted = false;
	ep->ctx.state = SPMC_EP_RUNNING;
	if (caller->secure)
		caller->ctx.state = SPMC_EP_BLOCKED;
	/* Hafnium's api_vcpu_prepare_run: cycles for a partition with notifications pending
	 * come with its notification pending interrupt. */
	spmc_notif_inject_npi(spmc, ep);
	res = spmc_run_partition(spmc, ep, resume_in);
	if (caller->secure && !spmc_intr_left_blocked(spmc, caller))
		caller->ctx.state = SPMC_EP_RUNNING;
	return res;
}
