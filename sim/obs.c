/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The call recorder (include/sim/obs.h). It sees a call twice at most: as a normal-world CPU
 * trapped it (a wrapper around the CPUs' dispatch hook: the call as the guest made it, with the
 * proxy in the path when one runs) and as the SPMC takes it (spmc_call_observer: calls of the
 * partitions, and the normal world's calls that reach the SPMC). A call the SPMC sees while the
 * normal world's call that led to it is open and has not reached the SPMC yet is that call; any
 * other is a call of its own, nested in the open one (a partition's call while it runs for a
 * direct request, the proxy's own call to the SPMC).
 */
#include "sim/obs.h"

#include <stdlib.h>
#include <string.h>

#include "abi/ffa.h"
#include "abi/ids.h"
#include "abi/memtext.h"
#include "abi/table.h"
#include "abi/uuid.h"
#include "sim/dispatch.h"
#include "sim/sim.h"
#include "sim/trace.h"

/* The class of an FF-A call whose handling the cycle model prices (struct emu_costs). */
static enum emu_cost_class obs_class(uint32_t fid)
{
	switch (fid) {
	case FFA_VERSION:
	case FFA_FEATURES:
	case FFA_ID_GET:
	case FFA_SPM_ID_GET:
	case FFA_RXTX_MAP_32:
	case FFA_RXTX_MAP_64:
	case FFA_RXTX_UNMAP:
	case FFA_RX_RELEASE:
	case FFA_RX_ACQUIRE:
	case FFA_PARTITION_INFO_GET:
	case FFA_PARTITION_INFO_GET_REGS_64:
	case FFA_CONSOLE_LOG_32:
	case FFA_CONSOLE_LOG_64:
		return EMU_COST_SETUP;
	case FFA_MSG_SEND_DIRECT_REQ_32:
	case FFA_MSG_SEND_DIRECT_REQ_64:
	case FFA_MSG_SEND_DIRECT_RESP_32:
	case FFA_MSG_SEND_DIRECT_RESP_64:
	case FFA_MSG_SEND_DIRECT_REQ2_64:
	case FFA_MSG_SEND_DIRECT_RESP2_64:
	case FFA_MSG_SEND2:
	case FFA_MSG_WAIT_32:
	case FFA_MSG_WAIT_64:
	case FFA_YIELD_32:
	case FFA_YIELD_64:
	case FFA_RUN_32:
	case FFA_RUN_64:
		return EMU_COST_MESSAGING;
	default:
		break;
	}
	if (ffa_fid_is_mem(fid))
		return EMU_COST_MEMORY;
	if ((fid >= FFA_NOTIFICATION_BITMAP_CREATE && fid <= FFA_NOTIFICATION_INFO_GET_32) ||
	    fid == FFA_NOTIFICATION_INFO_GET_64)
		return EMU_COST_NOTIFICATION;
	return EMU_COST_OTHER;
}

/* The normal-world CPU whose PE pays for the current call. */
static unsigned obs_cpu(const struct sim_obs *obs)
{
	const struct sim *sim = obs->sim;
	unsigned cpu = sim->spmc_enabled ? sim->spmc.cpu : sim->smp.current;

	return cpu < sim->pe_count ? cpu : 0;
}

uint64_t sim_obs_now(const struct sim_obs *obs, unsigned cpu)
{
	const struct sim *sim = obs->sim;

	/*
	 * A partition runs on the PE of the CPU it serves, so that time is in the CPU's clock
	 * already; what partitions ran on no CPU's PE (booting, before any CPU called them) is
	 * counted where they are run (partitions/binary.c) and added to every CPU's axis.
	 */
	return (cpu < sim->pe_count ? emu_pe_now(&sim->pes[cpu]) : 0) + sim->off_pe_ns;
}

static struct sim_obs_call *obs_get(struct sim_obs *obs, unsigned seq)
{
	return seq >= 1 && seq <= obs->count && obs->calls[seq - 1].seq == seq
		       ? &obs->calls[seq - 1]
		       : NULL;
}

static struct sim_obs_call *obs_top(struct sim_obs *obs)
{
	return obs->depth > 0 ? obs_get(obs, obs->stack[obs->depth - 1]) : NULL;
}

/* Charges the cycle model's cost of one event to the paying PE and to the open call. */
static void obs_charge(struct sim_obs *obs, enum sim_obs_part part, uint64_t ns)
{
	struct sim *sim = obs->sim;
	struct sim_obs_call *c = obs_top(obs);

	if (ns == 0 || sim->pe_count == 0)
		return;
	emu_pe_advance(&sim->pes[obs_cpu(obs)], ns);
	if (c != NULL)
		c->spent[part] += ns;
}

/* Who a call goes to: a direct request's receiver, FFA_RUN's target, else the SPMC. */
static uint32_t obs_callee(const struct ffa_value *args)
{
	switch (ffa_fid_strip_hint((uint32_t)args->x[0])) {
	case FFA_MSG_SEND_DIRECT_REQ_32:
	case FFA_MSG_SEND_DIRECT_REQ_64:
	case FFA_MSG_SEND_DIRECT_REQ2_64:
	case FFA_MSG_SEND_DIRECT_RESP_32:
	case FFA_MSG_SEND_DIRECT_RESP_64:
	case FFA_MSG_SEND_DIRECT_RESP2_64:
		return ffa_msg_destination(args->x[1]);
	case FFA_RUN_32:
	case FFA_RUN_64:
		return ffa_run_endpoint(args->x[1]);
	default:
		return SIM_OBS_SPMC;
	}
}

/* Opens a call; NULL when it cannot be kept (statistics still count it). */
static struct sim_obs_call *obs_open(struct sim_obs *obs, uint32_t caller,
				     const struct ffa_value *args, bool host)
{
	const struct sim_obs_call *parent = obs_top(obs);
	unsigned parent_seq = parent != NULL ? parent->seq : 0;
	struct sim_obs_call *c;

	if (obs->depth == SIM_OBS_MAX_STACK)
		return NULL;
	if (obs->count == obs->cap) {
		unsigned cap = obs->cap != 0 ? obs->cap * 2 : 256;
		struct sim_obs_call *more =
			obs->overflow ? NULL : realloc(obs->calls, cap * sizeof(*more));

		if (more == NULL) {
			obs->overflow = true;
			return NULL;
		}
		obs->calls = more;
		obs->cap = cap;
	}
	c = &obs->calls[obs->count++];
	memset(c, 0, sizeof(*c));
	c->seq = obs->count;
	c->parent = parent_seq; /* the array may have moved: parent is stale */
	c->depth = obs->depth;
	c->cpu = obs_cpu(obs);
	c->caller = caller;
	c->callee = obs_callee(args);
	c->host = host;
	c->verdict = -1;
	c->args = *args;
	c->start = sim_obs_now(obs, c->cpu);
	obs->stack[obs->depth++] = c->seq;
	return c;
}

/* The statistics of an endpoint (or the proxy), added when first seen; NULL when full. */
static struct sim_obs_ep_stat *obs_ep(struct sim_obs *obs, uint32_t id)
{
	for (unsigned i = 0; i < obs->ep_count; i++) {
		if (obs->eps[i].id == id)
			return &obs->eps[i];
	}
	if (obs->ep_count == SIM_OBS_MAX_EPS)
		return NULL;
	obs->eps[obs->ep_count].id = id;
	return &obs->eps[obs->ep_count++];
}

static void obs_count(struct sim_obs *obs, const struct sim_obs_call *c)
{
	struct sim_obs_ep_stat *e = obs_ep(obs, c->caller);
	uint32_t fid = ffa_fid_strip_hint((uint32_t)c->args.x[0]);
	unsigned i;

	if (e == NULL)
		return;
	for (i = 0; i < e->fn_count && e->fns[i].fid != fid; i++)
		;
	if (i == e->fn_count) {
		if (i == SIM_OBS_MAX_FNS)
			return;
		e->fns[e->fn_count++].fid = fid;
	}
	e->fns[i].calls++;
	e->fns[i].cycles += c->end - c->start;
}

/* What the registers say in words: versions, UUIDs, IDs, errors, handles, and the decoders'
 * lines for descriptors, bitmaps and message headers, joined by "; ". */
static void obs_detail(struct sim_obs *obs, struct sim_obs_call *c)
{
	uint32_t fid = ffa_fid_strip_hint((uint32_t)c->args.x[0]);
	const struct ffa_value *a = &c->args, *r = c->answered ? &c->answer : NULL;
	char *out = c->detail, buf[64], extras[1536];
	size_t size = sizeof(c->detail), used = 0;
	uint8_t uuid[FFA_UUID_SIZE];
	uint64_t handle;
	const char *err;

	out[0] = '\0';
	if (fid == FFA_VERSION) {
		ffa_text_append(out, size, &used, "requested %s",
				ffa_version_format((uint32_t)a->x[1], buf, sizeof(buf)));
		if (r != NULL && (int32_t)(uint32_t)r->x[0] >= 0)
			ffa_text_append(out, size, &used, "; version %s",
					ffa_version_format((uint32_t)r->x[0], buf, sizeof(buf)));
	}
	if (ffa_uuid_of_call(fid, a->x, uuid) && !ffa_uuid_is_null(uuid))
		ffa_text_append(out, size, &used, "%suuid %s", used ? "; " : "",
				ffa_uuid_format(uuid, buf, sizeof(buf)));
	if (c->callee <= 0xffffu && c->callee != c->caller && fid != FFA_RUN_32)
		ffa_text_append(out, size, &used, "%sfrom 0x%04x to 0x%04x", used ? "; " : "",
				ffa_msg_source(a->x[1]), ffa_msg_destination(a->x[1]));
	if (r != NULL && (uint32_t)r->x[0] == FFA_ERROR_32 &&
	    (err = ffa_error_name((int32_t)(uint32_t)r->x[2])) != NULL)
		ffa_text_append(out, size, &used, "%s%s", used ? "; " : "", err);
	if (ffa_mem_call_handle(a, r, &handle))
		ffa_text_append(out, size, &used, "%shandle 0x%016llx", used ? "; " : "",
				(unsigned long long)handle);
	if (c->caller > 0xffffu)
		return;
	sim_trace_extras(obs->sim, (uint16_t)c->caller, a, r, extras, sizeof(extras));
	for (const char *line = extras, *nl; (nl = strchr(line, '\n')) != NULL; line = nl + 1)
		ffa_text_append(out, size, &used, "%s%.*s", used ? "; " : "", (int)(nl - line),
				line);
}

/* Closes the innermost open call (seq) with its answer (NULL: none). */
static void obs_close(struct sim_obs *obs, unsigned seq, const struct ffa_value *answer)
{
	struct sim_obs_call *c = obs_get(obs, seq);
	uint64_t others = 0;

	if (obs->depth == 0 || obs->stack[obs->depth - 1] != seq)
		return;
	obs->depth--;
	if (c == NULL)
		return;
	c->end = sim_obs_now(obs, c->cpu);
	if (answer != NULL) {
		c->answered = true;
		c->answer = *answer;
	}
	for (unsigned p = 0; p < SIM_OBS_CALLEE; p++)
		others += c->spent[p];
	c->spent[SIM_OBS_CALLEE] = c->end - c->start > others ? c->end - c->start - others : 0;
	if (obs->record)
		obs_detail(obs, c);
	obs_count(obs, c);
}

/* The SPMC takes a call. */
static void obs_spmc_begin(void *ctx, const struct spmc_endpoint *caller,
			   const struct ffa_value *args)
{
	struct sim_obs *obs = ctx;
	const struct emu_costs *costs = &obs->sim->platform.costs;
	struct sim_obs_call *top = obs_top(obs);
	enum emu_cost_class cls = obs_class(ffa_fid_strip_hint((uint32_t)args->x[0]));

	if (!caller->secure && top != NULL && top->host && !top->reached_spmc) {
		/* The normal world's call, trapped already: it crosses into the secure world. */
		top->reached_spmc = true;
		top->callee = obs_callee(args);
	} else {
		/* A partition's call, or one the normal world makes without a CPU (a scenario
		 * step) or the proxy makes on its own. */
		uint32_t who = caller->secure                     ? caller->id
			       : obs->sim->cfg.hypervisor != NULL ? SIM_OBS_PROXY
								  : caller->id;

		obs_open(obs, who, args, false);
		if (caller->secure)
			obs_charge(obs, SIM_OBS_CALLER, costs->smc_entry);
	}
	if (!caller->secure)
		obs_charge(obs, SIM_OBS_PART_SPMC, costs->world_switch);
	obs_charge(obs, SIM_OBS_PART_SPMC, costs->spmc[cls]);
}

static void obs_spmc_end(void *ctx, const struct spmc_endpoint *caller,
			 const struct ffa_value *args, const struct ffa_value *answer)
{
	struct sim_obs *obs = ctx;
	const struct emu_costs *costs = &obs->sim->platform.costs;
	struct sim_obs_call *top = obs_top(obs);

	(void)args;
	if (!caller->secure)
		obs_charge(obs, SIM_OBS_PART_SPMC, costs->world_switch);
	if (top == NULL || (top->host && !caller->secure))
		return; /* the trapped call closes when the CPU gets its answer */
	if (caller->secure)
		obs_charge(obs, SIM_OBS_CALLER, costs->eret);
	obs_close(obs, top->seq, answer);
}

/* A normal-world CPU trapped a call: the recorder around the dispatch hook. */
static bool obs_dispatch(void *ctx, struct emu_cpu *cpu, struct emu_call *call,
			 const struct emu_call_decision *given, struct emu_dispatched *out)
{
	struct sim_obs *obs = ctx;
	const struct emu_costs *costs = &obs->sim->platform.costs;
	struct sim_obs_call *c = NULL;
	struct ffa_value answer, *keep = out->answer;
	bool ffa = ffa_fid_is_ffa(call->fid), ok;
	unsigned seq = 0;

	/* A given answer resumes a call that is open already (a partition's engine). */
	if (given != NULL)
		return obs->inner.fn(obs->inner.ctx, cpu, call, given, out);
	if (ffa && (c = obs_open(obs, FFA_ID_NS_PHYS, &call->args, true)) != NULL) {
		seq = c->seq;
		c->via_proxy = obs->proxy_cpu;
		if (obs->proxy_cpu)
			c->callee = SIM_OBS_PROXY;
	}
	obs_charge(obs, SIM_OBS_CALLER, costs->smc_entry);
	if (ffa && obs->proxy_cpu)
		obs_charge(obs, SIM_OBS_PART_PROXY, costs->proxy[obs_class(call->fid)]);
	if (out->answer == NULL)
		out->answer = &answer;
	ok = obs->inner.fn(obs->inner.ctx, cpu, call, given, out);
	if (ok)
		obs_charge(obs, SIM_OBS_CALLER, costs->eret);
	if (seq != 0)
		obs_close(obs, seq, ok ? out->answer : NULL);
	if (ok && seq != 0)
		obs->last_host = seq;
	out->answer = keep;
	return ok;
}

/* After the write-back: the checker's verdict on the host's last call. */
static void obs_checked(void *ctx, struct emu_cpu *cpu, const struct emu_call *before,
			const struct ffa_value *after, struct ffa_result_rule rule)
{
	struct sim_obs *obs = ctx;
	unsigned violations = obs->sim->violations;
	struct sim_obs_call *c = obs_get(obs, obs->last_host);

	if (obs->previous.fn != NULL)
		obs->previous.fn(obs->previous.ctx, cpu, before, after, rule);
	if (c != NULL && obs->previous.fn != NULL)
		c->verdict = (int)(obs->sim->violations - violations);
	obs->last_host = 0;
}

void sim_obs_attach(struct sim_obs *obs, struct sim *sim)
{
	obs->sim = sim;
	if (sim->spmc_enabled)
		sim->spmc.call_observer = (struct spmc_call_observer){
			.begin = obs_spmc_begin, .end = obs_spmc_end, .ctx = obs};
}

void sim_obs_attach_cpus(struct sim_obs *obs)
{
	struct sim *sim = obs->sim;

	obs->proxy_cpu = sim->hyp_enabled;
	obs->inner = sim->host.dispatch;
	for (unsigned k = 0; k < sim->smp.count; k++) {
		if (sim->smp.cpus[k].cpu != NULL)
			emu_cpu_set_dispatch(sim->smp.cpus[k].cpu,
					     (struct emu_dispatch){obs_dispatch, obs});
	}
	if (sim->smp.count == 0)
		emu_cpu_set_dispatch(&sim->host, (struct emu_dispatch){obs_dispatch, obs});
	obs->previous = sim->host.observer;
	emu_cpu_observe(&sim->host,
			(struct emu_call_observer){obs_checked, obs, obs->previous.all_regs});
}

void sim_obs_free(struct sim_obs *obs)
{
	if (obs->sim != NULL && obs->sim->spmc.call_observer.ctx == obs)
		obs->sim->spmc.call_observer = (struct spmc_call_observer){0};
	free(obs->calls);
	obs->calls = NULL;
	obs->count = obs->cap = 0;
	obs->sim = NULL;
}

const char *sim_obs_actor(const struct sim_obs *obs, uint32_t actor, char *buf, size_t size)
{
	struct sim *sim = obs->sim;
	const struct spmc_endpoint *ep;

	if (actor == SIM_OBS_SPMC)
		snprintf(buf, size, "SPMC (0x%04x)", sim->spmc_enabled ? sim->spmc.cfg.id : 0);
	else if (actor == SIM_OBS_PROXY)
		snprintf(buf, size, "pkvm");
	else if (sim->spmc_enabled &&
		 (ep = spmc_find_endpoint(&sim->spmc, (uint16_t)actor)) != NULL && ep->name[0])
		snprintf(buf, size, "%s (0x%04x)", ep->name, actor);
	else
		snprintf(buf, size, "0x%04x", actor);
	return buf;
}

const char *sim_obs_actor_id(uint32_t actor, char *buf, size_t size)
{
	if (actor == SIM_OBS_SPMC)
		snprintf(buf, size, "spmc");
	else if (actor == SIM_OBS_PROXY)
		snprintf(buf, size, "proxy");
	else
		snprintf(buf, size, "ep_%04x", actor);
	return buf;
}

bool sim_obs_is_request(const struct sim_obs_call *c)
{
	switch (ffa_fid_strip_hint((uint32_t)c->args.x[0])) {
	case FFA_MSG_SEND_DIRECT_RESP_32:
	case FFA_MSG_SEND_DIRECT_RESP_64:
	case FFA_MSG_SEND_DIRECT_RESP2_64:
		return false;
	default:
		return c->callee != c->caller;
	}
}

const char *sim_obs_verdict(const struct sim_obs_call *c)
{
	return c->verdict < 0 ? "unchecked" : c->verdict == 0 ? "ok" : "violation";
}
