/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the memory end-to-end guests share: the example memory partitions' IDs
 * (systems/memory.yaml), their request protocol (partitions/sp/sp_memory.h), the RX/TX
 * buffers and helpers that send one transaction and ask a partition to use it.
 */
#ifndef MEM_COMMON_H
#define MEM_COMMON_H

#include <sdk/sdk.h>
#include <sdk/ffa.h>
#include <sdk/ffa_mem.h>

#include "sp_memory.h"

#define MEM_SP_A 0x8001u
#define MEM_SP_B 0x8002u
#define MEM_SELF 0x0000u
/* Normal, write-back, inner-shareable memory: what a share names. */
#define MEM_ATTR_SHARED                                                                            \
	(FFA_MEM_ATTR_TYPE_NORMAL | FFA_MEM_ATTR_CACHE_WB | FFA_MEM_ATTR_SHARE_INNER)

/* Maps the RX/TX buffers after negotiating v1.2; prints and returns false on a failure. */
bool mem_setup(void);

/* Writes a one-receiver descriptor for pages pages at page into TX and issues fid (a
 * share, lend or donate, 32-bit form): returns the handle, or FFA_MEM_HANDLE_INVALID after
 * printing the answer. */
uint64_t mem_give(uint32_t fid, uint16_t to, void *page, uint32_t pages);

/* Sends a request to partition sp and returns its answer (w3-w7). */
struct sdk_smccc_regs mem_ask(uint16_t sp, uint32_t op, uint32_t type, uint16_t owner,
			      uint64_t handle, uint32_t arg);

/* Prints "NAME -> status S w4 X w5 Y step Z" for a partition's answer. */
void mem_show(const char *name, const struct sdk_smccc_regs *r);

/* Prints "NAME -> OK" or "NAME -> ERROR CODE". */
void mem_show_call(const char *name, const struct sdk_smccc_regs *r);

/* The RX/TX buffers. */
extern uint8_t mem_tx[SDK_FFA_PAGE_SIZE];
extern uint8_t mem_rx[SDK_FFA_PAGE_SIZE];

#endif
