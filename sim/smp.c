/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Several normal-world CPUs and their scheduler (include/sim/smp.h). The firmware decides what a
 * PSCI call does (fw/firmware.c); the operations here carry out the change of power on the
 * engines: start one at its entry point, end a slice after CPU_OFF or CPU_SUSPEND, wake a CPU
 * when its PE is signalled. Everything the scheduler chooses depends on virtual times and
 * CPU indexes alone, so that a run is the same every time.
 */
#include "sim/smp.h"

#include <stdio.h>
#include <string.h>

#include "emu/gic.h"
#include "emu/pe.h"
#include "fw/firmware.h"
#include "sim/sim.h"

/* A time no CPU reaches: nothing will make the CPU ready. */
#define SMP_NEVER UINT64_MAX

static struct sim_smp_cpu *smp_cpu(struct sim *sim, unsigned k)
{
	return &sim->smp.cpus[k];
}

/* Moves the clock of CPU k's PE (no engine runs there) on to t, never back. */
static void smp_advance(struct sim *sim, unsigned k, uint64_t t)
{
	struct emu_pe *pe = emu_cpu_pe(smp_cpu(sim, k)->cpu);

	if (pe->now < t)
		pe->now = t;
}

/* Whether the GIC signals an interrupt to CPU k (non-secure state): what wakes a waiting CPU. */
static bool smp_signalled(const struct sim *sim, unsigned k)
{
	return sim->gic_ready && emu_gic_signals(&sim->gic, k, false) != 0;
}

static unsigned smp_caller(void *ctx)
{
	return sim_smp_current(ctx);
}

/* Ends the CPU's slice at its next block boundary (the call that asked returns first). */
static void smp_end_slice(struct sim_smp_cpu *c)
{
	c->stop_requested = true;
	emu_cpu_set_deadline(c->cpu, 0);
}

/* PSCI CPU_ON: CPU k powers on at the caller's time and starts when the scheduler picks it. */
static void smp_cpu_on(void *ctx, unsigned k, uint64_t entry, uint64_t context)
{
	struct sim *sim = ctx;
	struct sim_smp_cpu *c = smp_cpu(sim, k);
	struct emu_cpu *caller = smp_cpu(sim, sim->smp.current)->cpu;
	uint64_t now = emu_cpu_now(caller);

	c->power = SIM_CPU_PENDING;
	c->waiting = false;
	c->powerdown = false;
	c->entry = entry;
	c->context = context;
	smp_advance(sim, k, now);
	/* A caller that ran alone, without a quantum, now shares the machine: its slice ends a
	 * quantum from now. */
	if (caller->deadline == UINT64_MAX)
		emu_cpu_set_deadline(caller, now + sim->smp.quantum);
}

/* PSCI CPU_OFF: the caller runs nothing more. */
static void smp_cpu_off(void *ctx, unsigned k)
{
	struct sim *sim = ctx;

	smp_cpu(sim, k)->off_requested = true;
	smp_end_slice(smp_cpu(sim, k));
}

/* PSCI CPU_SUSPEND: the caller waits for an interrupt to its PE. */
static void smp_suspend(void *ctx, unsigned k, bool powerdown, uint64_t entry, uint64_t context)
{
	struct sim *sim = ctx;
	struct sim_smp_cpu *c = smp_cpu(sim, k);

	c->power = SIM_CPU_SUSPENDED;
	c->powerdown = powerdown;
	c->entry = entry;
	c->context = context;
	smp_end_slice(c);
}

bool sim_smp_open(struct sim *sim, const struct emu_cpu_config *host_cfg, struct diag *err)
{
	const struct emu_platform *p = &sim->platform;
	struct sim_smp *smp = &sim->smp;
	struct emu_cpu *host = &sim->host;

	smp->count = p->cpu_count > 0 ? p->cpu_count : 1;
	smp->current = 0;
	smp->quantum = sim->cfg.quantum != 0 ? sim->cfg.quantum : SIM_DEFAULT_QUANTUM;
	smp->cpus[0] = (struct sim_smp_cpu){.cpu = host, .power = SIM_CPU_ON};
	for (unsigned k = 1; k < smp->count; k++) {
		struct emu_cpu_config cfg = *host_cfg;
		struct emu_cpu *cpu = &smp->secondary[k - 1];
		char name[EMU_NAME_MAX];

		snprintf(name, sizeof(name), "%s%u", host_cfg->name, k);
		cfg.name = name;
		emu_pe_init(&sim->pes[k], k, p->mpidrs[k], p->cntfrq_hz,
			    sim->gic_ready ? &sim->gic : NULL);
		cfg.pe = &sim->pes[k];
		if (!emu_cpu_open(cpu, &cfg, err))
			return false;
		smp->opened = k;
		emu_cpu_set_dispatch(cpu, host->dispatch);
		emu_cpu_route(cpu, FFA_CONDUIT_SMC, emu_cpu_routed(host, FFA_CONDUIT_SMC));
		emu_cpu_route(cpu, FFA_CONDUIT_HVC, emu_cpu_routed(host, FFA_CONDUIT_HVC));
		emu_cpu_observe(cpu, host->observer);
		emu_cpu_set_explainer(cpu, host->explainer);
		emu_cpu_set_wait_returns(cpu, true);
		smp->cpus[k] = (struct sim_smp_cpu){.cpu = cpu, .power = SIM_CPU_OFF};
	}
	sim->pe_count = smp->count; /* the GIC's change callback reaches every CPU */
	/* One CPU halts at a WFI nothing can end, as it always has; several ask the scheduler. */
	emu_cpu_set_wait_returns(host, smp->count > 1);
	fw_el3_set_cpus(&sim->fw, smp->count, p->mpidrs,
			(struct fw_cpu_ops){.caller = smp_caller,
					    .cpu_on = smp_cpu_on,
					    .cpu_off = smp_cpu_off,
					    .suspend = smp_suspend,
					    .ctx = sim});
	return true;
}

