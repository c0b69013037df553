/* SPDX-License-Identifier: BSD-3-Clause */
#include "partitions/binary.h"

#include <string.h>

#include "emu/gic.h"

/* Every SMC or HVC of a partition is a call for the SPMC: the CPU stops and hands it over. */
static void binary_trap(void *ctx, const struct emu_call *call, struct emu_call_decision *d)
{
	(void)ctx;
	emu_call_stop(d, EMU_STOP_CALL, 0,
		      call->conduit == FFA_CONDUIT_SMC ? "SMC call" : "HVC call");
}

/* What the CPU stopped on: its next FF-A call, or anything else, which ends the partition. */
static enum spmc_part_status binary_outcome(struct part_binary *b, struct ffa_value *call)
{
	const struct emu_stop *stop = &b->cpu.stop;

	if (stop->kind == EMU_STOP_CALL) {
		*call = b->cpu.trap_call.args;
		return SPMC_PART_CALL;
	}
	if (b->ep != NULL)
		snprintf(b->ep->fail_reason, sizeof(b->ep->fail_reason), "%s: %.120s",
			 emu_stop_kind_name(stop->kind), stop->message);
	if (stop->kind == EMU_STOP_FAULT)
		emu_cpu_report(&b->cpu, b->notes);
	else
		fprintf(b->notes, "ffa-sim: %s: partition stopped: %s: %s\n", b->cpu.name,
			emu_stop_kind_name(stop->kind), stop->message);
	return SPMC_PART_FAULT;
}

/* Whether the SPMC takes secure interrupts while this partition runs (spmc_intc), unmasked
 * (spmc_intr_secure_masked: masked, they wait in the GIC). */
static bool binary_secure_stops(const struct part_binary *b)
{
	return b->spmc != NULL && b->spmc->intc.take != NULL &&
	       !spmc_intr_secure_masked(b->spmc, b->ep);
}

/* Whether the interrupt the CPU stopped for is a secure one (still pending on its PE). */
static bool binary_stopped_secure(const struct part_binary *b)
{
	const struct emu_pe *pe = emu_cpu_pe(&b->cpu);

	return pe->gic != NULL && emu_gic_secure_pending(pe->gic, pe->index) != EMU_GIC_SPURIOUS;
}

/*
 * Runs the CPU until its next call, the end of its timeslice or a non-secure interrupt. The
 * timeslice's end is its PE deadline (nanoseconds; an instruction is the platform's
 * cycles-per-instruction of them, 1 by default): the run stops at the first block boundary at
 * or after it, so a slice of T runs at least T nanoseconds and at most T plus the rest of the
 * block that crosses it; a slice shorter than the longest block (512) is 512 long, so that
 * each run makes progress. A non-secure interrupt that becomes pending on its PE stops it at
 * the next block boundary (the block does not run). Either is a preemption (SPMC_PART_PREEMPTED),
 * which the SPMC takes by the partition's ns-interrupts-action; from then on until it is given the
 * CPU again (binary_grant) neither stops it again, as Hafnium masks non-secure interrupts with the
 * priority mask while a partition finishes a managed exit or runs on with the interrupt queued.
 *
 * Under an SPMC that takes secure interrupts while partitions run (Hafnium), a secure interrupt
 * pending on its PE stops it the same way, before and after a non-secure one (the priority mask
 * lets secure ones through): SPMC_PART_SECURE_IRQ, after which it goes on where it was, the
 * next block boundary taking the virtual interrupt the SPMC may have injected.
 */
static enum spmc_part_status binary_run(struct part_binary *b, struct ffa_value *call)
{
	enum emu_stop_kind kind;
	bool off_pe = emu_cpu_pe(&b->cpu) == &b->cpu.own_pe;
	uint64_t start = b->cpu.own_pe.now;

