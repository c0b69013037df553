/* SPDX-License-Identifier: BSD-3-Clause */
/* The scenario commands of ffa-sim: `replay` (TAP/JUnit, shards) and `matrix`. */
#include <dirent.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "obs_outputs.h"
#include "common/datadir.h"
#include "scenarios/matrix.h"

const char cli_usage_replay[] =
	"usage: ffa-sim replay [--junit FILE] [--shard K/N] [--list] [--set KEY=VALUE]...\n"
	"                      [--corpus NAME]... [SCENARIO]...\n"
	"\n"
	"Replays FF-A scenarios (docs/scenarios.md) deterministically, without a guest, and\n"
	"writes TAP to stdout: one test point per step, a failure's call with expected and actual\n"
	"registers side by side. Exit status 0 when every step passed, 1 when one failed, 2 for\n"
	"an input error (nothing runs then).\n"
	"\n"
	"Options:\n"
	"  --junit FILE      also write JUnit XML to FILE\n"
	"  --shard K/N       replay only the K-th of N shares of the files (CI jobs); shares\n"
	"                    are balanced by step count, the same split in every job\n"
	"  --list            print how the files split (shard, steps, file) and run nothing\n"
	"  --corpus NAME     add every scenario of a shipped corpus (regressions, conformance,\n"
	"                    examples: DATADIR/scenarios/NAME; repeatable)\n"
	"  --set KEY=VALUE   an override applied after each scenario's own (repeatable)\n"
	"  --trace ffa[=FILE], --trace-json FILE, --timeline FILE.json,\n"
	"  --sequence FILE.mmd|FILE.svg, --stats[=text|json]\n"
	"                    the FF-A trace, timeline, sequence diagram or statistics of the\n"
	"                    steps' calls, as `ffa-sim run` writes them (one SCENARIO only)\n"
	"  -h, --help        this help\n";

const char cli_usage_matrix[] =
	"usage: ffa-sim matrix SCENARIO --vary KEY=V1,V2,... [--vary ...] [--set KEY=VALUE]...\n"
	"                      [--format text|markdown|csv]\n"
	"\n"
	"Runs the scenario under every combination of the --vary values (keys as for --set:\n"
	"spmc.personality, spmc.version, hypervisor.profile, hypervisor.settings.SWITCH, ...) and\n"
	"prints a table: one row per step, one column per combination, each cell pass or what\n"
	"failed. Exit status 0 when the table was printed (failed steps are outcomes), 2 for\n"
	"usage and input errors.\n";

/* Scenario options with the command line's overrides and what the binary carries. */
void builtins_scn_options(const struct builtins *b, const char *const *sets, unsigned set_count,
			  struct scn_options *scn)
{
	scn->sets = sets;
	scn->set_count = set_count;
	scn->builtin_images = b->images;
	scn->builtin_image_count = BUILTIN_IMAGE_COUNT;
	scn->builtin_systems = b->systems;
	scn->builtin_system_count = BUILTIN_SYSTEM_COUNT;
}

/* A growing list of scenario paths: the command line's, then each --corpus's files. */
struct replay_files {
	char **paths;
	unsigned count;
	unsigned cap;
};

static bool replay_files_add(struct replay_files *f, const char *path)
{
	if (f->count == f->cap) {
		unsigned cap = f->cap ? f->cap * 2 : 64;
		char **p = realloc(f->paths, cap * sizeof(*p));

		if (p == NULL)
			return false;
		f->paths = p;
		f->cap = cap;
	}
	f->paths[f->count] = strdup(path);
	return f->paths[f->count++] != NULL;
}

static void replay_files_free(struct replay_files *f)
{
	for (unsigned i = 0; i < f->count; i++)
		free(f->paths[i]);
	free(f->paths);
}

static int replay_name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the .yaml files of a shipped corpus, sorted by name. */
static int replay_add_corpus(struct replay_files *f, const char *name)
{
	char dir[PATH_MAX], path[PATH_MAX + 256], names[256];
	unsigned first = f->count;
	struct dirent *e;
	DIR *d;

	if (!cfg_data_find("scenarios", name, "", dir, sizeof(dir))) {
		cfg_data_list("scenarios", "", names, sizeof(names));
		fprintf(stderr, "ffa-sim replay: --corpus %s: no such corpus (shipped: %s)\n", name,
			names[0] != '\0' ? names : "none installed");
		return EMU_STATUS_USAGE;
	}
	d = opendir(dir);
	if (d == NULL) {
		fprintf(stderr, "ffa-sim replay: --corpus %s: cannot read %s\n", name, dir);
		return EMU_STATUS_USAGE;
	}
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);

		if (n <= 5 || strcmp(e->d_name + n - 5, ".yaml") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (!replay_files_add(f, path)) {
			closedir(d);
			return EMU_STATUS_INTERNAL;
		}
	}
	closedir(d);
	qsort(f->paths + first, f->count - first, sizeof(*f->paths), replay_name_cmp);
	return 0;
}

/* After a replayed scenario's steps, with its simulation still open: the outputs. */
static void replay_obs_done(void *ctx, struct scn_session *s)
{
	struct obs_outputs *o = ctx;

	(void)s;
	if (obs_outputs_finish(o, 0) != 0)
		o->failed = true;
	obs_outputs_free(o);
}

