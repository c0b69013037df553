/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Typed FF-A calls for guests (FF-A v1.2 (DEN0077A); each function is cited by its name). Every
 * call goes through the SMCCC 1.2 register block (x0-x17 in and out, SMCCC (DEN0028) §2.7), so
 * a wrapper returns the whole answer: callers check w0 (FFA_SUCCESS, FFA_ERROR, a DIRECT_RESP,
 * or a bare version for FFA_VERSION) and read the registers they need. Unused argument
 * registers are passed as zero.
 *
 * The conduit (SMC or HVC) is one SDK-wide setting, SMC by default: a guest at EL1 under a
 * hypervisor would pick HVC; the simulator takes FF-A calls by either.
 */
#ifndef SDK_FFA_H
#define SDK_FFA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <abi/fids.h>
#include <abi/uuid.h>
#include <sdk/smccc.h>

/* Versions: bits 30:16 major, 15:0 minor (FF-A v1.2 (DEN0077A) §13.2.1). */
#define SDK_FFA_VERSION_1_0 0x10000u
#define SDK_FFA_VERSION_1_1 0x10001u
#define SDK_FFA_VERSION_1_2 0x10002u
#define SDK_FFA_VERSION_1_3 0x10003u

/*
 * Function IDs and error codes come from <abi/fids.h>, the header the simulator itself uses:
 * every FF-A function by its name (FFA_VERSION, FFA_RXTX_MAP_64, FFA_MSG_SEND_DIRECT_REQ2_64,
 * FFA_ERROR_32 ...; FF-A v1.2 (DEN0077A) §13), the SMCCC and PSCI IDs, and enum ffa_error
 * (FFA_NOT_SUPPORTED ... FFA_NOT_READY, §13.1). UUID helpers come from <abi/uuid.h>.
 */
/* Endpoint IDs (FF-A v1.2 (DEN0077A) §6.1): the normal world's physical instance, the SPMC. */
#define SDK_FFA_ID_NS_PHYS 0x0000u
#define SDK_FFA_ID_SPMC 0x8000u

/* Partition properties (FF-A v1.2 (DEN0077A) §6.2.1, Table 6.2). */
#define SDK_FFA_PROP_DIRECT_REQ_RECV (1u << 0)
#define SDK_FFA_PROP_DIRECT_REQ_SEND (1u << 1)
#define SDK_FFA_PROP_INDIRECT_MSG (1u << 2)
#define SDK_FFA_PROP_NOTIFICATIONS (1u << 3)
/* Bits 5:4, the partition ID type: 0 a PE endpoint; 1, 2 peripheral devices; 3 auxiliary. */
#define SDK_FFA_PROP_ID_TYPE_MASK (3u << 4)
#define SDK_FFA_PROP_ID_TYPE_PE (0u << 4)
#define SDK_FFA_PROP_AARCH64 (1u << 8)
#define SDK_FFA_PROP_DIRECT_REQ2_RECV (1u << 9)
#define SDK_FFA_PROP_DIRECT_REQ2_SEND (1u << 10)

/* FFA_PARTITION_INFO_GET w5 bit 0: return the count only (v1.1+). */
#define SDK_FFA_PARTITION_INFO_COUNT_ONLY 0x1u

/* RX/TX buffers are counted in 4 KiB pages. */
#define SDK_FFA_PAGE_SIZE 0x1000u

/* Descriptor sizes in the RX buffer: v1.0 {id, ctx, props}; v1.1+ adds the UUID; v1.3 the
 * image UUID and the partition's FF-A version (FF-A v1.3 (DEN0077A) §14.8). */
#define SDK_FFA_PARTINFO_SIZE_1_0 8u
#define SDK_FFA_PARTINFO_SIZE_1_1 24u
#define SDK_FFA_PARTINFO_SIZE_1_3 48u

/* FFA_CONSOLE_LOG: characters per call. */
#define SDK_FFA_CONSOLE_LOG_MAX_32 24u
#define SDK_FFA_CONSOLE_LOG_MAX_64 128u

/* Payload registers: DIRECT_REQ w3-w7 / x3-x7; DIRECT_REQ2 x4-x17. */
#define SDK_FFA_DIRECT_PAYLOAD 5u
#define SDK_FFA_DIRECT2_PAYLOAD 14u

enum sdk_ffa_conduit { SDK_FFA_CONDUIT_SMC, SDK_FFA_CONDUIT_HVC };

/* A partition descriptor, from the RX buffer or from FFA_PARTITION_INFO_GET_REGS. */
struct sdk_ffa_partition_info {
	uint16_t id;
	uint16_t exec_ctx_count;
	uint32_t props;
	uint8_t uuid[FFA_UUID_SIZE];       /* zero in v1.0 descriptors */
	uint8_t image_uuid[FFA_UUID_SIZE]; /* v1.3 descriptors; zero before */
	uint32_t ffa_version;              /* v1.3: the partition's FF-A version; 0 before */
};

