/* SPDX-License-Identifier: BSD-3-Clause */
/* Helpers shared by the scenario sources; not part of the public interface. */
#ifndef SCENARIOS_INTERNAL_H
#define SCENARIOS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "scenarios/scenario.h"

/* The name of a function ID for labels and reports: its name, or the ID in hex. */
const char *scn_fid_text(uint32_t fid, char *buf, size_t size);

/* The ID of a function name: FF-A (abi/table.h), SMCCC or PSCI (abi/ids.h). */
bool scn_fid_by_name(const char *name, uint32_t *fid);

/*
 * Builds the simulation configuration for sys, as a run of the system file would be, quiet and
 * with the scenario's built-in images; *hyp gets the hypervisor's configuration (cfg points to
 * it). False with *err when the system's hypervisor section is wrong.
 */
bool scn_system_config(const struct sim_system *sys, const struct scn_options *opts,
		       struct sim_config *cfg, struct hyp_pkvm_config *hyp, struct diag *err);

#endif
