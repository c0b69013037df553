/* SPDX-License-Identifier: BSD-3-Clause */
#include "partitions/binary.h"

#include <string.h>

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

/* The most instructions one translated block holds (QEMU's TCG_MAX_INSNS, which unicorn
 * 2.0.1 keeps). */
#define BINARY_BLOCK_MAX_INSNS 512u

/* Whether the run stopped at the instruction limit of its timeslice (not --max-insns). */
static bool binary_slice_ended(const struct part_binary *b, bool sliced)
{
	return sliced && b->cpu.stop.kind == EMU_STOP_FAULT &&
	       b->cpu.stop.fault == EMU_FAULT_INSN_LIMIT;
}

/*
 * Runs the CPU until its next call or the end of its timeslice. The slice's end is an
 * instruction count (one instruction is one virtual nanosecond): the instruction limit is
 * lowered to it for the run, and a stop at that limit is a preemption, at the boundary of the
 * block that would have crossed it, which has not run. A run always makes progress: when that
 * block is its first, the limit moves to the longest block past the start, so that the block
 * runs, and the partition is preempted at the last boundary before the new limit.
 */
static enum spmc_part_status binary_run(struct part_binary *b, struct ffa_value *call)
{
	uint64_t start = emu_cpu_insns(&b->cpu);
	bool sliced = b->slice_end != 0 && b->slice_end < b->max_insns;

	b->cpu.max_insns = sliced ? b->slice_end : b->max_insns;
	emu_cpu_run(&b->cpu);
	if (binary_slice_ended(b, sliced) && emu_cpu_insns(&b->cpu) == start &&
	    start + BINARY_BLOCK_MAX_INSNS < b->max_insns) {
		memset(&b->cpu.stop, 0, sizeof(b->cpu.stop));
		b->cpu.max_insns = start + BINARY_BLOCK_MAX_INSNS;
		emu_cpu_run(&b->cpu);
	}
	b->cpu.max_insns = b->max_insns;
	if (binary_slice_ended(b, sliced)) {
		memset(&b->cpu.stop, 0, sizeof(b->cpu.stop));
		b->slice_end = 0;
		b->preemptions++;
		return SPMC_PART_PREEMPTED;
	}
	return binary_outcome(b, call);
}

static enum spmc_part_status binary_boot(void *ctx, struct ffa_value *call)
{
	struct part_binary *b = ctx;

	return binary_run(b, call);
}

static void binary_grant(void *ctx, uint64_t timeslice)
{
	struct part_binary *b = ctx;

	b->slice_end = timeslice != 0 ? emu_cpu_insns(&b->cpu) + timeslice : 0;
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

static const struct spmc_partition_ops binary_ops = {
	.boot = binary_boot,
	.resume = binary_resume,
	.grant = binary_grant,
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
	if (!emu_cpu_open(&b->cpu, &cpu_cfg, err))
		return false;
	b->open = true;
	b->max_insns = b->cpu.max_insns;
	emu_cpu_set_dispatch(&b->cpu, cfg->dispatch);
	emu_cpu_route(&b->cpu, FFA_CONDUIT_SMC, target);
	emu_cpu_route(&b->cpu, FFA_CONDUIT_HVC, target);
	return emu_cpu_set_entry(&b->cpu, cfg->entry, 0, err);
}

void part_binary_attach(struct part_binary *b, struct spmc_endpoint *ep)
{
	b->ep = ep;
	ep->ops = &binary_ops;
	ep->ops_ctx = b;
}

void part_binary_close(struct part_binary *b)
{
	if (b->open)
		emu_cpu_close(&b->cpu);
	b->open = false;
}
