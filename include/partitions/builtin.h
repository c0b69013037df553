/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Built-in partition models: secure partitions written in C that the SPMC runs through
 * struct spmc_partition_ops, without a CPU. Every model has the same shape:
 *
 *   struct part_<name>             its state, provided (zeroed) by whoever adds the partition;
 *   part_<name>_attach(ep, state)  binds the model to an endpoint (ep->ops, ep->ops_ctx)
 *                                  and returns false when the endpoint cannot take it.
 *
 * Attaching sets only the model. The endpoint's properties, UUIDs and FF-A version come
 * from the partition's manifest (or the test that adds it), as they do for a real binary.
 */
#ifndef PARTITIONS_BUILTIN_H
#define PARTITIONS_BUILTIN_H

#include <stdbool.h>
#include <stdint.h>

#include "abi/memdesc.h"
#include "abi/optee.h"
#include "partitions/manifest.h"
#include "spmc/spmc.h"

/*
 * The `echo` model: boots to FFA_MSG_WAIT, then answers every direct request with its
 * payload. DIRECT_REQ_32/64 get DIRECT_RESP of the same width with w3-w7/x3-x7 echoed;
 * DIRECT_REQ2 gets DIRECT_RESP2 with x4-x17 echoed and x2/x3 zero. Source and destination
 * are swapped. The response is its FF-A call: the SPMC resumes it with the next request as
 * the return of that call (FF-A v1.2 (DEN0077A) §15.2). Given cycles without a message
 * (FFA_RUN) or answered an error, it goes back to FFA_MSG_WAIT.
 */
struct part_echo {
	unsigned requests;     /* direct requests answered so far */
	struct ffa_value last; /* the last value it was resumed with */
};

/* Binds the echo model to an endpoint. Returns false for a non-secure endpoint. */
bool part_echo_attach(struct spmc_endpoint *ep, struct part_echo *state);

/*
 * The parameters of the models below come from the partition's manifest (struct
 * part_model_params, filled by the manifest parser). Each model keeps what it needs in its state
 * struct, so the parameters need not outlive the attach call.
 *
 * Every model below stops (SPMC_PART_FAULT) when the SPMC answers one of its calls with
 * FFA_ERROR: none of them makes a call the SPMC should refuse, so a refusal means the system is
 * set up wrong (a partition without the messaging property it needs, an SPMC that does not take
 * an answer). The SPMC then marks it failed and its requester gets FFA_ERROR(ABORTED). The
 * `scripted` model is the exception: it may make any call, see below.
 */

/*
 * The `error` model: boots to FFA_MSG_WAIT, then answers every direct request (DIRECT_REQ_32/64
 * and DIRECT_REQ2) with FFA_ERROR_32: w1 = 0, w2 = the configured code, every other register
 * zero. The requester gets that FFA_ERROR as the result of its request and the partition waits
 * for the next message: its FFA_ERROR call returns with the next request, as a response does.
 * Given cycles by FFA_RUN, it goes back to FFA_MSG_WAIT.
 *
 * The SPMC must hand a partition's FFA_ERROR to its requester (as TF-A's SPMD forwards an
 * FFA_ERROR from the secure side to the normal world); an SPMC that refuses it instead makes
 * this model stop (see above).
 */
struct part_error {
	int32_t code;          /* the FF-A error code it answers with (negative) */
	unsigned requests;     /* direct requests answered so far */
	struct ffa_value last; /* the last value it was resumed with */
};

/*
 * Binds the error model to an endpoint, answering params->error_code. Returns false for a
 * non-secure endpoint or a code that is not negative.
 */
bool part_error_attach(struct spmc_endpoint *ep, struct part_error *state,
		       const struct part_model_params *params);

/*
 * The `yield` model: boots to FFA_MSG_WAIT. On a direct request it calls FFA_YIELD (w1-w7 zero:
 * no timeout) params->yield_count times; its caller sees FFA_YIELD each time and resumes it with
 * FFA_RUN, which it sees as FFA_SUCCESS_32 (FF-A v1.2 (DEN0077A) §8.3). Then it answers as
 * `echo` does: DIRECT_RESP of the request's width with w3-w7/x3-x7 echoed, or DIRECT_RESP2 with
 * x4-x17 echoed and x2/x3 zero, source and destination swapped. With yield_count 0 it is echo.
 * Given cycles by FFA_RUN while waiting, it goes back to FFA_MSG_WAIT.
 */
struct part_yield {
	unsigned yield_count;     /* FFA_YIELDs per request */
	unsigned pending;         /* FFA_YIELDs still to make for the current request */
	bool handling;            /* between a request and its answer */
	struct ffa_value request; /* the request being handled */
	unsigned requests;        /* direct requests answered so far */
	unsigned yields;          /* FFA_YIELDs made so far */
	struct ffa_value last;    /* the last value it was resumed with */
};

