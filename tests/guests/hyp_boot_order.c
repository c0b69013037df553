/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The host's FF-A driver probing before the hypervisor is finalised (regression 7, Linux
 * "firmware: arm_ffa: Defer probe until pKVM is initialized"): the driver's probe (FFA_VERSION,
 * FFA_ID_GET, FFA_RXTX_MAP_64), then the finalise call, then what the driver does next
 * (FFA_PARTITION_INFO_GET, FFA_RX_RELEASE, a direct request), and a second negotiation and
 * mapping, as a re-probing driver would make them. One line per call: "<name> -> <answer>".
 * Under `finalise: on-request` the probe reaches the SPMC directly; under `at-boot` every call
 * goes through the proxy.
 */
#include <sdk/ffa.h>
#include <sdk/sdk.h>

#define ECHO_ID 0x8001u
#define FINALISE_FID 0xc6000001u

static uint8_t tx_buf[SDK_FFA_PAGE_SIZE] __attribute__((aligned(SDK_FFA_PAGE_SIZE)));
static uint8_t rx_buf[SDK_FFA_PAGE_SIZE] __attribute__((aligned(SDK_FFA_PAGE_SIZE)));
static uint8_t tx2_buf[SDK_FFA_PAGE_SIZE] __attribute__((aligned(SDK_FFA_PAGE_SIZE)));
static uint8_t rx2_buf[SDK_FFA_PAGE_SIZE] __attribute__((aligned(SDK_FFA_PAGE_SIZE)));

static void show(const char *name, const struct sdk_smccc_regs *r)
{
	char buf[64];

	if (sdk_ffa_is_success(r))
		sdk_printf("%s -> SUCCESS w2=0x%x w3=0x%x\n", name, (unsigned)(uint32_t)r->x[2],
			   (unsigned)(uint32_t)r->x[3]);
	else
		sdk_printf("%s -> %s w3=0x%x\n", name, sdk_ffa_result_text(r, buf, sizeof(buf)),
			   (unsigned)(uint32_t)r->x[3]);
}

static void show_version(const char *name, const struct sdk_smccc_regs *r)
{
	uint32_t w0 = (uint32_t)r->x[0];

	if (w0 == 0xffffffffu)
		sdk_printf("%s -> NOT_SUPPORTED\n", name);
	else
		sdk_printf("%s -> %u.%u\n", name, sdk_smccc_version_major(w0),
			   sdk_smccc_version_minor(w0));
}

/* The first descriptor in the RX buffer after a successful FFA_PARTITION_INFO_GET. */
static void show_partition(const struct sdk_smccc_regs *r)
{
	if (sdk_ffa_is_success(r))
		sdk_printf("partition 0x%x\n", (unsigned)(rx_buf[0] | rx_buf[1] << 8));
}

int main(void)
{
	const uint32_t payload[SDK_FFA_DIRECT_PAYLOAD] = {1, 2, 3, 4, 5};
	struct sdk_smccc_res fin;
	struct sdk_smccc_regs r;

	/* The driver's probe. */
	r = sdk_ffa_version(SDK_FFA_VERSION_1_2);
	show_version("version", &r);
	r = sdk_ffa_id_get();
	show("id_get", &r);
	r = sdk_ffa_rxtx_map_64((uintptr_t)tx_buf, (uintptr_t)rx_buf, 1);
	show("rxtx_map", &r);

	/* The hypervisor is finalised. */
	fin = sdk_hvc11(FINALISE_FID, 0, 0, 0, 0, 0, 0, 0);
	sdk_printf("finalise -> x0=0x%lx x1=0x%lx\n", fin.x0, fin.x1);

	/* The driver at work. */
	r = sdk_ffa_partition_info_get(NULL, 0);
	show("partition_info_get", &r);
	show_partition(&r);
	r = sdk_ffa_rx_release();
	show("rx_release", &r);
	r = sdk_ffa_direct_req_32(SDK_FFA_ID_NS_PHYS, ECHO_ID, payload);
	show("direct_req", &r);

	/* A second probe through whatever is there now. */
	r = sdk_ffa_version(SDK_FFA_VERSION_1_2);
	show_version("version_again", &r);
	r = sdk_ffa_rxtx_map_64((uintptr_t)tx2_buf, (uintptr_t)rx2_buf, 1);
	show("rxtx_map_again", &r);
	r = sdk_ffa_partition_info_get(NULL, 0);
	show("partition_info_get_again", &r);
	show_partition(&r);
	sdk_printf("hyp_boot_order: done\n");
	return 0;
}
