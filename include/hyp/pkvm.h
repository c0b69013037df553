/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A hypervisor FF-A proxy modelled on pKVM's (Linux arch/arm64/kvm/hyp/nvhe/ffa.c): it sits
 * between the host (the normal-world guest) and the firmware, traps the host's SMCs, and
 * handles, filters or forwards the FF-A calls among them; every other call (PSCI, SMCCC) passes
 * through to the firmware. Each behaviour that changed in Linux's history is a switch with
 * named values, so a run can pick the buggy or the fixed form; named profiles bundle the
 * values of one point in that history. docs/hypervisor.md describes the model.
 */
#ifndef HYP_PKVM_H
#define HYP_PKVM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "abi/regs.h"
#include "common/diag.h"
#include "common/switch.h"
#include "emu/call.h"
#include "spmc/memory.h"

#define HYP_NAME_MAX 32

/*
 * The finalise call: the host's HVC that makes the proxy start trapping its SMCs when
 * `finalise: on-request` (the analogue of finalising pKVM). A fast SMC64 call in the Vendor
 * Specific Hypervisor Service range (owner 6, SMCCC (DEN0028) §6), where pKVM's own host
 * hypercalls live; the function number is the simulator's. Answer: x0 = 0 (the call exists),
 * x1 = 0 when the proxy was finalised now, x1 = -1 (-EPERM) when it already was.
 */
#define HYP_PKVM_FINALISE_FID 0xc6000001u

/*
 * The proxy's reserved memory: the last HYP_PKVM_RESERVED_SIZE bytes of the platform's first
 * non-secure RAM region hold its own TX and RX buffers (one page each, in that order). The host
 * must not use that memory.
 */
#define HYP_PKVM_RESERVED_SIZE 0x10000u
/* The page size of the modelled hypervisor (Linux PAGE_SIZE with 4 KiB pages). */
#define HYP_PKVM_PAGE_SIZE 0x1000u
/* Pages per RX/TX buffer (pKVM's KVM_FFA_MBOX_NR_PAGES): the host must map exactly this many. */
#define HYP_PKVM_MBOX_PAGES 1u
/*
 * The proxy's descriptor buffer (pKVM's ffa_desc_buf): where FFA_MEM_RECLAIM gathers the
 * fragments of the SPMC's retrieve response. pKVM sizes it for a header, one endpoint memory
 * access descriptor, a composite and SG_MAX_SEGMENTS (2048) constituents, rounded up to pages:
 * 48 + 16 + 16 + 2048 * 16 bytes, 9 pages.
 */
#define HYP_PKVM_DESC_BUF_SIZE (9u * HYP_PKVM_PAGE_SIZE)

/* The switches: one named setting each, with two or more named values. */
enum hyp_switch {
	HYP_SW_RENEGOTIATION,
	HYP_SW_VERSION_ERROR_CHECK,
	HYP_SW_FEATURES_RXTX_MASK,
	HYP_SW_FFA_FUNCTION_RANGE,
	HYP_SW_RESULT_CONVENTION,
	HYP_SW_MAX_VERSION,
	HYP_SW_DIRECT_REQ2,
	HYP_SW_NOT_SUPPORTED_ENCODING,
	HYP_SW_DENY_LIST,
	HYP_SW_FINALISE,
	HYP_SW_MEM_LENGTH_CHECK,
	HYP_SW_RECLAIM_RX_RELEASE,
	HYP_SW_MEM_ACCESS_OFFSET,
	HYP_SW_COMPOSITE_OFFSET_CHECK,
	HYP_SW_GUEST,
	HYP_SW_COUNT
};

/* renegotiation: a host FFA_VERSION with a lower minor after the negotiation. */
enum hyp_renegotiation {
	HYP_RENEGOTIATION_RETURN_HYP_VERSION, /* answers the proxy's version (the bug) */
	HYP_RENEGOTIATION_NOT_SUPPORTED       /* answers NOT_SUPPORTED */
};

