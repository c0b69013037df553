/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The endpoint RX/TX descriptor (include/abi/rxtxdesc.h): written by the forwarding hypervisor,
 * read by the SPMC when a hypervisor forwards a VM's FFA_RXTX_MAP.
 */
#include "abi/rxtxdesc.h"

#include <string.h>

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

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)v);
	put16(p + 2, (uint16_t)(v >> 16));
}

static void put64(uint8_t *p, uint64_t v)
{
	put32(p, (uint32_t)v);
	put32(p + 4, (uint32_t)(v >> 32));
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}

static uint32_t get32(const uint8_t *p)
{
	return get16(p) | ((uint32_t)get16(p + 2) << 16);
}

static uint64_t get64(const uint8_t *p)
{
	return get32(p) | ((uint64_t)get32(p + 4) << 32);
}

static void composite_write(uint8_t *p, uint64_t addr, uint32_t pages)
{
	put32(p + COMPOSITE_PAGES, pages);
	put32(p + COMPOSITE_COUNT, 1);
	put64(p + COMPOSITE_ADDR, addr);
	put32(p + COMPOSITE_CONST_PAGES, pages);
}

size_t ffa_rxtx_desc_write(uint8_t *buf, size_t size, const struct ffa_rxtx_desc *d)
{
	uint32_t rx_off = FFA_RXTX_DESC_HDR_SIZE;
	uint32_t tx_off = FFA_RXTX_DESC_HDR_SIZE + FFA_RXTX_DESC_COMPOSITE_SIZE;

	if (size < FFA_RXTX_DESC_SIZE)
		return 0;
	memset(buf, 0, FFA_RXTX_DESC_SIZE);
	put16(buf + HDR_ENDPOINT, d->endpoint);
	put32(buf + HDR_RX_OFFSET, rx_off);
	put32(buf + HDR_TX_OFFSET, tx_off);
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
	rx_off = get32(buf + HDR_RX_OFFSET);
	tx_off = get32(buf + HDR_TX_OFFSET);
	if (rx_off % COMPOSITE_ALIGN != 0 || tx_off % COMPOSITE_ALIGN != 0)
		return FFA_RXTX_DESC_UNALIGNED;
	if ((uint64_t)rx_off + FFA_RXTX_DESC_COMPOSITE_SIZE > size ||
	    (uint64_t)tx_off + FFA_RXTX_DESC_COMPOSITE_SIZE > size)
		return FFA_RXTX_DESC_OUTSIDE;
	d->endpoint = get16(buf + HDR_ENDPOINT);
	/* Hafnium takes the first constituent of each composite, and the RX one's page count
	 * for both buffers (api_get_rxtx_description). */
	d->rx = get64(buf + rx_off + COMPOSITE_ADDR);
	d->tx = get64(buf + tx_off + COMPOSITE_ADDR);
	d->pages = get32(buf + rx_off + COMPOSITE_CONST_PAGES);
	return FFA_RXTX_DESC_OK;
}
