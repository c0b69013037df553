/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Builds memory descriptors with the SDK's builders and prints each as one line,
 * "desc NAME LEN HEX...", for tests/test_mem_guests.c to read back with the host's parser:
 * a share in the v1.0 layout, a lend to three receivers in v1.1, a donate with the
 * implementation-defined field in v1.2, a retrieve request, a relinquish descriptor, and the
 * builders' refusals (a v1.0 write of 16-bit attributes, a ninth receiver).
 */
#include <sdk/sdk.h>
#include <sdk/ffa.h>
#include <sdk/ffa_mem.h>

static uint8_t buf[1024];

static void dump(const char *name, uint32_t len)
{
	sdk_printf("desc %s %u ", name, len);
	for (uint32_t i = 0; i < len; i++)
		sdk_printf("%02x", buf[i]);
	sdk_printf("\n");
}

static const struct ffa_mem_range ranges[] = {
	{.address = 0x40400000, .page_count = 1},
	{.address = 0x40410000, .page_count = 3},
	{.address = 0x40480000, .page_count = 2},
};

int main(void)
{
	struct sdk_ffa_mem_desc d;
	unsigned added = 0;

	sdk_ffa_mem_desc_init(
		&d, 0x0000,
		FFA_MEM_ATTR_TYPE_NORMAL | FFA_MEM_ATTR_CACHE_WB | FFA_MEM_ATTR_SHARE_INNER, 0);
	sdk_ffa_mem_desc_add_receiver(&d, 0x8001, FFA_MEM_DATA_RW | FFA_MEM_INSN_NX, 0);
	sdk_ffa_mem_desc_set_ranges(&d, ranges, 2);
	dump("share10", sdk_ffa_mem_desc_write(&d, buf, sizeof(buf), SDK_FFA_VERSION_1_0));

	sdk_ffa_mem_desc_init(&d, 0x0000, FFA_MEM_ATTR_TYPE_NORMAL | FFA_MEM_ATTR_CACHE_NC,
			      FFA_MEM_FLAG_ZERO);
	sdk_ffa_mem_desc_add_receiver(&d, 0x8001, FFA_MEM_DATA_RW, 0);
	sdk_ffa_mem_desc_add_receiver(&d, 0x8002, FFA_MEM_DATA_RO, 0);
	sdk_ffa_mem_desc_add_receiver(&d, 0x8003, FFA_MEM_DATA_RO | FFA_MEM_INSN_X,
				      FFA_MEM_RECV_NON_RETRIEVAL);
	sdk_ffa_mem_desc_set_ranges(&d, ranges, 3);
	dump("lend11", sdk_ffa_mem_desc_write(&d, buf, sizeof(buf), SDK_FFA_VERSION_1_1));

	sdk_ffa_mem_desc_init(&d, 0x8002, FFA_MEM_ATTR_TYPE_DEVICE, 0);
	sdk_ffa_mem_desc_add_receiver(&d, 0x8001, FFA_MEM_DATA_RW | FFA_MEM_INSN_NX, 0);
	sdk_ffa_mem_desc_set_impdef(&d, 0, 0x1122334455667788ull, 0x99aabbccddeeff00ull);
	sdk_ffa_mem_desc_set_ranges(&d, &ranges[2], 1);
	dump("donate12", sdk_ffa_mem_desc_write(&d, buf, sizeof(buf), SDK_FFA_VERSION_1_2));

	sdk_ffa_mem_retrieve_init(&d, 0x0000, 0x8000000000000005ull,
				  FFA_MEM_ATTR_TYPE_NORMAL | FFA_MEM_ATTR_CACHE_WB |
					  FFA_MEM_ATTR_SHARE_INNER,
				  FFA_MEM_FLAG_TYPE_LEND, 0x8001, FFA_MEM_DATA_RW);
	dump("retrieve12", sdk_ffa_mem_desc_write(&d, buf, sizeof(buf), SDK_FFA_VERSION_1_2));

	dump("relinquish", sdk_ffa_mem_relinquish_write(buf, sizeof(buf), 0x8000000000000005ull,
							FFA_MEM_RELINQUISH_ZERO, 0x8001));

	/* Refusals: 16-bit attributes in v1.0, a ninth receiver, a buffer too small. */
	sdk_ffa_mem_desc_init(&d, 0, 0x100, 0);
	sdk_ffa_mem_desc_add_receiver(&d, 0x8001, FFA_MEM_DATA_RW, 0);
	sdk_ffa_mem_desc_set_ranges(&d, ranges, 1);
	sdk_printf("refuse attributes10 %u\n",
		   sdk_ffa_mem_desc_write(&d, buf, sizeof(buf), SDK_FFA_VERSION_1_0));
	while (sdk_ffa_mem_desc_add_receiver(&d, (uint16_t)(0x8002 + added), FFA_MEM_DATA_RO, 0))
		added++;
	sdk_printf("receivers added %u of 8\n", added + 1);
	sdk_printf("refuse small %u\n",
		   sdk_ffa_mem_desc_write(&d, buf,
					  sdk_ffa_mem_desc_size(&d, SDK_FFA_VERSION_1_1) - 1,
					  SDK_FFA_VERSION_1_1));
	return 0;
}
