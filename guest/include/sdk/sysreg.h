/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * System register access for guests. sdk_read_sysreg/sdk_write_sysreg take the register's
 * assembler name (CNTFRQ_EL0, or the generic S3_0_C12_C12_0 form for registers the assembler
 * does not know with -march=armv8-a).
 */
#ifndef SDK_SYSREG_H
#define SDK_SYSREG_H

#include <stdint.h>

/* Reads a system register by name; evaluates to its 64-bit value. */
#define sdk_read_sysreg(name)                                                                      \
	({                                                                                         \
		uint64_t sdk_sysreg_val_;                                                          \
		__asm__ volatile("mrs %0, " #name : "=r"(sdk_sysreg_val_));                        \
		sdk_sysreg_val_;                                                                   \
	})

/* Writes a 64-bit value to a system register by name (no ISB: the caller decides). */
#define sdk_write_sysreg(name, val)                                                                \
	__asm__ volatile("msr " #name ", %0" : : "r"((uint64_t)(val)) : "memory")

/* Instruction synchronisation barrier. */
static inline void sdk_isb(void)
{
	__asm__ volatile("isb" : : : "memory");
}

/* The current exception level (0-3): CurrentEL bits [3:2]. */
static inline unsigned sdk_current_el(void)
{
	return (unsigned)((sdk_read_sysreg(CurrentEL) >> 2) & 3u);
}

/* CNTFRQ_EL0: the generic timer's frequency in Hz. */
static inline uint64_t sdk_read_cntfrq(void)
{
	return sdk_read_sysreg(CNTFRQ_EL0);
}

/* CNTVCT_EL0: the virtual count. An ISB first, so the read is not taken early. */
static inline uint64_t sdk_read_cntvct(void)
{
	sdk_isb();
	return sdk_read_sysreg(CNTVCT_EL0);
}

/* CNTPCT_EL0: the physical count. An ISB first, so the read is not taken early. */
static inline uint64_t sdk_read_cntpct(void)
{
	sdk_isb();
	return sdk_read_sysreg(CNTPCT_EL0);
}

/* MPIDR_EL1: this CPU's affinity. */
static inline uint64_t sdk_read_mpidr(void)
{
	return sdk_read_sysreg(MPIDR_EL1);
}

#endif
