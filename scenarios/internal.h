/* SPDX-License-Identifier: BSD-3-Clause */
/* Helpers shared by the scenario sources; not part of the public interface. */
#ifndef SCENARIOS_INTERNAL_H
#define SCENARIOS_INTERNAL_H

/* The hypervisor's settings and the SPMC's behaviours of one system, side by side. */
#define SCN_SETTINGS_MAX (2 * SIM_MAX_SETTINGS)

#include <stddef.h>
#include <stdint.h>

#include "scenarios/scenario.h"

/* The name of a function ID for labels and reports: its name, or the ID in hex. */
const char *scn_fid_text(uint32_t fid, char *buf, size_t size);

/* The ID of a function name: FF-A (abi/table.h), SMCCC or PSCI (abi/ids.h). */
bool scn_fid_by_name(const char *name, uint32_t *fid);

/* Builds the simulation configuration for sys: as a run of the system file would be. */
void scn_system_config(const struct sim_system *sys, const struct scn_options *opts,
		       struct sim_config *cfg,
		       char settings[SCN_SETTINGS_MAX][EMU_NAME_MAX + SIM_SETTING_VALUE_MAX + 2],
		       const char *settings_ptrs[SCN_SETTINGS_MAX], char *spmc_spec,
		       size_t spmc_size, char *hyp_spec, size_t hyp_size);

#endif