int cmd_replay(int argc, char **argv, const struct builtins *builtins)
{
	static const struct option options[] = {
		{"junit", required_argument, NULL, 'j'},
		{"shard", required_argument, NULL, 's'},
		{"set", required_argument, NULL, 'S'},
		{"list", no_argument, NULL, 'l'},
		{"corpus", required_argument, NULL, 'c'},
		{"trace", required_argument, NULL, 'T'},
		{"trace-json", required_argument, NULL, 'J'},
		{"timeline", required_argument, NULL, 'L'},
		{"sequence", required_argument, NULL, 'Q'},
		{"stats", optional_argument, NULL, 'A'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct obs_outputs obs = {0};
	struct scn_replay_options opts;
	const char *sets[MAX_SETS], *corpora[MAX_SETS];
	unsigned set_count = 0, corpus_count = 0;
	struct replay_files files = {0};
	bool list = false;
	struct diag err;
	int opt, status;

	memset(&opts, 0, sizeof(opts));
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (opt) {
		case 'j':
			opts.junit_path = optarg;
			break;
		case 's':
			if (!scn_shard_parse(optarg, &opts.shard_index, &opts.shard_count, &err))
				return usage_error("replay", "%s", err.msg);
			break;
		case 'S':
			if (set_count == MAX_SETS || strchr(optarg, '=') == NULL)
				return usage_error("replay", "--set: \"%s\" is not KEY=VALUE",
						   optarg);
			sets[set_count++] = optarg;
			break;
		case 'l':
			list = true;
			break;
		case 'c':
			if (corpus_count == MAX_SETS)
				return usage_error("replay", "%s", "too many --corpus options");
			corpora[corpus_count++] = optarg;
			break;
		case 'T':
		case 'J':
		case 'L':
		case 'Q':
		case 'A': {
			const char *name = opt == 'T'   ? "trace"
					   : opt == 'J' ? "trace-json"
					   : opt == 'L' ? "timeline"
					   : opt == 'Q' ? "sequence"
							: "stats";

			status = obs_outputs_option(&obs, "replay", name, optarg);
			if (status == OBS_NOT_MINE || obs.insn_on)
				return usage_error("replay", "--trace %s: replay traces ffa only",
						   optarg);
			if (status != OBS_GO)
				return status;
			break;
		}
		case 'h':
			fputs(cli_usage_replay, stdout);
			return 0;
		case ':':
			return usage_error("replay", "option %s needs a value", argv[optind - 1]);
		default:
			return usage_error("replay", "unknown option %s", argv[optind - 1]);
		}
	}
	if (optind >= argc && corpus_count == 0)
		return usage_error("replay", "%s", "name at least one scenario file or --corpus");
	if (obs_outputs_wanted(&obs) && (optind + 1 != argc || corpus_count != 0 || list))
		return usage_error("replay", "%s",
				   "the trace, timeline, sequence and statistics are of one "
				   "SCENARIO");
	status = 0;
	for (int i = optind; i < argc && status == 0; i++)
		status = replay_files_add(&files, argv[i]) ? 0 : EMU_STATUS_INTERNAL;
	for (unsigned i = 0; i < corpus_count && status == 0; i++)
		status = replay_add_corpus(&files, corpora[i]);
	if (status != 0) {
		replay_files_free(&files);
		return status;
	}
	builtins_scn_options(builtins, sets, set_count, &opts.scn);
	opts.progress = stderr;
	opts.errors = stderr;
	opts.obs = obs_outputs_recorder(&obs);
	if (opts.obs != NULL) {
		opts.scenario_done = replay_obs_done;
		opts.done_ctx = &obs;
	}
	if (list)
		status = scn_replay_list((const char *const *)files.paths, files.count, &opts,
					 stdout);
	else
		status = scn_replay((const char *const *)files.paths, files.count, &opts, stdout);
	replay_files_free(&files);
	obs_outputs_free(&obs);
	return status == 0 && obs.failed ? EMU_STATUS_USAGE : status;
}

int cmd_matrix(int argc, char **argv, const struct builtins *builtins)
{
	static const struct option options[] = {
		{"vary", required_argument, NULL, 'v'},
		{"set", required_argument, NULL, 'S'},
		{"format", required_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct scn_matrix_options *opts = calloc(1, sizeof(*opts));
	const char *sets[MAX_SETS];
	unsigned set_count = 0;
	struct diag err;
	int opt, status;

	if (opts == NULL)
		return EMU_STATUS_INTERNAL;
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		status = -1;
		switch (opt) {
		case 'v':
			if (!scn_matrix_vary_parse(optarg, opts, &err))
				status = usage_error("matrix", "%s", err.msg);
			break;
		case 'S':
			if (set_count == MAX_SETS || strchr(optarg, '=') == NULL)
				status = usage_error("matrix", "--set: \"%s\" is not KEY=VALUE",
						     optarg);
			else
				sets[set_count++] = optarg;
			break;
		case 'f':
			if (!scn_matrix_format_parse(optarg, &opts->format, &err))
				status = usage_error("matrix", "%s", err.msg);
			break;
		case 'h':
			fputs(cli_usage_matrix, stdout);
			status = 0;
			break;
		case ':':
			status = usage_error("matrix", "option %s needs a value", argv[optind - 1]);
			break;
		default:
			status = usage_error("matrix", "unknown option %s", argv[optind - 1]);
			break;
		}
		if (status >= 0) {
			free(opts);
			return status;
		}
	}
	if (optind + 1 != argc) {
		free(opts);
		return usage_error("matrix", "%s", "name one scenario file");
	}
	builtins_scn_options(builtins, sets, set_count, &opts->scn);
	status = scn_matrix_run(argv[optind], opts, stdout, &err);
	if (status != 0)
		input_error(&err);
	free(opts);
	return status != 0 ? EMU_STATUS_USAGE : 0;
}
