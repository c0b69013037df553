/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The simulated SPMC: the endpoints it knows (the normal world's physical instance, VMs when a
 * hypervisor is modelled, the secure partitions), their negotiated versions, RX/TX buffers and
 * messaging state, and the behaviour of the real SPMC it stands for (a personality: Hafnium,
 * TF-A's EL3 SPMC or OP-TEE). All state hangs off struct spmc.
 */
#ifndef SPMC_SPMC_H
#define SPMC_SPMC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "abi/ffa.h"
#include "abi/regs.h"
#include "common/diag.h"
#include "common/switch.h"
#include "spmc/mem_txn.h"
#include "spmc/memory.h"
#include "spmc/notif.h"

/*
 * Secure partitions one SPMC hosts. Real SPMCs fix theirs at build time: Hafnium's MAX_VMS
 * (max_vms in a platform's build file) and TF-A's EL3 SPMC's SECURE_PARTITION_COUNT (1 on its
 * Arm platforms); 64 lets a system carry as many partition binaries as the largest
 * configurations we model (docs/system.md).
 */
#define SPMC_MAX_PARTITIONS 64
/* Endpoints: the partitions, the built-in echo, the normal world's physical instance and the
 * VMs a hypervisor announces (one per notification slot). */
#define SPMC_MAX_ENDPOINTS (SPMC_MAX_PARTITIONS + 2 + SPMC_NOTIF_VM_SLOTS)
#define SPMC_MAX_UUIDS 8  /* services (UUIDs) of one partition */
#define SPMC_MAX_DEPTH 8  /* nested direct requests (partition to partition) */
#define SPMC_LAST_CALLS 8 /* calls of a partition kept for the report when it is aborted */
#define SPMC_NAME_MAX 32  /* an endpoint's name, its NUL included */

/*
 * FFA_VERSION behaviour of a real SPMC, as data (docs/ffa-support.md, "FFA_VERSION by
 * personality"; FF-A v1.2 (DEN0077A) §13.2.1 leaves these choices to the implementation).
 */
enum spmc_version_incompatible {
	SPMC_INCOMPAT_NOT_SUPPORTED, /* Hafnium: NOT_SUPPORTED */
	SPMC_INCOMPAT_OWN_VERSION    /* TF-A, OP-TEE: its own version, nothing stored */
};

enum spmc_version_after_lock {
	SPMC_LOCKED_SAME_OR_NOT_SUPPORTED, /* Hafnium: own version for the negotiated one, else NS
					    */
	SPMC_LOCKED_NEGOTIATED,            /* TF-A: the negotiated version (NS if none) */
	SPMC_LOCKED_NEVER                  /* OP-TEE: no lock, renegotiation allowed */
};

/* Personalities as bits, for the per-function sets in the SPMC's columns of the function
 * table (spmc/internal.h, struct spmc_func). */
#define SPMC_PERS_HAFNIUM (1u << 0)
#define SPMC_PERS_TF_A (1u << 1)
#define SPMC_PERS_OPTEE (1u << 2)

struct ffa_deviations;

/* How a personality allocates memory handles (FF-A v1.2 (DEN0077A) §10.2.1: bit 63 clear, the
 * SPMC allocated it). */
enum spmc_mem_handles {
	SPMC_MEM_HANDLES_SLOT,    /* Hafnium: the index of the first free share-state slot */
	SPMC_MEM_HANDLES_COUNTER, /* TF-A's EL3 SPMC: a counter from 0xffffffc0 */
	SPMC_MEM_HANDLES_BITMAP   /* OP-TEE: first free bit, with bit 44 (normal-world sender)
				   * or bit 45 (partition sender) */
};

/* The notification models of the real SPMCs (spmc/notif.c). */
enum spmc_notif_model {
	SPMC_NOTIF_NONE,    /* TF-A's EL3 SPMC: no notifications, NOT_SUPPORTED */
	SPMC_NOTIF_HAFNIUM, /* Hafnium's src/api.c and src/ffa/spmc/notifications.c */
	SPMC_NOTIF_OPTEE    /* OP-TEE's S-EL1 SPMC: VM 0's bitmap only (thread_spmc.c) */
};

/*
 * How a secure interrupt a partition's device raises reaches it (docs/ffa-support.md, "Secure
 * interrupts", by personality).
 */
enum spmc_sirq_delivery {
	/* it never reaches the partition: the simulator configures none of its interrupts
	 * (OP-TEE's interrupt framework serves its own drivers and its S-EL0 partitions own no
	 * interrupts; TF-A's EL3 SPMC resumes its S-EL1 partition with FFA_INTERRUPT and no ID
	 * and leaves the GIC to it, which partition binaries here cannot reach) */
	SPMC_SIRQ_NONE,
	/* Hafnium: the SPMC acknowledges and ends it and injects the owner's virtual interrupt */
	SPMC_SIRQ_VIRTUAL
};

/*
 * What decides the ns-interrupts-action (FF-A v1.2 (DEN0077A) §8.3.1) a partition runs with
 * when a non-secure interrupt comes.
 */
enum spmc_ns_rule {
	/*
	 * TF-A's EL3 SPMC reads no ns-interrupts-action and leaves the interrupt to its S-EL1
	 * partition: signaled when the normal world gave the partition the CPU, queued when
	 * another partition did.
	 */
	SPMC_NS_RULE_RUNNER,
	/* The partition's manifest value, managed exit included (Hafnium). */
	SPMC_NS_RULE_MANIFEST,
	/*
	 * OP-TEE (core/arch/arm/kernel/secure_partition.c, sp_cpsr_configure_foreign_interrupts):
	 * the lesser of the manifest value and the calling partition's own effective action
	 * (FF-A v1.2 (DEN0077A) §8.3.1), queued masking foreign interrupts and anything else
	 * letting them preempt the partition; OP-TEE refuses a managed-exit manifest.
	 */
	SPMC_NS_RULE_INHERITED,
};

struct spmc_personality {
	const char *name; /* "hafnium", "tf-a", "optee" */
	uint8_t bit;      /* SPMC_PERS_*: what the function table's personality sets name it by */
	enum spmc_version_incompatible incompatible;
	enum spmc_version_after_lock after_lock;
	/* OP-TEE stores min(requested, own); the others store the requested version. */
	bool store_min;
	/* The SPMC runs below EL3, behind TF-A's SPMD (Hafnium at S-EL2, OP-TEE at S-EL1), which
	 * answers the normal world's FFA_VERSION itself for an SPMC whose manifest says v1.0;
	 * TF-A's EL3 SPMC is called directly. */
	bool behind_spmd;
	/* TF-A's EL3 SPMC answers NOT_SUPPORTED to calls before FFA_VERSION; the others allow
	 * them (at the SPMC's own version for the normal world, the manifest's for partitions). */
	bool calls_before_negotiation;
	/* TF-A refuses a non-zero FFA_FEATURES input property (w2) except for MEM_RETRIEVE_REQ. */
	bool features_input_mbz;
	/* The FF-A versions it can be (--spmc NAME:VER) and the one it is by default. */
	uint32_t version_max;
	uint32_t version_default;
	/* Hafnium at v1.3 has no caller-version gate for some functions: it answers
	 * FFA_SPM_ID_GET, FFA_PARTITION_INFO_GET_REGS and the notification calls to v1.0 callers,
	 * and takes the count-only flag of FFA_PARTITION_INFO_GET from them (spmc_ungated());
	 * the others follow FF-A v1.2 (DEN0077A) §13.2.1. */
	bool partinfo_regs_any_version;
	/* Hafnium at v1.3 reports the 8-byte descriptor size in w3 to v1.0 callers too; FF-A
	 * v1.0 has no such field, and TF-A leaves it zero (so does the hafnium personality
	 * below v1.3, not checked against a release of that time). */
	bool partinfo_v1_0_size;
	/* Interrupt IDs FFA_FEATURES reports for the feature IDs (0: NOT_SUPPORTED): the
	 * schedule receiver interrupt to the normal world, the notification pending and
	 * managed exit interrupts to partitions (FF-A v1.2 (DEN0077A) §13.3, Table 13.11). */
	uint32_t sri_intid;
	/* The SPMC enables its SRI when it boots (Hafnium: non-secure group 1, priority 0xf0), or
	 * only donates it to the normal world, disabled, for its driver to enable (OP-TEE's
	 * gic_init_donate_sgi_to_ns). */
	bool sri_enabled_at_boot;
	uint32_t npi_intid;
	uint32_t mei_intid;
	/* Whose notification model it follows (spmc/notif.c, docs/notifications.md). */
	enum spmc_notif_model notif_model;
	/* FFA_PARTITION_INFO_GET for a UUID no partition has: an empty answer (OP-TEE: count 0,
	 * the RX buffer handed over) instead of INVALID_PARAMETERS. */
	bool pinfo_unknown_uuid_empty;
	/* FFA_FEATURES(FFA_RXTX_MAP) w2 bits 31:16 for v1.2 callers: the largest buffer in pages,
	 * or 0 when the SPMC leaves the field zero. */
	uint32_t rxtx_max_pages;
	/* The SPMC zeroes the rest of the RX buffer after the partition descriptors. */
	bool rx_zero_rest;
	/* FFA_RX_RELEASE reads w1 bits 15:0 as the VM whose buffer a hypervisor releases
	 * (Hafnium: INVALID_PARAMETERS for one it has no buffer of); TF-A's EL3 SPMC and OP-TEE
	 * do not look at w1. */
	bool rx_release_vm_id;
	/* The SPMC keeps the normal-world VMs a hypervisor tells it of (Hafnium's nwd_vms,
	 * spmc/vm.c): FFA_RXTX_MAP_64 with x1, x2 and w3 zero maps a VM's buffers from the
	 * endpoint RX/TX descriptor, FFA_RXTX_UNMAP names a VM in w1 bits 31:16. TF-A's EL3 SPMC
	 * and OP-TEE know the normal world's endpoint 0 only. */
	bool nwd_vms;
	/* FFA_PARTITION_INFO_GET for a named UUID: the descriptors carry the UUID (TF-A, OP-TEE)
	 * or a Nil UUID (Hafnium). */
	bool pinfo_named_uuid_filled;
	/* FFA_PARTITION_INFO_GET's flag bits other than bit 0 are refused (Hafnium) or ignored. */
	bool pinfo_flags_mbz;
	/* FFA_FEATURES hides functions newer than the caller's version (OP-TEE, Hafnium); TF-A
	 * answers by its own version whatever the caller negotiated. */
	bool features_by_caller_version;
	/* The error of a DIRECT_REQ2 to a partition without the REQ2 receive property. */
	enum ffa_error req2_not_receiver;
	/* The SPMC sign-extends the error code in x2 of its FFA_ERROR answers (TF-A's EL3 SPMC
	 * writes it as a 64-bit value); the SPMD's own errors stay zero-extended. */
	bool errors_sign_extended;
	/* How its partitions' secure interrupts reach them. */
	enum spmc_sirq_delivery sirq;
	/* Its known deviations from the register rules, for the checker; NULL for none. */
	const struct ffa_deviations *deviations;
	/* FFA_RXTX_MAP from the normal world naming memory it does not own (secure memory,
	 * flash, devices, holes): Hafnium DENIED. Partitions get INVALID_PARAMETERS. */
	enum ffa_error rxtx_foreign_nw;
	/* Memory management (docs/ffa-support.md, "Memory management by personality"). */
	enum spmc_mem_handles mem_handles;
	/* The operations (bit n: enum spmc_mem_op n) the normal world and partitions may send;
	 * another one is refused with mem_send_refused. */
	uint8_t mem_nw_ops;
	uint8_t mem_sp_ops;
	enum ffa_error mem_send_refused;
	/* A descriptor in a buffer the caller names in x3/x4 instead of its TX buffer
	 * (FFA_FEATURES w2 bit 0 of FFA_MEM_SHARE/LEND); else INVALID_PARAMETERS. */
	bool mem_dyn_buffer;
	/* The zero flags of send, retrieve, relinquish and reclaim are honoured; else they are
	 * refused with mem_zero_refused. */
	bool mem_zero;
	enum ffa_error mem_zero_refused;
	/* A send naming pages already in a transaction: Hafnium DENIED, TF-A
	 * INVALID_PARAMETERS; FFA_OK: not checked (OP-TEE shares them again). */
	enum ffa_error mem_pages_busy;
	/* The normal world's sends are taken without checking the descriptor's sender and flags
	 * (OP-TEE: the hypervisor's job); the transaction is the caller's. */
	bool mem_nw_lax;
	/* A descriptor in fragments (FFA_MEM_FRAG_TX) is taken; else a first fragment shorter
	 * than the whole is INVALID_PARAMETERS (OP-TEE wants every constituent in it). */
	bool mem_frag_tx;
	/* ... and its first fragment must hold a constituent: a descriptor whose first fragment
	 * ends at the composite is INVALID_PARAMETERS when it completes (Hafnium's
	 * constituents_get_mode, "no constituents"). */
	bool mem_first_frag_constituent;
	/* The normal world (a hypervisor) may read a transaction's descriptor with a retrieve
	 * request naming no receivers (Hafnium, TF-A); else NOT_SUPPORTED (OP-TEE). */
	bool mem_hyp_retrieve;
	/* A retrieve request naming another sender than the transaction's (Hafnium: DENIED). */
	enum ffa_error mem_wrong_sender;
	/* A retrieve while the caller still owns its RX buffer. */
	enum ffa_error mem_rx_busy;
	/* FFA_FEATURES(FFA_MEM_RETRIEVE_REQ) w2 (bit 1 NS-bit handling, bit 2 hypervisor
	 * retrieve); v1.1+ callers must set the NS-bit input (w2 bit 1) or get NOT_SUPPORTED. */
	uint32_t mem_retrieve_props;
	/* v1.0 partitions that asked for the NS bit in FFA_FEATURES get it in their retrieve
	 * responses (TF-A's EL3 SPMC); otherwise only v1.1+ retrievers see it. */
	bool mem_ns_bit_v1_0_opt_in;
	/* The single borrower of a lend or donate must specify its instruction access in its
	 * retrieve request (Hafnium, src/ffa_memory.c: INVALID_PARAMETERS); TF-A's EL3 SPMC and
	 * OP-TEE do not check it, and unspecified is granted as NX. */
	bool mem_insn_rules;
	/* Partitions may call FFA_RUN (Hafnium's partition runtime model: an SP resumes a
	 * preempted or yielded callee); TF-A's EL3 SPMC takes FFA_RUN from the normal world only
	 * and refuses a partition's with INVALID_PARAMETERS (ffa_run_handler). */
	bool run_by_partitions;
	/* Which ns-interrupts-action applies to a running partition (enum spmc_ns_rule). */
	enum spmc_ns_rule ns_rule;
};

/* True when the personality can be an SPMC of FF-A `version` (1.0 up to its version_max). */
bool spmc_personality_offers(const struct spmc_personality *pers, uint32_t version);

/* The personality with a name, or NULL. */
const struct spmc_personality *spmc_personality_find(const char *name);

/* The most personalities there are (a bound for arrays of their names). */
#define SPMC_PERSONALITY_MAX 8

/* Personality i of the table, or NULL past the last one. */
const struct spmc_personality *spmc_personality_at(size_t i);

/*
 * Fills names with the personalities' names in table order, NULL after the last (names has
 * room for max entries, the NULL included). Returns how many names it wrote.
 */
size_t spmc_personality_names(const char **names, size_t max);

/*
 * Appends the personalities' names to buf as "hafnium, tf-a, optee", or with `extra` as the
 * last choice ("... or none") when extra is not NULL. Returns buf.
 */
const char *spmc_personality_choices(char *buf, size_t size, const char *extra);

/* The state of a partition's execution context (FF-A v1.2 (DEN0077A) §8.2, partition states). */
enum spmc_ep_state {
	SPMC_EP_BOOTING,   /* not yet at its first FFA_MSG_WAIT */
	SPMC_EP_WAITING,   /* in FFA_MSG_WAIT: ready for a message */
	SPMC_EP_RUNNING,   /* handling a direct request */
	SPMC_EP_PREEMPTED, /* interrupted (FFA_INTERRUPT to its caller); resumed by FFA_RUN */
	SPMC_EP_YIELDED,   /* gave its CPU back (FFA_YIELD); resumed by FFA_RUN */
	SPMC_EP_BLOCKED,   /* waiting for the answer to its own direct request */
	SPMC_EP_FAILED     /* faulted or failed to boot: refuses messages */
};

const char *spmc_ep_state_name(enum spmc_ep_state state);

struct spmc_rxtx {
	bool mapped;
	uint64_t tx; /* guest physical addresses */
	uint64_t rx;
	uint32_t page_count;
	bool rx_full; /* the SPMC wrote the RX buffer; the endpoint owns it until RX_RELEASE */
	/* A hypervisor took the normal world's RX buffer with FFA_RX_ACQUIRE; it gives it back
	 * with FFA_RX_RELEASE (spmc/msg_send2.c). */
	bool rx_acquired;
	/* Who sent the indirect message in the RX buffer (FFA_MSG_SEND2), while rx_full. */
	uint16_t rx_sender;
};

/* What running a partition ended with. */
enum spmc_part_status {
	SPMC_PART_CALL,      /* it made an FF-A call: *call holds its registers */
	SPMC_PART_FAULT,     /* it faulted or stopped: it is now SPMC_EP_FAILED */
	SPMC_PART_PREEMPTED, /* an interrupt took its CPU (its timeslice ran out): no call is
			      * pending; it goes on where it was when resumed without an answer */
	SPMC_PART_SECURE_IRQ /* a secure interrupt is pending on its CPU: the SPMC takes it
			      * (spmc_secure_interrupt_running) and resumes it without an answer */
};

/*
 * How the SPMC runs a partition: a built-in model (partitions/) or a binary in its own CPU.
 * A partition runs until its next FF-A call and hands the SPMC that call's registers.
 */
struct spmc_partition_ops {
	/* Runs from the entry point to the first FF-A call (FFA_MSG_WAIT when it booted). */
	enum spmc_part_status (*boot)(void *ctx, struct ffa_value *call);
	/* Resumes with `in` as the answer to its pending FF-A call; runs to its next call. `in`
	 * NULL: it was preempted (SPMC_PART_PREEMPTED) and goes on where it was. */
	enum spmc_part_status (*resume)(void *ctx, const struct ffa_value *in,
					struct ffa_value *call);
	/* Optional (NULL: the partition cannot be preempted): its caller gives it the CPU (a
	 * request, FFA_RUN); from now on it may run `timeslice` virtual nanoseconds (0: without
	 * limit) before its resume returns SPMC_PART_PREEMPTED. */
	void (*grant)(void *ctx, uint64_t timeslice);
	/*
	 * Optional (NULL: the partition takes no virtual interrupts through vectors): called
	 * whenever the partition's pending, enabled virtual interrupts change (one pended, one
	 * taken with HF_INTERRUPT_GET, enabled or disabled, a managed exit done), with whether
	 * any of them is a vIRQ (virq) and any a vFIQ (vfiq), by the type HF_INTERRUPT_ENABLE
	 * gave it or managed-exit-virq. The runtime asserts its CPU's virtual lines so, as
	 * Hafnium sets HCR_EL2.VI / VF (vcpu_update_virtual_interrupts).
	 */
	void (*virtual_lines)(void *ctx, bool virq, bool vfiq);
	/* Optional (NULL: a secondary context is ready as soon as its CPU is on, as a built-in
	 * model is): starts this execution context (the ctx of that context, see struct
	 * spmc_ep_ctx) at `entry` as Hafnium's vcpu_bootstrap starts a secondary vCPU (x0 = 0,
	 * x4 = the physical CPU's index `cpu`, other registers zero) and runs it to its first
	 * FF-A call. */
	enum spmc_part_status (*start)(void *ctx, uint64_t entry, unsigned cpu,
				       struct ffa_value *call);
};

/* The most execution contexts of one partition (the most CPUs of a platform). */
#define SPMC_MAX_VCPUS 8u

/*
 * One execution context (vCPU) of a partition: the part of an endpoint that is per CPU. The
 * endpoint's `ctx` is the context of the SPMC's current CPU (spmc->cpu); with several contexts
 * (execution-ctx-count > 1), spmc_set_cpu() stores it into ctxs[old CPU] and loads ctxs[new
 * CPU], so every handler sees the context the call runs on without knowing of contexts.
 * Context k runs on CPU k only (Hafnium pins an MP partition's vCPU k to CPU k); a partition
 * with one context keeps it whatever CPU calls it (Hafnium migrates its one vCPU).
 */
struct spmc_ep_ctx {
	enum spmc_ep_state state;
	uint16_t caller; /* who sent the request being handled (RUNNING/PREEMPTED/YIELDED) */
	/* PREEMPTED by an interrupt while it ran (not by its own FFA_INTERRUPT call): FFA_RUN
	 * resumes it where it was, without an answer (spmc/intr.c). */
	bool interrupted;
	bool caller_req2;  /* that request was a DIRECT_REQ2: only RESP2 answers it */
	bool caller_smc64; /* ... in the SMC64 form */
	/* BLOCKED in a direct request whose call chain a secure interrupt preempted for an owner
	 * further back: its request stays unanswered until the owner resumes the chain
	 * (spmc_intr_resume_chain). */
	bool left_blocked;
	void *ops_ctx; /* what runs this context (the ops' argument) */
};

/* One FF-A call a partition made while it ran, and the SPMC's answer. */
struct spmc_call_record {
	struct ffa_value call;
	struct ffa_value answer;
};

/* Virtual interrupts one partition can have: its devices' and the maintenance ones. */
#define SPMC_MAX_VINTS 16
/* HF_INTERRUPT_GET's answer when no enabled interrupt is pending (Hafnium's HF_INVALID_INTID). */
#define SPMC_INVALID_INTID UINT32_C(0xffffffff)

/* ns-interrupts-action (FF-A v1.2 (DEN0077A) §8.3.1): what a non-secure interrupt does while
 * the partition runs; the manifest's value. */
enum spmc_ns_action {
	SPMC_NS_QUEUED = 0,       /* it stays pending until the partition gives its CPU back */
	SPMC_NS_MANAGED_EXIT = 1, /* the partition gets its managed-exit virtual interrupt */
	SPMC_NS_SIGNALED = 2      /* the partition is preempted: FFA_INTERRUPT to its runner */
};

/* One virtual interrupt of a partition (Hafnium's per-vCPU interrupt state). */
struct spmc_vint {
	uint32_t id;
	bool owned;   /* a physical interrupt of one of its devices (manifest device-regions) */
	bool enabled; /* HF_INTERRUPT_ENABLE */
	bool fiq;     /* signalled as a vFIQ (type 1), else a vIRQ */
	bool pending;
};

/* A partition's interrupts (spmc/intr.c). */
struct spmc_intr {
	enum spmc_ns_action ns_action;
	bool me_fiq; /* the managed-exit interrupt is a vFIQ (managed-exit-virq absent) */
	struct spmc_vint vints[SPMC_MAX_VINTS];
	unsigned vint_count;
	uint32_t queue[SPMC_MAX_VINTS]; /* pending IDs, oldest first (HF_INTERRUPT_GET's order) */
	unsigned queued;
	bool managed_exit; /* its managed-exit interrupt is signalled, its response not yet made */
	unsigned handled;  /* secure interrupts it took with HF_INTERRUPT_GET */
	/* other-s-interrupts-action queued: every physical interrupt is masked while it runs
	 * (spmc_intr_secure_masked); else signaled */
	bool other_s_queued;
};

struct spmc_endpoint {
	uint16_t id;
	char name[SPMC_NAME_MAX];
	bool secure; /* a secure partition */
	bool el0;    /* an S-EL0 partition (FFA_MEM_PERM_GET/SET are its calls) */

	/* Version negotiation (FF-A v1.2 (DEN0077A) §13.2.1). */
	uint32_t version;      /* negotiated, or the partition's manifest version */
	bool version_set;      /* a version was negotiated or given by the manifest */
	bool negotiation_over; /* a call other than FFA_VERSION ended the negotiation phase */

	struct spmc_rxtx rxtx;
	/* The memory it owns: RX/TX buffers must lie there, and the SPMC reads and writes on its
	 * behalf nowhere else (spmc/memory.c). The normal world owns the non-secure RAM; a
	 * partition its memory and its manifest's memory regions, added by whoever adds it. */
	struct spmc_mem_owner mem;
	/* Permissions it set on its own pages while it initialised (FFA_MEM_PERM_SET,
	 * spmc/mem_perm.c): they override mem's access, SPMC_MEM_EXEC included. */
	struct spmc_mem_owner perm;

	/* Partition facts, reported by discovery. */
	uint32_t props; /* FFA_PROP_* */
	uint16_t exec_ctx_count;
	/* FFA_SECONDARY_EP_REGISTER_64 while booting: where its other contexts would start. */
	uint64_t secondary_ep;
	bool secondary_ep_set;
	uint64_t primary_ep; /* its entry point, for secondary contexts without the above */
	uint8_t uuids[SPMC_MAX_UUIDS][16];
	unsigned uuid_count;

	/* Messaging: the current CPU's execution context. */
	struct spmc_ep_ctx ctx;
	unsigned preemptions; /* times an interrupt preempted it */
	const struct spmc_partition_ops *ops;
	/* Execution contexts (exec_ctx_count > 1): the others' saved state; `ctx` is vcpu
	 * `ctx_current`'s (spmc/vcpu.c). */
	struct spmc_ep_ctx ctxs[SPMC_MAX_VCPUS];
	bool ctx_booted[SPMC_MAX_VCPUS]; /* by spmc_boot (context 0) or spmc_cpu_on */
	unsigned ctx_current;
	unsigned ctx_started; /* contexts booted so far */

	/* Why a partition is SPMC_EP_FAILED (for notes and reports). */
	char fail_reason[160];
	/* Its last calls while it ran (a ring: call n is last_calls[n % SPMC_LAST_CALLS]) and how
	 * many it made in its current or last run, for the report when it is aborted (msg.c). */
	struct spmc_call_record last_calls[SPMC_LAST_CALLS];
	unsigned run_calls;
	struct spmc_intr intr;
	/* It was aborted for breaking the FF-A rules (calls refused until the SPMC gave up). */
	bool broke_rules;
	/* It failed before its first FFA_MSG_WAIT: discovery no longer lists it. */
	bool boot_failed;
	/* A v1.0 partition asked for the NS bit in retrieve responses (FFA_FEATURES of
	 * FFA_MEM_RETRIEVE_REQ with input bit 1, under mem_ns_bit_v1_0_opt_in). */
	bool mem_ns_bit_requested;
	/* Its notifications, when it is a partition (spmc/notif.c; enabled by the manifest's
	 * notification-support, FFA_PROP_NOTIFICATIONS). */
	struct spmc_notif_bitmap notif;
};

/*
 * Behaviour switches (spmc/behaviour.c, docs/ffa-support.md "SPMC behaviour switches"): points
 * where a real SPMC's behaviour changed, so that a run can show the buggy side and the fixed
 * side. Value 0 of every switch is the behaviour the SPMCs have today, so a zeroed
 * configuration is the current one.
 */
enum spmc_switch {
	SPMC_SW_VERSION_LOCK,
	SPMC_SW_PARTITION_PROPS_MASK,
	SPMC_SW_VERSION_PATH,
	SPMC_SW_PRE_VERSION_CALLS,
	SPMC_SW_COUNT
};

/* version-lock: which calls before a caller's FFA_VERSION end its negotiation phase. */
enum spmc_version_lock {
	SPMC_VERSION_LOCK_EXCLUDE_INTERRUPT, /* every call but FFA_VERSION and FFA_INTERRUPT */
	SPMC_VERSION_LOCK_ANY_CALL           /* FFA_INTERRUPT too (Hafnium before the fix) */
};

/* partition-props-mask: the partition properties a discovery caller sees. */
enum spmc_props_mask {
	SPMC_PROPS_MASK_BY_VERSION, /* only the bits the caller's version defines */
	SPMC_PROPS_MASK_NONE        /* every bit, whatever the caller's version (the bug) */
};

/* version-path: how the normal world's FFA_VERSION reaches a Hafnium-style SPMC. */
enum spmc_version_path {
	/* Through TF-A's SPMD, as a framework message: Hafnium counts that message as a call
	 * that ends negotiation, so the first FFA_VERSION that reaches it (bit 31 clear)
	 * fixes the version. */
	SPMC_VERSION_PATH_SPMD,
	/* Straight into the SPMC's FFA_VERSION handler (Hafnium's own test VMs): only other
	 * calls end negotiation. */
	SPMC_VERSION_PATH_DIRECT
};

/*
 * pre-version-calls: what TF-A's EL3 SPMC does with normal-world calls before FFA_VERSION
 * (personalities that answer such calls ignore it).
 */
enum spmc_pre_version_calls {
	/* Today: the SPMD answers FFA_ID_GET and FFA_SPM_ID_GET itself; any other call is
	 * NOT_SUPPORTED and ends the negotiation, so every later FFA_VERSION fails too. */
	SPMC_PRE_VERSION_REFUSE_AND_END,
	/* Older TF-A: every call answered at the SPMC's own version. */
	SPMC_PRE_VERSION_ANSWER
};

struct spmc_config {
	const struct spmc_personality *personality;
	uint32_t version; /* the SPMC's own version: 1.0 up to the personality's version_max */
	uint16_t id;      /* FFA_SPM_ID_GET (0x8000 by default) */
	uint8_t sw[SPMC_SW_COUNT]; /* indexed by enum spmc_switch; 0 = today's behaviour */
	/* Virtual nanoseconds a partition may run once its caller gave it the CPU before it is
	 * preempted as by a non-secure interrupt (--timeslice; 0: no limit). */
	uint64_t timeslice;
};

/* The switches, for the shared switch machinery (listing, descriptions). */
const struct cfg_switch_set *spmc_switch_set(void);

/* Iteration over the switches: their number and switch i (enum spmc_switch order). */
size_t spmc_switch_count(void);
const struct cfg_switch *spmc_switch_at(size_t i);

/* The name of the value a configuration has for switch i ("exclude-interrupt"), or "?". */
const char *spmc_switch_value(const struct spmc_config *cfg, size_t i);

/*
 * Applies one "switch=value" setting ("version-lock=any-call") to *cfg; on a running SPMC,
 * pass &spmc->cfg (every call reads the switches afresh). False with *err when the switch or
 * the value is unknown; the message lists the valid switches or values and suggests the
 * nearest one.
 */
bool spmc_config_set(struct spmc_config *cfg, const char *setting, struct diag *err);

/*
 * Formats the switches that differ from today's behaviour as "SWITCH=VALUE, ..." into buf, or
 * "" when none does. Returns buf.
 */
const char *spmc_config_describe_switches(const struct spmc_config *cfg, char *buf, size_t size);

/*
 * Where FFA_CONSOLE_LOG output goes, one character at a time with the endpoint that logged it:
 * its slot (its index in spmc->endpoints, stable for the SPMC's life) and its name. The receiver
 * buffers lines per slot and prefixes the name. putc NULL: the output is dropped.
 */
struct spmc_console {
	void (*putc)(void *ctx, unsigned slot, const char *name, uint8_t c);
	void *ctx;
};

/*
 * Watches every FF-A call the SPMC takes (traces, the timeline, statistics: sim/obs.c): begin
 * before it is handled, end with its answer. Calls nest: a direct request's begin is followed by
 * the begins and ends of the calls the partition makes while it runs, then by its own end.
 * begin NULL: none (the calls cost one test).
 */
struct spmc_call_observer {
	void (*begin)(void *ctx, const struct spmc_endpoint *caller, const struct ffa_value *args);
	void (*end)(void *ctx, const struct spmc_endpoint *caller, const struct ffa_value *args,
		    const struct ffa_value *answer);
	void *ctx;
};

/* What became of a secure interrupt (spmc_secure_interrupt). */
enum spmc_sint_outcome {
	SPMC_SINT_SPURIOUS, /* no partition owns it, or its owner has not enabled it */
	SPMC_SINT_HANDLED,  /* its owner was waiting: it ran, and is waiting again */
	SPMC_SINT_QUEUED,   /* its owner is running, preempted or blocked: pending until it runs */
	SPMC_SINT_FAILED,   /* its owner was waiting, and failed while it handled it */
	SPMC_SINT_INJECTED, /* its owner is the partition that runs: its virtual interrupt is
			     * pending, taken in its vectors when it goes on */
	SPMC_SINT_PREEMPTED /* its owner waits for the answer of the partition that runs: that
			     * one is preempted, the owner gets FFA_INTERRUPT */
};

/*
 * The SPMC's interrupt controller, for a secure interrupt that takes a CPU while a partition
 * runs there (spmc_secure_interrupt_running): take acknowledges and ends the highest-priority
 * pending secure interrupt of CPU `cpu` and returns its ID (SPMC_INVALID_INTID: none), as
 * Hafnium's plat_interrupts_get_pending_interrupt_id and plat_interrupts_end_of_interrupt do;
 * done (optional) hears what the SPMC made of it. take NULL: the SPMC takes none (its
 * partitions are not stopped for them).
 */
struct spmc_intc {
	uint32_t (*take)(void *ctx, unsigned cpu);
	void (*done)(void *ctx, unsigned cpu, uint32_t intid, enum spmc_sint_outcome outcome);
	void *ctx;
};

struct spmc {
	struct spmc_config cfg;
	struct spmc_intc intc;        /* set by whoever wires the SPMC to a GIC */
	struct spmc_guest_mem memory; /* guest memory, for RX/TX buffers (ops NULL: none) */
	struct spmc_console console;  /* FFA_CONSOLE_LOG output */
	struct spmc_endpoint endpoints[SPMC_MAX_ENDPOINTS];
	unsigned endpoint_count;
	unsigned depth;                        /* nesting of direct requests being delivered */
	struct spmc_mem_observer mem_observer; /* writes on endpoints' behalf (NULL fn: none) */
	FILE *notes;                           /* reports of aborted partitions (NULL: none) */
	unsigned rule_aborts;                  /* partitions aborted for breaking the FF-A rules */
	struct spmc_mem_txns mem_txns;         /* memory transactions (spmc/mem_*.c) */
	struct spmc_notif notif;               /* notifications (spmc/notif.c) */
	/* The physical CPU the current call comes from (0 with one CPU): the execution context
	 * of a partition with several is the one of that CPU. Changed only through
	 * spmc_set_cpu(), which the scheduler (sim/smp.c) calls when it switches CPUs. */
	unsigned cpu;
	struct spmc_call_observer call_observer; /* begin NULL: none */
	/* Runs of partitions for a secure interrupt in progress (Hafnium's SPMC-scheduled mode:
	 * every physical interrupt masked) */
	unsigned sint_runs;
	/* The partition a preempted call chain unwinds to with FFA_INTERRUPT (0: none) */
	uint16_t unwind_to;
};

/* Why an ID cannot be the SPMC's (FFA_SPM_ID_GET's answer, spmc_config.id). */
enum spmc_id_error {
	SPMC_ID_OK,
	SPMC_ID_NOT_SECURE, /* bit 15 clear: a normal-world ID */
	SPMC_ID_SPMD,       /* 0xffff, the SPMD's */
	SPMC_ID_TAKEN       /* an endpoint of the SPMC (a partition) has it */
};

/*
 * The one check of an SPMC ID, whichever way it arrives (--spmc-id, a system file's spmc.id, a
 * scenario's set: list, a recording): FF-A v1.2 (DEN0077A) §6.1 gives secure endpoints, the
 * SPMC included, bit 15; 0xffff is the SPMD's; no partition may share it. With spmc NULL only
 * the first two rules are checked; otherwise *taken_by (when not NULL) gets the name of the
 * endpoint that has the ID.
 */
enum spmc_id_error spmc_id_check(const struct spmc *spmc, uint16_t id, const char **taken_by);

/* "not a secure ID (bit 15 clear)", "the SPMD's ID", "a partition's ID". */
const char *spmc_id_strerror(enum spmc_id_error err);

/* Parses "hafnium", "tf-a:1.1", "optee:1.2" into a configuration. False with *err otherwise. */
bool spmc_config_parse(const char *text, struct spmc_config *cfg, struct diag *err);

/*
 * Clears an SPMC to no endpoints. The endpoint table itself is left as it is: spmc_add_endpoint()
 * clears each slot as it fills it, and nothing reads past endpoint_count. The table is most of
 * the structure (SPMC_MAX_ENDPOINTS endpoints of about 6 KiB), so a simulation pays only for the
 * endpoints it has.
 */
void spmc_clear(struct spmc *spmc);

/*
 * Initialises an SPMC with no endpoints over a guest memory and a console (either NULL: none;
 * both are copied).
 */
void spmc_init(struct spmc *spmc, const struct spmc_config *cfg,
	       const struct spmc_guest_mem *memory, const struct spmc_console *console);

/*
 * Adds an endpoint (ID 0 for the normal world's physical instance; partitions have bit 15
 * set). A non-secure endpoint owns the non-secure RAM; a partition owns nothing until its
 * memory is added to ep->mem. Returns it, or NULL when the ID is taken or there is no room.
 */
struct spmc_endpoint *spmc_add_endpoint(struct spmc *spmc, uint16_t id, const char *name,
					bool secure);

/* The endpoint with an ID, or NULL. */
struct spmc_endpoint *spmc_find_endpoint(struct spmc *spmc, uint16_t id);

/*
 * Gives a partition the physical interrupt intid (an interrupt of one of its manifest's device
 * regions): it becomes a virtual interrupt the partition enables with HF_INTERRUPT_ENABLE.
 * False when the partition has SPMC_MAX_VINTS interrupts already or another partition owns it.
 */
bool spmc_intr_own(struct spmc *spmc, struct spmc_endpoint *ep, uint32_t intid);

/*
 * A physical secure interrupt fired (EL3 hands it to the SPMC, as TF-A's SPMD does): its
 * owner's virtual interrupt becomes pending. A waiting owner is run at once with FFA_INTERRUPT
 * (w2 = the interrupt) as the return of its FFA_MSG_WAIT until it waits again, as Hafnium does
 * (interrupt_resume_waiting); otherwise the interrupt stays queued for HF_INTERRUPT_GET.
 */
enum spmc_sint_outcome spmc_secure_interrupt(struct spmc *spmc, uint32_t intid);

/*
 * A secure interrupt is pending on the SPMC's current CPU while partition `current` runs there
 * (its runtime returned SPMC_PART_SECURE_IRQ): the SPMC takes it from its interrupt controller
 * (spmc->intc) and handles it by Hafnium's cases (ffa_interrupts_signal_secure_interrupt, FF-A
 * v1.2 (DEN0077A) §8.3.2): the owner is `current` (S-EL1): its virtual interrupt is injected
 * (SPMC_SINT_INJECTED); the owner waits: `current` is preempted while the owner runs with
 * FFA_INTERRUPT until it waits again, then `current` goes on (SPMC_SINT_HANDLED); the owner (S-EL1)
 * is blocked earlier in `current`'s call chain (on a direct request to `current`, or to a
 * partition blocked on one to it, and so on): `current` is preempted and the owner gets
 * FFA_INTERRUPT (w1 = w2 = 0) as its request's answer, the partitions between left blocked
 * (SPMC_SINT_PREEMPTED); otherwise it stays pending for the owner (SPMC_SINT_QUEUED).
 * SPMC_SINT_SPURIOUS: none was pending, or its owner has not enabled it.
 */
enum spmc_sint_outcome spmc_secure_interrupt_running(struct spmc *spmc,
						     struct spmc_endpoint *current);

/*
 * Whether the SPMC keeps every physical interrupt masked while partition ep runs, as Hafnium's
 * priority mask does (ffa_interrupts_mask): its manifest's other-s-interrupts-action is queued,
 * or it runs for a secure interrupt (Hafnium's SPMC-scheduled mode: the owner that handles one,
 * and the partitions it calls). A secure interrupt that fires meanwhile stays pending in the
 * GIC until the CPU goes to a partition or world that takes it.
 */
bool spmc_intr_secure_masked(const struct spmc *spmc, const struct spmc_endpoint *ep);

/* What a non-secure interrupt does to the partition running when it becomes pending. */
enum spmc_ns_outcome {
	SPMC_NS_PREEMPT,   /* signaled: preempt it (its runtime returns SPMC_PART_PREEMPTED) */
	SPMC_NS_SIGNAL_ME, /* managed exit: its managed-exit virtual interrupt is now pending
			    * (intr.me_fiq: a vFIQ, else a vIRQ); it runs on until it answers */
	SPMC_NS_RUN_ON     /* queued, or a managed exit already signalled: it runs on, and the
			    * interrupt waits until it gives its CPU back */
};

/*
 * A non-secure interrupt became pending while partition ep ran (FF-A v1.2 (DEN0077A) §8.3.1,
 * the partition's ns-interrupts-action), as Hafnium handles it: signaled preempts, managed
 * exit injects Hafnium's managed-exit virtual interrupt (ID 4) once, until the partition's
 * next direct response completes the exit, queued leaves the partition running.
 */
enum spmc_ns_outcome spmc_ns_interrupt(struct spmc *spmc, struct spmc_endpoint *ep);

/*
 * Enables the virtual interrupts Hafnium enables for a partition when it loads it, before it
 * runs (ffa_interrupts_enable_virtual_interrupts): the managed-exit interrupt of a partition
 * whose ns-interrupts-action is managed exit, of the manifest's type (intr.me_fiq), and every
 * interrupt an S-EL0 partition owns (it has no HF_INTERRUPT_ENABLE to call). spmc_boot() calls
 * it; other personalities enable nothing.
 */
void spmc_intr_enable_at_boot(struct spmc *spmc, struct spmc_endpoint *ep);

/*
 * Boots every partition in the order they were added (spmc/boot.c): each runs to its first
 * FFA_MSG_WAIT, its initialisation calls answered on the way as Hafnium answers them while a
 * partition initialises (SMC_UNK for calls outside FF-A). One that faults, stops, reports
 * FFA_ERROR or never reaches FFA_MSG_WAIT is SPMC_EP_FAILED, with fail_reason. Returns the
 * number that failed.
 */
unsigned spmc_boot(struct spmc *spmc);

/*
 * Binds execution context vcpu (1 .. exec_ctx_count - 1) of a partition to what runs it (its
 * ops_ctx; context 0's is ep->ctx.ops_ctx, set by whoever attaches the partition). Contexts left
 * unbound share context 0's (a built-in model).
 */
void spmc_ep_bind_ctx(struct spmc_endpoint *ep, unsigned vcpu, void *ops_ctx);

/*
 * The SPMC's current CPU becomes `cpu` (< SPMC_MAX_VCPUS): every partition with several
 * execution contexts swaps in context `cpu` (spmc/vcpu.c). The scheduler calls it whenever
 * the CPU that runs changes; a no-op when it is the current one.
 */
void spmc_set_cpu(struct spmc *spmc, unsigned cpu);

/*
 * CPU `cpu` powers on (PSCI CPU_ON, before its first normal-world instruction, as TF-A's SPMD
 * does in its cpu_on_finish hook): makes it the current CPU and boots context `cpu` of every
 * partition with several, in boot order, from the entry point it registered with
 * FFA_SECONDARY_EP_REGISTER (else its primary entry point, as Hafnium does) to its
 * FFA_MSG_WAIT. A context already started is left as it is (a CPU powered on again). Returns
 * the number of contexts that failed to boot (their partition's context is SPMC_EP_FAILED).
 */
unsigned spmc_cpu_on(struct spmc *spmc, unsigned cpu);

/*
 * The one entry point: an FF-A call from an endpoint. Returns the answer; *rule_version gets
 * the caller's FF-A version for the result-register rule (0 when none is negotiated). A
 * partition's SMC outside FF-A (PSCI, the SMCCC calls, any other owner) is answered as EL3
 * answers a secure caller, with spmc_smc_unknown().
 */
struct ffa_value spmc_call(struct spmc *spmc, struct spmc_endpoint *caller,
			   const struct ffa_value *args, uint32_t *rule_version);

/*
 * SMCCC (DEN0028) §7.2: an unknown function ID answers -1, which TF-A writes in all 64 bits of
 * x0, every other register as the caller left it. Hafnium forwards a partition's SMC outside
 * FF-A to EL3, whose PSCI and SMCCC services refuse a secure caller this way.
 */
struct ffa_value spmc_smc_unknown(const struct ffa_value *args);

/*
 * Whether a call from the normal world, handed on by the firmware, is refused with
 * NOT_SUPPORTED before any check: refused by TF-A's SPMD on the SPMC's behalf (zero-extended
 * whatever errors_sign_extended says), or one the SPMC never takes from the normal world.
 */
bool spmc_nw_refuses(const struct spmc *spmc, uint32_t fid);

/*
 * An FF-A call from the normal world: the firmware hands it here (as TF-A's SPMD does) and it
 * comes from the normal world's physical instance, endpoint 0. Returns the answer and completes
 * *rule, which arrives with the firmware's SMCCC convention: the caller's FF-A version, the
 * personality's deviations and its answer width. Calls the SPMD refuses on the SPMC's behalf
 * are NOT_SUPPORTED before any check.
 */
struct ffa_value spmc_normal_world_call(struct spmc *spmc, const struct ffa_value *args,
					struct ffa_result_rule *rule);

struct ffa_func;

/*
 * spmc_normal_world_call with the call's function-table row already found (func, NULL when x0
 * is no FF-A function: ffa_func_find of x0), as the trap path finds it once for every layer,
 * and the answer made in *res (not args) instead of returned.
 */
void spmc_normal_world_call_row(struct spmc *spmc, const struct ffa_func *func,
				const struct ffa_value *args, struct ffa_result_rule *rule,
				struct ffa_value *res);

#endif
