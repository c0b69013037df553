/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Interrupts in the SPMC (spmc/intr.c): a partition preempted by an interrupt while it runs
 * (FFA_INTERRUPT to its runner, FFA_RUN resumes it without an answer), the timeslice it is
 * given, the secure interrupts partitions own and Hafnium's HF_INTERRUPT_* calls.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "spmc_helpers.h"
#include "spmc_models.h"

#define SP2 0x8002u
#define SP3 0x8003u
#define SP4 0x8004u

/* FFA_RUN/FFA_INTERRUPT w1: endpoint ID in 31:16, vCPU in 15:0. */
#define EP_VCPU(id, vcpu) (((uint64_t)(id) << 16) | (vcpu))

#define HF_INTERRUPT_ENABLE 0xff03u
#define HF_INTERRUPT_GET 0xff04u
#define HF_INTERRUPT_DEACTIVATE 0xff08u
#define HF_INVALID_INTID 0xffffffffu
#define WDOG_INTID 56u /* an SPI a partition's device raises */

/* ---- Steps of the test models ---- */

/* Preempted by an interrupt m->arg times; then answers with x0 of what it got and how many
 * times it was resumed without an answer. */
static void looper_step(struct tmodel *m, const struct ffa_value *in, struct ffa_value *call)
{
	if (m->phase < m->arg)
		tmodel_call(call, TMODEL_PREEMPT, 0);
	else
		tmodel_respond(m, call, in->x[0], m->bare_resumes, 0);
}

/* Sends a request to its target; on FFA_INTERRUPT runs the target with FFA_RUN; answers
 * with x0 and x3 of the final answer and how many FFA_INTERRUPTs it saw. */
static void resumer_step(struct tmodel *m, const struct ffa_value *in, struct ffa_value *call)
{
	if (m->phase == 0) {
		tmodel_call(call, FFA_MSG_SEND_DIRECT_REQ_64, ffa_msg_ids(m->ep->id, m->target));
		m->observed = SPMC_EP_WAITING;
	} else if (in->x[0] == FFA_INTERRUPT_32) {
		m->arg++;
		tmodel_call(call, FFA_RUN_32, in->x[1]);
	} else {
		tmodel_respond(m, call, in->x[0], in->x[3], m->arg);
	}
}

/* Runs m->target with FFA_RUN, vCPU 0, and answers with the error it got. */
static void runner_step(struct tmodel *m, const struct ffa_value *in, struct ffa_value *call)
{
	if (m->phase == 0)
		tmodel_call(call, FFA_RUN_32, EP_VCPU(m->target, 0));
	else
		tmodel_respond(m, call, in->x[0], in->x[2], 0);
}

/*
 * The owner of an interrupt: handles a request by making the HF_INTERRUPT call in m->arg
 * (x1-x3 from m->request x4-x6) and answering with its x0; given cycles with FFA_INTERRUPT
 * (a secure interrupt while it waited), takes the interrupt with HF_INTERRUPT_GET,
 * deactivates it, and waits again.
 */
static void owner_step(struct tmodel *m, const struct ffa_value *in, struct ffa_value *call)
{
	if (in->x[0] == FFA_INTERRUPT_32) {
		m->request = *in;
		m->phase = 0;
	}
	if (tmodel_is_request(&m->request)) {
		if (m->phase == 0) {
			tmodel_call(call, (uint32_t)m->arg, m->request.x[4]);
			call->x[2] = m->request.x[5];
			call->x[3] = m->request.x[6];
		} else {
			tmodel_respond(m, call, in->x[0], 0, 0);
		}
		return;
	}
	switch (m->phase) {
	case 0:
		tmodel_call(call, HF_INTERRUPT_GET, 0);
		break;
	case 1:
		m->target = (uint16_t)in->x[0];
		tmodel_call(call, HF_INTERRUPT_DEACTIVATE, in->x[0]);
		call->x[2] = in->x[0];
		break;
	default:
		tmodel_call(call, FFA_MSG_WAIT_32, 0);
		break;
	}
}

/* ---- Setup ---- */

/* A request to the owner model: make HF call fid with x1-x3 = a, b, c. */
static struct ffa_value hf_request(struct tmodel_env *e, struct tmodel *m, uint32_t fid, uint64_t a,
				   uint64_t b, uint64_t c)
{
	uint64_t args[6] = {ffa_msg_ids(0, m->ep->id), 0, 0, a, b, c};

	m->arg = fid;
	return tmodel_invoke(e, e->f.nw, FFA_MSG_SEND_DIRECT_REQ_64, args, 6);
}

/* The environment with another personality (spec: "tf-a:1.2"), no echo partition, the
 * normal world at v1.2. */
