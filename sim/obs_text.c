/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The FF-A trace as text and as JSON Lines, and the statistics per endpoint
 * (docs/observability.md has the formats and the JSON field table).
 */
#include <inttypes.h>
#include <string.h>

#include "abi/ffa.h"
#include "abi/ids.h"
#include "sim/obs.h"
#include "sim/sim.h"

static const char *const obs_part_names[SIM_OBS_PARTS] = {"caller", "proxy", "spmc", "callee"};

/* The registers a call or an answer uses: x0-x7, or x0-x17 for the FF-A v1.2 64-bit calls
 * that carry a payload there (DIRECT_REQ2/RESP2, PARTITION_INFO_GET_REGS). */
static unsigned obs_reg_count(const struct ffa_value *v)
{
	uint32_t fid = ffa_fid_strip_hint((uint32_t)v->x[0]);

	return fid == FFA_MSG_SEND_DIRECT_REQ2_64 || fid == FFA_MSG_SEND_DIRECT_RESP2_64 ||
			       fid == FFA_PARTITION_INFO_GET_REGS_64
		       ? FFA_REG_COUNT
		       : 8;
}

/* " x1=0x.. x2=.. x3=.. x4=.." and any later register that is not zero. */
static void obs_text_regs(FILE *out, const struct ffa_value *v, unsigned always)
{
	unsigned n = obs_reg_count(v);

	for (unsigned i = 1; i < n; i++) {
		if (i <= always || v->x[i] != 0)
			fprintf(out, " x%u=0x%" PRIx64, i, v->x[i]);
	}
}

static void obs_text_call(const struct sim_obs *obs, const struct sim_obs_call *c, FILE *out)
{
	char a[96], b[96], name[48];

	fprintf(out, "%10" PRIu64 " %10" PRIu64 " cpu%u %*s%s -> ", c->start, c->end, c->cpu,
		(int)(2 * c->depth), "", sim_obs_actor(obs, c->caller, a, sizeof(a)));
	if (c->via_proxy && c->callee != SIM_OBS_PROXY)
		fprintf(out, "pkvm -> ");
	fprintf(out, "%s: %s", sim_obs_actor(obs, c->callee, b, sizeof(b)),
		ffa_fid_describe(ffa_fid_strip_hint((uint32_t)c->args.x[0]), name, sizeof(name)));
	obs_text_regs(out, &c->args, 4);
	if (c->answered) {
		fprintf(out, " => %s",
			ffa_fid_describe((uint32_t)c->answer.x[0], name, sizeof(name)));
		obs_text_regs(out, &c->answer, 3);
	} else {
		fprintf(out, " => (no answer)");
	}
	if (c->detail[0] != '\0')
		fprintf(out, " | %s", c->detail);
	fprintf(out,
		" | caller %" PRIu64 " proxy %" PRIu64 " spmc %" PRIu64 " callee %" PRIu64
		" | %s\n",
		c->spent[SIM_OBS_CALLER], c->spent[SIM_OBS_PART_PROXY], c->spent[SIM_OBS_PART_SPMC],
		c->spent[SIM_OBS_CALLEE], sim_obs_verdict(c));
}

bool sim_obs_write_text(const struct sim_obs *obs, FILE *out)
{
	fprintf(out, "# ffa-sim FF-A trace: start end cpu caller -> callee: function registers "
		     "=> answer | decoded | time per component | verdict\n");
	for (unsigned i = 0; i < obs->count; i++)
		obs_text_call(obs, &obs->calls[i], out);
	if (obs->overflow)
		fprintf(out, "# out of memory: later calls are missing\n");
	return fflush(out) == 0 && !ferror(out);
}

void sim_obs_json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			fprintf(out, "\\%c", ch);
		else if (ch == '\n')
			fputs("\\n", out);
		else if (ch < 0x20 || ch >= 0x7f)
			fprintf(out, "\\u%04x", ch);
		else
			fputc(ch, out);
	}
	fputc('"', out);
}

static void obs_json_regs(FILE *out, const struct ffa_value *v)
{
	unsigned n = obs_reg_count(v);

	fputc('[', out);
	for (unsigned i = 0; i < n; i++)
		fprintf(out, "%s\"0x%" PRIx64 "\"", i ? "," : "", v->x[i]);
	fputc(']', out);
}

/* "caller": 0 or "spmc"/"proxy", with "caller_name". */
static void obs_json_actor(const struct sim_obs *obs, FILE *out, const char *key, uint32_t actor)
{
	char buf[96];

	if (actor <= 0xffffu)
		fprintf(out, "\"%s\":%u,", key, actor);
	else
		fprintf(out, "\"%s\":\"%s\",", key, sim_obs_actor_id(actor, buf, sizeof(buf)));
	fprintf(out, "\"%s_name\":", key);
	sim_obs_json_string(out, sim_obs_actor(obs, actor, buf, sizeof(buf)));
	fputc(',', out);
}

