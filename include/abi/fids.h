/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Every function ID the simulator names, in one freestanding header (no libc: only constants,
 * macros and the error enum), shared by the host (abi/, spmc/, hyp/, partitions/, scenarios/,
 * tests) and the guest SDK, which installs it as <abi/fids.h>. The FF-A IDs are those of FF-A v1.2
 * (DEN0077A) §13, Table 13.1, plus the v1.3 IDs (FF-A v1.3 (DEN0077A) §14), each spelled as
 * abi/table.c's row names it: the width suffix _32/_64 where a function has both forms or only the
 * SMC64 one, none for SMC32-only functions (FFA_VERSION, FFA_ID_GET). SMCCC (DEN0028) §7 gives the
 * architecture calls, PSCI (DEN0022) §5 the PSCI calls.
 */
#ifndef ABI_FIDS_H
#define ABI_FIDS_H

#include <stdint.h>

/* SMCCC (DEN0028) §7: the architecture calls and the versions they report. */
#define SMCCC_VERSION 0x80000000u
#define SMCCC_ARCH_FEATURES 0x80000001u
#define SMCCC_ARCH_SOC_ID 0x80000002u
#define SMCCC_VERSION_1_0 0x10000u
#define SMCCC_VERSION_1_1 0x10001u
#define SMCCC_VERSION_1_2 0x10002u
#define SMCCC_VERSION_1_5 0x10005u
/* SMCCC (DEN0028) §7.2: the answer to an unknown function ID, as a 32-bit value in w0. */
#define SMCCC_UNKNOWN 0xffffffffu
/* The same -1 in all 64 bits of x0, as TF-A writes it for SMC32 and SMC64 calls alike. */
#define SMCCC_UNKNOWN_64 UINT64_MAX
#define SMCCC_NOT_SUPPORTED 0xffffffffu

/* PSCI (DEN0022) §5. */
#define PSCI_VERSION 0x84000000u
#define PSCI_CPU_SUSPEND_32 0x84000001u
#define PSCI_CPU_SUSPEND_64 0xc4000001u
#define PSCI_CPU_OFF 0x84000002u
#define PSCI_CPU_ON_32 0x84000003u
#define PSCI_CPU_ON_64 0xc4000003u
#define PSCI_AFFINITY_INFO_32 0x84000004u
#define PSCI_AFFINITY_INFO_64 0xc4000004u
#define PSCI_MIGRATE_32 0x84000005u
#define PSCI_MIGRATE_INFO_TYPE 0x84000006u
#define PSCI_SYSTEM_OFF 0x84000008u
#define PSCI_SYSTEM_RESET 0x84000009u
#define PSCI_FEATURES 0x8400000au
#define PSCI_VERSION_1_1 0x10001u
/* PSCI (DEN0022) §5.2.2: return codes (32-bit, negative). */
#define PSCI_E_SUCCESS 0
#define PSCI_E_NOT_SUPPORTED (-1)
#define PSCI_E_INVALID_PARAMETERS (-2)
#define PSCI_E_DENIED (-3)
#define PSCI_E_ALREADY_ON (-4)
#define PSCI_E_ON_PENDING (-5)
#define PSCI_E_INTERNAL_FAILURE (-6)
#define PSCI_E_NOT_PRESENT (-7)
#define PSCI_E_DISABLED (-8)
#define PSCI_E_INVALID_ADDRESS (-9)
/* PSCI (DEN0022) §5.1.5: AFFINITY_INFO's answers. */
#define PSCI_AFFINITY_ON 0
#define PSCI_AFFINITY_OFF 1
#define PSCI_AFFINITY_ON_PENDING 2
/* PSCI (DEN0022) §5.1.6: MIGRATE_INFO_TYPE 2, no Trusted OS that needs migration. */
#define PSCI_TOS_NOT_PRESENT_MP 2

/* FF-A function IDs: SMC32 forms are 0x840000NN, SMC64 forms 0xC40000NN (SMCCC (DEN0028)
 * §2.5: bit 30 is the SMC64 bit; FF-A's function numbers are 0x60-0xFF). */