/* Selects the conduit of every sdk_ffa_* call that follows (default SMC). */
void sdk_ffa_set_conduit(enum sdk_ffa_conduit conduit);

/* The conduit in use. */
enum sdk_ffa_conduit sdk_ffa_get_conduit(void);

/* Issues the call in *regs (x0-x17) by the current conduit; the answer replaces *regs. */
void sdk_ffa_call(struct sdk_smccc_regs *regs);

/* FFA_VERSION: w0 of the answer is the callee's version or NOT_SUPPORTED (-1). */
struct sdk_smccc_regs sdk_ffa_version(uint32_t requested);

/* FFA_FEATURES: w1 a function or feature ID, w2 input properties (usually 0). */
struct sdk_smccc_regs sdk_ffa_features(uint32_t id, uint32_t input_props);

/* FFA_ID_GET: w2 is the caller's endpoint ID. */
struct sdk_smccc_regs sdk_ffa_id_get(void);

/* FFA_SPM_ID_GET (v1.1+): w2 is the SPMC's ID. */
struct sdk_smccc_regs sdk_ffa_spm_id_get(void);

/* FFA_RXTX_MAP_64: TX and RX buffer addresses, page_count 4 KiB pages each. */
struct sdk_smccc_regs sdk_ffa_rxtx_map_64(uint64_t tx, uint64_t rx, uint32_t page_count);

/* FFA_RXTX_MAP_32: as the 64-bit form with 32-bit addresses. */
struct sdk_smccc_regs sdk_ffa_rxtx_map_32(uint32_t tx, uint32_t rx, uint32_t page_count);

/* FFA_RXTX_UNMAP: w1[31:16] the endpoint ID (0 for the normal world's instance). */
struct sdk_smccc_regs sdk_ffa_rxtx_unmap(uint16_t id);

/* FFA_RX_RELEASE: gives the RX buffer back to the producer. */
struct sdk_smccc_regs sdk_ffa_rx_release(void);

/*
 * FFA_PARTITION_INFO_GET: uuid (16 bytes, NULL for the null UUID: all partitions) in
 * w1-w4, flags in w5. FFA_SUCCESS: w2 count, w3 descriptor size; descriptors in the RX buffer.
 */
struct sdk_smccc_regs sdk_ffa_partition_info_get(const uint8_t *uuid, uint32_t flags);

/* As sdk_ffa_partition_info_get with the UUID as text (NULL or "" for the null UUID). False
 * (and *out untouched) when the text is not a UUID. */
bool sdk_ffa_partition_info_get_text(const char *uuid, uint32_t flags, struct sdk_smccc_regs *out);

/*
 * FFA_PARTITION_INFO_GET_REGS (SMC64, v1.2): uuid in x1 (bytes 0-7) and x2 (8-15),
 * x3 = start index | tag << 16. Up to 5 descriptors come back in x3-x17.
 */
struct sdk_smccc_regs sdk_ffa_partition_info_get_regs(const uint8_t *uuid, uint16_t start,
						      uint16_t tag);

/* FFA_MSG_SEND_DIRECT_REQ_32: payload w3-w7 (NULL: zeros); flags (x2) zero. */
struct sdk_smccc_regs sdk_ffa_direct_req_32(uint16_t source, uint16_t dest,
					    const uint32_t payload[SDK_FFA_DIRECT_PAYLOAD]);

/* FFA_MSG_SEND_DIRECT_REQ_64: payload x3-x7 (NULL: zeros); flags (x2) zero. */
struct sdk_smccc_regs sdk_ffa_direct_req_64(uint16_t source, uint16_t dest,
					    const uint64_t payload[SDK_FFA_DIRECT_PAYLOAD]);

/*
 * FFA_MSG_SEND_DIRECT_REQ2 (SMC64, v1.2): the service UUID in x2 (bytes 0-7, byte 0
 * lowest) and x3 (bytes 8-15); NULL for the null UUID. Payload x4-x17 (NULL: zeros).
 */
struct sdk_smccc_regs sdk_ffa_direct_req2(uint16_t source, uint16_t dest, const uint8_t *uuid,
					  const uint64_t payload[SDK_FFA_DIRECT2_PAYLOAD]);

/* FFA_MSG_SEND_DIRECT_RESP_32 / _64: a partition's answer, payload w3-w7 / x3-x7. */
struct sdk_smccc_regs sdk_ffa_direct_resp_32(uint16_t source, uint16_t dest,
					     const uint32_t payload[SDK_FFA_DIRECT_PAYLOAD]);
struct sdk_smccc_regs sdk_ffa_direct_resp_64(uint16_t source, uint16_t dest,
					     const uint64_t payload[SDK_FFA_DIRECT_PAYLOAD]);