	emu_cpu_run(&b->cpu);
	if (off_pe && b->off_pe_ns != NULL)
		*b->off_pe_ns += b->cpu.own_pe.now - start;
	kind = b->cpu.stop.kind;
	if (kind == EMU_STOP_INTERRUPT && binary_secure_stops(b) && binary_stopped_secure(b)) {
		memset(&b->cpu.stop, 0, sizeof(b->cpu.stop));
		emu_cpu_defer_secure(&b->cpu);
		b->secure_interrupts++;
		return SPMC_PART_SECURE_IRQ;
	}
	if (kind == EMU_STOP_DEADLINE || kind == EMU_STOP_INTERRUPT) {
		memset(&b->cpu.stop, 0, sizeof(b->cpu.stop));
		emu_cpu_set_deadline(&b->cpu, UINT64_MAX);
		emu_cpu_set_physical_irqs(&b->cpu, binary_secure_stops(b) ? EMU_PHYS_IRQ_STOP_SECURE
									  : EMU_PHYS_IRQ_IGNORE);
		if (kind == EMU_STOP_DEADLINE)
			b->preemptions++;
		else
			b->ns_interrupts++;
		return SPMC_PART_PREEMPTED;
	}
	return binary_outcome(b, call);
}

static enum spmc_part_status binary_boot(void *ctx, struct ffa_value *call)
{
	struct part_binary *b = ctx;

	return binary_run(b, call);
}

/*
 * The PE of the normal-world CPU whose request the partition serves: the one whose engine is
 * running now (the partition runs inside that engine's call, or inside the call of a partition
 * already running there); without one (a scenario's step, no engine running), the SPMC's
 * current CPU. The partition's engine runs on it, so its instructions advance that CPU's clock
 * and that CPU's timer and SGIs can become pending while it runs. NULL without PEs (a
 * partition on a PE of its own).
 */
static struct emu_pe *binary_pe(const struct part_binary *b)
{
	unsigned cpu = b->spmc != NULL ? b->spmc->cpu : 0;

	if (b->pes == NULL || b->pe_count == 0)
		return NULL;
	for (unsigned i = 0; i < b->pe_count; i++) {
		const struct emu_cpu *running = b->pes[i].current;

		if (running != NULL && running != &b->cpu && running->running)
			return &b->pes[i];
	}
	return &b->pes[cpu < b->pe_count ? cpu : 0];
}

/* The most instructions one translated block holds (QEMU's TCG_MAX_INSNS, which unicorn
 * 2.0.1 keeps): the shortest slice, so that each run makes progress. */
#define BINARY_BLOCK_MAX_INSNS 512u

static void binary_grant(void *ctx, uint64_t timeslice)
{
	struct part_binary *b = ctx;
	struct emu_pe *pe = binary_pe(b);
	enum emu_phys_irq mode;

	if (timeslice != 0 && timeslice < BINARY_BLOCK_MAX_INSNS)
		timeslice = BINARY_BLOCK_MAX_INSNS;

	emu_cpu_bind_pe(&b->cpu, pe);
	if (pe == NULL)
		mode = EMU_PHYS_IRQ_IGNORE;
	else if (b->spmc != NULL && spmc_intr_secure_masked(b->spmc, b->ep))
		mode = EMU_PHYS_IRQ_IGNORE; /* the SPMC masks every interrupt while it runs */
	else
		mode = binary_secure_stops(b) ? EMU_PHYS_IRQ_STOP_ALL : EMU_PHYS_IRQ_STOP_NS;
	emu_cpu_set_physical_irqs(&b->cpu, mode);
	emu_cpu_set_deadline(&b->cpu, timeslice != 0 ? emu_pe_now(emu_cpu_pe(&b->cpu)) + timeslice
						     : UINT64_MAX);
}

static enum spmc_part_status binary_resume(void *ctx, const struct ffa_value *in,
					   struct ffa_value *call)
{
	struct part_binary *b = ctx;
	/* The SPMC answers under SMCCC 1.2 and the partition's own FF-A version. */
	struct ffa_result_rule rule = {.smccc = FFA_SMCCC_1_2,
				       .ffa_version = b->ep != NULL ? b->ep->version : 0};

	/* Preempted: no call is pending, it goes on where the interrupt took it. */
	if (in == NULL)
		return binary_run(b, call);
	if (!emu_cpu_answer(&b->cpu, in, rule)) {
		emu_cpu_stop(&b->cpu, EMU_STOP_ERROR, EMU_STATUS_INTERNAL,
			     "cannot hand the partition its answer");
		return binary_outcome(b, call);
	}
	return binary_run(b, call);
}

/* The SPMC's virtual interrupt lines into the partition, taken at its VBAR_EL1. */
static void binary_virtual_lines(void *ctx, bool virq, bool vfiq)
{
	struct part_binary *b = ctx;

	emu_cpu_set_virtual_lines(&b->cpu, virq, vfiq);
}