#define FFA_FID_SMC32(n) (0x84000000u | (uint32_t)(n))
#define FFA_FID_SMC64(n) (0xc4000000u | (uint32_t)(n))
#define FFA_FID_SMC64_BIT (UINT32_C(1) << 30)
#define FFA_FNUM_MIN 0x60u
#define FFA_FNUM_MAX 0xffu
/* The function number of an FF-A ID: bits 7:0. */
#define FFA_FNUM(fid) ((uint32_t)(fid)&0xffu)

#define FFA_ERROR_32 FFA_FID_SMC32(0x60)
#define FFA_ERROR_64 FFA_FID_SMC64(0x60)
#define FFA_SUCCESS_32 FFA_FID_SMC32(0x61)
#define FFA_SUCCESS_64 FFA_FID_SMC64(0x61)
#define FFA_INTERRUPT_32 FFA_FID_SMC32(0x62)
#define FFA_INTERRUPT_64 FFA_FID_SMC64(0x62)
#define FFA_VERSION FFA_FID_SMC32(0x63)
#define FFA_FEATURES FFA_FID_SMC32(0x64)
#define FFA_RX_RELEASE FFA_FID_SMC32(0x65)
#define FFA_RXTX_MAP_32 FFA_FID_SMC32(0x66)
#define FFA_RXTX_MAP_64 FFA_FID_SMC64(0x66)
#define FFA_RXTX_UNMAP FFA_FID_SMC32(0x67)
#define FFA_PARTITION_INFO_GET FFA_FID_SMC32(0x68)
#define FFA_ID_GET FFA_FID_SMC32(0x69)
#define FFA_MSG_POLL FFA_FID_SMC32(0x6a)
#define FFA_MSG_WAIT_32 FFA_FID_SMC32(0x6b)
#define FFA_MSG_WAIT_64 FFA_FID_SMC64(0x6b)
#define FFA_YIELD_32 FFA_FID_SMC32(0x6c)
#define FFA_YIELD_64 FFA_FID_SMC64(0x6c)
#define FFA_RUN_32 FFA_FID_SMC32(0x6d)
#define FFA_RUN_64 FFA_FID_SMC64(0x6d)
#define FFA_MSG_SEND FFA_FID_SMC32(0x6e)
#define FFA_MSG_SEND_DIRECT_REQ_32 FFA_FID_SMC32(0x6f)
#define FFA_MSG_SEND_DIRECT_REQ_64 FFA_FID_SMC64(0x6f)
#define FFA_MSG_SEND_DIRECT_RESP_32 FFA_FID_SMC32(0x70)
#define FFA_MSG_SEND_DIRECT_RESP_64 FFA_FID_SMC64(0x70)
#define FFA_MEM_DONATE_32 FFA_FID_SMC32(0x71)
#define FFA_MEM_DONATE_64 FFA_FID_SMC64(0x71)
#define FFA_MEM_LEND_32 FFA_FID_SMC32(0x72)
#define FFA_MEM_LEND_64 FFA_FID_SMC64(0x72)
#define FFA_MEM_SHARE_32 FFA_FID_SMC32(0x73)
#define FFA_MEM_SHARE_64 FFA_FID_SMC64(0x73)
#define FFA_MEM_RETRIEVE_REQ_32 FFA_FID_SMC32(0x74)
#define FFA_MEM_RETRIEVE_REQ_64 FFA_FID_SMC64(0x74)
#define FFA_MEM_RETRIEVE_RESP FFA_FID_SMC32(0x75)
#define FFA_MEM_RELINQUISH FFA_FID_SMC32(0x76)
#define FFA_MEM_RECLAIM FFA_FID_SMC32(0x77)
#define FFA_MEM_OP_PAUSE FFA_FID_SMC32(0x78)
#define FFA_MEM_OP_RESUME FFA_FID_SMC32(0x79)
#define FFA_MEM_FRAG_RX FFA_FID_SMC32(0x7a)
#define FFA_MEM_FRAG_TX FFA_FID_SMC32(0x7b)
#define FFA_NORMAL_WORLD_RESUME FFA_FID_SMC32(0x7c)
#define FFA_NOTIFICATION_BITMAP_CREATE FFA_FID_SMC32(0x7d)
#define FFA_NOTIFICATION_BITMAP_DESTROY FFA_FID_SMC32(0x7e)
#define FFA_NOTIFICATION_BIND FFA_FID_SMC32(0x7f)
#define FFA_NOTIFICATION_UNBIND FFA_FID_SMC32(0x80)
#define FFA_NOTIFICATION_SET FFA_FID_SMC32(0x81)
#define FFA_NOTIFICATION_GET FFA_FID_SMC32(0x82)
#define FFA_NOTIFICATION_INFO_GET_32 FFA_FID_SMC32(0x83)
#define FFA_NOTIFICATION_INFO_GET_64 FFA_FID_SMC64(0x83)
#define FFA_RX_ACQUIRE FFA_FID_SMC32(0x84)
#define FFA_SPM_ID_GET FFA_FID_SMC32(0x85)
#define FFA_MSG_SEND2 FFA_FID_SMC32(0x86)
#define FFA_SECONDARY_EP_REGISTER_32 FFA_FID_SMC32(0x87)
#define FFA_SECONDARY_EP_REGISTER_64 FFA_FID_SMC64(0x87)
#define FFA_MEM_PERM_GET_32 FFA_FID_SMC32(0x88)
#define FFA_MEM_PERM_GET_64 FFA_FID_SMC64(0x88)
#define FFA_MEM_PERM_SET_32 FFA_FID_SMC32(0x89)
#define FFA_MEM_PERM_SET_64 FFA_FID_SMC64(0x89)
/*
 * FFA_MEM_PERM_GET/SET w2/w3 permissions (FF-A v1.2 (DEN0077A) §13.16): bits 1:0 data access
 * (1 read-write, 3 read-only), bit 2 no execute. The three values SPMCs accept for SET.
 */
