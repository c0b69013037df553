/* SPDX-License-Identifier: BSD-3-Clause */
/* The file commands of ffa-sim: `check` (validate files) and `import-manifest`. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "common/yaml_cfg.h"
#include "partitions/import.h"
#include "sim/system.h"

const char cli_usage_check[] =
	"usage: ffa-sim check FILE...\n"
	"\n"
	"Validates system files, partition manifests, platform files and scenario files without\n"
	"running anything (the kind is told from the top-level keys; a scenario's system and\n"
	"steps are checked too). Prints `FILE: ok: ...` for each\n"
	"valid file and `FILE:LINE:COLUMN: message` for the first error of each invalid one.\n"
	"Exit status 0 when every file is valid, 2 otherwise.\n";

const char cli_usage_import[] =
	"usage: ffa-sim import-manifest [--image PATH] [-o FILE.yaml] MANIFEST.dtb|MANIFEST.dts\n"
	"\n"
	"Turns a partition manifest in the FF-A device-tree binding (compatible\n"
	"\"arm,ffa-manifest-1.0\") into the YAML manifest ffa-sim reads (docs/manifest.md).\n"
	".dts files are compiled with dtc first.\n"
	"\n"
	"Options:\n"
	"  --image PATH    the partition's image, written as its `image:` key\n"
	"  -o, --output F  where to write the YAML (default: stdout)\n"
	"  -h, --help      this help\n"
	"\n"
	"`id` and `entrypoint-offset` are read as Hafnium reads them (docs/manifest.md): an id\n"
	"without bit 15 becomes 0x8000 | id, and load-address moves to the image's start by\n"
	"entrypoint-offset; a note on stderr says what was changed.\n";

/* A scenario file is a mapping with a `steps` key (docs/scenarios.md). */
static bool check_is_scenario(const char *path)
{
	struct cfg_doc doc;
	struct cfg_node root, steps;
	struct diag ignored;
	bool yes = false;

	if (!cfg_doc_load(path, &doc, &ignored))
		return false;
	if (cfg_doc_root(&doc, &root, &ignored) && cfg_is_map(&root))
		yes = cfg_map_get(&root, "steps", &steps);
	cfg_doc_free(&doc);
	return yes;
}

/* Loads a scenario as replay would (its system and steps) and prints its summary. */
static bool check_scenario(const char *path, const struct builtins *builtins, struct diag *err)
{
	struct scn_options opts = {0};
	struct scn_scenario scn;

	builtins_scn_options(builtins, NULL, 0, &opts);
	if (!scn_load(path, &opts, &scn, err))
		return false;
	printf("%s: ok: scenario: %u step%s, system %s\n", path, scn.step_count,
	       scn.step_count == 1 ? "" : "s",
	       scn.system_path[0] != '\0' ? scn.system_path : "inline");
	scn_free(&scn);
	return true;
}

int cmd_check(int argc, char **argv, const struct builtins *builtins)
{
	struct diag err;
	int status = 0;

	if (argc < 2)
		return usage_error("check", "%s", "name at least one file");
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		fputs(cli_usage_check, stdout);
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		bool ok = check_is_scenario(argv[i]) ? check_scenario(argv[i], builtins, &err)
						     : sim_check_file(argv[i], stdout, &err);

		if (!ok) {
			input_error(&err);
			status = EMU_STATUS_USAGE;
		}
	}
	return status;
}

int cmd_import(int argc, char **argv)
{
	static const struct option options[] = {
		{"image", required_argument, NULL, 'i'},
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *image = NULL, *out_path = NULL;
	struct diag err;
	FILE *out = stdout;
	int opt;
	bool ok;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":o:h", options, NULL)) != -1) {
		switch (opt) {
		case 'i':
			image = optarg;
			break;
		case 'o':
			out_path = optarg;
			break;
		case 'h':
			fputs(cli_usage_import, stdout);
			return 0;
		case ':':
			return usage_error("import-manifest", "option %s needs a value",
					   argv[optind - 1]);
		default:
			return usage_error("import-manifest", "unknown option %s",
					   argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return usage_error("import-manifest", "%s", "name one manifest");
	if (out_path != NULL) {
		out = fopen(out_path, "w");
		if (out == NULL) {
			diag_set(&err, out_path, 0, 0, "cannot write the YAML manifest");
			return input_error(&err);
		}
	}
	ok = part_import_manifest(argv[optind], image, out, stderr, &err);
	if (out != stdout && fclose(out) != 0 && ok) {
		diag_set(&err, out_path, 0, 0, "cannot write the YAML manifest");
		ok = false;
	}
	return ok ? 0 : input_error(&err);
}