/*
 * A secondary execution context starts on its CPU (spmc_cpu_on): at entry with x0 = 0 and x4 =
 * the CPU's index, as Hafnium's vcpu_bootstrap starts one, on that CPU's PE (its clock, before
 * the CPU's first normal-world instruction), which it leaves once it made its first call.
 */
static enum spmc_part_status binary_start(void *ctx, uint64_t entry, unsigned cpu,
					  struct ffa_value *call)
{
	struct part_binary *b = ctx;
	struct diag err = {0};
	enum spmc_part_status status;

	if (!emu_cpu_set_entry(&b->cpu, entry, 0, &err) || !emu_cpu_set_x(&b->cpu, 4, cpu, &err)) {
		emu_cpu_stop(&b->cpu, EMU_STOP_ERROR, EMU_STATUS_INTERNAL, "%s", err.msg);
		return binary_outcome(b, call);
	}
	if (b->home_pe != NULL)
		emu_cpu_bind_pe(&b->cpu, b->home_pe);
	status = binary_run(b, call);
	if (b->home_pe != NULL) {
		/* Its own clock goes on from where the CPU's was. */
		b->cpu.own_pe.now = b->home_pe->now;
		emu_cpu_bind_pe(&b->cpu, NULL);
	}
	return status;
}

static const struct spmc_partition_ops binary_ops = {
	.boot = binary_boot,
	.resume = binary_resume,
	.grant = binary_grant,
	.virtual_lines = binary_virtual_lines,
	.start = binary_start,
};

bool part_binary_open(struct part_binary *b, const struct part_binary_config *cfg, struct diag *err)
{
	struct emu_cpu_config cpu_cfg = {
		.name = cfg->name,
		.platform = cfg->platform,
		.memory = cfg->memory,
		.console = cfg->console,
		.secure = true,
		.entry_el = 1,
		.max_insns = cfg->max_insns,
		.no_idle_skip = cfg->no_idle_skip,
		.halt = EMU_HALT_FAULT, /* a partition that parks never answers */
		.windows = cfg->windows,
		.window_count = cfg->window_count,
		.sp805s = cfg->sp805s,
		.sp805_count = cfg->sp805_count,
	};
	struct emu_call_target target = {.fn = binary_trap, .ctx = b};

	memset(b, 0, sizeof(*b));
	b->notes = cfg->notes != NULL ? cfg->notes : stderr;
	b->pes = cfg->pes;
	b->pe_count = cfg->pe_count;
	b->spmc = cfg->spmc;
	if (!emu_cpu_open(&b->cpu, &cpu_cfg, err))
		return false;
	b->open = true;
	/* Physical interrupts are the SPMC's: none enters the partition (it boots on a PE of its
	 * own; binary_grant moves it to the CPU it serves). */
	emu_cpu_set_physical_irqs(&b->cpu, EMU_PHYS_IRQ_IGNORE);
	b->vcpu = cfg->vcpu;
	b->home_pe = cfg->home_pe;
	b->off_pe_ns = cfg->off_pe_ns;
	/* Context k reads CPU k's MPIDR, as a vCPU pinned to CPU k does under Hafnium. */
	if (cfg->vcpu < EMU_PLATFORM_MAX_CPUS && cfg->platform->cpu_count > cfg->vcpu) {
		b->cpu.own_pe.index = cfg->vcpu;
		b->cpu.own_pe.mpidr = cfg->platform->mpidrs[cfg->vcpu];
	}
	emu_cpu_set_dispatch(&b->cpu, cfg->dispatch);
	emu_cpu_route(&b->cpu, FFA_CONDUIT_SMC, target);
	emu_cpu_route(&b->cpu, FFA_CONDUIT_HVC, target);
	return emu_cpu_set_entry(&b->cpu, cfg->entry, 0, err);
}

void part_binary_attach(struct part_binary *b, struct spmc_endpoint *ep)
{
	b->ep = ep;
	ep->ops = &binary_ops;
	if (b->vcpu == 0)
		ep->ctx.ops_ctx = b;
	else
		spmc_ep_bind_ctx(ep, b->vcpu, b);
}

void part_binary_close(struct part_binary *b)
{
	if (b->open)
		emu_cpu_close(&b->cpu);
	b->open = false;
}