/* Binds the yield model to an endpoint. Returns false for a non-secure endpoint. */
bool part_yield_attach(struct spmc_endpoint *ep, struct part_yield *state,
		       const struct part_model_params *params);

/*
 * The `scripted` model: boots to FFA_MSG_WAIT, then makes the calls of its script, in order,
 * one each time it is resumed, except when it is given cycles by FFA_RUN while waiting (it then
 * goes back to FFA_MSG_WAIT and the script does not move). Each entry is the full register set
 * x0-x17 of one call. In the common case every entry is a DIRECT_RESP/RESP2 and entry n answers
 * the n-th request; entries can also yield (the FFA_RUN that resumes it moves on to the next
 * entry), log, answer FFA_ERROR (see `error`), or make calls the SPMC refuses: the refusal
 * resumes it and the next entry follows, so a script can test the SPMC's checks.
 *
 * A DIRECT_RESP_32/64 or DIRECT_RESP2 entry whose w1 is 0 gets the IDs of the request being
 * handled, swapped (source = this partition, destination = the requester). Any other w1 is
 * kept as written, so a script can also answer with wrong IDs.
 *
 * When the script is used up, the next resume stops the model (SPMC_PART_FAULT): its requester
 * gets FFA_ERROR(ABORTED) and the SPMC refuses it every later message with ABORTED, as for a
 * partition that crashed. It does not start over: a test that sends one request too many sees
 * it at once rather than getting a stale answer.
 */
struct part_scripted {
	struct ffa_value script[PART_MAX_SCRIPT];
	unsigned count;           /* entries in script */
	unsigned next;            /* the entry its next call is made from */
	struct ffa_value request; /* the last direct request it was resumed with */
	unsigned requests;        /* direct requests received so far */
	struct ffa_value last;    /* the last value it was resumed with */
};

/*
 * Binds the scripted model to an endpoint, copying params->script. Returns false for a
 * non-secure endpoint or a script longer than PART_MAX_SCRIPT.
 */
bool part_scripted_attach(struct spmc_endpoint *ep, struct part_scripted *state,
			  const struct part_model_params *params);

/*
 * The `memory` model: a borrower of memory (FF-A v1.2 (DEN0077A) §11). It needs memory of its
 * own (a manifest's load-address, at least two pages): at boot it maps its TX buffer at the
 * start and its RX buffer on the next page (FFA_RXTX_MAP_64, one page), then waits. A direct
 * request (DIRECT_REQ_32/64) carries a handle in w3 (low) and w4 (high), an operation in w5
 * (bit 0: invert the bytes) and the transaction's tag in w6; its sender is the memory's sender.
 * The model retrieves the memory (FFA_MEM_RETRIEVE_REQ_64 asking for the data access given,
 * non-executable; FFA_RX_RELEASE after each fragment, FFA_MEM_FRAG_RX for the next), sums every
 * byte (32 bits, wrapping), inverts every byte when asked, relinquishes (FFA_MEM_RELINQUISH) and
 * answers DIRECT_RESP of the request's width: w3 0 and w4 the sum of the bytes as they were
 * before inverting, w5 the pages seen; or w3 the FF-A error code of the step that failed (the
 * SPMC's refusal of its retrieve, DENIED when it could not read or write a page it was given)
 * with w4/w5 zero. Unlike the models above it does not stop when the SPMC refuses a call: the
 * refusal is its answer. It reads and writes only through the SPMC's view of what it owns.
 */
#define PART_MEMORY_OP_INVERT 0x1u

enum part_memory_phase {
	PART_MEMORY_MAP,       /* FFA_RXTX_MAP at boot */
	PART_MEMORY_WAIT,      /* FFA_MSG_WAIT or a response: the next request */
	PART_MEMORY_RETRIEVE,  /* FFA_MEM_RETRIEVE_REQ */
	PART_MEMORY_FRAG,      /* FFA_MEM_FRAG_RX */
	PART_MEMORY_RELEASE,   /* FFA_RX_RELEASE after a fragment */
	PART_MEMORY_RELINQUISH /* FFA_MEM_RELINQUISH */
};

struct part_memory {
	struct spmc_endpoint *ep;
	const struct spmc_guest_mem *mem;
	enum part_memory_phase phase;
	uint64_t base;        /* its own memory: TX buffer, then RX buffer */
	struct ffa_value req; /* the request being handled */
	uint64_t handle;
	bool invert;
	uint32_t sum;
	uint32_t pages;
	int32_t work_status; /* of the sum and inversion, answered after the relinquish */
	uint32_t total;      /* the retrieve response's length, and what arrived of it */
	uint32_t got;
	uint8_t resp[SPMC_MEM_DESC_MAX];
	unsigned requests;   /* requests answered so far */
	int32_t last_status; /* w3 of the last answer */
};

/* Binds the memory model to an endpoint over the SPMC's guest memory. Returns false for a
 * non-secure endpoint or no memory. */
bool part_memory_attach(struct spmc_endpoint *ep, struct part_memory *state,
			const struct spmc_guest_mem *mem);

/*
 * The `indirect` model: answers an indirect message with one (FF-A v1.2 (DEN0077A) §7.2). Like
 * `memory` it needs memory of its own (a manifest's load-address, at least two pages): at boot it
 * maps its TX buffer at the start and its RX buffer on the next page (FFA_RXTX_MAP_64, one page),
 * then waits. Each time it runs, given cycles by FFA_RUN or sent a direct request
 * (DIRECT_REQ_32/64), it looks at its RX buffer: when it owns it and a message addressed to it is
 * there, it sends the payload back to the message's sender (FFA_MSG_SEND2, with the header of its
 * own FF-A version and the message's UUID), then, when the reply went, sets notification
 * PART_INDIRECT_NOTIF_ID for the message's sender (FFA_NOTIFICATION_SET, w2 0: the sender must
 * have bound it to this partition; a refusal is counted, not fatal), and releases the buffer
 * (FFA_RX_RELEASE). Then it waits (FFA_MSG_WAIT) or answers the request: DIRECT_RESP of its
 * width with w3 the status of its reply (0, the SPMC's error code, or NO_DATA when there was no
 * message), w4 the size of the payload it got and w5 its sender. It does not stop when the SPMC
 * refuses a call: the refusal is its answer.
 */
#define PART_INDIRECT_NOTIF_ID 1u

enum part_indirect_phase {
	PART_INDIRECT_MAP,    /* FFA_RXTX_MAP at boot */
	PART_INDIRECT_WAIT,   /* FFA_MSG_WAIT or a response: the next run */
	PART_INDIRECT_SEND,   /* FFA_MSG_SEND2 of its reply */
	PART_INDIRECT_NOTIFY, /* FFA_NOTIFICATION_SET to the message's sender */
	PART_INDIRECT_RELEASE /* FFA_RX_RELEASE of the message */
};

struct part_indirect {
	struct spmc_endpoint *ep;
	const struct spmc_guest_mem *mem;
	enum part_indirect_phase phase;
	uint64_t base;         /* its own memory: TX buffer, then RX buffer */
	struct ffa_value req;  /* what it runs for: a direct request or FFA_RUN */
	unsigned messages;     /* messages it found */
	unsigned replies;      /* replies the SPMC took */
	unsigned notified;     /* notifications the SPMC set */
	int32_t notify_status; /* of its last FFA_NOTIFICATION_SET */
	int32_t last_status;   /* of its last reply (FFA_NO_DATA: no message) */
	uint32_t last_size;    /* payload size of the last message */
	uint16_t last_sender;
};

/* Binds the indirect model to an endpoint over the SPMC's guest memory. Returns false for a
 * non-secure endpoint or no memory. */
bool part_indirect_attach(struct spmc_endpoint *ep, struct part_indirect *state,
			  const struct spmc_guest_mem *mem);

/*
 * The `optee` model: OP-TEE's own endpoint as the kernel's OP-TEE driver sees it (Linux's
 * drivers/tee/optee/ffa_abi.c, OP-TEE's core/arch/arm/kernel/thread_spmc.c), answering OP-TEE's
 * messages over FF-A (<abi/optee.h>) as OP-TEE 4.10 answered them on QEMU
 * (tests/data/oracle/optee-sel1-spmc.probe_optee.txt). Like `memory` it needs memory of its own
 * for its buffers (FFA_RXTX_MAP_64 at boot). A DIRECT_REQ_32/64 carries a service ID in w3:
 *
 * - blocking calls: GET_API_VERSION (w3-w4 1.0), GET_OS_VERSION (w3-w5 the revision and build
 *   ID), EXCHANGE_CAPABILITIES (w3 0, w4 the RPC parameter count, w5 the capabilities),
 *   UNREGISTER_SHM (w4/w5 a cookie: memory it retrieved is relinquished; w3 0, also for a
 *   cookie it never saw, FFA_INVALID_PARAMETERS when the relinquish fails),
 *   ENABLE_ASYNC_NOTIF (w3 0 for a bottom-half value below 64, else TEE_ERROR_BAD_PARAMETERS);
 *   any other: w3 TEE_ERROR_BAD_PARAMETERS;
 * - yielding calls: CALL_WITH_ARG (w4/w5 the cookie of memory the caller shared with it, w6 the
 *   offset of a struct optee_msg_arg there): on first use of a cookie it retrieves the memory
 *   (FFA_MEM_RETRIEVE_REQ, FFA_MEM_FRAG_RX for a response in fragments, FFA_RX_RELEASE) and keeps
 *   it until UNREGISTER_SHM, as OP-TEE keeps a shared-memory object; it then runs the message
 *   (OPEN_SESSION, INVOKE_COMMAND, CLOSE_SESSION of the device-enumeration pseudo TA, whose
 *   GET_DEVICES lists the configured devices and GET_DEVICES_SUPP/_RPMB none; any other
 *   command TEE_ERROR_NOT_IMPLEMENTED in w3) and answers w3 0, w4 RETURN_DONE. A cookie it
 *   cannot retrieve, or an argument outside the memory, is w3 TEE_ERROR_BAD_PARAMETERS; RESUME
 *   (there is never an RPC to resume) too; any other yielding service is w3 FFA_DENIED.
 *
 * A session to any other TA fails with TEE_ERROR_ITEM_NOT_FOUND (origin TEE) at once, where
 * OP-TEE would ask tee-supplicant to load the TA (an RPC the model does not make). A framework
 * message or a DIRECT_REQ2 is answered FFA_ERROR(NOT_SUPPORTED), as OP-TEE does.
 */
