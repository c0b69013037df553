/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Execution contexts (FF-A v1.2 (DEN0077A) §8.1: a partition has one execution context per
 * CPU it can run on, or one that runs on any CPU). A partition with several contexts
 * (execution-ctx-count > 1, which sim/ checks covers every CPU of the run, as Hafnium
 * gives an MP partition a vCPU for each CPU) has context k pinned to CPU k: Hafnium's
 * vm_get_vcpu(vm, cpu_index(current)) and TF-A's EL3 SPMC's get_ec_index pick the context by the
 * calling CPU.
 *
 * The endpoint's `ctx` is always the context of the SPMC's current CPU, so the handlers
 * (direct.c, msg.c, intr.c ...) need not know of contexts: spmc_set_cpu() swaps it when the
 * scheduler switches CPUs. A single-context partition is not swapped: its one context
 * migrates to whichever CPU calls it, as Hafnium migrates a UP partition's vCPU.
 *
 * Secondary contexts start when their CPU does (spmc_cpu_on): Hafnium's
 * plat_psci_cpu_resume bootstraps the MP partitions' vCPUs of a CPU coming on, in boot order,
 * each to its FFA_MSG_WAIT, before TF-A's SPMD lets the CPU enter the normal world (its
 * cpu_on_finish hook). Entry: the address registered with FFA_SECONDARY_EP_REGISTER, else the
 * primary entry point (Hafnium's load.c keeps it as the fallback); x0 = 0 and x4 = the
 * physical CPU's index (vcpu_bootstrap, vcpu_set_phys_core_idx); boot information only on the
 * primary CPU.
 */
#include "spmc/internal.h"

void spmc_ep_bind_ctx(struct spmc_endpoint *ep, unsigned vcpu, void *ops_ctx)
{
	if (vcpu < SPMC_MAX_VCPUS && vcpu != ep->ctx_current)
		ep->ctxs[vcpu].ops_ctx = ops_ctx;
}

/* Makes context vcpu of ep the one in its fields. */
static void vcpu_switch(struct spmc_endpoint *ep, unsigned vcpu)
{
	if (ep->exec_ctx_count <= 1 || vcpu >= ep->exec_ctx_count || vcpu == ep->ctx_current)
		return;
	void *runner = ep->ctx.ops_ctx;

	ep->ctxs[ep->ctx_current] = ep->ctx;
	/* A context never started waits to boot; one of a partition that failed to boot
	 * never will. */
	if (!ep->ctx_booted[vcpu])
		ep->ctxs[vcpu].state = ep->boot_failed ? SPMC_EP_FAILED : SPMC_EP_BOOTING;
	ep->ctx = ep->ctxs[vcpu];
	/* A context nothing was bound to (a built-in model's) runs on what context 0 runs. */
	if (ep->ctx.ops_ctx == NULL)
		ep->ctx.ops_ctx = runner;
	ep->ctx_current = vcpu;
}

void spmc_set_cpu(struct spmc *spmc, unsigned cpu)
{
	if (cpu == spmc->cpu || cpu >= SPMC_MAX_VCPUS)
		return;
	for (unsigned i = 0; i < spmc->endpoint_count; i++)
		vcpu_switch(&spmc->endpoints[i], cpu);
	spmc->cpu = cpu;
}

/* Boots context cpu of ep (its current one) to its FFA_MSG_WAIT; false when it failed. */
static bool vcpu_boot(struct spmc *spmc, struct spmc_endpoint *ep, unsigned cpu)
{
	uint64_t entry = ep->secondary_ep_set ? ep->secondary_ep : ep->primary_ep;
	struct ffa_value call;

	ep->ctx_booted[cpu] = true;
	ep->ctx_started++;
	/* A built-in model has no registers to start: its context is ready at once. */
	if (ep->ops->start == NULL) {
		ep->ctx.state = SPMC_EP_WAITING;
		return true;
	}
	ep->ctx.state = SPMC_EP_BOOTING;
	return spmc_boot_serve(spmc, ep, ep->ops->start(ep->ctx.ops_ctx, entry, cpu, &call), &call);
}

unsigned spmc_cpu_on(struct spmc *spmc, unsigned cpu)
{
	unsigned failed = 0;

	spmc_set_cpu(spmc, cpu);
	for (unsigned i = 0; i < spmc->endpoint_count; i++) {
		struct spmc_endpoint *ep = &spmc->endpoints[i];

		if (!ep->secure || ep->ops == NULL || ep->exec_ctx_count <= 1 ||
		    cpu >= ep->exec_ctx_count || ep->ctx_booted[cpu] || ep->boot_failed)
			continue;
		if (!vcpu_boot(spmc, ep, cpu)) {
			ep->ctx.state = SPMC_EP_FAILED;
			failed++;
		}
	}
	return failed;
}
