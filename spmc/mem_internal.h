/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Private interfaces of the SPMC's memory management (spmc/mem_*.c): the transaction table
 * (mem_txn.c), and the moves of access that each step of a transaction makes.
 */
#ifndef SPMC_MEM_INTERNAL_H
#define SPMC_MEM_INTERNAL_H

#include "abi/memdesc.h"
#include "spmc/internal.h"

/* The transaction with a handle, complete or still arriving in fragments; NULL for none. */
struct spmc_mem_txn *spmc_mem_txn_find(struct spmc *spmc, uint64_t handle);

/*
 * A free transaction record with a handle allocated as the personality does for this sender
 * (struct spmc_personality.mem_handles); NULL when every record is in use.
 */
struct spmc_mem_txn *spmc_mem_txn_alloc(struct spmc *spmc, const struct spmc_endpoint *sender);

/* Frees a record and the constituents it holds. */
void spmc_mem_txn_free(struct spmc *spmc, struct spmc_mem_txn *txn);

/* Its constituents (txn->range_count of them). */
const struct ffa_mem_range *spmc_mem_txn_ranges(const struct spmc *spmc,
						const struct spmc_mem_txn *txn);

/* Copies the constituents of a parsed descriptor into the pool for txn: NO_MEMORY when the
 * pool has no room for them. */
enum ffa_error spmc_mem_txn_take_ranges(struct spmc *spmc, struct spmc_mem_txn *txn,
					const void *buf, const struct ffa_mem_txn *desc);

/* The borrower record of an endpoint in a transaction, or NULL. */
struct spmc_mem_borrower *spmc_mem_borrower_of(struct spmc_mem_txn *txn, uint16_t id);

/* True when [addr, addr + size) overlaps a constituent of any transaction in flight. */
bool spmc_mem_in_txn(const struct spmc *spmc, uint64_t addr, uint64_t size);

/* The access an endpoint's CPU gets from memory access permissions (FFA_MEM_DATA_* |
 * FFA_MEM_INSN_*): read, write for RW, execute for X. */
uint32_t spmc_mem_perms_access(uint8_t perms);

/*
 * Gives an endpoint `access` to every constituent of txn (access 0: takes it away): its owned
 * ranges change (the SPMC then reads and writes there on its behalf, or no longer does) and
 * whoever runs the CPUs is told through spmc_mem_ops.set_access. NO_MEMORY when the
 * endpoint's table of owned ranges has no room; nothing changes then.
 */
enum ffa_error spmc_mem_move_access(struct spmc *spmc, struct spmc_endpoint *ep,
				    const struct spmc_mem_txn *txn, uint32_t access);

/* Writes zeros over every constituent of txn. ABORTED when a constituent is not RAM. */
enum ffa_error spmc_mem_zero(struct spmc *spmc, const struct spmc_mem_txn *txn);

/*
 * Reads `len` bytes of a descriptor at the start of an endpoint's TX buffer into buf:
 * INVALID_PARAMETERS when it has no buffers or len exceeds them, ABORTED when the read fails.
 */
enum ffa_error spmc_mem_read_tx(struct spmc *spmc, const struct spmc_endpoint *ep, void *buf,
				uint32_t len);

/* An FFA_ERROR, an FFA_SUCCESS_32 with a handle in w2/w3 (FF-A v1.2 (DEN0077A) §10.2.1). */
struct ffa_value spmc_mem_handle_value(uint32_t fid, uint64_t handle);

/*
 * mem_features.c: FFA_FEATURES of a memory management function for this caller, which the
 * function table already offers it: FFA_OK with the properties in *w2, or NOT_SUPPORTED. A v1.0
 * partition's FFA_MEM_RETRIEVE_REQ query may record that it wants the NS bit.
 */
enum ffa_error spmc_mem_features(const struct spmc *spmc, struct spmc_endpoint *caller,
				 uint32_t fid, uint32_t input, uint32_t *w2);

/* mem_send.c: FFA_MEM_SHARE, LEND, DONATE (32/64) and FFA_MEM_FRAG_TX. */
/* The operation a send function begins: false for the other functions. */
bool spmc_mem_send_op(uint32_t fid, enum spmc_mem_op *op);
struct ffa_value spmc_mem_send(struct spmc *spmc, struct spmc_endpoint *caller,
			       const struct ffa_value *args);
struct ffa_value spmc_mem_frag_tx(struct spmc *spmc, struct spmc_endpoint *caller,
				  const struct ffa_value *args);
/* mem_retrieve.c: FFA_MEM_RETRIEVE_REQ (32/64) and FFA_MEM_FRAG_RX. */
struct ffa_value spmc_mem_retrieve_req(struct spmc *spmc, struct spmc_endpoint *caller,
				       const struct ffa_value *args);
struct ffa_value spmc_mem_frag_rx(struct spmc *spmc, struct spmc_endpoint *caller,
				  const struct ffa_value *args);
/* mem_reclaim.c: FFA_MEM_RELINQUISH and FFA_MEM_RECLAIM. */
struct ffa_value spmc_mem_relinquish(struct spmc *spmc, struct spmc_endpoint *caller,
				     const struct ffa_value *args);
struct ffa_value spmc_mem_reclaim(struct spmc *spmc, struct spmc_endpoint *caller,
				  const struct ffa_value *args);

#endif
