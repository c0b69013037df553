/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The shipped data (platforms, example systems and partition manifests, the scenario corpus)
 * found by name, so that `--platform fvp-base` or `ffa-sim replay --corpus regressions` work
 * from an installed ffa-sim as well as from a build tree. The data directory is, in this order:
 * $FFA_SIM_DATADIR; ../share/ffa-sim beside the running executable (an installed tree, moved
 * or not, and the build tree, which meson lays out the same way); the directory configured at
 * build time (PREFIX/share/ffa-sim).
 */
#ifndef COMMON_DATADIR_H
#define COMMON_DATADIR_H

#include <stdbool.h>
#include <stddef.h>

/* The environment variable that names the data directory first. */
#define CFG_DATADIR_ENV "FFA_SIM_DATADIR"

/*
 * True when text is a name rather than a path: not empty, no '/', no '.', only letters,
 * digits, '-' and '_' ("fvp-base", "regressions").
 */
bool cfg_data_is_name(const char *text);

/*
 * Writes the data directory in use into out (the first of the candidates that exists).
 * False when none exists.
 */
bool cfg_data_dir(char *out, size_t size);

/*
 * Finds DIR/KIND/NAME SUFFIX in the data directory ("platforms", "fvp-base", ".yaml"; a corpus
 * is "scenarios", "regressions", "" for a folder). Writes the path into out; false when there
 * is no such file or folder.
 */
bool cfg_data_find(const char *kind, const char *name, const char *suffix, char *out, size_t size);

/*
 * Lists the names available under KIND (files ending in suffix, without it, or folders when
 * suffix is ""), comma-separated and sorted, into out; "" when there are none. For error
 * messages ("choose virt, fvp-base").
 */
void cfg_data_list(const char *kind, const char *suffix, char *out, size_t size);

#endif
