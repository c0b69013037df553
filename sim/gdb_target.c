/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The GDB stub's view of the system (sim/gdb_internal.h): one thread per engine, the hooks that
 * breakpoints, watchpoints and steps need (installed only while they exist), the poll that
 * notices Ctrl-C and a connecting client, the calls `monitor break-on` stops at, and how the
 * system stops and comes back. Every engine runs nested in the simulation's one thread (a
 * partition's engine inside the trap of the CPU it serves), so serving the client from inside
 * a hook stops everything, and returning from the hook resumes exactly there.
 */
#include <stdlib.h>
#include <string.h>

#include "emu/debug.h"
#include "sim/gdb_internal.h"
#include "sim/sim.h"

struct gdb_thread *gdb_thread_of(struct sim_gdb *gdb, const struct emu_cpu *cpu)
{
	for (unsigned i = 0; i < gdb->thread_count; i++)
		if (gdb->threads[i].cpu == cpu)
			return &gdb->threads[i];
	return NULL;
}

static unsigned target_index(const struct sim_gdb *gdb, const struct gdb_thread *t)
{
	return (unsigned)(t - gdb->threads);
}

/* Brings one engine's hooks to what the client asked for. True when they changed. */
static bool target_hook_thread(struct sim_gdb *gdb, struct gdb_thread *t, uint64_t *break_at,
			       struct gdb_watch *watched)
{
	bool want_step = gdb->stepping || gdb->watch_count > 0, changed = false;

	if (want_step != t->step.on) {
		if (want_step)
			emu_debug_hook_code(t->cpu, &t->step, 1, 0);
		else
			emu_debug_unhook(&t->step);
		changed = true;
	}
	for (unsigned i = 0; i < GDB_MAX_BREAKS; i++) {
		const struct gdb_break *b = &gdb->breaks[i];

		if (t->breaks[i].on && (!b->used || break_at[i] != b->addr)) {
			emu_debug_unhook(&t->breaks[i]);
			changed = true;
		}
		if (b->used && !t->breaks[i].on) {
			emu_debug_hook_code(t->cpu, &t->breaks[i], b->addr, b->addr);
			changed = true;
		}
	}
	for (unsigned i = 0; i < GDB_MAX_WATCHES; i++) {
		const struct gdb_watch *w = &gdb->watches[i];

		if (t->watches[i].on && (!w->used || watched[i].addr != w->addr ||
					 watched[i].len != w->len || watched[i].type != w->type)) {
			emu_debug_unhook(&t->watches[i]);
			changed = true;
		}
		if (w->used && !t->watches[i].on) {
			emu_debug_hook_mem(t->cpu, &t->watches[i], w->addr, w->addr + w->len - 1,
					   w->type != 2, w->type != 3);
			changed = true;
		}
	}
	return changed;
}

/*
 * After the client resumed: hooks as it asked, translations dropped where they changed (at
 * once for an engine not executing a block, at its restart for the one stopped inside one).
 * True when the stopped engine must leave and start again.
 */
static bool target_apply(struct sim_gdb *gdb, const struct gdb_stop *st)
{
	bool restart = false;

	if (!gdb->hooks_dirty)
		return false;
	gdb->hooks_dirty = false;
	for (unsigned k = 0; k < gdb->thread_count; k++) {
		struct gdb_thread *t = &gdb->threads[k];
		bool inside =
			st->where != GDB_AT_START && st->where != GDB_AT_CALL && st->thread == k;

		if (!target_hook_thread(gdb, t, gdb->hooked_breaks[k], gdb->hooked_watches[k]) &&
		    !t->cpu->debug_flush)
			continue;
		emu_debug_flush(t->cpu, !inside);
		if (inside && st->where != GDB_AT_MEM)
			restart = true;
	}
	/* What each engine's hooks now cover. */
	for (unsigned k = 0; k < gdb->thread_count; k++) {
		for (unsigned i = 0; i < GDB_MAX_BREAKS; i++)
			gdb->hooked_breaks[k][i] = gdb->breaks[i].addr;
		memcpy(gdb->hooked_watches[k], gdb->watches, sizeof(gdb->watches));
	}
	return restart;
}

