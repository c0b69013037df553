/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The observability options of `ffa-sim run` and `ffa-sim replay` (docs/observability.md):
 * --trace ffa[=FILE], --trace insn[=ENDPOINT][:RANGE], --trace-json FILE, --timeline FILE.json,
 * --sequence FILE.mmd|FILE.svg and --stats[=text|json]; the files they write once the run ends.
 */
#include "obs_outputs.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* FILE ends in ext. */
static bool obs_ends_with(const char *path, const char *ext)
{
	size_t n = strlen(path), e = strlen(ext);

	return n > e && strcmp(path + n - e, ext) == 0;
}

int obs_outputs_option(struct obs_outputs *o, const char *cmd, const char *opt, const char *arg)
{
	if (strcmp(opt, "trace") == 0) {
		if (strcmp(arg, "ffa") == 0 || strncmp(arg, "ffa=", 4) == 0) {
			o->ffa_path = arg[3] == '=' ? arg + 4 : "-";
			if (*o->ffa_path == '\0')
				return usage_error(cmd, "--trace ffa=: %s",
						   "a file name is missing");
			return OBS_GO;
		}
		if (strcmp(arg, "insn") == 0 || strncmp(arg, "insn=", 5) == 0 ||
		    strncmp(arg, "insn:", 5) == 0) {
			struct diag err = {0};

			if (!sim_insn_filter_parse(arg + 4, &o->insn, &err))
				return usage_error(cmd, "--trace %s", err.msg);
			o->insn_on = true;
			return OBS_GO;
		}
		return OBS_NOT_MINE; /* `--trace FILE`: the host's call log */
	}
	if (strcmp(opt, "trace-json") == 0) {
		o->json_path = arg;
		return OBS_GO;
	}
	if (strcmp(opt, "timeline") == 0) {
		o->timeline_path = arg;
		return OBS_GO;
	}
	if (strcmp(opt, "sequence") == 0) {
		if (!obs_ends_with(arg, ".mmd") && !obs_ends_with(arg, ".svg"))
			return usage_error(
				cmd,
				"--sequence: \"%s\": the name must end in .mmd (Mermaid) "
				"or .svg",
				arg);
		o->sequence_path = arg;
		return OBS_GO;
	}
	if (strcmp(opt, "stats") == 0) {
		if (arg == NULL || strcmp(arg, "text") == 0)
			o->stats = OBS_STATS_TEXT;
		else if (strcmp(arg, "json") == 0)
			o->stats = OBS_STATS_JSON;
		else
			return usage_error(cmd, "--stats=%s: choose text or json", arg);
		return OBS_GO;
	}
	return OBS_NOT_MINE;
}

bool obs_outputs_wanted(const struct obs_outputs *o)
{
	return o->ffa_path != NULL || o->json_path != NULL || o->timeline_path != NULL ||
	       o->sequence_path != NULL || o->stats != OBS_STATS_NONE || o->keep_record;
}

struct sim_obs *obs_outputs_recorder(struct obs_outputs *o)
{
	if (!obs_outputs_wanted(o))
		return NULL;
	/* Statistics alone need no decoded arguments. */
	o->obs.record = o->ffa_path != NULL || o->json_path != NULL || o->timeline_path != NULL ||
			o->sequence_path != NULL || o->keep_record;
	return &o->obs;
}

/* sim_config.before_boot: the partitions' engines are traced before they boot. */
static void obs_before_boot(void *ctx, struct sim *sim)
{
	struct obs_outputs *o = ctx;

	sim_insn_trace_start(&o->insn_trace, sim, &o->insn, stderr);
}

void obs_outputs_configure(struct obs_outputs *o, struct sim_config *cfg)
{
	if (!o->insn_on)
		return;
	cfg->before_boot = obs_before_boot;
	cfg->before_boot_ctx = o;
}

void obs_outputs_start(struct obs_outputs *o, struct sim *sim)
{
	if (o->insn_on)
		sim_insn_trace_attach(&o->insn_trace, sim, &o->insn, stderr);
}

/* Writes one output: "-" is stderr. False (with a message) when it cannot be written. */
static bool obs_write(const struct sim_obs *obs, const char *path,
		      bool (*write)(const struct sim_obs *, FILE *))
{
	FILE *out;
	bool ok;

	if (path == NULL)
		return true;
	out = strcmp(path, "-") == 0 ? stderr : fopen(path, "w");
	ok = out != NULL && write(obs, out);
	if (out != NULL && out != stderr && fclose(out) != 0)
		ok = false;
	if (!ok)
		fprintf(stderr, "ffa-sim: %s: cannot write the file\n", path);
	return ok;
}

static bool obs_write_stats_text(const struct sim_obs *obs, FILE *out)
{
	return sim_obs_write_stats(obs, false, out);
}

static bool obs_write_stats_json(const struct sim_obs *obs, FILE *out)
{
	return sim_obs_write_stats(obs, true, out);
}

int obs_outputs_finish(struct obs_outputs *o, int status)
{
	const struct sim_obs *obs = &o->obs;
	bool ok = true;

	sim_insn_trace_detach(&o->insn_trace);
	if (obs->sim == NULL)
		return status;
	ok &= obs_write(obs, o->ffa_path, sim_obs_write_text);
	ok &= obs_write(obs, o->json_path, sim_obs_write_jsonl);
	ok &= obs_write(obs, o->timeline_path, sim_obs_write_timeline);
	if (o->sequence_path != NULL)
		ok &= obs_write(obs, o->sequence_path,
				obs_ends_with(o->sequence_path, ".svg") ? sim_obs_write_svg
									: sim_obs_write_mermaid);
	if (o->stats == OBS_STATS_TEXT)
		ok &= obs_write(obs, "-", obs_write_stats_text);
	else if (o->stats == OBS_STATS_JSON)
		ok &= obs_write(obs, "-", obs_write_stats_json);
	return ok ? status : EMU_STATUS_USAGE;
}

void obs_outputs_free(struct obs_outputs *o)
{
	sim_insn_trace_detach(&o->insn_trace);
	sim_obs_free(&o->obs);
}