#define PART_OPTEE_MAX_SHM 16     /* cookies it holds at once */
#define PART_OPTEE_MAX_RANGES 8   /* constituents of one */
#define PART_OPTEE_MAX_SESSIONS 8 /* open sessions */

/* Defaults: what OP-TEE 4.10.0-257-gd5001fe0a answered on QEMU (the recording above). */
#define PART_OPTEE_REVISION_MAJOR 4u
#define PART_OPTEE_REVISION_MINOR 10u
#define PART_OPTEE_BUILD_ID 0xd5001fe0u
#define PART_OPTEE_CAPS                                                                            \
	(OPTEE_FFA_SEC_CAP_ARG_OFFSET | OPTEE_FFA_SEC_CAP_ASYNC_NOTIF |                            \
	 OPTEE_FFA_SEC_CAP_RPMB_PROBE)
/* The one device that build lists: its invoke-tests pseudo TA. */
#define PART_OPTEE_DEVICE "d96a5b40-c3e5-21e3-8794-1002a5d5c61b"

enum part_optee_phase {
	PART_OPTEE_MAP,       /* FFA_RXTX_MAP at boot */
	PART_OPTEE_WAIT,      /* FFA_MSG_WAIT or a response: the next request */
	PART_OPTEE_RETRIEVE,  /* FFA_MEM_RETRIEVE_REQ of a cookie */
	PART_OPTEE_FRAG,      /* FFA_MEM_FRAG_RX of the rest of its response */
	PART_OPTEE_RELEASE,   /* FFA_RX_RELEASE after taking a fragment */
	PART_OPTEE_RELINQUISH /* FFA_MEM_RELINQUISH for UNREGISTER_SHM */
};

/* Memory it retrieved: its cookie (the FF-A handle) and its constituents. */
struct part_optee_shm {
	bool used;
	uint64_t cookie;
	uint32_t range_count;
	struct ffa_mem_range ranges[PART_OPTEE_MAX_RANGES];
	uint64_t size; /* bytes, the constituents in order */
};

struct part_optee {
	struct spmc_endpoint *ep;
	const struct spmc_guest_mem *mem;
	enum part_optee_phase phase;
	uint64_t base;        /* its own memory: TX buffer, then RX buffer */
	struct ffa_value req; /* the request being handled */
	uint64_t pending;     /* the cookie being retrieved or relinquished */
	uint64_t failed;      /* a cookie whose retrieve failed during this request */
	bool failed_set;
	uint32_t total, got; /* the retrieve response's length and what arrived */
	uint8_t resp[SPMC_MEM_DESC_MAX];
	struct part_optee_shm shm[PART_OPTEE_MAX_SHM];
	uint32_t sessions[PART_OPTEE_MAX_SESSIONS]; /* open session IDs; 0 free */
	uint32_t next_session;
	uint32_t revision_major, revision_minor, build_id, caps;
	uint8_t devices[PART_MAX_OPTEE_DEVICES][16];
	unsigned device_count;
	unsigned requests; /* requests answered so far */
};

/*
 * Binds the optee model to an endpoint over the SPMC's guest memory, with params' revision,
 * build ID, capabilities and devices. Returns false for a non-secure endpoint or no memory.
 */
bool part_optee_attach(struct spmc_endpoint *ep, struct part_optee *state,
		       const struct part_model_params *params, const struct spmc_guest_mem *mem);

/* Fills params with the defaults above (what the manifest parser starts from). */
void part_optee_defaults(struct part_model_params *params);

#endif