static void setup_personality(struct tmodel_env *e, const char *spec)
{
	struct ffa_value v;

	memset(e, 0, sizeof(*e));
	spmc_fixture_init(&e->f, spec);
	v = spmc_fixture_call1(&e->f, e->f.nw, FFA_VERSION, FFA_VERSION_1_2);
	cr_assert_eq(v.x[0], FFA_VERSION_1_2);
}

/* ---- Preemption ---- */

/* An interrupt preempts a partition handling a request: the normal world gets FFA_INTERRUPT
 * with w1 = ID << 16 | vCPU 0 and every other register zero; the partition is PREEMPTED and
 * busy; FFA_RUN resumes it without an answer, and the request's response comes back as the
 * FFA_RUN's answer. */
Test(intr_preempt, request_preempted_then_run)
{
	struct ffa_value v, preempted = {{FFA_INTERRUPT_32, EP_VCPU(SP2, 0)}};
	struct ffa_value resp = {{FFA_MSG_SEND_DIRECT_RESP_64, ffa_msg_ids(SP2, 0), 0, 0, 1}};
	struct tmodel *m;
	struct tmodel_env e;

	tmodel_setup(&e);
	m = tmodel_add(&e, 0, SP2, "looper", looper_step, 0);
	m->arg = 1;
	tmodel_boot_all(&e);
	v = tmodel_request(&e, SP2);
	tmodel_expect_regs(&v, &preempted);
	tmodel_expect_state(m->ep, SPMC_EP_PREEMPTED);
	cr_assert(m->ep->ctx.interrupted);
	cr_assert_eq(m->ep->preemptions, 1);
	v = tmodel_request(&e, SP2);
	expect_ffa_error(&v, FFA_BUSY);
	v = tmodel_run(&e, e.f.nw, EP_VCPU(SP2, 0));
	tmodel_expect_regs(&v, &resp);
	cr_assert_eq(m->bare_resumes, 1);
	cr_assert_not(m->ep->ctx.interrupted);
	tmodel_expect_state(m->ep, SPMC_EP_WAITING);
	spmc_fixture_fini(&e.f);
}

/* Preempted again after each FFA_RUN: every FFA_RUN answers FFA_INTERRUPT until the partition
 * finishes. */
Test(intr_preempt, preempted_repeatedly)
{
	struct ffa_value v;
	struct tmodel *m;
	struct tmodel_env e;

	tmodel_setup(&e);
	m = tmodel_add(&e, 0, SP2, "looper", looper_step, 0);
	m->arg = 3;
	tmodel_boot_all(&e);
	v = tmodel_request(&e, SP2);
	cr_assert_eq(v.x[0], FFA_INTERRUPT_32);
	for (unsigned i = 0; i < 2; i++) {
		v = tmodel_run(&e, e.f.nw, EP_VCPU(SP2, 0));
		cr_assert_eq(v.x[0], FFA_INTERRUPT_32);
		cr_assert_eq(v.x[1], EP_VCPU(SP2, 0));
	}
	v = tmodel_run(&e, e.f.nw, EP_VCPU(SP2, 0));
	cr_assert_eq(v.x[0], FFA_MSG_SEND_DIRECT_RESP_64);
	cr_assert_eq(v.x[4], 3); /* resumed three times without an answer */
	cr_assert_eq(m->ep->preemptions, 3);
	spmc_fixture_fini(&e.f);
}

/* Every time its caller gives it the CPU (the request, each FFA_RUN) the partition gets the
 * configured timeslice. */
Test(intr_preempt, timeslice_granted)
{
	struct ffa_value v;
	struct tmodel *m;
	struct tmodel_env e;

	tmodel_setup(&e);
	e.f.spmc.cfg.timeslice = 5000;
	m = tmodel_add(&e, 0, SP2, "looper", looper_step, 0);
	m->arg = 1;
	tmodel_boot_all(&e);
	cr_assert_eq(m->grants, 0); /* no timeslice while it initialises */
	v = tmodel_request(&e, SP2);
	cr_assert_eq(v.x[0], FFA_INTERRUPT_32);
	cr_assert_eq(m->grants, 1);
	cr_assert_eq(m->granted, 5000);
	v = tmodel_run(&e, e.f.nw, EP_VCPU(SP2, 0));
	cr_assert_eq(v.x[0], FFA_MSG_SEND_DIRECT_RESP_64);
	cr_assert_eq(m->grants, 2);
	spmc_fixture_fini(&e.f);
}

/* A callee preempted in a partition's request: the requester gets FFA_INTERRUPT for it,
 * resumes it with FFA_RUN and gets the response from that FFA_RUN. */
