/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * `ffa-sim list KIND`: the names ffa-sim accepts, one per line, for people and for shell
 * completion (tools/ffa-sim.bash-completion asks it, so completion never goes stale).
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "common/datadir.h"
#include "hyp/pkvm.h"
#include "spmc/spmc.h"

const char cli_usage_list[] =
	"usage: ffa-sim list KIND\n"
	"\n"
	"Prints the names ffa-sim accepts, one per line. KIND is one of:\n"
	"  commands         the subcommands\n"
	"  personalities    SPMC personalities for --spmc (and none)\n"
	"  spmc-switches    SPMC behaviour switches as SWITCH=VALUE, every value\n"
	"  profiles         hypervisor profiles for --hypervisor pkvm:PROFILE\n"
	"  hyp-switches     hypervisor switches as SWITCH=VALUE, every value\n"
	"  platforms        shipped platforms for --platform NAME\n"
	"  corpora          shipped scenario corpora for replay --corpus NAME\n"
	"  data-dir         the data directory the names above are found in\n"
	"Exit status 0, or 2 for an unknown KIND.\n";

/* The subcommands, in the order `ffa-sim --help` lists them. */
static const char *const list_commands[] = {"run", "replay", "matrix", "check", "import-manifest",
					    "dtb", "list",   "help"};

/* Prints a "name, name" list from the data directory one name per line. */
static void list_data(const char *kind, const char *suffix)
{
	char names[1024];
	const char *p = names;

	cfg_data_list(kind, suffix, names, sizeof(names));
	while (*p != '\0') {
		const char *sep = strstr(p, ", ");
		int n = sep != NULL ? (int)(sep - p) : (int)strlen(p);

		printf("%.*s\n", n, p);
		p += n + (sep != NULL ? 2 : 0);
	}
}

int cmd_list(int argc, char **argv)
{
	const char *kind = argc >= 2 ? argv[1] : NULL;
	char dir[PATH_MAX];

	if (kind == NULL)
		return usage_error("list", "%s",
				   "name what to list (commands, personalities, ...)");
	if (strcmp(kind, "-h") == 0 || strcmp(kind, "--help") == 0) {
		fputs(cli_usage_list, stdout);
		return 0;
	}
	if (strcmp(kind, "commands") == 0) {
		for (size_t i = 0; i < sizeof(list_commands) / sizeof(list_commands[0]); i++)
			puts(list_commands[i]);
	} else if (strcmp(kind, "personalities") == 0) {
		for (size_t i = 0; spmc_personality_at(i) != NULL; i++)
			puts(spmc_personality_at(i)->name);
		puts("none");
	} else if (strcmp(kind, "spmc-switches") == 0) {
		cfg_switch_print_all(spmc_switch_set(), stdout);
	} else if (strcmp(kind, "profiles") == 0) {
		for (size_t i = 0; hyp_profile_name(i) != NULL; i++)
			puts(hyp_profile_name(i));
	} else if (strcmp(kind, "hyp-switches") == 0) {
		cfg_switch_print_all(hyp_switch_set(), stdout);
	} else if (strcmp(kind, "platforms") == 0) {
		list_data("platforms", ".yaml");
	} else if (strcmp(kind, "corpora") == 0) {
		list_data("scenarios", "");
	} else if (strcmp(kind, "data-dir") == 0) {
		if (!cfg_data_dir(dir, sizeof(dir))) {
			fprintf(stderr, "ffa-sim list: no data directory found (set %s)\n",
				CFG_DATADIR_ENV);
			return EMU_STATUS_USAGE;
		}
		puts(dir);
	} else {
		return usage_error("list", "unknown kind \"%s\"", kind);
	}
	return 0;
}
