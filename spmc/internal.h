/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Private interfaces of spmc/: the handlers the dispatcher calls, one per FF-A function family,
 * each in its own file. A handler gets the SPMC, the calling endpoint and the call's
 * registers, and returns the answer; it never touches an emulator.
 */
#ifndef SPMC_INTERNAL_H
#define SPMC_INTERNAL_H

#include "abi/table.h"
#include "spmc/spmc.h"

typedef struct ffa_value (*spmc_handler_fn)(struct spmc *spmc, struct spmc_endpoint *caller,
					    const struct ffa_value *args);

/* The FF-A version a caller is treated as: negotiated, else the SPMC's own (or the manifest's).
 * Inline: every call asks. */
static inline uint32_t spmc_caller_version(const struct spmc *spmc,
					   const struct spmc_endpoint *caller)
{
	return caller->version_set ? caller->version : spmc->cfg.version;
}

/* What the SPMC does with a call a partition makes before its first FFA_MSG_WAIT (boot.c). */
enum spmc_boot_action {
	SPMC_BOOT_SERVE = 0, /* answer it as at run time */
	SPMC_BOOT_BOOTED,    /* FFA_MSG_WAIT: initialisation done */
	SPMC_BOOT_REPORTS,   /* FFA_ERROR: the partition reports a failed initialisation */
	SPMC_BOOT_REQUEST,   /* a direct request: served if the receiver booted */
	SPMC_BOOT_DENY,      /* a runtime-state change not allowed while initialising */
	SPMC_BOOT_UNKNOWN    /* outside FF-A: SMC_UNK */
};

/* Registers a personality's answer to one function leaves as the caller set them. */
struct spmc_kept {
	uint8_t in;    /* the personalities (spmc_personality.bit) */
	uint32_t regs; /* bit n: xn */
};

/*
 * The SPMC's columns of the function table: one entry per row of abi/table.c, indexed by the
 * same enum ffa_func_idx (spmc_func_of()). Personality sets are ORs of spmc_personality.bit.
 * Every column's zero value is the common case: no handler (NOT_SUPPORTED), served during boot,
 * offered by every personality.
 */
struct spmc_func {
	/* The handler: NULL for functions the SPMC answers NOT_SUPPORTED. */
	spmc_handler_fn handler;
	/* What a partition's call to it before its first FFA_MSG_WAIT does (boot.c). */
	enum spmc_boot_action boot;
	/* Personalities whose real SPMC does not implement it: NOT_SUPPORTED as a call and in
	 * FFA_FEATURES, whoever asks. */
	uint8_t absent_in;
	/* Personalities whose FFA_FEATURES reports NOT_SUPPORTED to the normal world (the
	 * partition-only interfaces; partitions see every function). */
	uint8_t nw_hidden_in;
	/* Personalities in front of which a normal-world call is refused with NOT_SUPPORTED
	 * before any check (by TF-A's SPMD, or by the SPMC, which never takes it from there). */
	uint8_t nw_refused_in;
	/* Exempt from the caller-version gate when spmc_ungated() (Hafnium at v1.3). */
	bool ungated;
	/* Input registers the answer leaves, per personality (applied to all but FFA_ERROR). */
	struct spmc_kept kept;
};

/* The SPMC's columns of a row. */
const struct spmc_func *spmc_func_of(const struct ffa_func *func);

/*
 * A function the personality answers whatever the caller's version (the dispatcher's and
 * FFA_FEATURES' caller-version gate skips it).
 */
bool spmc_gate_exempt(const struct spmc *spmc, const struct ffa_func *func);

/* The personality has Hafnium v1.3's exemptions from the caller-version gate. */
bool spmc_ungated(const struct spmc *spmc);
/* Whether a personality set (a column of struct spmc_func) holds the SPMC's personality.
 * Inline: the call path asks several times a call. */
static inline bool spmc_pers_in(const struct spmc *spmc, uint8_t set)
{
	return (set & spmc->cfg.personality->bit) != 0;
}

/* mem_perm.c: FFA_MEM_PERM_GET/SET, and whether FFA_FEATURES offers them to a caller. */
struct ffa_value spmc_mem_perm_get(struct spmc *spmc, struct spmc_endpoint *caller,
				   const struct ffa_value *args);
struct ffa_value spmc_mem_perm_set(struct spmc *spmc, struct spmc_endpoint *caller,
				   const struct ffa_value *args);
bool spmc_mem_perm_offered(const struct spmc_endpoint *caller);
/* version.c */
struct ffa_value spmc_version(struct spmc *spmc, struct spmc_endpoint *caller,
			      const struct ffa_value *args);
/* features.c */
struct ffa_value spmc_features(struct spmc *spmc, struct spmc_endpoint *caller,
			       const struct ffa_value *args);
