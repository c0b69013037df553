/* SPDX-License-Identifier: BSD-3-Clause */
/* What the ffa-sim command's files share: the binary's built-in images and systems, the error
 * printers and the commands defined outside ffa-sim.c. */
#ifndef TOOLS_CLI_H
#define TOOLS_CLI_H

#include "common/diag.h"
#include "scenarios/scenario.h"
#include "sim/sim.h"

#include "builtin_images.h"

#define MAX_SETS 64

#define BUILTIN_IMAGE_COUNT BUILTIN_PARTITION_IMAGE_COUNT
#define BUILTIN_SYSTEM_COUNT 2u

/* What the binary carries: the example partitions (`image: builtin:NAME`) and its systems. */
struct builtins {
	struct sim_builtin_image images[BUILTIN_IMAGE_COUNT];
	struct scn_builtin_system systems[BUILTIN_SYSTEM_COUNT];
};

/* Scenario options with the command line's overrides and what the binary carries. */
void builtins_scn_options(const struct builtins *b, const char *const *sets, unsigned set_count,
			  struct scn_options *scn);

/* Prints "ffa-sim CMD: message" and the --help hint; returns the usage exit status (2). */
int usage_error(const char *cmd, const char *fmt, const char *arg);

/* Prints an input error as FILE:LINE:COLUMN: message; returns the usage exit status (2). */
int input_error(const struct diag *err);

/* scenario_commands.c: `replay` and `matrix`. */
extern const char cli_usage_replay[];
extern const char cli_usage_matrix[];
int cmd_replay(int argc, char **argv, const struct builtins *builtins);
int cmd_matrix(int argc, char **argv, const struct builtins *builtins);

/* file_commands.c: `check` and `import-manifest`. */
extern const char cli_usage_check[];
extern const char cli_usage_import[];
int cmd_check(int argc, char **argv, const struct builtins *builtins);
int cmd_import(int argc, char **argv);

/* list_command.c: `list`. */
extern const char cli_usage_list[];
int cmd_list(int argc, char **argv);

#endif