bool gdb_stop_here(struct sim_gdb *gdb, const struct gdb_stop *st)
{
	bool restart;

	if (gdb->fd < 0 || gdb->killed || gdb->stopped)
		return false;
	gdb->stop = *st;
	gdb->g_thread = gdb->c_thread = st->thread;
	gdb->stopped = true;
	gdb->stepping = false;
	if (st->reason == GDB_REASON_BREAK_ON) {
		char text[160];
		const struct ffa_func *f = ffa_func_find_any_form(gdb->break_on);

		snprintf(text, sizeof(text), "ffa-sim: break-on %s: %s makes the call\n",
			 f != NULL ? f->name : "?", gdb->threads[st->thread].name);
		gdb_console(gdb, text);
	}
	if (st->reason != GDB_REASON_ATTACH) {
		char buf[96];

		gdb_stop_reply_text(gdb, buf, sizeof(buf));
		gdb_send_str(gdb, buf);
	}
	gdb_serve(gdb);
	gdb->stopped = false;
	if (gdb->killed)
		return false;
	restart = target_apply(gdb, st);
	gdb->skip = st->where == GDB_AT_CODE || st->where == GDB_AT_BLOCK;
	gdb->skip_cpu = gdb->threads[st->thread].cpu;
	gdb->skip_pc = st->pc;
	gdb->skip_index = st->index;
	return restart;
}

static void target_code(void *ctx, struct emu_cpu *cpu, uint64_t pc)
{
	struct gdb_thread *t = ctx;
	struct sim_gdb *gdb = t->gdb;
	uint64_t index = emu_debug_insn_index(cpu, pc);
	struct gdb_stop st = {.where = GDB_AT_CODE, .pc = pc, .index = index};

	if (gdb->stopped || gdb->killed)
		return;
	if (gdb->skip && gdb->skip_cpu == cpu) {
		/* The instruction the system stopped before runs now, unreported. */
		if (gdb->skip_pc == pc && gdb->skip_index == index)
			return;
		gdb->skip = false;
	}
	st.thread = target_index(gdb, t);
	if (gdb->stepping && emu_cpu_pe(cpu) == gdb->step_pe) {
		st.reason = GDB_REASON_STEP;
	} else {
		unsigned i;

		for (i = 0; i < GDB_MAX_BREAKS; i++)
			if (gdb->breaks[i].used && gdb->breaks[i].addr == pc)
				break;
		if (i == GDB_MAX_BREAKS)
			return;
		st.reason = gdb->breaks[i].hw ? GDB_REASON_HWBREAK : GDB_REASON_SWBREAK;
	}
	if (gdb_stop_here(gdb, &st))
		emu_debug_restart(cpu, pc, true);
}

static void target_mem(void *ctx, struct emu_cpu *cpu, bool write, uint64_t addr, unsigned size)
{
	struct gdb_thread *t = ctx;
	struct sim_gdb *gdb = t->gdb;

	if (gdb->stopped || gdb->killed)
		return;
	for (unsigned i = 0; i < GDB_MAX_WATCHES; i++) {
		const struct gdb_watch *w = &gdb->watches[i];
		struct gdb_stop st = {.where = GDB_AT_MEM, .reason = GDB_REASON_WATCH};

		if (!w->used || addr + size <= w->addr || addr >= w->addr + w->len ||
		    (w->type == 2 && !write) || (w->type == 3 && write))
			continue;
		/* Before the access, as an AArch64 watchpoint exception is taken (Arm ARM
		 * D2.10): gdb steps over it and compares the values itself. */
		st.thread = target_index(gdb, t);
		st.pc = emu_cpu_pc(cpu);
		st.watch_type = w->type;
		st.watch_addr = addr > w->addr ? addr : w->addr;
		gdb_stop_here(gdb, &st);
		return;
	}
}

