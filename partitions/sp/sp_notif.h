/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The request protocol of the example notification partition (sp_notif.c): a DIRECT_REQ_32 with
 * the operation in w3 and its arguments in w4-w7; the answer is a DIRECT_RESP_32 with w3 the
 * status (0 or an FF-A error code) and, for SP_NOTIF_OP_TAKE and SP_NOTIF_OP_LAST, what it took:
 * w4 the interrupt ID HF_INTERRUPT_GET gave it (0xffffffff: none), w5 the notifications from
 * VMs (low 32 bits), w6 those from partitions (low 32 bits), w7 how it took the interrupt
 * (SP_NOTIF_HOW_*) | the framework notifications << 8 (bit 8 the SPM's RX buffer full, bit 9
 * the hypervisor's).
 */
#ifndef SP_NOTIF_H
#define SP_NOTIF_H

/* FFA_NOTIFICATION_BIND of notifications w5 (low 32) | w6 << 32 for itself, from sender w4. */
#define SP_NOTIF_OP_BIND 0u
/* Lets the notification pending interrupt in (IRQs unmasked for a moment), or asks
 * HF_INTERRUPT_GET when it did not come, and takes its notifications with
 * FFA_NOTIFICATION_GET. */
#define SP_NOTIF_OP_TAKE 1u
/* FFA_NOTIFICATION_SET of notifications w5 | w6 << 32 from itself for receiver w4, flags w7. */
#define SP_NOTIF_OP_SET 2u
/* What it took the last time it ran (a TAKE, or cycles given by FFA_RUN). */
#define SP_NOTIF_OP_LAST 3u
/* FFA_NOTIFICATION_UNBIND of notifications w5 | w6 << 32 from sender w4. */
#define SP_NOTIF_OP_UNBIND 4u

/* How it took the interrupt: not at all, in its IRQ vector, or by asking HF_INTERRUPT_GET. */
#define SP_NOTIF_HOW_NONE 0u
#define SP_NOTIF_HOW_VECTOR 1u
#define SP_NOTIF_HOW_POLL 2u

#endif
