/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Hand-built stage-1 tables for the virtual-memory test guests: a root whose entries for the
 * identity map are copied from the SDK's TTBR0 root (tests/guests/mmu_setup.c), and 4 KiB pages
 * placed one by one at other addresses, as an operating system does (Arm ARM (DDI 0487) D8.3).
 */
#ifndef TESTS_GUESTS_MMU_TABLES_H
#define TESTS_GUESTS_MMU_TABLES_H

#include <stdint.h>

#define MMU_TABLES_MAX 24u
#define MMU_PAGE 0x1000ul

/* A set of tables: tables[0] is the root (for TTBR0_EL1). */
struct mmu_tables {
	uint64_t (*tables)[512];
	unsigned used;
};

/* Starts a space in buf (MMU_TABLES_MAX tables, 4 KiB aligned) with the identity map. */
void mmu_tables_init(struct mmu_tables *t, uint64_t (*buf)[512]);

/* Maps the 4 KiB page at va to pa (normal memory, EL0 and EL1 read/write). 0 or -1 when out of
 * tables. */
int mmu_tables_map_page(struct mmu_tables *t, uint64_t va, uint64_t pa);

/* Writes the level 3 entry for va as it is (desc: output address and attributes). */
int mmu_tables_set_page(struct mmu_tables *t, uint64_t va, uint64_t desc);

/* Makes the page at va invalid. */
void mmu_tables_unmap_page(struct mmu_tables *t, uint64_t va);

/* The root's physical address (for TTBR0_EL1). */
uint64_t mmu_tables_root(const struct mmu_tables *t);

/* TLBI VMALLE1 then DSB and ISB: every EL1&0 entry goes. */
void mmu_tlbi_all(void);

/* TLBI VAE1 for va, DSB, ISB. */
void mmu_tlbi_va(uint64_t va);

/* Writes TTBR0_EL1 and invalidates the TLB (no ASIDs: every switch invalidates). */
void mmu_switch_ttbr0(uint64_t root);

#endif