static bool target_poll(void *ctx, struct emu_cpu *cpu, uint64_t pc)
{
	struct gdb_thread *t = ctx;
	struct sim_gdb *gdb = t->gdb;
	struct gdb_stop st = {.where = GDB_AT_BLOCK, .pc = pc, .index = cpu->insns};
	bool attach;

	if (gdb->killed) {
		emu_debug_end(cpu, SIM_GDB_STATUS_KILLED, "killed by the debugger");
		return false;
	}
	if (gdb->stopped || !gdb_poll_socket(gdb, &attach))
		return false;
	st.reason = attach ? GDB_REASON_ATTACH : GDB_REASON_INTERRUPT;
	st.thread = target_index(gdb, t);
	if (!gdb_stop_here(gdb, &st))
		return false;
	emu_debug_restart(cpu, pc, false);
	return true;
}

bool gdb_break_on_matches(const struct sim_gdb *gdb, uint32_t fid)
{
	const uint32_t smc64 = UINT32_C(1) << 30;

	return gdb->break_on != 0 && (ffa_fid_strip_hint(fid) & ~smc64) == (gdb->break_on & ~smc64);
}

/* A normal-world CPU's call: break-on stops with the call trapped, before it is handled. */
static bool target_dispatch(void *ctx, struct emu_cpu *cpu, struct emu_call *call,
			    const struct emu_call_decision *given, struct emu_dispatched *out)
{
	struct sim_gdb *gdb = ctx;
	struct gdb_thread *t;

	if (given == NULL && !gdb->stopped && gdb_break_on_matches(gdb, call->fid) &&
	    (t = gdb_thread_of(gdb, cpu)) != NULL) {
		struct gdb_stop st = {.where = GDB_AT_CALL,
				      .reason = GDB_REASON_BREAK_ON,
				      .thread = target_index(gdb, t),
				      .pc = emu_cpu_pc(cpu)};

		gdb_stop_here(gdb, &st);
	}
	if (gdb->killed)
		return false;
	return gdb->inner.fn(gdb->inner.ctx, cpu, call, given, out);
}

/* A partition's call, its engine stopped on it: break-on stops before the SPMC handles it. */
static void target_spmc_begin(void *ctx, const struct spmc_endpoint *caller,
			      const struct ffa_value *args)
{
	struct sim_gdb *gdb = ctx;
	struct gdb_thread *found = NULL;

	if (gdb->previous.begin != NULL)
		gdb->previous.begin(gdb->previous.ctx, caller, args);
	if (!caller->secure || gdb->stopped || !gdb_break_on_matches(gdb, (uint32_t)args->x[0]))
		return;
	for (unsigned i = 0; i < gdb->thread_count; i++) {
		struct gdb_thread *t = &gdb->threads[i];

		if (t->ep_id == caller->id && t->cpu->stop.kind == EMU_STOP_CALL &&
		    (found == NULL || t->cpu->trap_call.fid == (uint32_t)args->x[0]))
			found = t;
	}
	if (found != NULL) {
		struct gdb_stop st = {.where = GDB_AT_CALL,
				      .reason = GDB_REASON_BREAK_ON,
				      .thread = target_index(gdb, found),
				      .pc = emu_cpu_pc(found->cpu)};

		gdb_stop_here(gdb, &st);
	}
}

static void target_spmc_end(void *ctx, const struct spmc_endpoint *caller,
			    const struct ffa_value *args, const struct ffa_value *answer)
{
	struct sim_gdb *gdb = ctx;

	if (gdb->previous.end != NULL)
		gdb->previous.end(gdb->previous.ctx, caller, args, answer);
}

static void target_add(struct sim_gdb *gdb, struct emu_cpu *cpu, uint16_t ep, unsigned n)
{
	struct gdb_thread *t = &gdb->threads[gdb->thread_count++];

	t->gdb = gdb;
	t->cpu = cpu;
	t->ep_id = ep;
	if (ep == 0)
		snprintf(t->name, sizeof(t->name), "normal world CPU %u", n);
	else
		snprintf(t->name, sizeof(t->name), "partition 0x%04x (ctx %u)", ep, n);
	t->step = (struct emu_debug_hook){.code = target_code, .ctx = t};
	for (unsigned i = 0; i < GDB_MAX_BREAKS; i++)
		t->breaks[i] = (struct emu_debug_hook){.code = target_code, .ctx = t};
	for (unsigned i = 0; i < GDB_MAX_WATCHES; i++)
		t->watches[i] = (struct emu_debug_hook){.mem = target_mem, .ctx = t};
	emu_cpu_set_debug_poll(cpu, (struct emu_debug_poll){target_poll, t, GDB_POLL_INTERVAL});
}