/* The largest RX/TX buffer, in 4 KiB pages, FFA_RXTX_MAP accepts. FFA_FEATURES reports the real
 * SPMC's limit instead (spmc_personality.rxtx_max_pages). */
#define SPMC_RXTX_MAX_PAGES 16u
/* id.c */
struct ffa_value spmc_id_get(struct spmc *spmc, struct spmc_endpoint *caller,
			     const struct ffa_value *args);
struct ffa_value spmc_spm_id_get(struct spmc *spmc, struct spmc_endpoint *caller,
				 const struct ffa_value *args);
/* rxtx.c */
struct ffa_value spmc_rxtx_map(struct spmc *spmc, struct spmc_endpoint *caller,
			       const struct ffa_value *args);
struct ffa_value spmc_rxtx_unmap(struct spmc *spmc, struct spmc_endpoint *caller,
				 const struct ffa_value *args);
struct ffa_value spmc_rx_release(struct spmc *spmc, struct spmc_endpoint *caller,
				 const struct ffa_value *args);
/*
 * rxtx.c: writes size bytes at the start of an endpoint's RX buffer, through the memory it
 * owns, and hands the buffer to it (until FFA_RX_RELEASE). BUSY when it has none or still
 * owns it, NO_MEMORY when the data does not fit, ABORTED when the write fails.
 */
enum ffa_error spmc_rx_fill(struct spmc *spmc, struct spmc_endpoint *ep, const void *data,
			    uint64_t size);
/* msg_send2.c: FFA_MSG_SEND2 and FFA_RX_ACQUIRE, and whether FFA_FEATURES offers
 * FFA_RX_ACQUIRE to a caller (the normal world's hypervisor alone). */
struct ffa_value spmc_msg_send2(struct spmc *spmc, struct spmc_endpoint *caller,
				const struct ffa_value *args);
struct ffa_value spmc_rx_acquire(struct spmc *spmc, struct spmc_endpoint *caller,
				 const struct ffa_value *args);
bool spmc_rx_acquire_offered(const struct spmc_endpoint *caller);
/* partition_info.c */
struct ffa_value spmc_partition_info_get(struct spmc *spmc, struct spmc_endpoint *caller,
					 const struct ffa_value *args);
struct ffa_value spmc_partition_info_get_regs(struct spmc *spmc, struct spmc_endpoint *caller,
					      const struct ffa_value *args);
/* direct.c: DIRECT_REQ (32/64) and DIRECT_REQ2; a RESP/RESP2 outside a request. */
struct ffa_value spmc_direct_req(struct spmc *spmc, struct spmc_endpoint *caller,
				 const struct ffa_value *args);
struct ffa_value spmc_direct_resp(struct spmc *spmc, struct spmc_endpoint *caller,
				  const struct ffa_value *args);
/* msg.c: the callee state machine. */
struct ffa_value spmc_msg_wait(struct spmc *spmc, struct spmc_endpoint *caller,
			       const struct ffa_value *args);
struct ffa_value spmc_yield(struct spmc *spmc, struct spmc_endpoint *caller,
			    const struct ffa_value *args);
struct ffa_value spmc_run(struct spmc *spmc, struct spmc_endpoint *caller,
			  const struct ffa_value *args);
/* notif.c: the notification calls, as the personality's notification model answers them. */
struct ffa_value spmc_notification_call(struct spmc *spmc, struct spmc_endpoint *caller,
					const struct ffa_value *args);
/* notif.c: whether FFA_FEATURES offers a notification function to this caller. */
bool spmc_notif_offered(const struct spmc *spmc, const struct spmc_endpoint *caller, uint32_t fid);
/*
 * notif.c: the SPMC is about to give a partition the CPU (FFA_RUN, a direct request): when it
 * has notifications enabled and any pending (from partitions, VMs or the framework), its
 * notification pending interrupt becomes pending, as Hafnium injects it then
 * (ffa_interrupts_inject_notification_pending_interrupt). Not for S-EL0 partitions, which
 * Hafnium gives no virtual interrupts of this kind.
 */
void spmc_notif_inject_npi(struct spmc *spmc, struct spmc_endpoint *ep);
/* notif.c: the state of a fresh SPMC (VM 0's bitmap unbound, not created). */
void spmc_notif_init(struct spmc *spmc);
/*
 * notification_args.c: Hafnium's argument checks of a notification call, before it looks at
 * any state: FFA_OK when they pass, else the error (INVALID_PARAMETERS, or NOT_SUPPORTED for a
 * partition's bitmap call).
 */
enum ffa_error spmc_notif_hafnium_args(const struct spmc_endpoint *caller,
				       const struct ffa_value *args);
/* notification_args.c: the bitmap of BIND, UNBIND and SET (w3 low half, w4 high half). */
uint64_t spmc_notif_bitmap_arg(const struct ffa_value *args);
/*
 * notif.c: a normal-world VM's slot (its notification state; VM 0's always exists), or NULL
 * when it has none. With create, a VM without one takes a free slot; NULL when none is left.
 */