/* FFA_MSG_SEND_DIRECT_RESP2 (SMC64, v1.2): payload x4-x17, x2/x3 zero. */
struct sdk_smccc_regs sdk_ffa_direct_resp2(uint16_t source, uint16_t dest,
					   const uint64_t payload[SDK_FFA_DIRECT2_PAYLOAD]);

/* FFA_RUN: w1 = endpoint << 16 | vCPU. */
struct sdk_smccc_regs sdk_ffa_run(uint16_t endpoint, uint16_t vcpu);

/* FFA_MSG_WAIT: flags in w2 (v1.2 bit 0: keep RX buffer ownership). */
struct sdk_smccc_regs sdk_ffa_msg_wait(uint32_t flags);

/* FFA_YIELD: the timeout in nanoseconds, w2 low and w3 high word (0: none). */
struct sdk_smccc_regs sdk_ffa_yield(uint64_t timeout_ns);

/*
 * FFA_CONSOLE_LOG_32 (v1.2): len characters of s (1-24) packed little-endian in w2-w7,
 * the count in w1[7:0]. len 0 or above 24 is sent as given (the callee refuses it).
 */
struct sdk_smccc_regs sdk_ffa_console_log_32(const char *s, size_t len);

/* FFA_CONSOLE_LOG_64: len characters (1-128) packed little-endian in x2-x17. */
struct sdk_smccc_regs sdk_ffa_console_log_64(const char *s, size_t len);

/*
 * Logs a whole string with FFA_CONSOLE_LOG_64, in pieces of up to 128 characters. Returns the
 * answer to the last piece (or the first that failed).
 */
struct sdk_smccc_regs sdk_ffa_console_puts(const char *s);

/*
 * True when r is a failure: an FFA_ERROR frame (code from w2), or w0 = 0xFFFFFFFF (a bare
 * NOT_SUPPORTED: FFA_VERSION's refusal, or firmware without FF-A answering an unknown
 * function, SMCCC (DEN0028) §7.2). *code (may be NULL) gets the FF-A error code.
 */
bool sdk_ffa_is_error(const struct sdk_smccc_regs *r, int32_t *code);

/* True when w0 is FFA_SUCCESS_32 or FFA_SUCCESS_64. */
bool sdk_ffa_is_success(const struct sdk_smccc_regs *r);

/*
 * Describes an answer for people, into buf: "ERROR <CODE>" for a failure (as sdk_ffa_is_error
 * sees it), else the name of w0's function ("FFA_SUCCESS_32", "FFA_MSG_SEND_DIRECT_RESP_32")
 * or w0 in hex. Returns buf.
 */
const char *sdk_ffa_result_text(const struct sdk_smccc_regs *r, char *buf, size_t size);

/* "NOT_SUPPORTED" ... "NOT_READY" (abi/fids.h's list, as the simulator spells them);
 * "UNKNOWN" for other codes. */
const char *sdk_ffa_error_name(int32_t code);

/*
 * The name of an FF-A function ID ("FFA_RXTX_MAP_64", "FFA_MSG_WAIT_32"), spelt as the
 * simulator's function table spells it (both come from abi/fids.h's list), or NULL.
 */
const char *sdk_ffa_func_name(uint32_t fid);

/*
 * Reads descriptor index from an RX buffer of rx_size bytes filled by FFA_PARTITION_INFO_GET.
 * desc_size is the answer's w3: 0 (a v1.0 answer) means the 8-byte v1.0 descriptor, else the
 * size of each descriptor (8, 24 for v1.1 and v1.2, 48 from v1.3; larger sizes are read as
 * their first 48 bytes). False when the descriptor would lie outside the buffer or desc_size is
 * too small.
 */
bool sdk_ffa_partition_info_read(const void *rx, size_t rx_size, uint32_t desc_size, unsigned index,
				 struct sdk_ffa_partition_info *out);

/* Partitions described by an FFA_PARTITION_INFO_GET_REGS answer: current - start + 1, where
 * x2 bits 15:0 hold the last index and 31:16 the current one; start is the request's index. */
unsigned sdk_ffa_partition_info_regs_count(const struct sdk_smccc_regs *r, uint16_t start);

/* Reads slot (0-4) of an FFA_PARTITION_INFO_GET_REGS answer: x3+3*slot = id | ctx << 16 |
 * props << 32, then the UUID's two halves. In the v1.3 form (x2 bits 63:48, the descriptor
 * size, 48) six registers a slot (0-1): the image UUID's halves and the partition's version
 * follow. False for a slot the answer cannot hold. */
bool sdk_ffa_partition_info_regs_read(const struct sdk_smccc_regs *r, unsigned slot,
				      struct sdk_ffa_partition_info *out);

#endif