void sim_smp_close(struct sim *sim)
{
	for (unsigned k = 0; k < sim->smp.opened; k++)
		emu_cpu_close(&sim->smp.secondary[k]);
	sim->smp.opened = 0;
}

unsigned sim_smp_current(const struct sim *sim)
{
	return sim->smp.current;
}

void sim_smp_cpu_start(struct sim *sim, unsigned k)
{
	fw_el3_cpu_running(&sim->fw, k);
	if (!sim->spmc_enabled)
		return;
	/* TF-A's SPMD (its cpu_on_finish hook) lets the SPMC boot its partitions' contexts of
	 * the CPU before the CPU enters the normal world. */
	if (spmc_cpu_on(&sim->spmc, k) == 0)
		return;
	for (unsigned i = 0; i < sim->spmc.endpoint_count; i++) {
		const struct spmc_endpoint *ep = &sim->spmc.endpoints[i];

		if (sim->spmc.notes != NULL && ep->secure && ep->exec_ctx_count > 1 &&
		    !ep->boot_failed && ep->ctx.state == SPMC_EP_FAILED && ep->ctx_current == k)
			fprintf(sim->spmc.notes,
				"ffa-sim: %s: partition 0x%04x: execution context %u failed to "
				"boot: %s\n",
				ep->name, ep->id, k,
				ep->fail_reason[0] ? ep->fail_reason : "it stopped");
	}
}

/*
 * When CPU k can run next (SMP_NEVER: not until something changes): its clock when it runs; a
 * CPU waiting in WFI once its PE is signalled; a suspended CPU then too, or at its next timer
 * event.
 */
static uint64_t smp_ready_at(struct sim *sim, unsigned k)
{
	struct sim_smp_cpu *c = smp_cpu(sim, k);
	uint64_t now = emu_cpu_now(c->cpu);

	switch (c->power) {
	case SIM_CPU_OFF:
		return SMP_NEVER;
	case SIM_CPU_PENDING:
		return now;
	case SIM_CPU_ON:
		if (!c->waiting)
			return now;
		return c->wake_known ? (c->wake_at > now ? c->wake_at : now) : SMP_NEVER;
	case SIM_CPU_SUSPENDED:
		if (c->wake_known)
			return c->wake_at > now ? c->wake_at : now;
		return emu_pe_next_event(emu_cpu_pe(c->cpu));
	}
	return SMP_NEVER;
}

/* The CPU to run next: the one ready earliest, ties by index; -1 when none can ever run. */
static int smp_pick(struct sim *sim, uint64_t *at)
{
	int best = -1;

	*at = SMP_NEVER;
	for (unsigned k = 0; k < sim->smp.count; k++) {
		uint64_t t = smp_ready_at(sim, k);

		if (t < *at) {
			*at = t;
			best = (int)k;
		}
	}
	return best;
}

/* Whether a CPU other than k is on (running, waiting or about to start). */
static bool smp_others_on(struct sim *sim, unsigned k)
{
	for (unsigned j = 0; j < sim->smp.count; j++) {
		if (j != k && smp_cpu(sim, j)->power != SIM_CPU_OFF)
			return true;
	}
	return false;
}

/*
 * Makes CPU k ready to run at time at: a CPU_ON starts at its entry point; a suspended CPU wakes
 * when its PE is signalled (a powerdown state restarts at its entry point, a standby returns
 * from its CPU_SUSPEND). False when it is not to run after all (a timer that fired without
 * signalling it).
 */
