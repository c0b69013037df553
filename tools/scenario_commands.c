/* SPDX-License-Identifier: BSD-3-Clause */
/* The scenario commands of ffa-sim: `replay` (TAP/JUnit, shards) and `matrix`. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "scenarios/matrix.h"

const char cli_usage_replay[] =
	"usage: ffa-sim replay [--junit FILE] [--shard K/N] [--set KEY=VALUE]... SCENARIO...\n"
	"\n"
	"Replays FF-A scenarios (docs/scenarios.md) deterministically, without a guest, and\n"
	"writes TAP to stdout: one test point per step, a failure's call with expected and actual\n"
	"registers side by side. Exit status 0 when every step passed, 1 when one failed, 2 for\n"
	"an input error (nothing runs then).\n"
	"\n"
	"Options:\n"
	"  --junit FILE      also write JUnit XML to FILE\n"
	"  --shard K/N       replay only the K-th of N shares of the files (CI jobs)\n"
	"  --set KEY=VALUE   an override applied after each scenario's own (repeatable)\n"
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
void builtins_scn_options(const struct builtins *b, const char *const *sets,
				 unsigned set_count, struct scn_options *scn)
{
	scn->sets = sets;
	scn->set_count = set_count;
	scn->builtin_images = b->images;
	scn->builtin_image_count = BUILTIN_IMAGE_COUNT;
	scn->builtin_systems = b->systems;
	scn->builtin_system_count = BUILTIN_SYSTEM_COUNT;
}

int cmd_replay(int argc, char **argv, const struct builtins *builtins)
{
	static const struct option options[] = {
		{"junit", required_argument, NULL, 'j'},
		{"shard", required_argument, NULL, 's'},
		{"set", required_argument, NULL, 'S'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct scn_replay_options opts;
	const char *sets[MAX_SETS];
	unsigned set_count = 0;
	struct diag err;
	int opt;

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
				return usage_error("replay", "--set: \"%s\" is not KEY=VALUE", optarg);
			sets[set_count++] = optarg;
			break;
		case 'h':
			fputs(cli_usage_replay, stdout);
			return 0;
		case ':':
			return usage_error("replay", "option %s needs a value", argv[optind - 1]);
		default:
			return usage_error("replay", "unknown option %s", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return usage_error("replay", "%s", "name at least one scenario file");
	builtins_scn_options(builtins, sets, set_count, &opts.scn);
	opts.progress = stderr;
	opts.errors = stderr;
	return scn_replay((const char *const *)argv + optind, (unsigned)(argc - optind), &opts,
			  stdout);
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
				status = usage_error("matrix", "--set: \"%s\" is not KEY=VALUE", optarg);
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
