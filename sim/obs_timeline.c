/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The timeline (`--timeline FILE.json`): Chrome's trace-event format (the JSON object form with
 * "traceEvents"), which ui.perfetto.dev and chrome://tracing open. Process 1 holds a track per
 * endpoint (and the proxy, and the SPMC), process 2 a track per normal-world CPU. Each call is a
 * complete event ("ph":"X") on its caller's track and on its CPU's; a call into a partition is
 * also a "run" slice on the partition's track, inside which the partition's own calls nest.
 * Timestamps are virtual nanoseconds written as microseconds, the format's unit.
 */
#include <inttypes.h>

#include "abi/ids.h"
#include "sim/obs.h"
#include "sim/sim.h"

#define TL_PID_ENDPOINTS 1
#define TL_PID_CPUS 2
#define TL_MAX_ACTORS (SIM_OBS_MAX_EPS + 2)

/* The tracks: actors in the order they first appear (the normal world first). */
struct tl_tracks {
	uint32_t ids[TL_MAX_ACTORS];
	unsigned count;
	unsigned cpus; /* CPUs 0..cpus-1 have a track */
};

static unsigned tl_track(struct tl_tracks *t, uint32_t actor)
{
	for (unsigned i = 0; i < t->count; i++) {
		if (t->ids[i] == actor)
			return i + 1;
	}
	if (t->count == TL_MAX_ACTORS)
		return TL_MAX_ACTORS;
	t->ids[t->count++] = actor;
	return t->count;
}

static void tl_ts(FILE *out, const char *key, uint64_t ns)
{
	fprintf(out, "\"%s\":%" PRIu64 ".%03u", key, ns / 1000, (unsigned)(ns % 1000));
}

/* The call's arguments as the slice shows them when selected. */
static void tl_args(const struct sim_obs *obs, const struct sim_obs_call *c, FILE *out)
{
	char buf[96];

	fprintf(out, ",\"args\":{\"seq\":%u,\"caller\":", c->seq);
	sim_obs_json_string(out, sim_obs_actor(obs, c->caller, buf, sizeof(buf)));
	fputs(",\"callee\":", out);
	sim_obs_json_string(out, sim_obs_actor(obs, c->callee, buf, sizeof(buf)));
	fprintf(out, ",\"x1\":\"0x%" PRIx64 "\",\"x2\":\"0x%" PRIx64 "\",\"x3\":\"0x%" PRIx64 "\"",
		c->args.x[1], c->args.x[2], c->args.x[3]);
	if (c->answered)
		fprintf(out, ",\"answer\":\"%s\",\"w2\":\"0x%" PRIx64 "\"",
			ffa_fid_describe((uint32_t)c->answer.x[0], buf, sizeof(buf)),
			c->answer.x[2]);
	fputs(",\"detail\":", out);
	sim_obs_json_string(out, c->detail);
	fprintf(out,
		",\"start_ns\":%" PRIu64 ",\"end_ns\":%" PRIu64 ",\"caller_ns\":%" PRIu64
		",\"proxy_ns\":%" PRIu64 ",\"spmc_ns\":%" PRIu64 ",\"callee_ns\":%" PRIu64
		",\"verdict\":\"%s\"}",
		c->start, c->end, c->spent[SIM_OBS_CALLER], c->spent[SIM_OBS_PART_PROXY],
		c->spent[SIM_OBS_PART_SPMC], c->spent[SIM_OBS_CALLEE], sim_obs_verdict(c));
}

static void tl_slice(FILE *out, const char *name, const char *cat, unsigned pid, unsigned tid,
		     const struct sim_obs_call *c)
{
	fprintf(out, ",\n{\"name\":");
	sim_obs_json_string(out, name);
	fprintf(out, ",\"cat\":\"%s\",\"ph\":\"X\",\"pid\":%u,\"tid\":%u,", cat, pid, tid);
	tl_ts(out, "ts", c->start);
	fputc(',', out);
	tl_ts(out, "dur", c->end - c->start);
}

static void tl_name(FILE *out, const char *what, unsigned pid, unsigned tid, const char *name,
		    bool first)
{
	fprintf(out, "%s{\"name\":\"%s\",\"ph\":\"M\",\"pid\":%u,\"tid\":%u,\"args\":{\"name\":",
		first ? "" : ",\n", what, pid, tid);
	sim_obs_json_string(out, name);
	fputs("}}", out);
}

bool sim_obs_write_timeline(const struct sim_obs *obs, FILE *out)
{
	struct tl_tracks t = {0};
	char name[96], fn[48];

	tl_track(&t, FFA_ID_NS_PHYS);
	for (unsigned i = 0; i < obs->count; i++) {
		tl_track(&t, obs->calls[i].caller);
		tl_track(&t, obs->calls[i].callee);
		if (obs->calls[i].cpu + 1 > t.cpus)
			t.cpus = obs->calls[i].cpu + 1;
	}
	fputs("{\"displayTimeUnit\":\"ns\",\"otherData\":{\"generator\":\"ffa-sim\",\"clock\":"
	      "\"virtual ns\"},\n\"traceEvents\":[\n",
	      out);
	tl_name(out, "process_name", TL_PID_ENDPOINTS, 0, "FF-A endpoints", true);
	tl_name(out, "process_name", TL_PID_CPUS, 0, "CPUs", false);
	for (unsigned i = 0; i < t.count; i++) {
		tl_name(out, "thread_name", TL_PID_ENDPOINTS, i + 1,
			sim_obs_actor(obs, t.ids[i], name, sizeof(name)), false);
		fprintf(out,
			",\n{\"name\":\"thread_sort_index\",\"ph\":\"M\",\"pid\":%u,\"tid\":%u,"
			"\"args\":{\"sort_index\":%u}}",
			TL_PID_ENDPOINTS, i + 1, i);
	}
	for (unsigned k = 0; k < t.cpus; k++) {
		snprintf(name, sizeof(name), "cpu%u", k);
		tl_name(out, "thread_name", TL_PID_CPUS, k + 1, name, false);
	}
	for (unsigned i = 0; i < obs->count; i++) {
		const struct sim_obs_call *c = &obs->calls[i];

		ffa_fid_describe(ffa_fid_strip_hint((uint32_t)c->args.x[0]), fn, sizeof(fn));
		tl_slice(out, fn, "call", TL_PID_ENDPOINTS, tl_track(&t, c->caller), c);
		tl_args(obs, c, out);
		fputc('}', out);
		tl_slice(out, fn, "call", TL_PID_CPUS, c->cpu + 1, c);
		fprintf(out, ",\"args\":{\"seq\":%u}}", c->seq);
		/* The partition (or the proxy, or the SPMC) that ran for the call. */
		if (sim_obs_is_request(c)) {
			snprintf(name, sizeof(name), "%s for %s",
				 c->callee <= 0xffffu ? "run" : "handle",
				 sim_obs_actor(obs, c->caller, fn, sizeof(fn)));
			tl_slice(out, name, "run", TL_PID_ENDPOINTS, tl_track(&t, c->callee), c);
			fprintf(out, ",\"args\":{\"seq\":%u}}", c->seq);
		}
	}
	fputs("\n]}\n", out);
	return fflush(out) == 0 && !ferror(out);
}
