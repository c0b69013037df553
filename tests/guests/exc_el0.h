/* SPDX-License-Identifier: BSD-3-Clause */
/* What exc_el0.c and exc_el0_asm.S share: the EL0 program's addresses and calls. */
#ifndef TESTS_GUESTS_EXC_EL0_H
#define TESTS_GUESTS_EXC_EL0_H

#define EXC_EL0_UNMAPPED 0x0000008000000000     /* level 0 entry 1: invalid */
#define EXC_EL0_PAGES 0x0000010000000000        /* level 0 entry 2: the test's own pages */
#define EXC_EL0_CODE (EXC_EL0_PAGES + 0x0000)   /* the EL0 program: EL0 read, execute */
#define EXC_EL0_DATA (EXC_EL0_PAGES + 0x1000)   /* EL0 read/write, also its stack */
#define EXC_EL0_HOLE (EXC_EL0_PAGES + 0x2000)   /* an invalid level 3 entry */
#define EXC_EL0_RO (EXC_EL0_PAGES + 0x3000)     /* EL0 read-only */
#define EXC_EL0_KERNEL (EXC_EL0_PAGES + 0x4000) /* EL1 only (AP[1] clear) */
#define EXC_EL0_NOAF (EXC_EL0_PAGES + 0x5000)   /* access flag clear */
#define EXC_EL0_UXN (EXC_EL0_PAGES + 0x6000)    /* EL0 execute-never */

#define EXC_EL0_SVC_ARM 0x20  /* arms the timer; the program then waits for its interrupt */
#define EXC_EL0_SVC_EXIT 0xff /* back to EL1 */

#endif
