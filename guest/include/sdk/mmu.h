/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Stage-1 translation tables for the EL1&0 regime with the 4 KiB granule and 48-bit virtual
 * addresses (T0SZ = T1SZ = 16, four levels), built in a static buffer: 2 MiB blocks where
 * addresses and size allow it, 4 KiB pages elsewhere (Arm ARM (DDI 0487) D8.3). Addresses with
 * bits [63:48] all ones go to the TTBR1 tables, addresses with them all zero to TTBR0's.
 *
 * MAIR_EL1 attribute 0 is Device-nGnRnE and attribute 1 Normal write-back; the code that
 * builds the tables runs with the MMU off, so table addresses are physical.
 */
#ifndef SDK_MMU_H
#define SDK_MMU_H

#include <stdint.h>

/* Descriptor fields (Arm ARM (DDI 0487) D8.3.2). */
#define SDK_MMU_ATTRINDX(n) ((uint64_t)(n) << 2)
#define SDK_MMU_AP_RO (2ull << 6) /* AP[2:1] = 0b10: read-only at EL1, no EL0 access */
#define SDK_MMU_SH_INNER (3ull << 8)
#define SDK_MMU_AF (1ull << 10)
#define SDK_MMU_PXN (1ull << 53)
#define SDK_MMU_UXN (1ull << 54)

/* Device-nGnRnE, never executable. */
#define SDK_MMU_DEVICE (SDK_MMU_ATTRINDX(0) | SDK_MMU_AF | SDK_MMU_PXN | SDK_MMU_UXN)
/* Normal write-back, inner shareable, read/write/execute at EL1. */
#define SDK_MMU_NORMAL (SDK_MMU_ATTRINDX(1) | SDK_MMU_SH_INNER | SDK_MMU_AF)
/* Normal memory that must not be executed. */
#define SDK_MMU_NORMAL_XN (SDK_MMU_NORMAL | SDK_MMU_PXN | SDK_MMU_UXN)

/* Number of 4 KiB tables in the static buffer (two roots included). */
#define SDK_MMU_MAX_TABLES 16

enum sdk_mmu_err {
	SDK_MMU_OK = 0,
	SDK_MMU_ERR_ALIGN,   /* va, pa or size not 4 KiB aligned */
	SDK_MMU_ERR_RANGE,   /* va not in the TTBR0 or TTBR1 range, or pa beyond 48 bits */
	SDK_MMU_ERR_NOMEM,   /* out of tables */
	SDK_MMU_ERR_OVERLAP, /* a page inside an existing block, or a block over a table */
	SDK_MMU_ERR_EL,      /* not running at EL1 */
};

/* A short description of err. */
const char *sdk_mmu_strerror(enum sdk_mmu_err err);

/* Empties both translation regimes' tables (call once before the first map). */
void sdk_mmu_init(void);

/*
 * Maps [va, va + size) to [pa, pa + size) with attrs (SDK_MMU_DEVICE, SDK_MMU_NORMAL, ...;
 * AF is always set). Uses 2 MiB blocks where va, pa and the remaining size allow, 4 KiB pages
 * elsewhere. Existing entries for the same range are overwritten. Call before sdk_mmu_enable.
 */
enum sdk_mmu_err sdk_mmu_map_block(uint64_t va, uint64_t pa, uint64_t size, uint64_t attrs);

/*
 * Programs MAIR_EL1, TCR_EL1, TTBR0_EL1 and TTBR1_EL1, invalidates the EL1 TLB and sets
 * SCTLR_EL1.M, C and I. Only at EL1 (returns SDK_MMU_ERR_EL elsewhere).
 */
enum sdk_mmu_err sdk_mmu_enable(void);

/* The TTBR0 and TTBR1 root tables' physical addresses. */
uint64_t sdk_mmu_ttbr0(void);
uint64_t sdk_mmu_ttbr1(void);

#endif
