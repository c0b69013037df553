/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Private interfaces of hyp/: the proxy's calls to the firmware, the answers it makes itself,
 * and the handlers of the host calls it takes, one family per file. A handler gets the proxy
 * and the host's registers and returns the answer; only hyp/pkvm.c decides the host's routes,
 * which sim/ carries out.
 */
#ifndef HYP_INTERNAL_H
#define HYP_INTERNAL_H

#include "abi/ffa.h"
#include "hyp/pkvm.h"
#include "spmc/memory.h"

/* What a handler did with a host call. */
enum hyp_outcome {
	HYP_HANDLED,     /* answered by the proxy: the answer goes back under its own convention */
	HYP_PASS_THROUGH /* to be forwarded to the firmware as it is */
};

/* The FF-A version a max-version value stands for. */
uint32_t hyp_max_version(const struct hyp_pkvm *hyp);

/* pkvm.c: the proxy's own call to the firmware (args->x[0] is the function ID). */
struct ffa_value hyp_call_firmware(struct hyp_pkvm *hyp, const struct ffa_value *args);

/* pkvm.c: a note on the notes stream ("ffa-sim: note: pkvm: ..."). */
void hyp_note(struct hyp_pkvm *hyp, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* pkvm.c: an error value the proxy makes itself, encoded per not-supported-encoding. */
uint64_t hyp_encode_error(const struct hyp_pkvm *hyp, int32_t code);

/* pkvm.c: FFA_ERROR with a code (x1 0, x2 the encoded code, the rest zero). */
struct ffa_value hyp_error(const struct hyp_pkvm *hyp, int32_t code);

/* pkvm.c: FFA_VERSION's bare NOT_SUPPORTED in x0, the rest zero. */
struct ffa_value hyp_version_not_supported(const struct hyp_pkvm *hyp);

/* pkvm.c: FFA_SUCCESS_32 with w2, the rest zero. */
struct ffa_value hyp_success(uint64_t w2);

/*
 * init.c: true when an FFA_VERSION answer (x0) is NOT_SUPPORTED as the version-error-check
 * switch reads it.
 */
bool hyp_version_is_not_supported(const struct hyp_pkvm *hyp, uint64_t x0);

/* init.c: the proxy's initialisation; sets hyp->state (ACTIVE, FFA_OFF or FAILED). */
void hyp_init(struct hyp_pkvm *hyp);

/* init.c: the post-initialisation on the host's first negotiation. False when it failed. */
bool hyp_post_init(struct hyp_pkvm *hyp);

/* version.c: the host's FFA_VERSION. */
struct ffa_value hyp_host_version(struct hyp_pkvm *hyp, const struct ffa_value *args);

/* filter.c: the function is FF-A as the ffa-function-range switch sees it. */
bool hyp_fid_is_ffa(const struct hyp_pkvm *hyp, uint32_t fid);

/* filter.c: the function is on the deny-list (answered NOT_SUPPORTED, never forwarded). */
bool hyp_fid_denied(const struct hyp_pkvm *hyp, uint32_t fid);

/* filter.c: FFA_MEM_SHARE or FFA_MEM_LEND (either form): shared or lent through the proxy. */
bool hyp_fid_is_mem_xfer(uint32_t fid);

/* filter.c: the host's FFA_FEATURES: answered (denied IDs) or passed through. */
enum hyp_outcome hyp_host_features(struct hyp_pkvm *hyp, const struct ffa_value *args,
				   struct ffa_value *res);

/*
 * rxtx.c: the memory the proxy acts in on an owner's behalf: the host's (its non-secure RAM
 * minus the proxy's reserved memory) or, with reserved, the proxy's own. Every guest address
 * the proxy reads or writes goes through spmc/memory.h with one of these. False when the
 * ranges do not fit an owner.
 */
bool hyp_memory_owner(const struct hyp_pkvm *hyp, bool reserved, struct spmc_mem_owner *owner);

/* rxtx.c: the host's FFA_RXTX_MAP_64 and FFA_RXTX_UNMAP. */
struct ffa_value hyp_host_rxtx_map(struct hyp_pkvm *hyp, const struct ffa_value *args);
struct ffa_value hyp_host_rxtx_unmap(struct hyp_pkvm *hyp, const struct ffa_value *args);

/*
 * rxtx.c: a buffer pair the guest may hand the hypervisor: page-aligned, TX and RX different,
 * each a page of the guest's own RAM outside the reserved memory, not shared or lent to the
 * secure world.
 */
bool hyp_vm_buffers_ok(const struct hyp_pkvm *hyp, uint64_t tx, uint64_t rx);

/*
 * rxtx.c: maps the proxy's own buffers (its reserved memory) at the SPMC unless they are; the
 * SPMC's refusal is noted and returned (FFA_OK when mapped).
 */
int32_t hyp_map_own(struct hyp_pkvm *hyp);

/* forward.c: the guest is a VM (guest: vm), and its FF-A ID. */
bool hyp_forwarding(const struct hyp_pkvm *hyp);
uint16_t hyp_vm_id(const struct hyp_pkvm *hyp);

/* forward.c: the VM starts (its first negotiation): its notification bitmap at the SPMC. */
void hyp_vm_start(struct hyp_pkvm *hyp);

/*
 * forward.c: a VM's FF-A call (after the version gate) as the forwarding hypervisor takes it:
 * answered in *res, or passed through to the firmware as it is.
 */
enum hyp_outcome hyp_vm_call(struct hyp_pkvm *hyp, uint32_t fid, const struct ffa_value *args,
			     struct ffa_value *res);

/* partinfo.c: the host's FFA_PARTITION_INFO_GET, relayed through the proxy's RX buffer. */
struct ffa_value hyp_host_partition_info(struct hyp_pkvm *hyp, const struct ffa_value *args);

/* direct.c: the host's FFA_MSG_SEND_DIRECT_REQ2 (forwarded, refused or passed through). */
enum hyp_outcome hyp_host_direct_req2(struct hyp_pkvm *hyp, const struct ffa_value *args,
				      struct ffa_value *res);

/*
 * mem.c: the host's FFA_MEM_SHARE or FFA_MEM_LEND, reissued to the SPMC as fid64 (its 64-bit
 * form) once the constituents are marked shared; refused, forwarded or undone as pKVM does.
 */
struct ffa_value hyp_host_mem_xfer(struct hyp_pkvm *hyp, uint32_t fid64,
				   const struct ffa_value *args);

/* mem.c: true when a byte of [base, base + size) is shared or lent to the secure world. */
bool hyp_mem_shared(const struct hyp_pkvm *hyp, uint64_t base, uint64_t size);

/* mem.c: the host's FFA_MEM_FRAG_TX (a fragment of constituents). */
struct ffa_value hyp_host_mem_frag_tx(struct hyp_pkvm *hyp, const struct ffa_value *args);

/* mem.c: the host's FFA_MEM_RECLAIM: retrieve, gather, reclaim, unshare. */
struct ffa_value hyp_host_mem_reclaim(struct hyp_pkvm *hyp, const struct ffa_value *args);

#endif
