/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The SPMC's memory transactions (FF-A v1.2 (DEN0077A) §10-§11): one record per handle, from
 * the sender's FFA_MEM_SHARE, LEND or DONATE (and its FFA_MEM_FRAG_TX fragments) through each
 * borrower's retrieval and relinquish to the lender's FFA_MEM_RECLAIM. The records live in
 * struct spmc (spmc/mem_*.c); include/spmc/share.h answers questions about them by page.
 */
#ifndef SPMC_MEM_TXN_H
#define SPMC_MEM_TXN_H

#include <stdbool.h>
#include <stdint.h>

#include "abi/memdesc.h"

/* Transactions in flight at once: Hafnium's default MAX_MEM_SHARES (plat_max_mem_shares in
 * its build/toolchain/platform.gni), whose slot index its handles carry. */
#define SPMC_MEM_MAX_TXNS 100u
/* Constituents of all transactions together: one transaction may use them all. */
#define SPMC_MEM_POOL_RANGES 1024u
/* The largest memory transaction descriptor the SPMC takes, whole or in fragments: a v1.2
 * header, FFA_MEM_MAX_RECEIVERS receivers, a composite and every constituent of the pool. */
#define SPMC_MEM_DESC_MAX                                                                          \
	(FFA_MEMDESC_HEADER_SIZE_1_1 + FFA_MEM_MAX_RECEIVERS * FFA_MEMDESC_RECEIVER_SIZE_1_2 +     \
	 FFA_MEMDESC_COMPOSITE_SIZE + SPMC_MEM_POOL_RANGES * FFA_MEMDESC_CONSTITUENT_SIZE)

/* The operation that began a transaction. */
enum spmc_mem_op { SPMC_MEM_OP_SHARE, SPMC_MEM_OP_LEND, SPMC_MEM_OP_DONATE };

/* Sets of operations, for the personalities' columns. */
#define SPMC_MEM_OP_BIT(op) ((uint8_t)(1u << (op)))
#define SPMC_MEM_OPS_ALL                                                                           \
	(SPMC_MEM_OP_BIT(SPMC_MEM_OP_SHARE) | SPMC_MEM_OP_BIT(SPMC_MEM_OP_LEND) |                  \
	 SPMC_MEM_OP_BIT(SPMC_MEM_OP_DONATE))

/* FFA_FEATURES(FFA_MEM_RETRIEVE_REQ) w2 (FF-A v1.2 (DEN0077A) §13.3.2, Table 13.14): bit 0
 * dynamically allocated buffers, bit 1 NS-bit handling, bit 2 hypervisor retrieve requests. */
#define SPMC_MEM_RETRIEVE_DYN_BUFFER (UINT32_C(1) << 0)
#define SPMC_MEM_RETRIEVE_NS_BIT (UINT32_C(1) << 1)
#define SPMC_MEM_RETRIEVE_HYP (UINT32_C(1) << 2)
/* FFA_FEATURES(FFA_MEM_SHARE/LEND/DONATE) w2 bit 0: dynamically allocated buffers. */
#define SPMC_MEM_SEND_DYN_BUFFER (UINT32_C(1) << 0)

/* One borrower of a transaction and how far its retrieval got. */
struct spmc_mem_borrower {
	uint16_t id;
	uint8_t perms;            /* as the sender gave them (FFA_MEM_DATA_* | FFA_MEM_INSN_*) */
	uint8_t granted;          /* as its retrieve response gave them */
	uint32_t access;          /* SPMC_MEM_READ | WRITE | EXEC it was given at retrieval */
	bool retrieved;           /* FFA_MEM_RETRIEVE_REQ accepted: it holds the memory */
	uint32_t frag_sent;       /* bytes of its retrieve response handed over so far */
	uint32_t frag_total;      /* the response's length: retrieval is complete when they match */
	uint32_t resp_version;    /* the layout its response was written in */
	uint16_t resp_attributes; /* the attributes its response carries */
	uint32_t resp_flags;      /* the retrieve request's flags (zero after relinquish) */
};

/* One transaction, by handle. */
struct spmc_mem_txn {
	bool used;
	bool complete; /* every fragment of the sender's descriptor arrived */
	enum spmc_mem_op op;
	uint64_t handle;
	uint16_t sender;
	uint16_t attributes; /* FFA_MEM_ATTR_* as the sender gave them */
	uint32_t flags;      /* FFA_MEM_FLAG_* of the send */
	uint64_t tag;
	uint32_t sender_version; /* the layout the sender used (the v1.2 impdef field kept) */
	uint32_t sender_access;  /* what the lender had: given back at reclaim */
	struct spmc_mem_borrower borrowers[FFA_MEM_MAX_RECEIVERS];
	uint32_t borrower_count;
	/* The normal world's hypervisor reading the descriptor (a retrieve request with no
	 * receivers, §11.4.1): its fragments, not a borrower. */
	struct spmc_mem_borrower hyp;
	uint64_t impdef[FFA_MEM_MAX_RECEIVERS][2];
	/* Its constituents: pool[first .. first + range_count). */
	uint32_t first;
	uint32_t range_count;
	uint32_t page_count;
};

/* A descriptor arriving in fragments (FFA_MEM_FRAG_TX): one at a time per SPMC. */
struct spmc_mem_inbound {
	bool active;
	uint64_t handle;
	uint16_t sender;
	uint32_t op_fid;  /* the FFA_MEM_SHARE/LEND/DONATE that began it */
	uint32_t version; /* the sender's layout */
	uint32_t total;
	uint32_t first; /* the first fragment's length */
	uint32_t filled;
	uint8_t buf[SPMC_MEM_DESC_MAX];
};

/* All of the SPMC's memory management state (struct spmc.mem_txns). */
struct spmc_mem_txns {
	struct spmc_mem_txn txns[SPMC_MEM_MAX_TXNS];
	struct ffa_mem_range pool[SPMC_MEM_POOL_RANGES];
	uint32_t pool_used;
	uint64_t next_handle; /* for personalities that count handles (TF-A's EL3 SPMC) */
	struct spmc_mem_inbound inbound;
};

#endif
