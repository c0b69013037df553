/* SPDX-License-Identifier: BSD-3-Clause */
/* What the exception test guests print for each synchronous exception they take. */
#ifndef TESTS_GUESTS_EXC_REPORT_H
#define TESTS_GUESTS_EXC_REPORT_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Prints "  group G ESR E ELR <where> SPSR S", plus " FAR F" for aborts and PC alignment (where
 * the architecture sets FAR_EL1, Arm ARM D17.2.40), and a newline. <where> is "at+N" (decimal)
 * or, with hex, "+N" (hexadecimal): ELR_EL1 minus base. Returns ESR_EL1.EC.
 */
uint64_t exc_report(unsigned group, uint64_t elr, uint64_t base, bool hex, uint64_t spsr);

#endif
