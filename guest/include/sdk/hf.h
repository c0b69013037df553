/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Hafnium's paravirtualised interrupt calls, for partitions under a Hafnium SPMC (under ffa-sim:
 * the hafnium personality; docs/ffa-support.md, "Interrupts and preemption"). Their IDs are
 * not SMCCC function IDs; the answer is x0 alone.
 */
#ifndef SDK_HF_H
#define SDK_HF_H

#include <stdbool.h>
#include <stdint.h>

#include "sdk/ffa.h"

#define SDK_HF_INTERRUPT_ENABLE 0xff03u
#define SDK_HF_INTERRUPT_GET 0xff04u
#define SDK_HF_INTERRUPT_DEACTIVATE 0xff08u
/* HF_INTERRUPT_GET's answer when nothing is pending. */
#define SDK_HF_INVALID_INTID 0xffffffffu
/* Hafnium's managed-exit virtual interrupt. */
#define SDK_HF_MANAGED_EXIT_INTID 4u
/* HF_INTERRUPT_ENABLE's types. */
#define SDK_HF_INTERRUPT_IRQ 0u
#define SDK_HF_INTERRUPT_FIQ 1u

/* Issues Hafnium call fid with x1-x3 (the rest zero) by the current conduit; returns x0. */
static inline uint64_t sdk_hf_call(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3)
{
	struct sdk_smccc_regs r = {{fid, a1, a2, a3}};

	sdk_ffa_call(&r);
	return r.x[0];
}

/* HF_INTERRUPT_ENABLE: 0, or -1 for an interrupt the partition does not own. */
static inline int64_t sdk_hf_interrupt_enable(uint32_t intid, bool enable, uint32_t type)
{
	return (int64_t)sdk_hf_call(SDK_HF_INTERRUPT_ENABLE, intid, enable, type);
}

/* HF_INTERRUPT_GET: the oldest pending enabled interrupt, taken, or SDK_HF_INVALID_INTID. */
static inline uint32_t sdk_hf_interrupt_get(void)
{
	return (uint32_t)sdk_hf_call(SDK_HF_INTERRUPT_GET, 0, 0, 0);
}

/* HF_INTERRUPT_DEACTIVATE: 0 on success. */
static inline int64_t sdk_hf_interrupt_deactivate(uint32_t pintid, uint32_t vintid)
{
	return (int64_t)sdk_hf_call(SDK_HF_INTERRUPT_DEACTIVATE, pintid, vintid, 0);
}

#endif