Test(intr_preempt, nested_callee_preempted)
{
	struct ffa_value v;
	struct tmodel *resumer, *looper;
	struct tmodel_env e;

	tmodel_setup(&e);
	resumer = tmodel_add(&e, 0, SP2, "resumer", resumer_step, SP3);
	looper = tmodel_add(&e, 1, SP3, "looper", looper_step, 0);
	looper->arg = 2;
	tmodel_boot_all(&e);
	v = tmodel_request(&e, SP2);
	cr_assert_eq(v.x[0], FFA_MSG_SEND_DIRECT_RESP_64);
	cr_assert_eq(v.x[3], FFA_MSG_SEND_DIRECT_RESP_64);
	cr_assert_eq(v.x[4], 0); /* the callee's last resume was bare: x0 zero */
	cr_assert_eq(v.x[5], 2); /* two FFA_INTERRUPTs */
	cr_assert_eq(resumer->seen[1].x[1], EP_VCPU(SP3, 0));
	tmodel_expect_state(resumer->ep, SPMC_EP_WAITING);
	tmodel_expect_state(looper->ep, SPMC_EP_WAITING);
	spmc_fixture_fini(&e.f);
}

/* A preempted partition serving the normal world's request is resumed by the normal world
 * only: another partition's FFA_RUN is DENIED. */
Test(intr_preempt, run_by_other_partition_denied)
{
	struct ffa_value v;
	struct tmodel *runner, *looper;
	struct tmodel_env e;

	tmodel_setup(&e);
	looper = tmodel_add(&e, 0, SP2, "looper", looper_step, 0);
	looper->arg = 1;
	runner = tmodel_add(&e, 1, SP3, "runner", runner_step, SP2);
	tmodel_boot_all(&e);
	v = tmodel_request(&e, SP2);
	cr_assert_eq(v.x[0], FFA_INTERRUPT_32);
	v = tmodel_request(&e, SP3);
	cr_assert_eq(v.x[0], FFA_MSG_SEND_DIRECT_RESP_64);
	cr_assert_eq(v.x[3], FFA_ERROR_32);
	cr_assert_eq((int32_t)(uint32_t)v.x[4], FFA_DENIED);
	tmodel_expect_state(looper->ep, SPMC_EP_PREEMPTED);
	cr_assert_eq(runner->resumes, 2);
	spmc_fixture_fini(&e.f);
}

/* FFA_RUN of a preempted partition naming a vCPU it does not have: INVALID_PARAMETERS, and
 * it stays preempted. */
Test(intr_preempt, run_wrong_vcpu_invalid)
{
	struct ffa_value v;
	struct tmodel *m;
	struct tmodel_env e;

	tmodel_setup(&e);
	m = tmodel_add(&e, 0, SP2, "looper", looper_step, 0);
	m->arg = 1;
	tmodel_boot_all(&e);
	v = tmodel_request(&e, SP2);
	cr_assert_eq(v.x[0], FFA_INTERRUPT_32);
	v = tmodel_run(&e, e.f.nw, EP_VCPU(SP2, 1));
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	tmodel_expect_state(m->ep, SPMC_EP_PREEMPTED);
	cr_assert_eq(m->bare_resumes, 0);
	spmc_fixture_fini(&e.f);
}

/* ---- Secure interrupts and HF_INTERRUPT_* ---- */

/* HF_INTERRUPT_ENABLE: 0 for an interrupt of its devices and for the maintenance interrupts
 * (managed exit 4), -1 for another partition's, one it does not own, and IDs past 63; the
 * other registers are left as the partition set them. */
Test(intr_hf, enable)
{
	struct ffa_value v;
	struct tmodel *m;
	struct tmodel_env e;

	tmodel_setup(&e);
	m = tmodel_add(&e, 0, SP2, "owner", owner_step, 0);
	tmodel_add(&e, 1, SP3, "other", owner_step, 0);
	cr_assert(spmc_intr_own(&e.f.spmc, m->ep, WDOG_INTID));
	cr_assert(spmc_intr_own(&e.f.spmc, e.models[1].ep, 57));
	cr_assert_not(spmc_intr_own(&e.f.spmc, e.models[1].ep, WDOG_INTID));
	tmodel_boot_all(&e);
	v = hf_request(&e, m, HF_INTERRUPT_ENABLE, WDOG_INTID, 1, 0);
	cr_assert_eq(v.x[3], 0);
	cr_assert_eq(m->ep->last_calls[0].answer.x[1], WDOG_INTID);
	cr_assert_eq(m->ep->last_calls[0].answer.x[2], 1);
	cr_assert(m->ep->intr.vints[0].enabled);
	cr_assert_not(m->ep->intr.vints[0].fiq);
	v = hf_request(&e, m, HF_INTERRUPT_ENABLE, 4, 1, 1);
	cr_assert_eq(v.x[3], 0);
	v = hf_request(&e, m, HF_INTERRUPT_ENABLE, 57, 1, 0);
	cr_assert_eq(v.x[3], UINT64_MAX);
	v = hf_request(&e, m, HF_INTERRUPT_ENABLE, 40, 1, 0);
	cr_assert_eq(v.x[3], UINT64_MAX);
	v = hf_request(&e, m, HF_INTERRUPT_ENABLE, 64, 1, 0);
	cr_assert_eq(v.x[3], UINT64_MAX);
	spmc_fixture_fini(&e.f);
}

/* A secure interrupt for a waiting owner runs it at once with FFA_INTERRUPT (w2 = the
 * interrupt) as the return of its FFA_MSG_WAIT; it takes the interrupt with
 * HF_INTERRUPT_GET, deactivates it (0) and waits again; HF_INTERRUPT_GET then has nothing. */
Test(intr_hf, secure_interrupt_runs_waiting_owner)
{
	struct ffa_value v;
	struct tmodel *m;
	struct tmodel_env e;

	tmodel_setup(&e);
	m = tmodel_add(&e, 0, SP2, "owner", owner_step, 0);
	cr_assert(spmc_intr_own(&e.f.spmc, m->ep, WDOG_INTID));
	tmodel_boot_all(&e);
	v = hf_request(&e, m, HF_INTERRUPT_ENABLE, WDOG_INTID, 1, 0);
	cr_assert_eq(v.x[3], 0);
	cr_assert_eq(spmc_secure_interrupt(&e.f.spmc, WDOG_INTID), SPMC_SINT_HANDLED);
	cr_assert_eq(m->seen[2].x[0], FFA_INTERRUPT_32);
	cr_assert_eq(m->seen[2].x[2], WDOG_INTID);
	cr_assert_eq(m->target, WDOG_INTID); /* HF_INTERRUPT_GET's answer */
	cr_assert_eq(m->seen[4].x[0], 0);    /* HF_INTERRUPT_DEACTIVATE's */
	cr_assert_eq(m->ep->intr.handled, 1);
	tmodel_expect_state(m->ep, SPMC_EP_WAITING);
	v = hf_request(&e, m, HF_INTERRUPT_GET, 0, 0, 0);
	cr_assert_eq(v.x[3], HF_INVALID_INTID);
	spmc_fixture_fini(&e.f);
}

/* A secure interrupt nobody owns, or one its owner has not enabled, is spurious; one for a
 * preempted owner is queued until it runs, and its HF_INTERRUPT_GET takes it then. */
Test(intr_hf, spurious_and_queued)
{
	struct ffa_value v;
	struct tmodel *m, *looper;
	struct tmodel_env e;

	tmodel_setup(&e);
	m = tmodel_add(&e, 0, SP2, "owner", owner_step, 0);
	looper = tmodel_add(&e, 1, SP3, "looper", looper_step, 0);
	looper->arg = 1;
	cr_assert(spmc_intr_own(&e.f.spmc, m->ep, WDOG_INTID));
	cr_assert(spmc_intr_own(&e.f.spmc, looper->ep, 57));
	tmodel_boot_all(&e);
	cr_assert_eq(spmc_secure_interrupt(&e.f.spmc, 99), SPMC_SINT_SPURIOUS);
	cr_assert_eq(spmc_secure_interrupt(&e.f.spmc, WDOG_INTID), SPMC_SINT_SPURIOUS);
	cr_assert_eq(m->resumes, 0);
	/* The looper enables 57 from a script-free path: straight into its state. */
	looper->ep->intr.vints[0].enabled = true;
	v = tmodel_request(&e, SP3);
	cr_assert_eq(v.x[0], FFA_INTERRUPT_32);
	cr_assert_eq(spmc_secure_interrupt(&e.f.spmc, 57), SPMC_SINT_QUEUED);
	cr_assert_eq(looper->ep->intr.queued, 1);
	cr_assert(looper->ep->intr.vints[0].pending);
	tmodel_expect_state(looper->ep, SPMC_EP_PREEMPTED);
	spmc_fixture_fini(&e.f);
}

/* Oldest first: two pending interrupts come out of HF_INTERRUPT_GET in the order they fired;
 * a disabled one is skipped and stays pending. */
