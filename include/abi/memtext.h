/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Memory-management calls in words, for traces and fault reports: the handle a call names or
 * gets back (FF-A v1.2 (DEN0077A) §10.2.1) and a one-line summary of a memory transaction or
 * relinquish descriptor (§10.11), read with abi/memdesc.h.
 */
#ifndef ABI_MEMTEXT_H
#define ABI_MEMTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "abi/regs.h"

/* True for the FF-A memory-management functions (FFA_MEM_*), either form. */
bool ffa_fid_is_mem(uint32_t fid);

/*
 * The handle of a memory call: the one FFA_MEM_RECLAIM, FFA_MEM_FRAG_RX or FFA_MEM_FRAG_TX names
 * in w1/w2, else the one its answer carries (w2/w3 of FFA_SUCCESS to SHARE, LEND or DONATE;
 * w1/w2 of an FFA_MEM_FRAG_RX or FFA_MEM_FRAG_TX answer). answer may be NULL (not answered).
 * False when there is none.
 */
bool ffa_mem_call_handle(const struct ffa_value *call, const struct ffa_value *answer,
			 uint64_t *handle);

/*
 * Summarises the memory transaction descriptor in buf (len bytes, the layout of FF-A version)
 * into out: "sender 0x0000 type normal/wb/inner flags 0x0 tag 0x0 handle 0x0; receivers
 * 0x8001 rw nx; ranges 0x60000000+1 (1 page)", or why it is not one ("bad descriptor: ...").
 * Returns out.
 */
const char *ffa_memdesc_describe(const void *buf, uint32_t len, uint32_t version, char *out,
				 size_t size);

/* The same for a relinquish descriptor: "handle 0x1 flags 0x0 endpoints 0x8001". */
const char *ffa_memdesc_describe_relinquish(const void *buf, uint32_t len, char *out, size_t size);

/*
 * Appends printf-style text to out at *len, advancing *len and keeping out terminated when it
 * is full (the text decoders of abi/ share it).
 */
void ffa_text_append(char *out, size_t size, size_t *len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif
