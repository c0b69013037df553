/* SPDX-License-Identifier: BSD-3-Clause */
/* The file commands of ffa-sim: `check` (validate files) and `import-manifest`. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "partitions/import.h"
#include "sim/system.h"

const char cli_usage_check[] =
	"usage: ffa-sim check FILE...\n"
	"\n"
	"Validates system files, partition manifests and platform files without running\n"
	"anything (the kind is told from the top-level keys). Prints `FILE: ok: ...` for each\n"
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

int cmd_check(int argc, char **argv)
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
		if (!sim_check_file(argv[i], stdout, &err)) {
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
			return usage_error("import-manifest", "unknown option %s", argv[optind - 1]);
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
