/* SPDX-License-Identifier: BSD-3-Clause */
/* What tests/guests/mem_access.c does, as x0 at entry selects it; shared with its test. */
#ifndef TESTS_GUESTS_MEM_ACCESS_H
#define TESTS_GUESTS_MEM_ACCESS_H

/* The page it touches: RAM above the image, inside the MMU guests' identity map. */
#define MEM_PAGE 0x40400000ul
#define MEM_OP_READ 1u
#define MEM_OP_WRITE 2u
#define MEM_OP_FETCH 3u
#define MEM_OP_MASK 0xfu
#define MEM_OP_READ_FIRST 0x10u
#define MEM_OP_MMU 0x20u
#define MEM_OP_HIGH 0x40u
/* The SMC's x0 after the first read: a call for the test's own handler. */
#define MEM_CALL_CHANGE 0xc2000042ul
/* What MEM_OP_WRITE stores. */
#define MEM_WRITTEN 0x5a5a5a5aul

#endif
