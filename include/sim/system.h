/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * System files (docs/system.md): one YAML file describing a whole run: the platform, the SPMC,
 * an optional hypervisor, the secure partitions (manifest files or inline manifests) and the
 * normal-world guest. Loading applies `--set KEY=VALUE` overrides to the YAML tree first
 * (include/common/yaml_set.h), then reads and checks everything, the partitions against each
 * other and against the platform's memory map. The result is plain data for sim/ to build a
 * run from.
 */
#ifndef SIM_SYSTEM_H
#define SIM_SYSTEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "abi/regs.h"
#include "common/diag.h"
#include "emu/platform.h"
#include "partitions/manifest.h"
#include "spmc/spmc.h"

struct hyp_pkvm_config;
struct sim_config;

#define SIM_MAX_PARTITIONS SPMC_MAX_PARTITIONS /* partitions of one system file */
#define SIM_MAX_SETTINGS 32
#define SIM_MAX_SETS 64 /* --set overrides of one load */
#define SIM_SETTING_VALUE_MAX 64
#define SIM_DESCRIPTION_MAX 128

/* One hypervisor setting: a switch and its value, checked by the hypervisor model. */
struct sim_setting {
	char name[EMU_NAME_MAX];
	char value[SIM_SETTING_VALUE_MAX];
	/* Where it was written, for the hypervisor's messages: the system file with line and
	 * column, or "--set KEY=VALUE" with line and column 0. See sim_system_setting_error(). */
	char where[DIAG_FILE_MAX];
	unsigned line;
	unsigned column;
};

struct sim_hypervisor {
	bool present;               /* a `hypervisor` section was given */
	char model[EMU_NAME_MAX];   /* "pkvm" */
	char profile[EMU_NAME_MAX]; /* "" = the model's default profile */
	struct sim_setting settings[SIM_MAX_SETTINGS];
	unsigned setting_count;
};

struct sim_normal_world {
	char image[EMU_PATH_MAX]; /* ELF or raw binary; "" = the built-in demo */
	bool load_address_set;    /* raw images: where to load */
	uint64_t load_address;
	bool entry_set; /* override of the entry point */
	uint64_t entry;
	unsigned entry_el;        /* 1 or 2; 0 = the platform's entry-el */
	enum ffa_conduit conduit; /* how it calls the firmware: smc (default) or hvc */
	char dtb[EMU_PATH_MAX];   /* a device-tree blob to pass; "" = generate one */
};

struct sim_system {
	char file[DIAG_FILE_MAX]; /* the system file as given */
	char description[SIM_DESCRIPTION_MAX];
	char platform_file[EMU_PATH_MAX]; /* the platform file, resolved; "" = built-in "virt" */
	struct emu_platform platform;     /* loaded */
	bool spmc_enabled;                /* false for `spmc: none` (firmware without FF-A) */
	struct spmc_config spmc;          /* personality, version, ID (defaults when disabled) */
	/* spmc.behaviours: SPMC behaviour switches (docs/ffa-support.md), checked and applied to
	 * `spmc` when loaded; kept as written for messages. */
	struct sim_setting spmc_behaviours[SIM_MAX_SETTINGS];
	unsigned spmc_behaviour_count;
	struct sim_hypervisor hypervisor;
	struct part_manifest partitions[SIM_MAX_PARTITIONS]; /* in file order */
	unsigned partition_count;
	struct sim_normal_world normal_world;
	uint64_t max_insns; /* run.max-insns; 0 = the simulator's default */
	uint64_t timeslice; /* run.timeslice; 0 = no limit */
	unsigned cpus;      /* run.cpus; 0 = the platform's */
	uint64_t quantum;   /* run.quantum (ns); 0 = the simulator's default */
};

/*
 * Loads and checks the system file at path. sets[0..set_count) are `--set KEY=VALUE`
 * overrides, applied in order before anything is read; an override that reaches into a
 * partition given as a manifest file (partitions[0].ffa-version) edits that file's tree.
 * Relative paths resolve against the folder of the file that holds them. Returns false with
 * *err on the first error: "file:line:column: key: message", or "--set KEY=VALUE: ..." when an
 * override is at fault. On failure *sys is zeroed. On success the entries of sys->partitions
 * past partition_count are left as they were: *sys need not be cleared beforehand.
 */
bool sim_system_load(const char *path, const char *const *sets, unsigned set_count,
		     struct sim_system *sys, struct diag *err);

/*
 * As sim_system_load(), from size bytes in memory (an embedded system file). name is what
 * messages call it; relative paths resolve against its folder.
 */
bool sim_system_load_buffer(const char *name, const void *data, size_t size,
			    const char *const *sets, unsigned set_count, struct sim_system *sys,
			    struct diag *err);

/* The partition named name, or NULL. */
const struct part_manifest *sim_system_partition(const struct sim_system *sys, const char *name);

/*
 * Records an error about hypervisor setting i in *err, positioned where the setting was written:
 * "system.yaml:9:19: hypervisor.settings.NAME: message", or "--set KEY=VALUE: ..." for a setting
 * that came from an override. Always returns false.
 */
bool sim_system_setting_error(const struct sim_system *sys, unsigned i, struct diag *err,
			      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/*
 * The proxy configuration of the system's hypervisor section: the section's profile (or *base,
 * when not NULL: a profile the command line chose), then its settings in order. False with
 * *err: an unknown profile, or a bad setting positioned where it was written
 * (sim_system_setting_error()).
 */
bool sim_system_hypervisor(const struct sim_system *sys, const struct hyp_pkvm_config *base,
			   struct hyp_pkvm_config *out, struct diag *err);

/*
 * Fills *cfg (zeroed first) with what a run of the system uses: the platform, the SPMC
 * (sys->spmc, or none), the partitions, the normal world (image, addresses, entry level,
 * conduit, device tree), the instruction limit, and hyp as the hypervisor (NULL: none; build it
 * with sim_system_hypervisor()). *cfg points into *sys and *hyp, which must outlive the
 * simulation opened from it.
 */
void sim_system_config(const struct sim_system *sys, const struct hyp_pkvm_config *hyp,
		       struct sim_config *cfg);

/*
 * Checks one file without running anything: a system file (it has spmc, partitions,
 * normal-world, platform or hypervisor keys), a partition manifest (id, uuid or services) or a
 * platform file (memory). Prints one line to out when it is valid ("FILE: ok: ..."); returns
 * false with *err otherwise. `ffa-sim check FILE...` calls it per file (exit 0 or 2).
 */
bool sim_check_file(const char *path, FILE *out, struct diag *err);

#endif
