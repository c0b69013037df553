/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * FF-A notification calls for guests (FF-A v1.2 (DEN0077A) §10, §13.12-13.19), with the register
 * fields of <abi/notif.h>. Each wrapper returns the whole answer, as those of <sdk/ffa.h> do; the
 * helpers read FFA_NOTIFICATION_GET's bitmaps and FFA_NOTIFICATION_INFO_GET's ID list. They are
 * inline, so a guest that does not use them links exactly as before.
 */
#ifndef SDK_FFA_NOTIF_H
#define SDK_FFA_NOTIF_H

#include <stdbool.h>
#include <stdint.h>

#include <abi/notif.h>
#include <sdk/ffa.h>

/* FFA_FEATURES feature IDs (§13.3): notification pending and schedule receiver interrupts. */
#define SDK_FFA_FEATURE_NPI 0x1u
#define SDK_FFA_FEATURE_SRI 0x2u

static inline struct sdk_smccc_regs sdk_ffa_notif_call(uint32_t fid, uint64_t x1, uint64_t x2,
						       uint64_t bitmap)
{
	struct sdk_smccc_regs r = {{0}};

	r.x[0] = fid;
	r.x[1] = x1;
	r.x[2] = x2;
	r.x[3] = (uint32_t)bitmap;
	r.x[4] = bitmap >> 32;
	sdk_ffa_call(&r);
	return r;
}

/* x1 of BIND, UNBIND and SET: sender in 31:16, receiver in 15:0. */
static inline uint64_t sdk_ffa_notif_ends(uint16_t sender, uint16_t receiver)
{
	return ((uint64_t)sender << 16) | receiver;
}

/* FFA_NOTIFICATION_BITMAP_CREATE: a VM's bitmap (w1 VM ID, w2 its vCPU count). */
static inline struct sdk_smccc_regs sdk_ffa_notif_bitmap_create(uint16_t vm, uint32_t vcpus)
{
	return sdk_ffa_notif_call(FFA_NOTIFICATION_BITMAP_CREATE, vm, vcpus, 0);
}

/* FFA_NOTIFICATION_BITMAP_DESTROY. */
static inline struct sdk_smccc_regs sdk_ffa_notif_bitmap_destroy(uint16_t vm)
{
	return sdk_ffa_notif_call(FFA_NOTIFICATION_BITMAP_DESTROY, vm, 0, 0);
}

/* FFA_NOTIFICATION_BIND: the receiver lets `sender` set `bitmap` (flags: FFA_NOTIF_FLAG_*). */
static inline struct sdk_smccc_regs sdk_ffa_notif_bind(uint16_t sender, uint16_t receiver,
						       uint32_t flags, uint64_t bitmap)
{
	return sdk_ffa_notif_call(FFA_NOTIFICATION_BIND, sdk_ffa_notif_ends(sender, receiver),
				  flags, bitmap);
}

/* FFA_NOTIFICATION_UNBIND. */
static inline struct sdk_smccc_regs sdk_ffa_notif_unbind(uint16_t sender, uint16_t receiver,
							 uint64_t bitmap)
{
	return sdk_ffa_notif_call(FFA_NOTIFICATION_UNBIND, sdk_ffa_notif_ends(sender, receiver), 0,
				  bitmap);
}

/* FFA_NOTIFICATION_SET (flags: FFA_NOTIF_SET_DELAY_SRI, per-vCPU with the vCPU in 31:16). */
static inline struct sdk_smccc_regs sdk_ffa_notif_set(uint16_t sender, uint16_t receiver,
						      uint32_t flags, uint64_t bitmap)
{
	return sdk_ffa_notif_call(FFA_NOTIFICATION_SET, sdk_ffa_notif_ends(sender, receiver), flags,
				  bitmap);
}

/* FFA_NOTIFICATION_GET: the receiver's bitmaps named by flags (FFA_NOTIF_GET_*) on a vCPU. */
static inline struct sdk_smccc_regs sdk_ffa_notif_get(uint16_t receiver, uint16_t vcpu,
						      uint32_t flags)
{
	return sdk_ffa_notif_call(FFA_NOTIFICATION_GET,
				  ((uint64_t)vcpu << FFA_NOTIF_GET_VCPU_SHIFT) | receiver, flags,
				  0);
}

/* FFA_NOTIFICATION_INFO_GET in its SMC64 (smc64 true) or SMC32 form. */
static inline struct sdk_smccc_regs sdk_ffa_notif_info_get(bool smc64)
{
	return sdk_ffa_notif_call(
		smc64 ? FFA_NOTIFICATION_INFO_GET_64 : FFA_NOTIFICATION_INFO_GET_32, 0, 0, 0);
}

/* GET's bitmaps: from partitions (w2/w3), from VMs (w4/w5), from the framework (w6/w7). */
static inline uint64_t sdk_ffa_notif_from_sp(const struct sdk_smccc_regs *r)
{
	return (uint32_t)r->x[2] | (uint64_t)(uint32_t)r->x[3] << 32;
}

static inline uint64_t sdk_ffa_notif_from_vm(const struct sdk_smccc_regs *r)
{
	return (uint32_t)r->x[4] | (uint64_t)(uint32_t)r->x[5] << 32;
}

static inline uint64_t sdk_ffa_notif_from_framework(const struct sdk_smccc_regs *r)
{
	return (uint32_t)r->x[6] | (uint64_t)(uint32_t)r->x[7] << 32;
}

/* INFO_GET's answer: the number of lists, the more-pending flag, ID i of the list (both forms:
 * four 16-bit IDs to an x register for SMC64, two to a w register for SMC32). */
static inline unsigned sdk_ffa_notif_info_lists(const struct sdk_smccc_regs *r)
{
	return ((uint32_t)r->x[2] >> FFA_NOTIF_INFO_LISTS_SHIFT) & FFA_NOTIF_INFO_LISTS_MASK;
}

static inline bool sdk_ffa_notif_info_more(const struct sdk_smccc_regs *r)
{
	return ((uint32_t)r->x[2] & FFA_NOTIF_INFO_MORE_PENDING) != 0;
}

static inline uint16_t sdk_ffa_notif_info_id(const struct sdk_smccc_regs *r, unsigned i)
{
	unsigned per_reg = (uint32_t)r->x[0] == FFA_SUCCESS_64 ? 4u : 2u;

	return (uint16_t)(r->x[3 + i / per_reg] >> (16 * (i % per_reg)));
}

#endif