Test(intr_hf, get_order)
{
	struct ffa_value v;
	struct tmodel *m;
	struct tmodel_env e;

	tmodel_setup(&e);
	m = tmodel_add(&e, 0, SP2, "owner", owner_step, 0);
	cr_assert(spmc_intr_own(&e.f.spmc, m->ep, 60));
	cr_assert(spmc_intr_own(&e.f.spmc, m->ep, WDOG_INTID));
	cr_assert(spmc_intr_own(&e.f.spmc, m->ep, 61));
	tmodel_boot_all(&e);
	for (unsigned i = 0; i < 3; i++)
		m->ep->intr.vints[i].enabled = true;
	/* Blocked in a request of its own: the interrupts queue. */
	m->ep->ctx.state = SPMC_EP_BLOCKED;
	cr_assert_eq(spmc_secure_interrupt(&e.f.spmc, 61), SPMC_SINT_QUEUED);
	cr_assert_eq(spmc_secure_interrupt(&e.f.spmc, WDOG_INTID), SPMC_SINT_QUEUED);
	cr_assert_eq(spmc_secure_interrupt(&e.f.spmc, 60), SPMC_SINT_QUEUED);
	m->ep->ctx.state = SPMC_EP_WAITING;
	m->ep->intr.vints[2].enabled = false; /* 61 */
	v = hf_request(&e, m, HF_INTERRUPT_GET, 0, 0, 0);
	cr_assert_eq(v.x[3], WDOG_INTID);
	v = hf_request(&e, m, HF_INTERRUPT_GET, 0, 0, 0);
	cr_assert_eq(v.x[3], 60);
	v = hf_request(&e, m, HF_INTERRUPT_GET, 0, 0, 0);
	cr_assert_eq(v.x[3], HF_INVALID_INTID);
	cr_assert(m->ep->intr.vints[2].pending);
	spmc_fixture_fini(&e.f);
}

/* Hafnium's calls are Hafnium's: under TF-A's EL3 SPMC a partition's HF_INTERRUPT_ENABLE is
 * an SMC no service of EL3 owns, SMC_UNK (-1 in all of x0, as TF-A's runtime exception
 * handler answers an unknown function). */
Test(intr_hf, other_personality_not_supported)
{
	struct ffa_value v;
	struct tmodel *m;
	struct tmodel_env e;

	setup_personality(&e, "tf-a:1.2");
	m = tmodel_add(&e, 0, SP2, "owner", owner_step, 0);
	cr_assert(spmc_intr_own(&e.f.spmc, m->ep, WDOG_INTID));
	spmc_boot(&e.f.spmc);
	v = hf_request(&e, m, HF_INTERRUPT_ENABLE, WDOG_INTID, 1, 0);
	cr_assert_eq(v.x[3], SMCCC_UNKNOWN_64, "x3 0x%llx", (unsigned long long)v.x[3]);
	spmc_fixture_fini(&e.f);
}

/* ---- Non-secure interrupts while a partition runs ---- */

/* A non-secure interrupt (twice) while it handles a request, as its runtime would report it
 * between two of its calls; then takes its pending interrupt and answers with it and whether
 * a managed exit was in progress. */
static void ns_action_step(struct tmodel *m, const struct ffa_value *in, struct ffa_value *call)
{
	(void)in;
	if (m->phase == 0) {
		m->observed = (enum spmc_ep_state)spmc_ns_interrupt(&m->f->spmc, m->ep);
		m->arg = spmc_ns_interrupt(&m->f->spmc, m->ep); /* a second one */
		tmodel_call(call, HF_INTERRUPT_GET, 0);
	} else {
		tmodel_respond(m, call, in->x[0], m->ep->intr.managed_exit, 0);
	}
}

/* Each ns-interrupts-action as Hafnium takes a non-secure interrupt: signaled preempts,
 * queued runs on, managed exit makes managed-exit interrupt 4 pending once (a vFIQ unless
 * managed-exit-virq), HF_INTERRUPT_GET hands it over when enabled, and the partition's
 * response completes the exit. */
Test(intr_ns, actions)
{
	struct ffa_value v;
	struct tmodel *m;
	struct tmodel_env e;

	tmodel_setup(&e);
	m = tmodel_add(&e, 0, SP2, "me", owner_step, 0);
	tmodel_boot_all(&e);
	m->ep->intr.ns_action = SPMC_NS_SIGNALED;
	cr_assert_eq(spmc_ns_interrupt(&e.f.spmc, m->ep), SPMC_NS_PREEMPT);
	m->ep->intr.ns_action = SPMC_NS_QUEUED;
	cr_assert_eq(spmc_ns_interrupt(&e.f.spmc, m->ep), SPMC_NS_RUN_ON);
	cr_assert_eq(m->ep->intr.queued, 0);
	m->ep->intr.ns_action = SPMC_NS_MANAGED_EXIT;
	m->ep->intr.me_fiq = true;
	/* Enable the managed-exit interrupt as the partition would at boot. */
	v = hf_request(&e, m, HF_INTERRUPT_ENABLE, 4, 1, 1);
	cr_assert_eq(v.x[3], 0);
	m->step = ns_action_step;
	v = tmodel_request(&e, SP2);
	cr_assert_eq(v.x[0], FFA_MSG_SEND_DIRECT_RESP_64);
	cr_assert_eq((enum spmc_ns_outcome)m->observed, SPMC_NS_SIGNAL_ME);
	cr_assert_eq(m->arg, SPMC_NS_RUN_ON, "signalled once until the exit completes");
	cr_assert_eq(v.x[3], 4, "HF_INTERRUPT_GET: the managed-exit interrupt");
	cr_assert_eq(v.x[4], 1, "managed exit in progress while it answered");
	cr_assert_not(m->ep->intr.managed_exit, "the response completed it");
	cr_assert(m->ep->intr.vints[0].fiq);
	spmc_fixture_fini(&e.f);
}

