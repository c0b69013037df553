/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Interrupts and preemption in the SPMC: a partition preempted while it runs, the secure
 * interrupts partitions own, and Hafnium's paravirtualised interrupt interface.
 *
 * Preemption (FF-A v1.2 (DEN0077A) §8.3.1, §8.3.2): when an interrupt takes the CPU of a
 * partition that runs for an endpoint (a non-secure interrupt pending on that CPU, or its
 * timeslice ran out, under ns-interrupts-action "signaled"), the partition is PREEMPTED with
 * its context kept, and the
 * endpoint that gave it the CPU gets FFA_INTERRUPT with w1 = ID << 16 | vCPU, as Hafnium's
 * api_preempt answers. That endpoint resumes it with FFA_RUN (spmc_run, msg.c); the answer to
 * the original request then comes back as the FFA_RUN's answer.
 *
 * Secure interrupts (FF-A v1.2 (DEN0077A) §8.3.2): a partition owns the interrupts of its
 * manifest's device regions. When one fires, its virtual interrupt becomes pending for the
 * owner; a waiting owner is run at once with FFA_INTERRUPT (w2 = the interrupt ID) as the
 * return of its FFA_MSG_WAIT, and gives its CPU back with FFA_MSG_WAIT when done (Hafnium,
 * interrupt_resume_waiting); an owner blocked earlier in the call chain of the partition that
 * runs gets FFA_INTERRUPT as its request's answer, the partitions between left blocked until it
 * resumes the chain with FFA_RUN; an owner that is running, preempted or blocked otherwise finds
 * it pending (Hafnium queues it: "we do not resume a target vCPU that has been already
 * pre-empted").
 *
 * Masking (Hafnium's ffa_interrupts_mask): while a partition whose other-s-interrupts-action is
 * queued runs, or any partition runs for a secure interrupt (Hafnium's SPMC-scheduled mode),
 * every physical interrupt stays pending in the GIC until the CPU leaves it.
 *
 * Hafnium's interrupt interface (inc/vmapi/hf/call.h), SMCCC-less calls with the ID in x0:
 *   HF_INTERRUPT_ENABLE (0xff03)     x1 = ID, x2 = enable, x3 = type (0 vIRQ, 1 vFIQ);
 *                                    x0 = 0, or -1 for an ID the partition does not own
 *   HF_INTERRUPT_GET (0xff04)        x0 = the oldest pending enabled ID, now no longer
 *                                    pending, or HF_INVALID_INTID (0xffffffff)
 *   HF_INTERRUPT_DEACTIVATE (0xff08) x1 = physical ID, x2 = virtual ID; x0 = 0
 * Hafnium answers them to its partitions only; the other personalities' partitions take their
 * interrupts from the interrupt controller themselves, and get SMC_UNK.
 *
 * Virtual interrupts: while a partition has a pending, enabled virtual interrupt, its
 * runtime's virtual IRQ or FIQ line is asserted (spmc_partition_ops.virtual_lines), as Hafnium
 * sets HCR_EL2.VI / VF, and a partition with vectors takes it there.
 */
#include "spmc/internal.h"

/* Hafnium's hypervisor-call IDs (inc/vmapi/hf/abi.h). */
#define HF_INTERRUPT_ENABLE 0xff03u
#define HF_INTERRUPT_GET 0xff04u
#define HF_INTERRUPT_DEACTIVATE 0xff08u

/* The types HF_INTERRUPT_ENABLE takes (Hafnium's enum interrupt_type). */
#define HF_INTERRUPT_TYPE_IRQ 0u
#define HF_INTERRUPT_TYPE_FIQ 1u

/*
 * Hafnium's virtual interrupt IDs with no device behind them (api_is_maintenance_virtual_
 * interrupt): the virtual timer, managed exit, notification pending, the IPI. A partition may
 * enable them without owning a device.
 */
#define HF_VIRTUAL_TIMER_INTID 3u
#define HF_MANAGED_EXIT_INTID 4u
#define HF_NOTIFICATION_PENDING_INTID 5u
#define HF_IPI_INTID 9u
/* Hafnium's HF_NUM_INTIDS: interrupt IDs a partition can name. */
#define HF_NUM_INTIDS 64u

static bool intr_maintenance(uint32_t id)
{
	return id == HF_VIRTUAL_TIMER_INTID || id == HF_MANAGED_EXIT_INTID ||
	       id == HF_NOTIFICATION_PENDING_INTID || id == HF_IPI_INTID;
}

static struct spmc_vint *intr_find(struct spmc_endpoint *ep, uint32_t id)
{
	for (unsigned i = 0; i < ep->intr.vint_count; i++) {
		if (ep->intr.vints[i].id == id)
			return &ep->intr.vints[i];
	}
	return NULL;
}

/* The partition's state for virtual interrupt id, added when there is none; NULL when full. */
static struct spmc_vint *intr_get(struct spmc_endpoint *ep, uint32_t id)
{
	struct spmc_vint *v = intr_find(ep, id);

	if (v != NULL || ep->intr.vint_count == SPMC_MAX_VINTS)
		return v;
	v = &ep->intr.vints[ep->intr.vint_count++];
	*v = (struct spmc_vint){.id = id};
	return v;
}

/*
 * Tells the partition's runtime which virtual lines its pending, enabled interrupts assert
 * (Hafnium counts them per type and sets HCR_EL2.VI / VF while a count is not zero). An S-EL0
 * partition has no vectors: Hafnium hands it its interrupts with FFA_INTERRUPT instead.
 */
static void intr_signal(struct spmc_endpoint *ep)
{
	bool virq = false, vfiq = false;

	if (ep->ops == NULL || ep->ops->virtual_lines == NULL || ep->el0)
		return;
	for (unsigned i = 0; i < ep->intr.queued; i++) {
		const struct spmc_vint *v = intr_find(ep, ep->intr.queue[i]);

		if (v == NULL || !v->enabled)
			continue;
		if (v->fiq)
			vfiq = true;
		else
			virq = true;
	}
	ep->ops->virtual_lines(ep->ctx.ops_ctx, virq, vfiq);
}

/* Makes a virtual interrupt pending, at the end of the queue (once). */
static void intr_pend(struct spmc_endpoint *ep, struct spmc_vint *v)
{
	if (v->pending)
		return;
	v->pending = true;
	ep->intr.queue[ep->intr.queued++] = v->id;
	intr_signal(ep);
}

/* Takes entry i off the queue: that interrupt is no longer pending. */
static void intr_unqueue(struct spmc_endpoint *ep, unsigned i)
{
	struct spmc_vint *v = intr_find(ep, ep->intr.queue[i]);

	if (v != NULL)
		v->pending = false;
	for (unsigned j = i + 1; j < ep->intr.queued; j++)
		ep->intr.queue[j - 1] = ep->intr.queue[j];
	ep->intr.queued--;
	intr_signal(ep);
}

/* The oldest pending enabled virtual interrupt, taken off the queue; SPMC_INVALID_INTID. */
static uint32_t intr_take(struct spmc_endpoint *ep)
{
	for (unsigned i = 0; i < ep->intr.queued; i++) {
		const struct spmc_vint *v = intr_find(ep, ep->intr.queue[i]);
		uint32_t id = ep->intr.queue[i];

		if (v == NULL || !v->enabled)
			continue;
		intr_unqueue(ep, i);
		return id;
	}
	return SPMC_INVALID_INTID;
}

/* The oldest pending enabled virtual interrupt, left pending; SPMC_INVALID_INTID. */
static uint32_t intr_peek(struct spmc_endpoint *ep)
{
	for (unsigned i = 0; i < ep->intr.queued; i++) {
		const struct spmc_vint *v = intr_find(ep, ep->intr.queue[i]);

		if (v != NULL && v->enabled)
			return v->id;
	}
	return SPMC_INVALID_INTID;
}

bool spmc_intr_own(struct spmc *spmc, struct spmc_endpoint *ep, uint32_t intid)
{
	struct spmc_vint *v;

	for (unsigned i = 0; i < spmc->endpoint_count; i++) {
		const struct spmc_endpoint *other = &spmc->endpoints[i];

		if (other == ep)
			continue;
		for (unsigned j = 0; j < other->intr.vint_count; j++) {
			if (other->intr.vints[j].owned && other->intr.vints[j].id == intid)
				return false;
		}
	}
	v = intr_get(ep, intid);
	if (v == NULL)
		return false;
	v->owned = true;
	return true;
}

/* The partition that owns a physical interrupt, or NULL. */
static struct spmc_endpoint *intr_owner(struct spmc *spmc, uint32_t intid)
{
	for (unsigned i = 0; i < spmc->endpoint_count; i++) {
		struct spmc_vint *v = intr_find(&spmc->endpoints[i], intid);

		if (v != NULL && v->owned)
			return &spmc->endpoints[i];
	}
	return NULL;
}

struct ffa_value spmc_preempt(struct spmc *spmc, struct spmc_endpoint *ep)
{
	struct ffa_value v = {{0}};

	ep->ctx.state = SPMC_EP_PREEMPTED;
	ep->ctx.interrupted = true;
	ep->preemptions++;
	v.x[0] = FFA_INTERRUPT_32;
	/* w1: endpoint ID in bits 31:16, vCPU in 15:0. */
	v.x[1] = ((uint64_t)ep->id << 16) | spmc_vcpu_of(spmc, ep);
	return v;
}

/*
 * Whether owner is earlier in the call chain of `current`: each link a partition blocked on a
 * direct request to the next (Hafnium's ffa_direct_msg_precedes_in_call_chain). A partition
 * that runs without a request (its caller field its own ID) starts a chain.
 */
static bool intr_precedes(struct spmc *spmc, const struct spmc_endpoint *owner,
			  const struct spmc_endpoint *current)
{
	const struct spmc_endpoint *ep = current;

	for (unsigned n = 0; n < SPMC_MAX_ENDPOINTS; n++) {
		if (ep->ctx.caller == ep->id || !ffa_id_is_secure(ep->ctx.caller))
			return false;
		ep = spmc_find_endpoint(spmc, ep->ctx.caller);
		if (ep == NULL || ep->ctx.state != SPMC_EP_BLOCKED)
			return false;
		if (ep == owner)
			return true;
	}
	return false;
}

bool spmc_intr_secure_masked(const struct spmc *spmc, const struct spmc_endpoint *ep)
{
	return ep != NULL && (ep->intr.other_s_queued || spmc->sint_runs > 0);
}

bool spmc_intr_left_blocked(struct spmc *spmc, struct spmc_endpoint *caller)
{
	if (spmc->unwind_to == 0)
		return false;
	if (spmc->unwind_to == caller->id) {
		spmc->unwind_to = 0;
		return false;
	}
	caller->ctx.left_blocked = true;
	return true;
}

/* The partition blocked on ep's request in a chain left for an owner: its callee that is left
 * blocked too, or preempted; NULL when there is none. */
static struct spmc_endpoint *intr_callee(struct spmc *spmc, const struct spmc_endpoint *ep)
{
	for (unsigned i = 0; i < spmc->endpoint_count; i++) {
		struct spmc_endpoint *c = &spmc->endpoints[i];

		if (c == ep || c->ctx.caller != ep->id)
			continue;
		if ((c->ctx.state == SPMC_EP_BLOCKED && c->ctx.left_blocked) ||
		    (c->ctx.state == SPMC_EP_PREEMPTED && c->ctx.interrupted))
			return c;
	}
	return NULL;
}

struct ffa_value spmc_intr_resume_chain(struct spmc *spmc, struct spmc_endpoint *caller,
					struct spmc_endpoint *head)
{
	struct spmc_endpoint *ep = head, *up;
	const struct ffa_value *in = NULL;
	struct ffa_value res;

	for (unsigned n = 0; ep != NULL && ep->ctx.left_blocked; n++)
		ep = n < SPMC_MAX_ENDPOINTS ? intr_callee(spmc, ep) : NULL;
	/* The chain's end is still running somewhere, or nothing was preempted: BUSY, as for
	 * a partition blocked on its own request. */
	if (ep == NULL || ep->ctx.state != SPMC_EP_PREEMPTED || spmc->depth >= SPMC_MAX_DEPTH)
		return ffa_error_value(FFA_BUSY);
	ep->ctx.interrupted = false;
	if (caller->secure)
		caller->ctx.state = SPMC_EP_BLOCKED;
	for (;;) {
		up = spmc_find_endpoint(spmc, ep->ctx.caller);
		ep->ctx.state = SPMC_EP_RUNNING;
		res = spmc_run_partition(spmc, ep, in);
		/* An answer unwinding to an owner further up passes the partitions below it. */
		while (up != NULL && up != caller && up->ctx.left_blocked && spmc->unwind_to != 0 &&
		       spmc->unwind_to != up->id)
			up = spmc_find_endpoint(spmc, up->ctx.caller);
		if (up == NULL || up == caller || !up->ctx.left_blocked)
			break;
		/* Its request's answer (or FFA_INTERRUPT, for an owner itself): it goes on. */
		if (spmc->unwind_to == up->id)
			spmc->unwind_to = 0;
		up->ctx.left_blocked = false;
		ep = up;
		in = &res;
	}
	if (caller->secure && !spmc_intr_left_blocked(spmc, caller))
		caller->ctx.state = SPMC_EP_RUNNING;
	return res;
}

/*
 * Secure interrupt intid fired while `current` ran (NULL: the normal world): Hafnium's
 * ffa_interrupts_signal_secure_interrupt, by the owner's state.
 */
static enum spmc_sint_outcome intr_secure(struct spmc *spmc, uint32_t intid,
					  struct spmc_endpoint *current)
{
	struct spmc_endpoint *ep = intr_owner(spmc, intid);
	struct spmc_vint *v = ep != NULL ? intr_find(ep, intid) : NULL;
	struct ffa_value in = {{0}}, res;

	if (v == NULL || !v->enabled)
		return SPMC_SINT_SPURIOUS;
	intr_pend(ep, v);
	/* The owner runs: the virtual interrupt is in its state now ("RUNNING": injected); an
	 * S-EL0 owner, with no vectors, finds it at its next FFA_MSG_WAIT. */
	if (ep == current)
		return ep->el0 ? SPMC_SINT_QUEUED : SPMC_SINT_INJECTED;
	/*
	 * Blocked earlier in the call chain of the partition that runs (on a direct request to
	 * it, or to a partition blocked on one to it, ...): Hafnium preempts that one and resumes
	 * the owner with FFA_INTERRUPT (w1 = w2 = 0) as its request's answer, leaving the
	 * partitions between blocked (FF-A v1.2 (DEN0077A) §8.3.2, "signaling an other S-Int in
	 * blocked state"; Hafnium's ffa_interrupts_signal_secure_interrupt). The owner takes the
	 * interrupt in its vectors and resumes the chain with FFA_RUN of its callee
	 * (spmc_intr_resume_chain). The FFA_INTERRUPT unwinds to it (spmc_intr_left_blocked).
	 */
	if (current != NULL && ep->ctx.state == SPMC_EP_BLOCKED && !ep->el0 &&
	    intr_precedes(spmc, ep, current)) {
		spmc->unwind_to = ep->id;
		return SPMC_SINT_PREEMPTED;
	}
	if (ep->ctx.state != SPMC_EP_WAITING || spmc->depth >= SPMC_MAX_DEPTH)
		return SPMC_SINT_QUEUED;
	/*
	 * Hafnium resumes a waiting owner with FFA_INTERRUPT, w2 = the interrupt it will get
	 * (peeked: an S-EL1 partition still takes it with HF_INTERRUPT_GET; an S-EL0 one has it
	 * taken for it). It runs without a request: its caller field holds its own ID (msg.c).
	 * A partition that ran is PREEMPTED meanwhile and goes on when the owner waits again
	 * (Hafnium's preempted_vcpu, ffa_cpu_cycles_preempted_vcpu_resume).
	 */
	in.x[0] = FFA_INTERRUPT_32;
	in.x[2] = ep->el0 ? intr_take(ep) : intr_peek(ep);
	ep->ctx.caller = ep->id;
	ep->ctx.caller_req2 = false;
	ep->ctx.caller_smc64 = false;
	ep->ctx.state = SPMC_EP_RUNNING;
	if (current != NULL)
		current->ctx.state = SPMC_EP_PREEMPTED;
	/* Hafnium's SPMC-scheduled mode: every interrupt masked while it handles this one. */
	spmc->sint_runs++;
	res = spmc_run_partition(spmc, ep, &in);
	spmc->sint_runs--;
	if (current != NULL)
		current->ctx.state = SPMC_EP_RUNNING;
	if (ep->ctx.state == SPMC_EP_FAILED)
		return SPMC_SINT_FAILED;
	(void)res;
	return SPMC_SINT_HANDLED;
}

enum spmc_sint_outcome spmc_secure_interrupt(struct spmc *spmc, uint32_t intid)
{
	return intr_secure(spmc, intid, NULL);
}

enum spmc_sint_outcome spmc_secure_interrupt_running(struct spmc *spmc,
						     struct spmc_endpoint *current)
{
	enum spmc_sint_outcome outcome;
	uint32_t intid;

	if (spmc->intc.take == NULL)
		return SPMC_SINT_SPURIOUS;
	intid = spmc->intc.take(spmc->intc.ctx, spmc->cpu);
	if (intid == SPMC_INVALID_INTID)
		return SPMC_SINT_SPURIOUS;
	outcome = intr_secure(spmc, intid, current);
	if (spmc->intc.done != NULL)
		spmc->intc.done(spmc->intc.ctx, spmc->cpu, intid, outcome);
	return outcome;
}

/* The ns-interrupts-action the SPMC applies to the partition (enum spmc_ns_rule). */
static enum spmc_ns_action intr_ns_action(struct spmc *spmc, const struct spmc_endpoint *ep)
{
	const struct spmc_personality *pers = spmc->cfg.personality;
	enum spmc_ns_rule rule = pers != NULL ? pers->ns_rule : SPMC_NS_RULE_MANIFEST;
	bool called = ffa_id_is_secure(ep->ctx.caller) && ep->ctx.caller != ep->id;
	enum spmc_ns_action action = ep->intr.ns_action;

	switch (rule) {
	case SPMC_NS_RULE_MANIFEST:
		return ep->intr.ns_action;
	case SPMC_NS_RULE_INHERITED:
		/* Up the chain of calling partitions: the least permissive action wins. */
		for (unsigned n = 0; called && n < SPMC_MAX_ENDPOINTS; n++) {
			ep = spmc_find_endpoint(spmc, ep->ctx.caller);
			if (ep == NULL)
				break;
			if (ep->intr.ns_action < action)
				action = ep->intr.ns_action;
			called = ffa_id_is_secure(ep->ctx.caller) && ep->ctx.caller != ep->id;
		}
		/* OP-TEE masks foreign interrupts for queued only (a managed-exit manifest does
		 * not load there): anything else preempts. */
		return action == SPMC_NS_QUEUED ? SPMC_NS_QUEUED : SPMC_NS_SIGNALED;
	case SPMC_NS_RULE_RUNNER:
	default:
		return called ? SPMC_NS_QUEUED : SPMC_NS_SIGNALED;
	}
}

enum spmc_ns_outcome spmc_ns_interrupt(struct spmc *spmc, struct spmc_endpoint *ep)
{
	struct spmc_vint *me;

	switch (intr_ns_action(spmc, ep)) {
	case SPMC_NS_SIGNALED:
		return SPMC_NS_PREEMPT;
	case SPMC_NS_MANAGED_EXIT:
		/* Hafnium's fiq_lower: masks further non-secure interrupts until the exit is
		 * done and injects HF_MANAGED_EXIT_INTID. */
		if (ep->intr.managed_exit)
			return SPMC_NS_RUN_ON;
		me = intr_get(ep, HF_MANAGED_EXIT_INTID);
		if (me == NULL)
			return SPMC_NS_RUN_ON;
		me->fiq = ep->intr.me_fiq;
		intr_pend(ep, me);
		ep->intr.managed_exit = true;
		return SPMC_NS_SIGNAL_ME;
	case SPMC_NS_QUEUED:
	default:
		return SPMC_NS_RUN_ON;
	}
}

void spmc_intr_gave_back(struct spmc_endpoint *ep)
{
	if (!ep->intr.managed_exit)
		return;
	/*
	 * Its answer completes the managed exit, whether or not it took the interrupt
	 * (Hafnium's api_ffa_msg_send_direct_resp clears the pending managed exit too).
	 */
	ep->intr.managed_exit = false;
	for (unsigned i = 0; i < ep->intr.queued; i++) {
		if (ep->intr.queue[i] == HF_MANAGED_EXIT_INTID) {
			intr_unqueue(ep, i);
			break;
		}
	}
}

void spmc_intr_pend_npi(struct spmc_endpoint *ep)
{
	struct spmc_vint *v = intr_find(ep, HF_NOTIFICATION_PENDING_INTID);

	/*
	 * Hafnium enables the NPI of a partition with notifications at boot
	 * (ffa_interrupts_enable_virtual_maintenance_interrupts), as a vIRQ; it stays as the
	 * partition's HF_INTERRUPT_ENABLE last left it.
	 */
	if (v == NULL) {
		v = intr_get(ep, HF_NOTIFICATION_PENDING_INTID);
		if (v == NULL)
			return;
		v->enabled = true;
	}
	intr_pend(ep, v);
}

void spmc_intr_enable_at_boot(struct spmc *spmc, struct spmc_endpoint *ep)
{
	struct spmc_vint *v;

	if (spmc->cfg.personality == NULL || spmc->cfg.personality->sirq != SPMC_SIRQ_VIRTUAL)
		return;
	/* The managed-exit interrupt, of the manifest's type (vFIQ unless managed-exit-virq). */
	if (ep->intr.ns_action == SPMC_NS_MANAGED_EXIT) {
		v = intr_get(ep, HF_MANAGED_EXIT_INTID);
		if (v != NULL) {
			v->enabled = true;
			v->fiq = ep->intr.me_fiq;
		}
	}
	/* An S-EL0 partition has no HF_INTERRUPT_ENABLE to call: its devices' interrupts. */
	for (unsigned i = 0; ep->el0 && i < ep->intr.vint_count; i++) {
		if (ep->intr.vints[i].owned)
			ep->intr.vints[i].enabled = true;
	}
	intr_signal(ep);
}

/* HF_INTERRUPT_ENABLE: 0, or -1 for an ID out of range or neither owned nor maintenance. */
static int64_t intr_enable(struct spmc_endpoint *ep, const struct ffa_value *call)
{
	uint32_t id = (uint32_t)call->x[1];
	struct spmc_vint *v;

	if (id >= HF_NUM_INTIDS)
		return -1;
	v = intr_find(ep, id);
	if ((v == NULL || !v->owned) && !intr_maintenance(id))
		return -1;
	v = intr_get(ep, id);
	if (v == NULL)
		return -1;
	v->enabled = call->x[2] != 0;
	v->fiq = (uint32_t)call->x[3] == HF_INTERRUPT_TYPE_FIQ;
	intr_signal(ep);
	return 0;
}

bool spmc_hf_call(struct spmc *spmc, struct spmc_endpoint *ep, const struct ffa_value *call,
		  struct ffa_value *answer)
{
	uint64_t fid = call->x[0];
	uint32_t id;

	if (spmc->cfg.personality->bit != SPMC_PERS_HAFNIUM || !ep->secure ||
	    (fid != HF_INTERRUPT_ENABLE && fid != HF_INTERRUPT_GET &&
	     fid != HF_INTERRUPT_DEACTIVATE))
		return false;
	/* Hafnium answers in x0 alone and leaves x1-x17 as the partition set them. */
	*answer = *call;
	switch (fid) {
	case HF_INTERRUPT_ENABLE:
		answer->x[0] = (uint64_t)intr_enable(ep, call);
		break;
	case HF_INTERRUPT_GET:
		id = intr_take(ep);
		if (id != SPMC_INVALID_INTID && intr_find(ep, id)->owned)
			ep->intr.handled++;
		answer->x[0] = id;
		break;
	default:
		/* Hafnium's SPMC deactivates the physical interrupt when it injects the virtual
		 * one and answers 0 here (ffa_interrupts_deactivate). */
		answer->x[0] = 0;
		break;
	}
	return true;
}