#define FFA_MEM_PERM_DATA_RW 0x1u
#define FFA_MEM_PERM_DATA_RO 0x3u
#define FFA_MEM_PERM_NX 0x4u
#define FFA_MEM_PERM_RW (FFA_MEM_PERM_DATA_RW | FFA_MEM_PERM_NX)
#define FFA_MEM_PERM_RO (FFA_MEM_PERM_DATA_RO | FFA_MEM_PERM_NX)
#define FFA_MEM_PERM_RX FFA_MEM_PERM_DATA_RO
#define FFA_CONSOLE_LOG_32 FFA_FID_SMC32(0x8a)
#define FFA_CONSOLE_LOG_64 FFA_FID_SMC64(0x8a)
#define FFA_PARTITION_INFO_GET_REGS_64 FFA_FID_SMC64(0x8b)
#define FFA_EL3_INTR_HANDLE FFA_FID_SMC32(0x8c)
#define FFA_MSG_SEND_DIRECT_REQ2_64 FFA_FID_SMC64(0x8d)
#define FFA_MSG_SEND_DIRECT_RESP2_64 FFA_FID_SMC64(0x8e)
#define FFA_NS_RES_INFO_GET_64 FFA_FID_SMC64(0x8f)
#define FFA_ABORT_32 FFA_FID_SMC32(0x90)
#define FFA_ABORT_64 FFA_FID_SMC64(0x90)

/*
 * The same functions as a list, in function-number order (SMC32 form first), each by its name
 * without the FFA_ prefix: X(VERSION) stands for FFA_VERSION. abi/table.c builds its rows and
 * the row index (enum ffa_func_idx) from it; the SDK its name table.
 */