struct spmc_notif_bitmap *spmc_notif_vm_slot(struct spmc *spmc, uint16_t id, bool create);
/* notif.c: frees a VM's slot (not VM 0's). */
void spmc_notif_vm_slot_free(struct spmc *spmc, uint16_t id);
/*
 * vm.c: the endpoint of a VM other than 0 that holds a slot (its buffers were forwarded or its
 * bitmap created; rxtx.mapped tells which), or NULL (VM 0, partitions, VMs without a slot).
 */
struct spmc_endpoint *spmc_vm_find(struct spmc *spmc, uint16_t id);
/*
 * vm.c: the endpoint of VM `id` (not 0, not secure), created with a slot when it has none, at
 * the normal world's version; NULL when there is no slot or endpoint left.
 */
struct spmc_endpoint *spmc_vm_create(struct spmc *spmc, uint16_t id);
/* vm.c: frees VM `id`'s slot when it has neither buffers nor a notification bitmap. */
void spmc_vm_release(struct spmc *spmc, uint16_t id);
/* boot.c */
struct ffa_value spmc_secondary_ep_register(struct spmc *spmc, struct spmc_endpoint *caller,
					    const struct ffa_value *args);
/* Whether FFA_FEATURES offers FFA_SECONDARY_EP_REGISTER_64 to this caller. */
bool spmc_secondary_ep_register_offered(const struct spmc_endpoint *caller);
/* console_log.c */
struct ffa_value spmc_console_log(struct spmc *spmc, struct spmc_endpoint *caller,
				  const struct ffa_value *args);

/* msg.c: the execution context (vCPU) of ep that runs on the current CPU: the CPU's index for
 * a partition with one context per CPU, 0 for one with a single context. */
uint16_t spmc_vcpu_of(const struct spmc *spmc, const struct spmc_endpoint *ep);

/*
 * boot.c: serves a partition's initialisation calls, from `first_call` (what its boot or start
 * ran to, `first`), until its first FFA_MSG_WAIT: true when it got there (it is WAITING), false
 * when it failed (fail_reason says why unless it stopped).
 */
bool spmc_boot_serve(struct spmc *spmc, struct spmc_endpoint *ep, enum spmc_part_status first,
		     struct ffa_value *first_call);
/* intr.c: preempts a running partition for an interrupt (PREEMPTED, resumed by FFA_RUN
 * without an answer); returns the FFA_INTERRUPT its runner gets. */
struct ffa_value spmc_preempt(struct spmc *spmc, struct spmc_endpoint *ep);
/* intr.c: the partition gave its CPU back (a response, FFA_MSG_WAIT, FFA_YIELD): a managed
 * exit in progress is complete. */
void spmc_intr_gave_back(struct spmc_endpoint *ep);
/* intr.c: the answer of caller's direct request or FFA_RUN came back: false when it is caller's
 * to take; true when a call chain unwinds past it to an owner further back (it stays BLOCKED,
 * its call unanswered, and the answer goes on up). */
bool spmc_intr_left_blocked(struct spmc *spmc, struct spmc_endpoint *caller);
/* intr.c: FFA_RUN of a partition left blocked (head, caller's callee): runs the preempted end
 * of its call chain, and each partition left blocked with the answer it waited for, back up to
 * head's answer to caller. */
struct ffa_value spmc_intr_resume_chain(struct spmc *spmc, struct spmc_endpoint *caller,
					struct spmc_endpoint *head);
/* intr.c: Hafnium's notification pending interrupt (HF_NOTIFICATION_PENDING_INTID, FFA_FEATURES
 * feature 1) becomes pending for a partition, once, at the end of its queue; enabled (a vIRQ)
 * unless the partition disabled it. */
void spmc_intr_pend_npi(struct spmc_endpoint *ep);
/* intr.c: answers Hafnium's interrupt calls (HF_INTERRUPT_ENABLE/GET/DEACTIVATE) from a
 * partition into *answer; false when the call is not one of them (or not Hafnium's). */
bool spmc_hf_call(struct spmc *spmc, struct spmc_endpoint *ep, const struct ffa_value *call,
		  struct ffa_value *answer);

/*
 * msg.c: runs a partition from `in` (a delivered message, or the answer that resumes it)
 * until it answers its caller: handles every FF-A call it makes on the way (its console logs,
 * discovery, its own direct requests) and returns the answer for the caller (a DIRECT_RESP or
 * RESP2, FFA_YIELD, FFA_INTERRUPT, or an FFA_ERROR when it failed). `in` NULL: it resumes
 * where an interrupt preempted it, without an answer.
 */
struct ffa_value spmc_run_partition(struct spmc *spmc, struct spmc_endpoint *ep,
				    const struct ffa_value *in);

#endif
