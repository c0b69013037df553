/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PSCI calls by SMC (PSCI (DEN0022) §5.1). The simulator's firmware takes them by SMC; under
 * QEMU's virt machine without EL3 the conduit is HVC instead, so these trap there.
 */
#ifndef SDK_PSCI_H
#define SDK_PSCI_H

#include <stdint.h>

/* The function IDs (PSCI_VERSION, PSCI_SYSTEM_OFF ...) are abi/fids.h's. */
#include <abi/fids.h>

/* PSCI_VERSION: major in bits [31:16], minor in [15:0]. */
uint32_t sdk_psci_version(void);

/* SYSTEM_OFF. Does not return on success; returns the PSCI error code (w0) otherwise. */
int32_t sdk_psci_system_off(void);

/* SYSTEM_RESET. Does not return on success; returns the PSCI error code (w0) otherwise. */
int32_t sdk_psci_system_reset(void);

#endif
