/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The host's FFA_PARTITION_INFO_GET (pKVM's do_ffa_part_get): the proxy asks the SPMC with the
 * host's UUID and flags, the descriptors land in the proxy's RX buffer (endpoint 0's at the
 * SPMC), and the proxy copies count x size bytes into the host's RX buffer. FF-A v1.0 answers
 * carry no descriptor size (w3), so the proxy uses the v1.0 descriptor's 8 bytes. A count-only
 * query (w5 bit 0, v1.1+) copies nothing. The SPMC's answer goes back to the host as it is;
 * the RX buffer at the SPMC stays full until the host's FFA_RX_RELEASE, which passes through.
 * FF-A v1.2 (DEN0077A) §13.8.
 */
#include <string.h>

#include "abi/partinfo.h"
#include "hyp/internal.h"

struct ffa_value hyp_host_partition_info(struct hyp_pkvm *hyp, const struct ffa_value *args)
{
	uint32_t flags = (uint32_t)args->x[5];
	uint8_t buf[HYP_PKVM_MBOX_PAGES * HYP_PKVM_PAGE_SIZE];
	struct ffa_value fwd = {{0}}, res;
	uint32_t count, size;
	uint64_t copy;
	struct spmc_mem_owner own, host;

	/* The descriptors need somewhere to go, even when only the count is asked for. */
	if (!hyp->host_buffers.mapped)
		return hyp_error(hyp, FFA_BUSY);

	fwd.x[0] = FFA_PARTITION_INFO_GET;
	for (unsigned i = 1; i <= 4; i++)
		fwd.x[i] = (uint32_t)args->x[i];
	fwd.x[5] = flags;
	res = hyp_call_firmware(hyp, &fwd);
	if (res.x[0] != FFA_SUCCESS_32)
		return res;
	count = (uint32_t)res.x[2];
	if (count == 0)
		return res;
	if (hyp->version > FFA_VERSION_1_0) {
		if (flags & FFA_PARTITION_INFO_COUNT_ONLY)
			return res;
		size = (uint32_t)res.x[3];
	} else {
		size = FFA_PARTINFO_SIZE_V1_0;
	}
	copy = (uint64_t)size * count;
	if (copy > sizeof(buf))
		return hyp_error(hyp, FFA_ABORTED);
	/* From the proxy's RX buffer (its reserved memory) to the host's, each read or written
	 * only as its owner's; pKVM's copy cannot fail once both buffers are mapped. */
	if (!hyp_memory_owner(hyp, true, &own) || !hyp_memory_owner(hyp, false, &host) ||
	    spmc_mem_read(&hyp->wiring.memory, &own, hyp->own.rx, buf, copy) != SPMC_MEM_OK ||
	    spmc_mem_write(&hyp->wiring.memory, &host, hyp->host_buffers.rx, buf, copy) !=
		    SPMC_MEM_OK)
		return hyp_error(hyp, FFA_ABORTED);
	return res;
}
