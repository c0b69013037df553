/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Function IDs the simulator knows by name: SMCCC architecture calls, PSCI, and FF-A.
 * FF-A v1.2 (DEN0077A) §13 lists the FF-A IDs; SMCCC (DEN0028) §7 the architecture calls;
 * PSCI (DEN0022) §5 the PSCI calls.
 */
#ifndef ABI_IDS_H
#define ABI_IDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SMCCC_VERSION 0x80000000u
#define SMCCC_ARCH_FEATURES 0x80000001u
#define SMCCC_ARCH_SOC_ID 0x80000002u
#define SMCCC_VERSION_1_0 0x10000u
#define SMCCC_VERSION_1_1 0x10001u
#define SMCCC_VERSION_1_2 0x10002u
#define SMCCC_VERSION_1_5 0x10005u
/* SMCCC (DEN0028) §7.2: the answer to an unknown function ID, as a 32-bit value in w0. */
#define SMCCC_UNKNOWN 0xffffffffu
/* The same -1 in all 64 bits of x0, as TF-A writes it for SMC32 and SMC64 calls alike. */
#define SMCCC_UNKNOWN_64 UINT64_MAX
#define SMCCC_NOT_SUPPORTED 0xffffffffu

#define PSCI_VERSION 0x84000000u
#define PSCI_CPU_SUSPEND_32 0x84000001u
#define PSCI_CPU_OFF 0x84000002u
#define PSCI_CPU_ON_32 0x84000003u
#define PSCI_MIGRATE_32 0x84000005u
#define PSCI_SYSTEM_OFF 0x84000008u
#define PSCI_SYSTEM_RESET 0x84000009u
#define PSCI_FEATURES 0x8400000au
#define PSCI_VERSION_1_1 0x10001u

/* FF-A function IDs: SMC32 forms are 0x840000NN, SMC64 forms 0xC40000NN. */
#define FFA_FID_SMC32(n) (0x84000000u | (uint32_t)(n))
#define FFA_FID_SMC64(n) (0xc4000000u | (uint32_t)(n))
#define FFA_FNUM_MIN 0x60u
#define FFA_FNUM_MAX 0xffu

#define FFA_ERROR_32 FFA_FID_SMC32(0x60)
#define FFA_SUCCESS_32 FFA_FID_SMC32(0x61)
#define FFA_SUCCESS_64 FFA_FID_SMC64(0x61)
#define FFA_VERSION FFA_FID_SMC32(0x63)
/* The notification calls (FF-A v1.1+, SMC32 only). */
#define FFA_NOTIFICATION_BITMAP_CREATE FFA_FID_SMC32(0x7d)
#define FFA_NOTIFICATION_BITMAP_DESTROY FFA_FID_SMC32(0x7e)
#define FFA_NOTIFICATION_BIND FFA_FID_SMC32(0x7f)
#define FFA_NOTIFICATION_UNBIND FFA_FID_SMC32(0x80)
#define FFA_NOTIFICATION_SET FFA_FID_SMC32(0x81)
#define FFA_NOTIFICATION_GET FFA_FID_SMC32(0x82)

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
 * Parses an SMCCC version "1.0" to "1.5" (the versions firmware reports; TF-A v2.15 reports
 * 1.5) into its SMCCC_VERSION answer (0x10000 | minor). False for anything else.
 */
bool ffa_smccc_version_parse(const char *text, uint32_t *version);

#endif
