/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Names of function IDs: SMCCC architecture calls, PSCI, and FF-A. The IDs themselves are
 * defined in abi/fids.h (freestanding, shared with the guest SDK); FF-A names come from the
 * function table (abi/table.h).
 */
#ifndef ABI_IDS_H
#define ABI_IDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "abi/fids.h"

/*
 * Returns the name of a known function ID ("FFA_VERSION", "FFA_MSG_SEND_DIRECT_REQ_64",
 * "PSCI_SYSTEM_OFF", ...), or NULL. The SVE hint bit is ignored. FF-A names come from the
 * function table (abi/table.h).
 */
const char *ffa_fid_name(uint32_t fid);

/* Formats a function ID for people: its name, or the ID in hex when it is unknown. Returns buf. */
const char *ffa_fid_describe(uint32_t fid, char *buf, size_t size);

/* Returns true if the ID is in the FF-A range (owner 4, numbers 0x60-0xFF, 32 or 64-bit). */
bool ffa_fid_is_ffa(uint32_t fid);

/*
 * Returns true for a function whose specification returns x0 alone and leaves x1-x17 as the
 * caller set them, whatever the SMCCC version: the Arm architecture calls (owner 0, SMCCC
 * (DEN0028) §7: SMCCC_VERSION, SMCCC_ARCH_FEATURES, SMCCC_ARCH_SOC_ID, the workarounds) and
 * PSCI (owner 4, numbers 0x00-0x1F, PSCI (DEN0022) §5), 32 or 64-bit.
 */
bool ffa_fid_is_x0_result(uint32_t fid);

/*
 * Parses an SMCCC version "1.0" to "1.5" (the versions firmware reports; TF-A v2.15 reports
 * 1.5) into its SMCCC_VERSION answer (0x10000 | minor). False for anything else.
 */
bool ffa_smccc_version_parse(const char *text, uint32_t *version);

#endif