/* version-error-check: how an FFA_VERSION answer is compared with NOT_SUPPORTED. */
enum hyp_version_check {
	HYP_VERSION_CHECK_COMPARE_U64, /* the 64-bit register against -1 (misses 0xffffffff) */
	HYP_VERSION_CHECK_COMPARE_S32  /* w0 as a signed 32-bit value against -1 */
};

/* features-rxtx-mask: what FFA_FEATURES(FFA_RXTX_MAP_64)'s w2 is read as. */
enum hyp_rxtx_mask {
	HYP_RXTX_MASK_WHOLE_W2, /* the whole register is the minimum size (fails on 1.2 SPMCs) */
	HYP_RXTX_MASK_BITS_1_0  /* bits 1:0 only */
};

/* ffa-function-range: the function numbers the proxy treats as FF-A. */
enum hyp_function_range {
	HYP_RANGE_60_7F, /* 0x60-0x7F: 0x80 and above pass through unfiltered */
	HYP_RANGE_60_FF  /* 0x60-0xFF, the whole FF-A range */
};

/* result-convention: how the answers the proxy makes itself reach the host's registers. */
enum hyp_result_convention {
	HYP_RESULT_SMCCC_1_1, /* x0-x3 written, x4-x17 keep the host's values */
	HYP_RESULT_SMCCC_1_2  /* SMCCC 1.2: x0-x17 for SMC64, w0-w7 for SMC32 */
};

/* max-version: the FF-A version the proxy asks the SPMC for at initialisation. */
enum hyp_max_version { HYP_MAX_VERSION_1_0, HYP_MAX_VERSION_1_1, HYP_MAX_VERSION_1_2 };

/* direct-req2: what happens to the host's FFA_MSG_SEND_DIRECT_REQ2. */
enum hyp_direct_req2 {
	HYP_REQ2_PASS_THROUGH, /* neither denied nor checked: reaches the SPMC as it is */
	HYP_REQ2_DENY,         /* NOT_SUPPORTED (on the deny-list) */
	HYP_REQ2_FORWARD       /* forwarded when 1.2 is negotiated and the source is the host */
};

/* not-supported-encoding: how the proxy writes the negative error values it makes. */
enum hyp_encoding {
	HYP_ENCODING_SIGN_EXTENDED, /* -1 is 0xffffffffffffffff (a C int in a 64-bit register) */
	HYP_ENCODING_ZERO_EXTENDED  /* -1 is 0x00000000ffffffff (a 32-bit value, as SPMCs write) */
};

/* deny-list: the FF-A functions the proxy answers NOT_SUPPORTED without forwarding. */
enum hyp_deny_list {
	HYP_DENY_LIST_FFA_1_1, /* memory management, indirect messaging, 32-bit variants */
	HYP_DENY_LIST_FFA_1_2  /* plus NOTIFICATION_* and the optional FF-A 1.2 interfaces */
};

/* finalise: when the proxy initialises and starts trapping the host's SMCs. */
enum hyp_finalise {
	HYP_FINALISE_AT_BOOT,   /* before the host runs */
	HYP_FINALISE_ON_REQUEST /* on the host's finalise call (HYP_PKVM_FINALISE_FID) */
};

/* mem-length-check: FFA_MEM_SHARE/LEND with a total length the descriptor buffer cannot hold. */
enum hyp_mem_length_check {
	HYP_MEM_LENGTH_UNCHECKED,  /* forwarded: its FFA_MEM_RECLAIM fails later (the bug) */
	HYP_MEM_LENGTH_DESC_BUFFER /* NO_MEMORY up front */
};

/* reclaim-rx-release: the proxy's RX buffer after reading a retrieve response at the SPMC. */
enum hyp_reclaim_rx_release {
	HYP_RECLAIM_RX_KEPT,    /* never released: endpoint 0's RX buffer stays full (the bug) */
	HYP_RECLAIM_RX_RELEASED /* FFA_RX_RELEASE after each fragment is copied */
};