/* Sets b's own action and who gave it the CPU (a's action when a partition did), and returns
 * what a non-secure interrupt does to b. */
static enum spmc_ns_outcome ns_outcome(struct tmodel_env *e, struct tmodel *a, struct tmodel *b,
				       enum spmc_ns_action own, bool by_a,
				       enum spmc_ns_action a_own)
{
	b->ep->intr.ns_action = own;
	a->ep->intr.ns_action = a_own;
	a->ep->ctx.caller = 0;
	b->ep->ctx.caller = by_a ? a->ep->id : 0;
	return spmc_ns_interrupt(&e->f.spmc, b->ep);
}

/* OP-TEE takes the manifest's action, the least permissive of it and its calling partition's
 * (sp_cpsr_configure_foreign_interrupts): queued masks foreign interrupts, signaled (and
 * managed exit, which OP-TEE does not load) preempts. TF-A's EL3 SPMC reads none: preempted
 * when the normal world ran it, queued when a partition did. */
Test(intr_ns, other_personalities_rules)
{
	struct tmodel *a, *b;
	struct tmodel_env e;

	setup_personality(&e, "optee:1.2");
	a = tmodel_add(&e, 0, SP3, "a", owner_step, 0);
	b = tmodel_add(&e, 1, SP2, "b", owner_step, 0);
	spmc_boot(&e.f.spmc);
	cr_assert_eq(ns_outcome(&e, a, b, SPMC_NS_SIGNALED, false, SPMC_NS_QUEUED),
		     SPMC_NS_PREEMPT);
	cr_assert_eq(ns_outcome(&e, a, b, SPMC_NS_QUEUED, false, SPMC_NS_SIGNALED), SPMC_NS_RUN_ON);
	cr_assert_eq(ns_outcome(&e, a, b, SPMC_NS_MANAGED_EXIT, false, SPMC_NS_QUEUED),
		     SPMC_NS_PREEMPT);
	cr_assert_eq(ns_outcome(&e, a, b, SPMC_NS_SIGNALED, true, SPMC_NS_SIGNALED),
		     SPMC_NS_PREEMPT);
	cr_assert_eq(ns_outcome(&e, a, b, SPMC_NS_SIGNALED, true, SPMC_NS_QUEUED), SPMC_NS_RUN_ON);
	cr_assert_eq(ns_outcome(&e, a, b, SPMC_NS_QUEUED, true, SPMC_NS_SIGNALED), SPMC_NS_RUN_ON);
	cr_assert_eq(b->ep->intr.queued, 0, "no managed-exit interrupt");
	spmc_fixture_fini(&e.f);

	setup_personality(&e, "tf-a:1.2");
	a = tmodel_add(&e, 0, SP3, "a", owner_step, 0);
	b = tmodel_add(&e, 1, SP2, "b", owner_step, 0);
	spmc_boot(&e.f.spmc);
	cr_assert_eq(ns_outcome(&e, a, b, SPMC_NS_QUEUED, false, SPMC_NS_QUEUED), SPMC_NS_PREEMPT);
	cr_assert_eq(ns_outcome(&e, a, b, SPMC_NS_SIGNALED, true, SPMC_NS_SIGNALED),
		     SPMC_NS_RUN_ON);
	spmc_fixture_fini(&e.f);
}

/* A managed exit the partition answers without taking the interrupt: the response completes
 * it and the interrupt is no longer pending (Hafnium clears it). */
Test(intr_ns, managed_exit_untaken_cleared)
{
	struct tmodel *m;
	struct tmodel_env e;

	tmodel_setup(&e);
	m = tmodel_add(&e, 0, SP2, "me", looper_step, 0);
	tmodel_boot_all(&e);
	m->ep->intr.ns_action = SPMC_NS_MANAGED_EXIT;
	cr_assert_eq(spmc_ns_interrupt(&e.f.spmc, m->ep), SPMC_NS_SIGNAL_ME);
	cr_assert_eq(m->ep->intr.queued, 1);
	cr_assert_not(m->ep->intr.vints[0].fiq, "me_fiq clear: a vIRQ");
	tmodel_request(&e, SP2);
	cr_assert_not(m->ep->intr.managed_exit);
	cr_assert_eq(m->ep->intr.queued, 0);
	cr_assert_not(m->ep->intr.vints[0].pending);
	spmc_fixture_fini(&e.f);
}

/* TF-A's EL3 SPMC takes FFA_RUN from the normal world only: a partition's is
 * INVALID_PARAMETERS (Hafnium's partitions may resume a preempted callee). */
