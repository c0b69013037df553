/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Normal-world client of the example partition binaries (partitions/sp/): discovers them,
 * messages echo2 (0x8002) in both conventions and through both its services, asks forward
 * (0x8003) to call echo2, and calls logger (0x8004) twice. Prints one line per result.
 */
#include <sdk/sdk.h>
#include <sdk/ffa.h>

#define ECHO2 0x8002
#define FORWARD 0x8003
#define LOGGER 0x8004
#define SVC_A "0d4f0f2c-7d5b-4b1c-a3a1-5e8a0c6f9b10"
#define SVC_B "1e5a2b3c-4d6e-4f70-8192-a3b4c5d6e7f8"

static uint8_t tx[4096] __attribute__((aligned(4096)));
static uint8_t rx[4096] __attribute__((aligned(4096)));

static void show(const char *what, const struct sdk_smccc_regs *r)
{
	char buf[64];

	sdk_printf("%s -> %s w3=%lx w4=%lx w5=%lx\n", what,
		   sdk_ffa_result_text(r, buf, sizeof(buf)), r->x[3], r->x[4], r->x[5]);
}

int main(void)
{
	uint32_t w[SDK_FFA_DIRECT_PAYLOAD] = {0x11, 0x22, 0x33, 0x44, 0x55};
	uint64_t x[SDK_FFA_DIRECT2_PAYLOAD];
	struct sdk_smccc_regs r;
	uint8_t uuid[16];

	r = sdk_ffa_version(0x10002);
	sdk_printf("version %lx\n", r.x[0]);
	sdk_ffa_rxtx_map_64((uint64_t)(uintptr_t)tx, (uint64_t)(uintptr_t)rx, 1);
	r = sdk_ffa_partition_info_get(NULL, 0);
	sdk_printf("partitions %lu size %lu\n", r.x[2], r.x[3]);
	for (unsigned i = 0; i < r.x[2]; i++) {
		struct sdk_ffa_partition_info info;

		if (sdk_ffa_partition_info_read(rx, sizeof(rx), (uint32_t)r.x[3], i, &info))
			sdk_printf("  id %x ctx %u props %x\n", info.id, info.exec_ctx_count,
				   info.props);
	}
	sdk_ffa_rx_release();

	r = sdk_ffa_direct_req_32(0, ECHO2, w);
	show("echo2 req32", &r);
	r = sdk_ffa_direct_req_64(0, ECHO2, (const uint64_t[]){7, 8, 9, 10, 11});
	show("echo2 req64", &r);
	for (unsigned i = 0; i < SDK_FFA_DIRECT2_PAYLOAD; i++)
		x[i] = 0x100 + i;
	ffa_uuid_parse(SVC_A, uuid);
	r = sdk_ffa_direct_req2(0, ECHO2, uuid, x);
	sdk_printf("echo2 req2 svc A -> %s x4=%lx x17=%lx\n",
		   (uint32_t)r.x[0] == FFA_MSG_SEND_DIRECT_RESP2_64 ? "RESP2" : "other", r.x[4],
		   r.x[17]);
	ffa_uuid_parse(SVC_B, uuid);
	r = sdk_ffa_direct_req2(0, ECHO2, uuid, x);
	sdk_printf("echo2 req2 svc B -> %s x4=%lx x17=%lx\n",
		   (uint32_t)r.x[0] == FFA_MSG_SEND_DIRECT_RESP2_64 ? "RESP2" : "other", r.x[4],
		   r.x[17]);

	w[0] = ECHO2;
	r = sdk_ffa_direct_req_32(0, FORWARD, w);
	show("forward via echo2", &r);

	w[0] = 0xabc;
	r = sdk_ffa_direct_req_32(0, LOGGER, w);
	show("logger 1", &r);
	r = sdk_ffa_direct_req_32(0, LOGGER, w);
	show("logger 2", &r);
	return 0;
}
