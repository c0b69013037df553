/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The guest `ffa-sim` runs when given nothing else: a short tour of what the simulated
 * machine answers (SMCCC and PSCI versions, FF-A version negotiation, our endpoint ID, the
 * partitions and a direct request of each kind to the echo partition), then PSCI SYSTEM_OFF.
 * Without an SPMC (`--spmc none`) it says FF-A is not available and still powers off.
 */
#include <sdk/ffa.h>
#include <sdk/sdk.h>

/* The built-in echo partition (sim/sim.c, SIM_ECHO_UUID). */
#define ECHO_UUID "b1c3b4e2-5c8f-4e61-9d2a-7e0f6a3c1d45"
/* Partitions listed at most, to keep the tour short. */
#define MAX_LISTED 6u

static uint8_t tx_buf[SDK_FFA_PAGE_SIZE] __attribute__((aligned(SDK_FFA_PAGE_SIZE)));
static uint8_t rx_buf[SDK_FFA_PAGE_SIZE] __attribute__((aligned(SDK_FFA_PAGE_SIZE)));

/* Prints "<what>: ERROR <CODE>" (or the unexpected answer) and returns false unless r is ok. */
static bool ok(const char *what, const struct sdk_smccc_regs *r, uint32_t want_w0)
{
	char buf[64];

	if ((uint32_t)r->x[0] == want_w0)
		return true;
	sdk_printf("%s: %s\n", what, sdk_ffa_result_text(r, buf, sizeof(buf)));
	return false;
}

/* FFA_VERSION: asks for 1.2; an older SPMC answers its own version, which we then ask for. */
static uint32_t negotiate(void)
{
	uint32_t ask = SDK_FFA_VERSION_1_2, w0 = (uint32_t)sdk_ffa_version(ask).x[0];

	/* Only w0 holds the answer (FF-A v1.2 (DEN0077A) §13.2.1): never compare all of x0. */
	if (w0 != 0xffffffffu && w0 < ask && sdk_smccc_version_major(w0) == 1) {
		ask = w0;
		w0 = (uint32_t)sdk_ffa_version(ask).x[0];
	}
	if (w0 == 0xffffffffu) {
		sdk_printf("FF-A not available (NOT_SUPPORTED)\n");
		return 0;
	}
	sdk_printf("FFA_VERSION: asked %u.%u, the SPMC has %u.%u\n", sdk_smccc_version_major(ask),
		   sdk_smccc_version_minor(ask), sdk_smccc_version_major(w0),
		   sdk_smccc_version_minor(w0));
	return ask;
}

/* Lists the partitions; returns the echo partition's ID (0 if it is not there). */
static uint16_t discover(uint32_t version, const uint8_t *echo_uuid)
{
	struct sdk_smccc_regs r = sdk_ffa_partition_info_get(NULL, 0);
	uint16_t echo = 0;

	if (!ok("FFA_PARTITION_INFO_GET", &r, FFA_SUCCESS_32))
		return 0;
	for (unsigned i = 0; i < (uint32_t)r.x[2] && i < MAX_LISTED; i++) {
		struct sdk_ffa_partition_info p;
		char uuid[FFA_UUID_TEXT_SIZE] = "(no UUID before v1.1)";

		if (!sdk_ffa_partition_info_read(rx_buf, sizeof(rx_buf), (uint32_t)r.x[3], i, &p))
			break;
		if (version >= SDK_FFA_VERSION_1_1)
			ffa_uuid_format(p.uuid, uuid, sizeof(uuid));
		sdk_printf("partition 0x%04x: %s\n", p.id, uuid);
	}
	sdk_ffa_rx_release();
	/* Asking by UUID finds the echo partition at every version. */
	r = sdk_ffa_partition_info_get(echo_uuid, 0);
	if (ok("FFA_PARTITION_INFO_GET(echo)", &r, FFA_SUCCESS_32) && (uint32_t)r.x[2] >= 1) {
		echo = (uint16_t)(rx_buf[0] | rx_buf[1] << 8);
		sdk_ffa_rx_release();
	}
	return echo;
}