Test(intr_preempt, tf_a_refuses_run_from_partition)
{
	struct ffa_value v;
	struct tmodel_env e;

	setup_personality(&e, "tf-a:1.2");
	tmodel_add(&e, 0, SP2, "looper", looper_step, 0);
	tmodel_add(&e, 1, SP3, "runner", runner_step, SP2);
	spmc_boot(&e.f.spmc);
	e.models[0].arg = 1;
	v = tmodel_request(&e, SP2);
	cr_assert_eq(v.x[0], FFA_INTERRUPT_32);
	v = tmodel_request(&e, SP3);
	cr_assert_eq(v.x[3], FFA_ERROR_32);
	cr_assert_eq((int32_t)(uint32_t)v.x[4], FFA_INVALID_PARAMETERS);
	spmc_fixture_fini(&e.f);
}

/* ---- Execution contexts ---- */

/* A partition with a context per CPU: FFA_RUN from the normal world names the calling CPU's
 * vCPU or is INVALID_PARAMETERS (as Hafnium answered on QEMU); its FFA_INTERRUPT names the
 * vCPU of the CPU it was preempted on. */
Test(intr_preempt, mp_partition_vcpu_of_calling_cpu)
{
	struct ffa_value v;
	struct tmodel *m;
	struct tmodel_env e;

	tmodel_setup(&e);
	m = tmodel_add(&e, 0, SP2, "looper", looper_step, 0);
	m->ep->exec_ctx_count = 4;
	m->arg = 1;
	tmodel_boot_all(&e);
	e.f.spmc.cpu = 2;
	v = tmodel_request(&e, SP2);
	cr_assert_eq(v.x[0], FFA_INTERRUPT_32);
	cr_assert_eq(v.x[1], EP_VCPU(SP2, 2));
	v = tmodel_run(&e, e.f.nw, EP_VCPU(SP2, 0));
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = tmodel_run(&e, e.f.nw, EP_VCPU(SP2, 3));
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = tmodel_run(&e, e.f.nw, EP_VCPU(SP2, 2));
	cr_assert_eq(v.x[0], FFA_MSG_SEND_DIRECT_RESP_64);
	spmc_fixture_fini(&e.f);
}

/* The partition's virtual lines follow its pending, enabled interrupts: a secure interrupt of
 * type vIRQ raises virq while the owner is busy, HF_INTERRUPT_GET lowers it; a disabled one
 * raises nothing; a managed exit of type vFIQ raises vfiq and the response that completes it
 * lowers it. */
Test(intr_lines, follow_pending_interrupts)
{
	struct ffa_value v;
	struct tmodel *m;
	struct tmodel_env e;

	tmodel_setup(&e);
	m = tmodel_add(&e, 0, SP2, "owner", owner_step, 0);
	cr_assert(spmc_intr_own(&e.f.spmc, m->ep, WDOG_INTID));
	tmodel_boot_all(&e);
	v = hf_request(&e, m, HF_INTERRUPT_ENABLE, WDOG_INTID, 1, 0);
	cr_assert_eq(v.x[3], 0);
	cr_assert_not(m->virq);
	cr_assert_not(m->vfiq);
	m->ep->ctx.state = SPMC_EP_RUNNING; /* busy: the interrupt stays pending */
	cr_assert_eq(spmc_secure_interrupt(&e.f.spmc, WDOG_INTID), SPMC_SINT_QUEUED);
	cr_assert(m->virq, "a pending vIRQ asserts the vIRQ line");
	cr_assert_not(m->vfiq);
	m->ep->ctx.state = SPMC_EP_WAITING;
	v = hf_request(&e, m, HF_INTERRUPT_GET, 0, 0, 0);
	cr_assert_eq(v.x[3], WDOG_INTID);
	cr_assert_not(m->virq, "taken: the line is lowered");
	/* Disabled: the interrupt is spurious and raises no line. */
	v = hf_request(&e, m, HF_INTERRUPT_ENABLE, WDOG_INTID, 0, 0);
	m->ep->ctx.state = SPMC_EP_RUNNING;
	cr_assert_eq(spmc_secure_interrupt(&e.f.spmc, WDOG_INTID), SPMC_SINT_SPURIOUS);
	cr_assert_not(m->virq);
	cr_assert_not(m->vfiq);
	m->ep->ctx.state = SPMC_EP_WAITING;
	/* The managed exit, a vFIQ by the manifest (managed-exit-virq absent). */
	m->ep->intr.ns_action = SPMC_NS_MANAGED_EXIT;
	m->ep->intr.me_fiq = true;
	v = hf_request(&e, m, HF_INTERRUPT_ENABLE, 4, 1, 1);
	cr_assert_eq(v.x[3], 0);
	cr_assert_eq(spmc_ns_interrupt(&e.f.spmc, m->ep), SPMC_NS_SIGNAL_ME);
	cr_assert(m->vfiq, "the managed exit asserts the vFIQ line");
	cr_assert_not(m->virq);
	/* A request it answers without taking the interrupt: the response completes the exit. */
	v = hf_request(&e, m, HF_INTERRUPT_DEACTIVATE, 0, 0, 0);
	cr_assert_eq(v.x[0], FFA_MSG_SEND_DIRECT_RESP_64);
	cr_assert_not(m->ep->intr.managed_exit);
	cr_assert_not(m->vfiq, "its response completed the managed exit");
	spmc_fixture_fini(&e.f);
}