bool gdb_threads_open(struct sim_gdb *gdb)
{
	struct sim *sim = gdb->sim;
	unsigned max = sim->smp.count + 1;

	for (unsigned i = 0; i < sim->part_count; i++)
		max += 1 + sim->parts[i].ctx_bin_count;
	gdb->threads = calloc(max, sizeof(*gdb->threads));
	gdb->hooked_breaks = calloc(max, sizeof(*gdb->hooked_breaks));
	gdb->hooked_watches = calloc(max, sizeof(*gdb->hooked_watches));
	if (gdb->threads == NULL || gdb->hooked_breaks == NULL || gdb->hooked_watches == NULL)
		return false;
	/* Built-in partition models run no guest code: they are not threads. */
	if (sim->smp.count == 0)
		target_add(gdb, &sim->host, 0, 0);
	for (unsigned k = 0; k < sim->smp.count; k++)
		if (sim->smp.cpus[k].cpu != NULL)
			target_add(gdb, sim->smp.cpus[k].cpu, 0, k);
	for (unsigned i = 0; i < sim->part_count; i++) {
		struct sim_partition *p = &sim->parts[i];

		if (p->binary && p->bin.open)
			target_add(gdb, &p->bin.cpu, p->ep->id, p->bin.vcpu);
		for (unsigned k = 0; k < p->ctx_bin_count; k++)
			if (p->ctx_bins[k].open)
				target_add(gdb, &p->ctx_bins[k].cpu, p->ep->id,
					   p->ctx_bins[k].vcpu);
	}
	gdb->inner = sim->host.dispatch;
	for (unsigned k = 0; k < gdb->thread_count; k++)
		if (gdb->threads[k].ep_id == 0)
			emu_cpu_set_dispatch(gdb->threads[k].cpu,
					     (struct emu_dispatch){target_dispatch, gdb});
	if (sim->spmc_enabled) {
		gdb->previous = sim->spmc.call_observer;
		sim->spmc.call_observer = (struct spmc_call_observer){
			.begin = target_spmc_begin, .end = target_spmc_end, .ctx = gdb};
	}
	return true;
}

void gdb_threads_close(struct sim_gdb *gdb)
{
	struct sim *sim = gdb->sim;

	for (unsigned k = 0; k < gdb->thread_count; k++) {
		struct gdb_thread *t = &gdb->threads[k];

		emu_debug_unhook(&t->step);
		for (unsigned i = 0; i < GDB_MAX_BREAKS; i++)
			emu_debug_unhook(&t->breaks[i]);
		for (unsigned i = 0; i < GDB_MAX_WATCHES; i++)
			emu_debug_unhook(&t->watches[i]);
		emu_cpu_set_debug_poll(t->cpu, (struct emu_debug_poll){0});
		if (t->ep_id == 0 && gdb->inner.fn != NULL)
			emu_cpu_set_dispatch(t->cpu, gdb->inner);
	}
	if (sim != NULL && sim->spmc_enabled && sim->spmc.call_observer.ctx == gdb)
		sim->spmc.call_observer = gdb->previous;
	free(gdb->threads);
	free(gdb->hooked_breaks);
	free(gdb->hooked_watches);
	gdb->threads = NULL;
	gdb->thread_count = 0;
}

void gdb_kill(struct sim_gdb *gdb)
{
	gdb->killed = true;
	gdb->resume = true;
	for (unsigned k = 0; k < gdb->thread_count; k++) {
		struct emu_cpu *cpu = gdb->threads[k].cpu;

		if (cpu->running)
			emu_debug_end(cpu, SIM_GDB_STATUS_KILLED, "killed by the debugger");
		/* An engine that runs later stops at its first block boundary. */
		emu_cpu_set_debug_poll(
			cpu, (struct emu_debug_poll){cpu->debug_poll.fn, cpu->debug_poll.ctx, 0});
	}
	if (gdb->fd >= 0)
		gdb_drop_client(gdb);
}
