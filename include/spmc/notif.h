/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The SPMC's notification state (FF-A v1.2 (DEN0077A) §10): one bitmap set per receiver, the
 * bindings of its 64 notifications to senders, what is pending and what the normal world's
 * scheduler has already been told about (FFA_NOTIFICATION_INFO_GET). The handlers are in
 * spmc/notif.c; this header holds the state struct spmc carries and the calls other parts of
 * the SPMC and sim/ make.
 */
#ifndef SPMC_NOTIF_H
#define SPMC_NOTIF_H

#include <stdbool.h>
#include <stdint.h>

#include "abi/ffa.h"

/* Notifications per bitmap (FF-A v1.2 (DEN0077A) §10.1: IDs 0-63). */
#define SPMC_NOTIF_COUNT 64u
/*
 * Normal-world VMs with a bitmap besides VM 0 (the hypervisor's or the OS's, always present):
 * Hafnium keeps MAX_VMS slots for them (16 in its reference builds) and answers NO_MEMORY
 * when they are used up. OP-TEE without NS virtualisation knows VM 0 only.
 */
#define SPMC_NOTIF_VM_SLOTS 16u

/*
 * Framework notifications (FF-A v1.2 (DEN0077A) §10.2), as the 64-bit bitmap FFA_NOTIFICATION_GET
 * returns in w6/w7: bit 0 the SPM's "RX buffer full" (an indirect message is pending), bit 32
 * the hypervisor's.
 */
#define SPMC_NOTIF_FWK_RX_FULL_SPM (UINT64_C(1) << 0)
#define SPMC_NOTIF_FWK_RX_FULL_HYP (UINT64_C(1) << 32)

/* No sender bound to a notification. */
#define SPMC_NOTIF_UNBOUND 0xffffu

/* Notifications from one class of sender: partitions, or normal-world VMs. */
struct spmc_notif_from {
	uint16_t sender[SPMC_NOTIF_COUNT]; /* bound sender per notification, or UNBOUND */
	uint64_t pending;
	uint64_t info_reported; /* pending bits FFA_NOTIFICATION_INFO_GET already listed */
};

/* One receiver's notifications. */
struct spmc_notif_bitmap {
	bool enabled;        /* created (VMs) or notification-support (partitions) */
	uint16_t id;         /* the receiver */
	uint16_t vcpu_count; /* BITMAP_CREATE's w2 (VMs) */
	struct spmc_notif_from from_sp;
	struct spmc_notif_from from_vm;
	uint64_t fwk_pending;
	uint64_t fwk_info_reported;
};

/*
 * How the SPMC reaches the normal world's interrupt controller: sim/ raises the schedule
 * receiver interrupt (an SGI, FFA_FEATURES feature 2's ID) on a CPU of the normal world.
 * raise_sri NULL: there is nobody to tell (unit tests without a GIC, scenario sessions).
 */
struct spmc_notif_ops {
	void (*raise_sri)(void *ctx, unsigned cpu, uint32_t intid);
	void *ctx;
};

/* The SPMC's notification state. */
struct spmc_notif {
	struct spmc_notif_bitmap vm0;                      /* VM 0 */
	struct spmc_notif_bitmap vms[SPMC_NOTIF_VM_SLOTS]; /* other VMs; id 0: a free slot */
	bool sri_delayed;                                  /* set with the delay-SRI flag */
	unsigned sri_raised;                               /* SRIs raised so far */
	struct spmc_notif_ops ops;
};

struct spmc;

/* Hands the SPMC the way to raise the schedule receiver interrupt (copied; NULL: none). */
void spmc_notif_set_ops(struct spmc *spmc, const struct spmc_notif_ops *ops);

/*
 * Whether an endpoint can receive notifications: a partition whose manifest says
 * notification-support, or a normal-world VM whose bitmap was created (FFA_NOTIFICATION_BITMAP_
 * CREATE; under OP-TEE VM 0 always).
 */
bool spmc_notif_enabled(const struct spmc *spmc, uint16_t id);

/*
 * Sets framework notifications (SPMC_NOTIF_FWK_*) pending for a receiver, as the SPMC does when it
 * delivers an indirect message to a normal-world VM (with or without a bitmap, as Hafnium does)
 * or to a partition that uses notifications (FF-A v1.2 (DEN0077A) §10.2), and raises the schedule
 * receiver interrupt unless delay_sri (then at the next return to the normal world). FFA_OK, or
 * DENIED when the receiver is a partition without notifications or the personality has no
 * framework notifications, INVALID_PARAMETERS when there is no such receiver or no such
 * framework notification.
 */
enum ffa_error spmc_notif_set_framework(struct spmc *spmc, uint16_t receiver, uint64_t bits,
					bool delay_sri);

/*
 * Whether framework notifications are pending for an endpoint (not yet taken by its
 * FFA_NOTIFICATION_GET; a VM's with or without a bitmap): Hafnium refuses FFA_RX_RELEASE with
 * DENIED while "RX buffer full" is.
 */
bool spmc_notif_framework_pending(const struct spmc *spmc, uint16_t id);

/*
 * The normal world gets its CPU back (the end of its call into the SPMC): a schedule receiver
 * interrupt delayed by FFA_NOTIFICATION_SET's flag is raised now, as Hafnium does when a
 * partition's execution context returns to the normal world.
 */
void spmc_notif_return_to_nw(struct spmc *spmc);

#endif