/* ---- Enabled at boot ---- */

/* Hafnium enables the managed-exit interrupt of a managed-exit partition when it loads it, of
 * the manifest's type: a non-secure interrupt signals it (the vFIQ line) though the partition
 * never called HF_INTERRUPT_ENABLE, and HF_INTERRUPT_GET hands it over. */
Test(intr_boot, managed_exit_enabled)
{
	struct ffa_value v;
	struct tmodel *m;
	struct tmodel_env e;

	tmodel_setup(&e);
	m = tmodel_add(&e, 0, SP2, "me", owner_step, 0);
	m->ep->intr.ns_action = SPMC_NS_MANAGED_EXIT;
	m->ep->intr.me_fiq = true;
	tmodel_boot_all(&e);
	cr_assert_eq(m->ep->intr.vint_count, 1);
	cr_assert_eq(m->ep->intr.vints[0].id, 4);
	cr_assert(m->ep->intr.vints[0].enabled, "enabled by the SPMC at load");
	cr_assert(m->ep->intr.vints[0].fiq, "a vFIQ: managed-exit-virq absent");
	cr_assert_not(m->vfiq);
	cr_assert_eq(spmc_ns_interrupt(&e.f.spmc, m->ep), SPMC_NS_SIGNAL_ME);
	cr_assert(m->vfiq, "signalled without the partition's HF_INTERRUPT_ENABLE");
	v = hf_request(&e, m, HF_INTERRUPT_GET, 0, 0, 0);
	cr_assert_eq(v.x[3], 4);
	spmc_fixture_fini(&e.f);
}

/* managed-exit-virq: a vIRQ; and a partition whose action is not managed exit gets nothing
 * enabled (its managed exit, were it signalled, raises no line). */
Test(intr_boot, managed_exit_virq_and_others)
{
	struct tmodel *a, *b;
	struct tmodel_env e;

	tmodel_setup(&e);
	a = tmodel_add(&e, 0, SP2, "me", owner_step, 0);
	b = tmodel_add(&e, 1, SP3, "sig", owner_step, 0);
	a->ep->intr.ns_action = SPMC_NS_MANAGED_EXIT;
	a->ep->intr.me_fiq = false;
	b->ep->intr.ns_action = SPMC_NS_SIGNALED;
	tmodel_boot_all(&e);
	cr_assert(a->ep->intr.vints[0].enabled);
	cr_assert_not(a->ep->intr.vints[0].fiq);
	cr_assert_eq(spmc_ns_interrupt(&e.f.spmc, a->ep), SPMC_NS_SIGNAL_ME);
	cr_assert(a->virq);
	cr_assert_not(a->vfiq);
	cr_assert_eq(b->ep->intr.vint_count, 0);
	spmc_fixture_fini(&e.f);
}

/* An S-EL0 partition's device interrupts are enabled at load (it has no HF_INTERRUPT_ENABLE):
 * a secure interrupt reaches it waiting, with FFA_INTERRUPT w2 = the ID, taken for it. */
Test(intr_boot, el0_device_interrupts_enabled)
{
	struct tmodel *m;
	struct tmodel_env e;

	tmodel_setup(&e);
	m = tmodel_add(&e, 0, SP2, "el0", owner_step, 0);
	m->ep->el0 = true;
	cr_assert(spmc_intr_own(&e.f.spmc, m->ep, WDOG_INTID));
	tmodel_boot_all(&e);
	cr_assert(m->ep->intr.vints[0].enabled);
	cr_assert_eq(spmc_secure_interrupt(&e.f.spmc, WDOG_INTID), SPMC_SINT_HANDLED);
	cr_assert_eq(m->ep->intr.queued, 0, "taken for it: FFA_INTERRUPT carried it");
	spmc_fixture_fini(&e.f);
}

/* Under TF-A's EL3 SPMC nothing is enabled at load. */
Test(intr_boot, other_personality_nothing)
{
	struct tmodel *m;
	struct tmodel_env e;

	setup_personality(&e, "tf-a:1.2");
	m = tmodel_add(&e, 0, SP2, "me", owner_step, 0);
	m->ep->intr.ns_action = SPMC_NS_MANAGED_EXIT;
	spmc_boot(&e.f.spmc);
	cr_assert_eq(m->ep->intr.vint_count, 0);
	spmc_fixture_fini(&e.f);
}
