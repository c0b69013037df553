/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Indirect messaging (FF-A v1.2 (DEN0077A) §7.2): FFA_MSG_SEND2 (§15.1) copies the partition
 * message a sender wrote in its TX buffer (header and payload, include/abi/msghdr.h) into the
 * receiver's RX buffer, which the receiver then owns until FFA_RX_RELEASE or an FFA_MSG_WAIT
 * without the retain-RX flag; FFA_RX_ACQUIRE (§13.4) lets a hypervisor take a VM's RX buffer
 * from the SPMC before writing it itself.
 *
 * The checks run in the order Hafnium applies them (src/api.c, api_ffa_msg_send2 and
 * api_ffa_msg_send2_copy_data; api_ffa_rx_acquire), with its error codes; TF-A's EL3 SPMC and
 * OP-TEE implement neither call (their rows are absent_in, spmc/spmc.c). Sending runs nobody:
 * the receiver reads the message when it next runs (a partition when the normal world gives
 * it cycles with FFA_RUN, its FFA_MSG_WAIT returning FFA_RUN), told by the RX-buffer-full
 * framework notification when it uses notifications (send2_notify).
 */
#include <stdlib.h>

#include "abi/msghdr.h"
#include "spmc/internal.h"
#include "spmc/notif.h"

/* FFA_RX_ACQUIRE w1 bits 15:0: the VM whose RX buffer the hypervisor takes (§13.4). */
#define RX_ACQUIRE_ID_MASK 0xffffu

/* The size of an endpoint's buffers in bytes. */
static uint64_t send2_buf_size(const struct spmc_endpoint *ep)
{
	return (uint64_t)ep->rxtx.page_count * FFA_RXTX_PAGE_SIZE;
}

/*
 * Whether both ends may use indirect messages (Hafnium's ffa_indirect_msg_is_supported): both
 * at FF-A v1.1 or later, and a partition at either end with the indirect-messaging property of
 * its manifest's messaging method. The SPMC knows nothing of the normal world's configuration.
 */
static bool send2_supported(const struct spmc *spmc, const struct spmc_endpoint *sender,
			    const struct spmc_endpoint *receiver)
{
	if (spmc_caller_version(spmc, sender) < FFA_VERSION_1_1 ||
	    spmc_caller_version(spmc, receiver) < FFA_VERSION_1_1)
		return false;
	if (sender->secure && !(sender->props & FFA_PROP_INDIRECT_MSG))
		return false;
	if (receiver->secure && !(receiver->props & FFA_PROP_INDIRECT_MSG))
		return false;
	return true;
}

/*
 * The message's extent, checked as Hafnium's api_ffa_msg_send2_copy_data does: the payload
 * starts after the header of the sender's version (20 bytes for v1.1, 40 from v1.2), offset +
 * size does not overflow and stays within the largest message (a buffer of the real SPMC's
 * largest size: Hafnium's HF_MAILBOX_SIZE, one page) and the sender's TX buffer. FFA_OK with
 * *total set.
 */
static enum ffa_error send2_extent(const struct spmc *spmc, const struct spmc_endpoint *sender,
				   const struct ffa_msg_hdr *hdr, uint64_t *total)
{
	uint32_t min_offset = ffa_msg_hdr_size(spmc_caller_version(spmc, sender));
	uint64_t max = (uint64_t)spmc->cfg.personality->rxtx_max_pages * FFA_RXTX_PAGE_SIZE;

	if (min_offset == 0)
		return FFA_NOT_SUPPORTED;
	if (hdr->offset < min_offset)
		return FFA_INVALID_PARAMETERS;
	*total = (uint64_t)hdr->offset + hdr->size;
	if (*total > UINT32_MAX)
		return FFA_INVALID_PARAMETERS;
	if ((max != 0 && *total > max) || *total > send2_buf_size(sender))
		return FFA_INVALID_PARAMETERS;
	return FFA_OK;
}

/*
 * Copies the message (total bytes from the start of the sender's TX buffer) into the
 * receiver's RX buffer, zeroing the rest of it as Hafnium does (FF-A v1.3 §4.10), and hands the
 * buffer to the receiver. A copy that cannot be made (the receiver's buffer is smaller than the
 * message, a read or write fails) is ABORTED, Hafnium's answer when its memcpy_trapped fails.
 */
static enum ffa_error send2_copy(struct spmc *spmc, const struct spmc_endpoint *sender,
				 struct spmc_endpoint *receiver, uint64_t total)
{
	uint64_t rx_size = send2_buf_size(receiver);
	uint8_t *buf;
	enum ffa_error err;

	if (total > rx_size)
		return FFA_ABORTED;
	buf = calloc(1, rx_size);
	if (buf == NULL)
		return FFA_ABORTED;
	if (spmc_mem_read(&spmc->memory, &sender->mem, sender->rxtx.tx, buf, total) !=
	    SPMC_MEM_OK) {
		free(buf);
		return FFA_ABORTED;
	}
	err = spmc_rx_fill(spmc, receiver, buf, rx_size);
	free(buf);
	/* Free and mapped was checked: only the write itself can fail here. */
	return err == FFA_OK ? FFA_OK : FFA_ABORTED;
}

/*
 * Tells the receiver: the RX-buffer-full framework notification (the SPM's when a partition
 * sent the message, the hypervisor's when the normal world did), pended for a normal-world
 * receiver, with or without a notification bitmap, and for a partition that uses
 * notifications, with the schedule receiver interrupt unless the sending partition asked to
 * delay it, as Hafnium's api_ffa_msg_send2 does ("if VMs have provided the RX buffer it is
 * implied they already support indirect messaging").
 */
