/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The endpoint RX/TX descriptor (include/abi/rxtxdesc.h): written by the forwarding hypervisor,
 * read by the SPMC when a hypervisor forwards a VM's FFA_RXTX_MAP.
 */
#include "abi/rxtxdesc.h"

#include <string.h>

#include "abi/le.h"

/* Offsets inside a composite with one constituent. */
#define COMPOSITE_PAGES 0u
#define COMPOSITE_COUNT 4u
#define COMPOSITE_ADDR 16u
#define COMPOSITE_CONST_PAGES 24u
/* Offsets inside the header. */
#define HDR_ENDPOINT 0u
#define HDR_RX_OFFSET 4u
#define HDR_TX_OFFSET 8u
/* Composites must be 8-byte aligned (Hafnium's ffa_endpoint_rx_tx_descriptor_offsets_valid). */
#define COMPOSITE_ALIGN 8u

static void composite_write(uint8_t *p, uint64_t addr, uint32_t pages)
{
	ffa_le_put(p + COMPOSITE_PAGES, pages, 4);
	ffa_le_put(p + COMPOSITE_COUNT, 1, 4);
	ffa_le_put(p + COMPOSITE_ADDR, addr, 8);
	ffa_le_put(p + COMPOSITE_CONST_PAGES, pages, 4);
}

size_t ffa_rxtx_desc_write(uint8_t *buf, size_t size, const struct ffa_rxtx_desc *d)
{
	uint32_t rx_off = FFA_RXTX_DESC_HDR_SIZE;
	uint32_t tx_off = FFA_RXTX_DESC_HDR_SIZE + FFA_RXTX_DESC_COMPOSITE_SIZE;

	if (size < FFA_RXTX_DESC_SIZE)
		return 0;
	memset(buf, 0, FFA_RXTX_DESC_SIZE);
	ffa_le_put(buf + HDR_ENDPOINT, d->endpoint, 2);
	ffa_le_put(buf + HDR_RX_OFFSET, rx_off, 4);
	ffa_le_put(buf + HDR_TX_OFFSET, tx_off, 4);
	composite_write(buf + rx_off, d->rx, d->pages);
	composite_write(buf + tx_off, d->tx, d->pages);
	return FFA_RXTX_DESC_SIZE;
}

enum ffa_rxtx_desc_error ffa_rxtx_desc_read(const uint8_t *buf, size_t size,
					    struct ffa_rxtx_desc *d)
{
	uint32_t rx_off, tx_off;

	if (size < FFA_RXTX_DESC_HDR_SIZE)
		return FFA_RXTX_DESC_OUTSIDE;
	rx_off = (uint32_t)ffa_le_get(buf + HDR_RX_OFFSET, 4);
	tx_off = (uint32_t)ffa_le_get(buf + HDR_TX_OFFSET, 4);
	if (rx_off % COMPOSITE_ALIGN != 0 || tx_off % COMPOSITE_ALIGN != 0)
		return FFA_RXTX_DESC_UNALIGNED;
	if ((uint64_t)rx_off + FFA_RXTX_DESC_COMPOSITE_SIZE > size ||
	    (uint64_t)tx_off + FFA_RXTX_DESC_COMPOSITE_SIZE > size)
		return FFA_RXTX_DESC_OUTSIDE;
	d->endpoint = (uint16_t)ffa_le_get(buf + HDR_ENDPOINT, 2);
	/* Hafnium takes the first constituent of each composite, and the RX one's page count
	 * for both buffers (api_get_rxtx_description). */
	d->rx = ffa_le_get(buf + rx_off + COMPOSITE_ADDR, 8);
	d->tx = ffa_le_get(buf + tx_off + COMPOSITE_ADDR, 8);
	d->pages = (uint32_t)ffa_le_get(buf + rx_off + COMPOSITE_CONST_PAGES, 4);
	return FFA_RXTX_DESC_OK;
}
