/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The register fields of the notification calls (FF-A v1.2 (DEN0077A) §13.12-13.19), in one
 * freestanding header shared by the host and the guest SDK (installed as <abi/notif.h>).
 */
#ifndef ABI_NOTIF_H
#define ABI_NOTIF_H

#include <stdint.h>

/* FFA_NOTIFICATION_BIND w2 (§13.14) and FFA_NOTIFICATION_SET w2 (§13.16) bit 0: per-vCPU. */
#define FFA_NOTIF_FLAG_PER_VCPU (UINT32_C(1) << 0)
/* FFA_NOTIFICATION_SET w2: bit 1 delay the schedule receiver interrupt, 31:16 the vCPU ID. */
#define FFA_NOTIF_SET_DELAY_SRI (UINT32_C(1) << 1)
#define FFA_NOTIF_SET_VCPU_SHIFT 16
#define FFA_NOTIF_SET_MBZ UINT32_C(0x0000fffc)
/* FFA_NOTIFICATION_GET w2 (§13.17): the bitmaps asked for; bits 31:4 MBZ. w1 31:16 the vCPU. */
#define FFA_NOTIF_GET_SP (UINT32_C(1) << 0)
#define FFA_NOTIF_GET_VM (UINT32_C(1) << 1)
#define FFA_NOTIF_GET_SPM (UINT32_C(1) << 2)
#define FFA_NOTIF_GET_HYP (UINT32_C(1) << 3)
#define FFA_NOTIF_GET_MBZ UINT32_C(0xfffffff0)
#define FFA_NOTIF_GET_VCPU_SHIFT 16

/*
 * FFA_NOTIFICATION_INFO_GET's answer (§13.19): w2 bit 0 more pending, bits 11:7 the number of
 * lists, and from bit 12 two bits per list: the number of vCPU IDs after its endpoint ID (0-3).
 * The IDs follow in x3-x7, 16 bits each from the low end: four per register in the SMC64 form
 * (20 IDs), two per register in the SMC32 form (10 IDs).
 */
#define FFA_NOTIF_INFO_MORE_PENDING UINT32_C(0x1)
#define FFA_NOTIF_INFO_LISTS_SHIFT 7
#define FFA_NOTIF_INFO_LISTS_MASK UINT32_C(0x1f)
#define FFA_NOTIF_INFO_LIST_SIZE_SHIFT(i) (12 + 2 * (i))
#define FFA_NOTIF_INFO_LIST_SIZE_MASK UINT32_C(0x3)
#define FFA_NOTIF_INFO_MAX_IDS_64 20u
#define FFA_NOTIF_INFO_MAX_IDS_32 10u

/* Framework notifications (§10.2) in w6 (SPM) and w7 (hypervisor) of FFA_NOTIFICATION_GET:
 * bit 0 of each is "RX buffer full" (an indirect message is pending). */
#define FFA_NOTIF_FWK_RX_FULL UINT32_C(0x1)

#endif
