/* SPDX-License-Identifier: BSD-3-Clause */
/* The translation tables the MMU test guests share. */
#ifndef TESTS_GUESTS_MMU_SETUP_H
#define TESTS_GUESTS_MMU_SETUP_H

#include <stdbool.h>
#include <stdint.h>

#define MMU_RAM_BASE 0x40000000ul
#define MMU_RAM_SIZE (128ul << 20)
/* Inside the platform's RAM (the simulator maps more than 128 MiB) but not in the tables. */
#define MMU_UNMAPPED_RAM (MMU_RAM_BASE + MMU_RAM_SIZE)
/* TTBR1 alias of MMU_RAM_BASE. */
#define MMU_HIGH_BASE 0xffff000040000000ul

/*
 * Identity-maps the first 128 MiB of RAM (normal) and the UART page (device), plus the TTBR1
 * alias of that RAM at MMU_HIGH_BASE when high is set, and turns the MMU on. Prints the
 * reason and returns false on failure (for example when not at EL1).
 */
bool mmu_setup(bool high);

#endif