/* mem-access-offset: where the proxy finds the endpoint memory access descriptor (v1.1+). */
enum hyp_mem_access_offset {
	HYP_MEM_ACCESS_ASSUMED, /* right after the header, whatever its offset field says (bug) */
	HYP_MEM_ACCESS_CHECKED  /* the header's offset field must say so: else INVALID_PARAMETERS */
};

/* composite-offset-check: how the composite offset the host names is checked against the
 * fragment. */
enum hyp_composite_offset_check {
	HYP_COMPOSITE_U32_SUM,         /* offset + 16 in 32 bits: a huge offset wraps (the bug) */
	HYP_COMPOSITE_OVERFLOW_CHECKED /* the sum without wrapping */
};

/* guest: who the normal-world guest is to the FF-A world. */
enum hyp_guest {
	HYP_GUEST_HOST, /* pKVM's host: it shares endpoint 0 with the proxy */
	HYP_GUEST_VM    /* a VM with its own ID (vm-id), whose calls a forwarding hypervisor
			 * makes to the SPMC for it, as Hafnium's hypervisor does (hyp/forward.c) */
};

/* The profile whose guest is a VM, and the VM ID it has unless vm-id says otherwise. */
#define HYP_FORWARDING_PROFILE "forwarding"
#define HYP_DEFAULT_VM_ID 1u
/* The setting (not a switch: it takes a number) that names the VM's ID, 1-0x7fff. */
#define HYP_VM_ID_SETTING "vm-id"

/* A proxy configuration: a value for every switch, and the profile it started from. */
struct hyp_pkvm_config {
	uint8_t sw[HYP_SW_COUNT]; /* indexed by enum hyp_switch, values of the enums above */
	char profile[HYP_NAME_MAX];
	uint16_t vm_id; /* the guest's FF-A ID under guest: vm (HYP_DEFAULT_VM_ID unless set) */
};

/* The switches and profiles, for the shared switch machinery (listing, descriptions). */
const struct cfg_switch_set *hyp_switch_set(void);

/* Iteration over the switches: their number and switch i (enum hyp_switch order). */
size_t hyp_switch_count(void);
const struct cfg_switch *hyp_switch_at(size_t i);

/* The name of the value a configuration has for switch i ("not-supported"). */
const char *hyp_switch_value(const struct hyp_pkvm_config *cfg, size_t i);

/* The name of profile i (the default is profile 0), or NULL past the last one. */
const char *hyp_profile_name(size_t i);

/* The profile used when none is named. */
#define HYP_DEFAULT_PROFILE "current"

/*
 * Fills *cfg with a named profile ("current", "pre-1.2", ...; NULL or "" for the default).
 * False, *cfg untouched, when there is no such profile.
 */
bool hyp_profile_find(const char *name, struct hyp_pkvm_config *cfg);

/*
 * Applies one "switch=value" setting to *cfg. False with *err when the switch or the value is
 * unknown; the message lists the valid switches or values and suggests the nearest one.
 */
bool hyp_pkvm_set(struct hyp_pkvm_config *cfg, const char *setting, struct diag *err);

/* Formats the configuration as "PROFILE" or "PROFILE with SWITCH=VALUE, ..." (what differs). */
const char *hyp_pkvm_config_describe(const struct hyp_pkvm_config *cfg, char *buf, size_t size);

/* Where the proxy is in its life. */
enum hyp_pkvm_state {
	HYP_PKVM_WAITING, /* finalise: on-request, not finalised yet: SMCs go to the firmware */
	HYP_PKVM_ACTIVE,  /* trapping the host's SMCs, FF-A proxied */
	HYP_PKVM_FFA_OFF, /* trapping, FF-A off (SMCCC < 1.2, no FF-A): FF-A calls NOT_SUPPORTED */
	HYP_PKVM_FAILED   /* initialisation failed: no proxy, the host's SMCs go to the firmware */
};

/* "waiting", "active", "ffa-off", "failed". */
const char *hyp_pkvm_state_name(enum hyp_pkvm_state state);