static void send2_notify(struct spmc *spmc, const struct spmc_endpoint *sender,
			 const struct spmc_endpoint *receiver, uint32_t flags)
{
	uint64_t bit = sender->secure ? SPMC_NOTIF_FWK_RX_FULL_SPM : SPMC_NOTIF_FWK_RX_FULL_HYP;

	if (receiver->secure && !spmc_notif_enabled(spmc, receiver->id))
		return;
	/* The only refusals (no bitmap, no such receiver) were ruled out above. */
	(void)spmc_notif_set_framework(spmc, receiver->id, bit,
				       (flags & FFA_MSG_SEND2_DELAY_SRI) != 0);
}

/* Checks an FFA_MSG_SEND2 and delivers it; FFA_OK when the message is in the RX buffer. */
static enum ffa_error send2(struct spmc *spmc, struct spmc_endpoint *caller,
			    const struct ffa_value *args)
{
	uint32_t w1 = (uint32_t)args->x[1];
	uint32_t flags = (uint32_t)args->x[2];
	uint16_t sender_id = (uint16_t)(w1 >> FFA_MSG_SEND2_SENDER_SHIFT);
	uint8_t raw[FFA_MSG_HDR_SIZE_1_2] = {0};
	struct spmc_endpoint *sender = caller;
	struct spmc_endpoint *receiver;
	struct ffa_msg_hdr hdr;
	uint64_t total = 0;
	uint64_t hdr_len;
	enum ffa_error err;

	/*
	 * w1 bits 31:16 name the sender only when a hypervisor sends for one of its VMs: from a
	 * partition they are MBZ (INVALID_PARAMETERS). The SPMC knows no VM besides the normal
	 * world's own instance, so a VM named there is not found: DENIED, as Hafnium answers for
	 * a VM without buffers in the SPMC.
	 */
	if (sender_id != 0) {
		if (caller->secure)
			return FFA_INVALID_PARAMETERS;
		return FFA_DENIED;
	}
	/* The sender's TX buffer: DENIED when it has none. */
	if (!sender->rxtx.mapped)
		return FFA_DENIED;
	/* The header, read once (Hafnium copies it out of the sender's reach before checking). */
	hdr_len = send2_buf_size(sender) < sizeof(raw) ? send2_buf_size(sender) : sizeof(raw);
	if (spmc_mem_read(&spmc->memory, &sender->mem, sender->rxtx.tx, raw, hdr_len) !=
		    SPMC_MEM_OK ||
	    !ffa_msg_hdr_read(raw, (uint32_t)hdr_len, &hdr))
		return FFA_ABORTED;
	/* The header's sender is the caller, the receiver another endpoint (§7.2). */
	if (hdr.sender != sender->id || hdr.receiver == hdr.sender)
		return FFA_INVALID_PARAMETERS;
	/* Flags (delay SRI) are the partitions' alone: MBZ from the normal world. */
	if (!sender->secure && flags != 0)
		return FFA_INVALID_PARAMETERS;
	receiver = spmc_find_endpoint(spmc, hdr.receiver);
	if (receiver == NULL)
		return FFA_INVALID_PARAMETERS;
	if (!send2_supported(spmc, sender, receiver))
		return FFA_DENIED;
	/*
	 * The receiver's RX buffer must be mapped and the SPMC's: BUSY while the receiver (or, for
	 * the normal world, a hypervisor that acquired it) owns it. An aborted partition has lost
	 * its buffers in Hafnium (ffa_vm_free_resources), so it is BUSY too.
	 */
	if (!receiver->rxtx.mapped || receiver->rxtx.rx_full || receiver->rxtx.rx_acquired ||
	    receiver->ctx.state == SPMC_EP_FAILED)
		return FFA_BUSY;
	err = send2_extent(spmc, sender, &hdr, &total);
	if (err != FFA_OK)
		return err;
	err = send2_copy(spmc, sender, receiver, total);
	if (err != FFA_OK)
		return err;
	receiver->rxtx.rx_sender = sender->id;
	send2_notify(spmc, sender, receiver, flags);
	return FFA_OK;
}

struct ffa_value spmc_msg_send2(struct spmc *spmc, struct spmc_endpoint *caller,
				const struct ffa_value *args)
{
	enum ffa_error err = send2(spmc, caller, args);

	return err == FFA_OK ? ffa_success_value(0) : ffa_error_value(err);
}

struct ffa_value spmc_rx_acquire(struct spmc *spmc, struct spmc_endpoint *caller,
				 const struct ffa_value *args)
{
	uint16_t vm = (uint16_t)(args->x[1] & RX_ACQUIRE_ID_MASK);
	struct spmc_endpoint *owner;

	/*
	 * Only the hypervisor, at the normal world's physical instance, acquires, and only VMs'
	 * buffers: NOT_SUPPORTED for anyone else (Hafnium: "not supported at this FF-A
	 * instance").
	 */
	if (caller->secure || ffa_id_is_secure(vm))
		return ffa_error_value(FFA_NOT_SUPPORTED);
	/* A VM the SPMC does not know, or one without an RX buffer: INVALID_PARAMETERS. */
	owner = spmc_find_endpoint(spmc, vm);
	if (owner == NULL || !owner->rxtx.mapped)
		return ffa_error_value(FFA_INVALID_PARAMETERS);
	/* Owned by the VM (a message or descriptors not yet released) or already acquired. */
	if (owner->rxtx.rx_full || owner->rxtx.rx_acquired)
		return ffa_error_value(FFA_DENIED);
	owner->rxtx.rx_acquired = true;
	return ffa_success_value(0);
}

bool spmc_rx_acquire_offered(const struct spmc_endpoint *caller)
{
	/* Hafnium: "only discoverable to the normal-world hypervisor". */
	return !caller->secure;
}