#define FFA_FUNC_LIST(X)                                                                           \
	X(ERROR_32)                                                                                \
	X(ERROR_64)                                                                                \
	X(SUCCESS_32)                                                                              \
	X(SUCCESS_64)                                                                              \
	X(INTERRUPT_32)                                                                            \
	X(INTERRUPT_64)                                                                            \
	X(VERSION)                                                                                 \
	X(FEATURES)                                                                                \
	X(RX_RELEASE)                                                                              \
	X(RXTX_MAP_32)                                                                             \
	X(RXTX_MAP_64)                                                                             \
	X(RXTX_UNMAP)                                                                              \
	X(PARTITION_INFO_GET)                                                                      \
	X(ID_GET)                                                                                  \
	X(MSG_POLL)                                                                                \
	X(MSG_WAIT_32)                                                                             \
	X(MSG_WAIT_64)                                                                             \
	X(YIELD_32)                                                                                \
	X(YIELD_64)                                                                                \
	X(RUN_32)                                                                                  \
	X(RUN_64)                                                                                  \
	X(MSG_SEND)                                                                                \
	X(MSG_SEND_DIRECT_REQ_32)                                                                  \
	X(MSG_SEND_DIRECT_REQ_64)                                                                  \
	X(MSG_SEND_DIRECT_RESP_32)                                                                 \
	X(MSG_SEND_DIRECT_RESP_64)                                                                 \
	X(MEM_DONATE_32)                                                                           \
	X(MEM_DONATE_64)                                                                           \
	X(MEM_LEND_32)                                                                             \
	X(MEM_LEND_64)                                                                             \
	X(MEM_SHARE_32)                                                                            \
	X(MEM_SHARE_64)                                                                            \
	X(MEM_RETRIEVE_REQ_32)                                                                     \
	X(MEM_RETRIEVE_REQ_64)                                                                     \
	X(MEM_RETRIEVE_RESP)                                                                       \
	X(MEM_RELINQUISH)                                                                          \
	X(MEM_RECLAIM)                                                                             \
	X(MEM_OP_PAUSE)                                                                            \
	X(MEM_OP_RESUME)                                                                           \
	X(MEM_FRAG_RX)                                                                             \
	X(MEM_FRAG_TX)                                                                             \
	X(NORMAL_WORLD_RESUME)                                                                     \
	X(NOTIFICATION_BITMAP_CREATE)                                                              \
	X(NOTIFICATION_BITMAP_DESTROY)                                                             \
	X(NOTIFICATION_BIND)                                                                       \
	X(NOTIFICATION_UNBIND)                                                                     \
	X(NOTIFICATION_SET)                                                                        \
	X(NOTIFICATION_GET)                                                                        \
	X(NOTIFICATION_INFO_GET_32)                                                                \
	X(NOTIFICATION_INFO_GET_64)                                                                \
	X(RX_ACQUIRE)                                                                              \
	X(SPM_ID_GET)                                                                              \
	X(MSG_SEND2)                                                                               \
	X(SECONDARY_EP_REGISTER_32)                                                                \
	X(SECONDARY_EP_REGISTER_64)                                                                \
	X(MEM_PERM_GET_32)                                                                         \
	X(MEM_PERM_GET_64)                                                                         \
	X(MEM_PERM_SET_32)                                                                         \
	X(MEM_PERM_SET_64)                                                                         \
	X(CONSOLE_LOG_32)                                                                          \
	X(CONSOLE_LOG_64)                                                                          \
	X(PARTITION_INFO_GET_REGS_64)                                                              \
	X(EL3_INTR_HANDLE)                                                                         \
	X(MSG_SEND_DIRECT_REQ2_64)                                                                 \
	X(MSG_SEND_DIRECT_RESP2_64)                                                                \
	X(NS_RES_INFO_GET_64)                                                                      \
	X(ABORT_32)                                                                                \
	X(ABORT_64)

/*
 * FF-A error codes (FF-A v1.2 (DEN0077A) §13.1, Table 13.4), carried in w2 of FFA_ERROR, by
 * their name without the FFA_ prefix: X(NOT_SUPPORTED, -1). enum ffa_error below and the
 * error-name tables of the host and the SDK come from it.
 */
#define FFA_ERROR_LIST(X)                                                                          \
	X(NOT_SUPPORTED, -1)                                                                       \
	X(INVALID_PARAMETERS, -2)                                                                  \
	X(NO_MEMORY, -3)                                                                           \
	X(BUSY, -4)                                                                                \
	X(INTERRUPTED, -5)                                                                         \
	X(DENIED, -6)                                                                              \
	X(RETRY, -7)                                                                               \
	X(ABORTED, -8)                                                                             \
	X(NO_DATA, -9)                                                                             \
	X(NOT_READY, -10)

enum ffa_error {
	FFA_OK = 0,
#define FFA_ERROR_ENUM(name, code) FFA_##name = (code),
	FFA_ERROR_LIST(FFA_ERROR_ENUM)
#undef FFA_ERROR_ENUM
};

#endif