static void talk(uint32_t version, uint16_t self, uint16_t echo, const uint8_t *echo_uuid)
{
	uint32_t p32[SDK_FFA_DIRECT_PAYLOAD] = {1, 2, 3, 4, 5};
	uint64_t p2[SDK_FFA_DIRECT2_PAYLOAD];
	struct sdk_smccc_regs r;

	r = sdk_ffa_direct_req_32(self, echo, p32);
	if (ok("DIRECT_REQ_32", &r, FFA_MSG_SEND_DIRECT_RESP_32))
		sdk_printf("DIRECT_REQ_32 to 0x%04x: sent 1 2 3 4 5, echoed %u %u %u %u %u\n", echo,
			   (unsigned)r.x[3], (unsigned)r.x[4], (unsigned)r.x[5], (unsigned)r.x[6],
			   (unsigned)r.x[7]);
	if (version < SDK_FFA_VERSION_1_2)
		return;
	for (unsigned i = 0; i < SDK_FFA_DIRECT2_PAYLOAD; i++)
		p2[i] = 0x100u + i;
	r = sdk_ffa_direct_req2(self, echo, echo_uuid, p2);
	if (ok("DIRECT_REQ2", &r, FFA_MSG_SEND_DIRECT_RESP2_64))
		sdk_printf("DIRECT_REQ2 to 0x%04x (by UUID): sent x4..x17 = 0x100..0x10d, "
			   "echoed 0x%lx..0x%lx\n",
			   echo, r.x[4], r.x[17]);
}

/*
 * The partition binaries of the default system: forward (0x8003) calls echo2 (0x8002) for us,
 * and logger (0x8004) logs the request under its own name. Skipped when they are absent.
 */
static void binaries(uint16_t self)
{
	uint32_t w[SDK_FFA_DIRECT_PAYLOAD] = {0x8002, 10, 20, 30, 40};
	struct sdk_smccc_regs r;

	r = sdk_ffa_direct_req_32(self, 0x8003, w);
	if ((uint32_t)r.x[0] != FFA_MSG_SEND_DIRECT_RESP_32)
		return;
	sdk_printf("DIRECT_REQ_32 to 0x8003 (forward, a binary) asking 0x8002: 10 20 30 40 -> "
		   "%lu %lu %lu %lu\n",
		   r.x[4], r.x[5], r.x[6], r.x[7]);
	w[0] = 0xd3;
	r = sdk_ffa_direct_req_32(self, 0x8004, w);
	if ((uint32_t)r.x[0] == FFA_MSG_SEND_DIRECT_RESP_32)
		sdk_printf("DIRECT_REQ_32 to 0x8004 (logger, a binary): request %lu logged\n",
			   r.x[3]);
}

static void ffa_tour(void)
{
	uint8_t echo_uuid[FFA_UUID_SIZE];
	uint32_t version = negotiate();
	struct sdk_smccc_regs r;
	uint16_t self, echo;

	if (version == 0)
		return;
	r = sdk_ffa_id_get();
	if (!ok("FFA_ID_GET", &r, FFA_SUCCESS_32))
		return;
	self = (uint16_t)r.x[2];
	sdk_printf("FFA_ID_GET: 0x%04x (the normal world)\n", self);
	r = sdk_ffa_rxtx_map_64((uintptr_t)tx_buf, (uintptr_t)rx_buf, 1);
	if (!ok("FFA_RXTX_MAP_64", &r, FFA_SUCCESS_32))
		return;
	ffa_uuid_parse(ECHO_UUID, echo_uuid);
	echo = discover(version, echo_uuid);
	if (echo != 0)
		talk(version, self, echo, echo_uuid);
	binaries(self);
	sdk_ffa_rxtx_unmap(self);
}

int main(void)
{
	struct sdk_smccc_res r;
	uint32_t w0;

	sdk_printf("ffa-sim demo guest\n");
	sdk_printf("running at EL%u\n", sdk_current_el());

	r = sdk_smc11(SMCCC_VERSION, 0, 0, 0, 0, 0, 0, 0);
	if ((int32_t)r.x0 < 0)
		sdk_printf("SMCCC_VERSION: not supported\n");
	else
		sdk_printf("SMCCC_VERSION: %u.%u\n", sdk_smccc_version_major(r.x0),
			   sdk_smccc_version_minor(r.x0));

	w0 = sdk_psci_version();
	if ((int32_t)w0 < 0)
		sdk_printf("PSCI_VERSION: not supported\n");
	else
		sdk_printf("PSCI_VERSION: %u.%u\n", w0 >> 16, w0 & 0xffffu);

	ffa_tour();

	sdk_printf("powering off\n");
	sdk_psci_system_off();
	sdk_printf("SYSTEM_OFF returned\n");
	return 1;
}