static bool smp_prepare(struct sim *sim, unsigned k, uint64_t at)
{
	struct sim_smp_cpu *c = smp_cpu(sim, k);
	struct diag err = {0};

	smp_advance(sim, k, at);
	if (c->power == SIM_CPU_SUSPENDED) {
		emu_pe_update(emu_cpu_pe(c->cpu), at);
		if (!smp_signalled(sim, k))
			return false;
		c->wake_known = false;
		c->power = SIM_CPU_ON;
		if (!c->powerdown)
			return true;
	} else if (c->power != SIM_CPU_PENDING) {
		return true;
	}
	/* PSCI (DEN0022) §6.4: the CPU enters at the caller's boot EL, MMU off, DAIF masked. */
	c->power = SIM_CPU_ON;
	c->powerdown = false;
	/* Whatever ended its last slice (CPU_OFF, a powerdown) is over: it starts afresh. */
	memset(&c->cpu->stop, 0, sizeof(c->cpu->stop));
	if (!emu_cpu_set_entry(c->cpu, c->entry, c->context, &err)) {
		emu_cpu_stop(c->cpu, EMU_STOP_ERROR, EMU_STATUS_INTERNAL, "%s", err.msg);
		return true;
	}
	sim_smp_cpu_start(sim, k);
	return true;
}

/* Every CPU waits or is off and nothing can wake any of them: the run ends as a halt. */
static struct emu_cpu *smp_halt(struct sim *sim)
{
	struct emu_cpu *cpu = sim->smp.cpus[0].cpu;
	const char *why = "every CPU is off (PSCI CPU_OFF)";

	for (unsigned k = 0; k < sim->smp.count; k++) {
		const struct sim_smp_cpu *c = smp_cpu(sim, k);

		if (c->power == SIM_CPU_ON || c->power == SIM_CPU_SUSPENDED) {
			cpu = c->cpu;
			why = c->power == SIM_CPU_ON
				      ? "every CPU waits in wfi or is off, and nothing "
					"can wake one"
				      : "every CPU is suspended or off, and nothing "
					"can wake one";
			break;
		}
	}
	memset(&cpu->stop, 0, sizeof(cpu->stop));
	if (cpu->halt == EMU_HALT_FAULT)
		emu_cpu_fault(cpu, EMU_FAULT_HALT, emu_cpu_pc(cpu), "%s (--halt=fault)", why);
	else
		emu_cpu_stop(cpu, EMU_STOP_HALT, 0, "%s", why);
	return cpu;
}

/*
 * After a slice that ended at time end: each CPU that waits (in WFI or suspended) and is now
 * signalled wakes no earlier than end, the time the slice that may have signalled it ended.
 */
static void smp_note_wakes(struct sim *sim, uint64_t end)
{
	for (unsigned j = 0; j < sim->smp.count; j++) {
		struct sim_smp_cpu *c = smp_cpu(sim, j);
		bool waits =
			(c->power == SIM_CPU_ON && c->waiting) || c->power == SIM_CPU_SUSPENDED;

		if (waits && !c->wake_known && smp_signalled(sim, j)) {
			c->wake_known = true;
			c->wake_at = end;
		}
	}
}

/* Runs CPU k for one slice. True when the run goes on; false when this CPU's stop ends it. */
static bool smp_slice(struct sim *sim, unsigned k)
{
	struct sim_smp_cpu *c = smp_cpu(sim, k);
	struct emu_cpu *cpu = c->cpu;
	uint64_t now = emu_cpu_now(cpu);

	if (sim->smp.current != k)
		sim->smp.switches++;
	sim->smp.current = k;
	/* Calls from here on come from CPU k: partitions run their context of CPU k. */
	if (sim->spmc_enabled)
		spmc_set_cpu(&sim->spmc, k);
	c->waiting = false;
	c->wake_known = false;
	c->slices++;
	/* Alone, a CPU runs as a single CPU does: no quantum, no switch. */
	emu_cpu_set_deadline(cpu, smp_others_on(sim, k) ? now + sim->smp.quantum : UINT64_MAX);
	emu_cpu_run(cpu);
	switch (cpu->stop.kind) {
	case EMU_STOP_DEADLINE:
		break;
	case EMU_STOP_WAIT:
		c->waiting = true;
		break;
	default:
		return false;
	}
	if (c->off_requested) {
		c->off_requested = false;
		c->power = SIM_CPU_OFF;
	}
	c->stop_requested = false;
	smp_note_wakes(sim, emu_cpu_now(cpu));
	return true;
}

struct emu_cpu *sim_smp_run(struct sim *sim)
{
	for (;;) {
		uint64_t at;
		int k = smp_pick(sim, &at);

		if (k < 0)
			return smp_halt(sim);
		if (!smp_prepare(sim, (unsigned)k, at))
			continue;
		if (smp_cpu(sim, (unsigned)k)->cpu->stop.kind == EMU_STOP_ERROR)
			return smp_cpu(sim, (unsigned)k)->cpu;
		if (!smp_slice(sim, (unsigned)k))
			return smp_cpu(sim, (unsigned)k)->cpu;
	}
}