/* An RX/TX buffer pair (guest physical addresses). */
struct hyp_pkvm_buffers {
	bool mapped;
	uint64_t tx;
	uint64_t rx;
};

/*
 * What the proxy is wired to (sim/ fills it): the memory it reaches, where host calls it passes
 * through go, and the path of its own calls to the firmware.
 */
struct hyp_pkvm_wiring {
	struct spmc_guest_mem memory;     /* its reserved memory and the host's buffers */
	struct emu_call_target firmware;  /* where the proxy forwards (the firmware's target) */
	struct emu_call_target other_hvc; /* the HVC route before the proxy: other HVCs go there */
	/*
	 * The proxy's own SMC to the firmware, through the dispatcher: regs holds x0-x17 on entry
	 * and the proxy's registers after the call (the firmware's result rule applied) on return;
	 * *answer gets the answer as the firmware gave it. False when the firmware did not answer
	 * (the call would have ended the run).
	 */
	bool (*call_firmware)(void *ctx, struct ffa_value *regs, struct ffa_value *answer);
	void *call_ctx;
};

struct hyp_pkvm {
	struct hyp_pkvm_config cfg;
	enum hyp_pkvm_state state;
	struct hyp_pkvm_wiring wiring;
	FILE *notes; /* NULL: no notes */

	/* FF-A state, as pKVM's hyp_ffa_version and has_version_negotiated. */
	uint32_t version;
	bool negotiated;

	struct hyp_pkvm_buffers own; /* the proxy's buffers (reserved memory) at the SPMC */
	struct hyp_pkvm_buffers host_buffers;
	uint64_t reserved_base; /* the reserved memory, HYP_PKVM_RESERVED_SIZE bytes */
	/*
	 * The host's pages shared or lent to the secure world through the proxy (pKVM's host
	 * stage-2 state PKVM_PAGE_SHARED_OWNED towards FF-A): the host cannot hand them out
	 * again until FFA_MEM_RECLAIM gives them back. Whole pages, one range per constituent.
	 */
	struct spmc_mem_owner shared;

	/* Observations for tests and reports. */
	char failure[160];       /* why initialisation failed or FF-A is off ("" otherwise) */
	int32_t own_map_error;   /* the SPMC's error for the proxy's last own RXTX_MAP (0: none) */
	unsigned firmware_calls; /* calls the proxy made to the firmware on its own behalf */
	unsigned forwarded;      /* trapped host calls it passed through to the firmware */
	unsigned mem_refused;    /* memory calls it refused before they reached the SPMC */
	bool vm_bitmap;          /* guest: vm: the VM's notification bitmap exists at the SPMC */
	char panic[224];         /* why the hypervisor panicked ("" unless it did: the run ends) */
};

/*
 * Sets up a proxy configured by cfg, wired as *wiring says, and runs its initialisation now
 * (`finalise: at-boot`) or leaves it for the host's finalise call (`on-request`). *routes gets
 * the host's routes to carry out: its HVCs to the proxy (for the finalise call), its SMCs to the
 * proxy or, until the finalise call or after a failed initialisation, to the firmware (and its
 * HVCs back where they went). An initialisation failure is no error here: it is reported on
 * notes and the host runs without the proxy (hyp->state HYP_PKVM_FAILED). False with *err when
 * the proxy cannot be attached (no non-secure RAM for its reserved memory).
 */
bool hyp_pkvm_attach(struct hyp_pkvm *hyp, const struct hyp_pkvm_config *cfg,
		     const struct hyp_pkvm_wiring *wiring, FILE *notes,
		     struct emu_call_routes *routes, struct diag *err);

/*
 * Finalises the proxy as the host's finalise call does: initialises it; *routes gets the host's
 * routes to carry out (its SMCs to the proxy). Returns false when it was finalised before (or
 * failed). For scenarios driving the proxy without a guest call.
 */
bool hyp_pkvm_finalise(struct hyp_pkvm *hyp, struct emu_call_routes *routes);

#endif