bool sim_obs_write_jsonl(const struct sim_obs *obs, FILE *out)
{
	char name[48];

	for (unsigned i = 0; i < obs->count; i++) {
		const struct sim_obs_call *c = &obs->calls[i];
		uint32_t fid = ffa_fid_strip_hint((uint32_t)c->args.x[0]);
		const char *err = NULL;

		fprintf(out, "{\"seq\":%u,\"parent\":%u,\"depth\":%u,\"cpu\":%u,", c->seq,
			c->parent, c->depth, c->cpu);
		fprintf(out, "\"start\":%" PRIu64 ",\"end\":%" PRIu64 ",", c->start, c->end);
		obs_json_actor(obs, out, "caller", c->caller);
		obs_json_actor(obs, out, "callee", c->callee);
		fprintf(out, "\"via_proxy\":%s,\"function\":\"%s\",\"fid\":\"0x%08" PRIx32 "\",",
			c->via_proxy ? "true" : "false", ffa_fid_describe(fid, name, sizeof(name)),
			fid);
		fputs("\"args\":", out);
		obs_json_regs(out, &c->args);
		fputs(",\"answer\":", out);
		if (c->answered)
			obs_json_regs(out, &c->answer);
		else
			fputs("null", out);
		if (c->answered && (uint32_t)c->answer.x[0] == FFA_ERROR_32)
			err = ffa_error_name((int32_t)(uint32_t)c->answer.x[2]);
		fputs(",\"error\":", out);
		if (err != NULL)
			sim_obs_json_string(out, err);
		else
			fputs("null", out);
		fputs(",\"detail\":", out);
		sim_obs_json_string(out, c->detail);
		fputs(",\"spent\":{", out);
		for (unsigned p = 0; p < SIM_OBS_PARTS; p++)
			fprintf(out, "%s\"%s\":%" PRIu64, p ? "," : "", obs_part_names[p],
				c->spent[p]);
		fprintf(out, "},\"verdict\":\"%s\",\"violations\":%d}\n", sim_obs_verdict(c),
			c->verdict < 0 ? 0 : c->verdict);
	}
	return fflush(out) == 0 && !ferror(out);
}

/*
 * An endpoint's instructions and cycles: the normal world's CPUs together, their clocks (which
 * hold the time of the partitions that ran on them for it, the waits and the cycle model's
 * costs); a partition binary's engine, one cycle an instruction (it runs on the PE of the CPU
 * it serves, whose clock its time goes to); 0 for a built-in model, which runs no
 * instructions.
 */
static void obs_ep_counts(const struct sim *sim, uint32_t id, uint64_t *insns, uint64_t *cycles)
{
	*insns = *cycles = 0;
	if (id == FFA_ID_NS_PHYS) {
		for (unsigned k = 0; k < sim->smp.count; k++) {
			if (sim->smp.cpus[k].cpu != NULL) {
				*insns += emu_cpu_insns(sim->smp.cpus[k].cpu);
				*cycles += emu_cpu_now(sim->smp.cpus[k].cpu);
			}
		}
		return;
	}
	for (unsigned i = 0; i < sim->part_count; i++) {
		const struct sim_partition *p = &sim->parts[i];

		if (p->binary && p->bin.open && p->ep != NULL && p->ep->id == id) {
			*insns = emu_cpu_insns(&p->bin.cpu);
			*cycles = *insns;
		}
	}
}

static const struct sim_obs_ep_stat *obs_stat_of(const struct sim_obs *obs, uint32_t id)
{
	for (unsigned i = 0; i < obs->ep_count; i++) {
		if (obs->eps[i].id == id)
			return &obs->eps[i];
	}
	return NULL;
}

/* One endpoint's statistics. */
static void obs_stats_one(const struct sim_obs *obs, uint32_t id, bool json, bool first, FILE *out)
{
	const struct sim_obs_ep_stat *e = obs_stat_of(obs, id);
	char who[96], name[48];
	uint64_t insns, cycles, calls = 0;

	obs_ep_counts(obs->sim, id, &insns, &cycles);
	for (unsigned f = 0; e != NULL && f < e->fn_count; f++)
		calls += e->fns[f].calls;
	sim_obs_actor(obs, id, who, sizeof(who));
	if (json) {
		fprintf(out, "%s{", first ? "" : ",");
		obs_json_actor(obs, out, "endpoint", id);
		fprintf(out,
			"\"instructions\":%" PRIu64 ",\"cycles\":%" PRIu64 ",\"ffa_calls\":%" PRIu64
			",\"functions\":[",
			insns, cycles, calls);
	} else {
		fprintf(out,
			"ffa-sim: stats: endpoint %s: instructions %" PRIu64 ", cycles %" PRIu64
			", FF-A calls %" PRIu64 "\n",
			who, insns, cycles, calls);
	}
	for (unsigned f = 0; e != NULL && f < e->fn_count; f++) {
		const struct sim_obs_fn_stat *s = &e->fns[f];

		ffa_fid_describe(s->fid, name, sizeof(name));
		if (json)
			fprintf(out,
				"%s{\"function\":\"%s\",\"fid\":\"0x%08" PRIx32
				"\",\"calls\":%" PRIu64 ",\"cycles\":%" PRIu64 "}",
				f ? "," : "", name, s->fid, s->calls, s->cycles);
		else
			fprintf(out,
				"ffa-sim: stats:   %s: %" PRIu64 " call%s, %" PRIu64 " cycles\n",
				name, s->calls, s->calls == 1 ? "" : "s", s->cycles);
	}
	if (json)
		fputs("]}", out);
}

bool sim_obs_write_stats(const struct sim_obs *obs, bool json, FILE *out)
{
	const struct sim *sim = obs->sim;
	bool first = true;

	if (json)
		fputs("{\"endpoints\":[", out);
	/* The SPMC's endpoints in the order they were added, then the proxy when it called. */
	for (unsigned i = 0; sim->spmc_enabled && i < sim->spmc.endpoint_count; i++) {
		obs_stats_one(obs, sim->spmc.endpoints[i].id, json, first, out);
		first = false;
	}
	if (!sim->spmc_enabled) {
		obs_stats_one(obs, FFA_ID_NS_PHYS, json, first, out);
		first = false;
	}
	if (obs_stat_of(obs, SIM_OBS_PROXY) != NULL)
		obs_stats_one(obs, SIM_OBS_PROXY, json, first, out);
	if (json)
		fputs("]}\n", out);
	return fflush(out) == 0 && !ferror(out);
}
