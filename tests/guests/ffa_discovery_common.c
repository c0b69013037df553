/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * FF-A discovery and messaging from the normal world, through the whole stack: negotiate a
 * version, ask who we are and who is there, map RX/TX buffers, list the partitions in every
 * way the caller's version allows, talk to the built-in echo partition with each direct
 * request form, log to the console, unmap. Each step prints one line (the test compares them)
 * and checks the answer against the spec for the negotiated version; every failed check
 * prints "FAIL: ..." and the guest exits 1. ffa_discovery_v1_*.c choose the version.
 */
#include <stdarg.h>

#include <sdk/ffa.h>
#include <sdk/sdk.h>

/* The echo partition every run with an SPMC has (sim/sim.c, SIM_ECHO_UUID). */
#define ECHO_ID 0x8001u
#define ECHO_UUID "b1c3b4e2-5c8f-4e61-9d2a-7e0f6a3c1d45"

struct discovery {
	uint32_t version; /* the negotiated version */
	uint32_t callee;  /* the version the callee answered */
	uint16_t own_id;
	uint8_t echo_uuid[FFA_UUID_SIZE];
	unsigned partition_count;
	unsigned failures;
};

static uint8_t tx_buf[SDK_FFA_PAGE_SIZE] __attribute__((aligned(SDK_FFA_PAGE_SIZE)));
static uint8_t rx_buf[SDK_FFA_PAGE_SIZE] __attribute__((aligned(SDK_FFA_PAGE_SIZE)));

static void fail(struct discovery *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void fail(struct discovery *d, const char *fmt, ...)
{
	va_list ap;

	sdk_printf("FAIL: ");
	va_start(ap, fmt);
	sdk_vprintf(fmt, ap);
	va_end(ap);
	sdk_printf("\n");
	d->failures++;
}

static bool at_least(const struct discovery *d, uint32_t version)
{
	return d->version >= version;
}

static const char *text(const struct sdk_smccc_regs *r)
{
	static char buf[64];

	return sdk_ffa_result_text(r, buf, sizeof(buf));
}

/* Prints "<what> -> <answer>" and checks the answer is FFA_SUCCESS. */
static bool expect_success(struct discovery *d, const char *what, const struct sdk_smccc_regs *r)
{
	sdk_printf("%s -> %s\n", what, text(r));
	if (sdk_ffa_is_success(r))
		return true;
	fail(d, "%s: expected FFA_SUCCESS", what);
	return false;
}

/* Prints "<what> -> <answer>" and checks the answer is FFA_ERROR with code. */
static void expect_error(struct discovery *d, const char *what, const struct sdk_smccc_regs *r,
			 int32_t code)
{
	int32_t got;

	sdk_printf("%s -> %s\n", what, text(r));
	if (!sdk_ffa_is_error(r, &got) || got != code)
		fail(d, "%s: expected ERROR %s", what, sdk_ffa_error_name(code));
}

static void print_version(const char *what, uint32_t requested, uint32_t w0)
{
	if (w0 == 0xffffffffu)
		sdk_printf("%s(%u.%u) -> NOT_SUPPORTED\n", what, sdk_smccc_version_major(requested),
			   sdk_smccc_version_minor(requested));
	else
		sdk_printf("%s(%u.%u) -> %u.%u\n", what, sdk_smccc_version_major(requested),
			   sdk_smccc_version_minor(requested), sdk_smccc_version_major(w0),
			   sdk_smccc_version_minor(w0));
}

/*
 * FFA_VERSION: ask for `requested`; an older callee answers its own version (TF-A, OP-TEE,
 * storing nothing) or NOT_SUPPORTED (Hafnium): ask again for the version it can do, as a
 * driver that supports several versions would. Returns false when no v1.x is available.
 */
static bool negotiate(struct discovery *d, uint32_t requested)
{
	uint32_t ask = requested;

	for (unsigned tries = 0; tries < 4; tries++) {
		uint32_t w0 = (uint32_t)sdk_ffa_version(ask).x[0];

		print_version("FFA_VERSION", ask, w0);
		if (w0 == 0xffffffffu) {
			if (sdk_smccc_version_minor(ask) == 0)
				return false;
			ask--; /* the next lower minor version */
			continue;
		}
		if (sdk_smccc_version_major(w0) != 1) {
			fail(d, "FFA_VERSION: major version %u", sdk_smccc_version_major(w0));
			return false;
		}
		if (sdk_smccc_version_minor(w0) >= sdk_smccc_version_minor(ask)) {
			d->version = ask;
			d->callee = w0;
			return true;
		}
		ask = w0; /* the callee is older: use its version */
	}
	return false;
}

static void identify(struct discovery *d)
{
	struct sdk_smccc_regs r = sdk_ffa_id_get();

	if (expect_success(d, "FFA_ID_GET", &r)) {
		d->own_id = (uint16_t)r.x[2];
		sdk_printf("  own ID 0x%04x\n", d->own_id);
		if (d->own_id != SDK_FFA_ID_NS_PHYS)
			fail(d, "FFA_ID_GET: the normal world's physical instance is ID 0");
	}
	r = sdk_ffa_spm_id_get();
	if (!at_least(d, SDK_FFA_VERSION_1_1)) {
		/* FFA_SPM_ID_GET arrived with v1.1: it does not exist for a v1.0 caller. */
		expect_error(d, "FFA_SPM_ID_GET", &r, FFA_NOT_SUPPORTED);
	} else if (expect_success(d, "FFA_SPM_ID_GET", &r)) {
		sdk_printf("  SPMC ID 0x%04x\n", (unsigned)(uint32_t)r.x[2]);
		if ((uint32_t)r.x[2] != SDK_FFA_ID_SPMC)
			fail(d, "FFA_SPM_ID_GET: expected 0x8000");
	}
}

/* FFA_FEATURES of one function, printing w2/w3 of a success; checks whether it is supported. */
static struct sdk_smccc_regs feature(struct discovery *d, uint32_t fid, bool expected)
{
	struct sdk_smccc_regs r = sdk_ffa_features(fid, 0);
	const char *name = sdk_ffa_func_name(fid);
	bool supported = sdk_ffa_is_success(&r);

	if (supported)
		sdk_printf("FFA_FEATURES(%s) -> SUCCESS w2=0x%x w3=0x%x\n", name,
			   (unsigned)(uint32_t)r.x[2], (unsigned)(uint32_t)r.x[3]);
	else
		sdk_printf("FFA_FEATURES(%s) -> %s\n", name, text(&r));
	if (supported != expected)
		fail(d, "FFA_FEATURES(%s): expected %s", name,
		     expected ? "SUCCESS" : "ERROR NOT_SUPPORTED");
	return r;
}

static void features(struct discovery *d)
{
	struct sdk_smccc_regs r;

	feature(d, FFA_VERSION, true);
	/* FFA_ID_GET is not asked: OP-TEE reports it NOT_SUPPORTED to the normal world, whose
	 * FFA_ID_GET the SPMD answers. */
	feature(d, FFA_PARTITION_INFO_GET, true);
	feature(d, FFA_MSG_SEND_DIRECT_REQ_32, true);
	/* Below v1.2 the answer depends on the SPMC: TF-A answers by its own version. */
	if (at_least(d, SDK_FFA_VERSION_1_2))
		feature(d, FFA_MSG_SEND_DIRECT_REQ2_64, true);
	r = feature(d, FFA_RXTX_MAP_64, true);
	/* w2 bits 1:0: the minimum buffer size, 0 = 4 KiB (our buffers are one page each);
	 * bits 31:16 the maximum page count, for v1.2 callers. */
	if (sdk_ffa_is_success(&r) && ((uint32_t)r.x[2] & 3u) != 0)
		fail(d, "FFA_FEATURES(FFA_RXTX_MAP_64): 4 KiB buffers refused");
}

static void print_partition(const struct sdk_ffa_partition_info *p, bool has_uuid)
{
	char uuid[FFA_UUID_TEXT_SIZE];

	if (has_uuid)
		ffa_uuid_format(p->uuid, uuid, sizeof(uuid));
	sdk_printf("  partition 0x%04x ctx %u props 0x%x uuid %s\n", p->id, p->exec_ctx_count,
		   (unsigned)p->props, has_uuid ? uuid : "-");
}

/* Checks the echo partition's descriptor. */
static void check_echo(struct discovery *d, const char *what,
		       const struct sdk_ffa_partition_info *p, bool has_uuid)
{
	if ((p->props & SDK_FFA_PROP_DIRECT_REQ_RECV) == 0)
		fail(d, "%s: echo cannot receive direct requests", what);
	if (!at_least(d, SDK_FFA_VERSION_1_2) && (p->props & SDK_FFA_PROP_DIRECT_REQ2_RECV) != 0)
		fail(d, "%s: a DIRECT_REQ2 property shown to a v1.%u caller", what,
		     sdk_smccc_version_minor(d->version));
	if (at_least(d, SDK_FFA_VERSION_1_2) && (p->props & SDK_FFA_PROP_DIRECT_REQ2_RECV) == 0)
		fail(d, "%s: echo cannot receive DIRECT_REQ2", what);
	/* Bits 5:4, the ID type, are 0 for a PE endpoint such as echo (0b01-0b11 name
	 * peripheral-device and auxiliary IDs; FF-A v1.2 (DEN0077A) §6.2.1, Table 6.2). */
	if ((p->props & SDK_FFA_PROP_ID_TYPE_MASK) != SDK_FFA_PROP_ID_TYPE_PE)
		fail(d, "%s: echo's ID type (bits 5:4) is %u, not 0 (a PE endpoint)", what,
		     (unsigned)((p->props & SDK_FFA_PROP_ID_TYPE_MASK) >> 4));
	if (has_uuid && !ffa_uuid_is_null(p->uuid) &&
	    memcmp(p->uuid, d->echo_uuid, FFA_UUID_SIZE) != 0)
		fail(d, "%s: echo's UUID is not " ECHO_UUID, what);
}

/* The descriptors an FFA_PARTITION_INFO_GET answer left in RX: printed and checked. */
static void read_descriptors(struct discovery *d, const char *what, const struct sdk_smccc_regs *r,
			     bool want_echo_only)
{
	uint32_t count = (uint32_t)r->x[2], size = (uint32_t)r->x[3];
	uint32_t want_size = at_least(d, SDK_FFA_VERSION_1_1) ? SDK_FFA_PARTINFO_SIZE_1_1 : 0;
	bool seen_echo = false;

	/* A v1.3 callee may write its own, larger descriptor to a v1.1+ caller, which reads the
	 * size it is told (FF-A v1.3 (DEN0077A) §14.8). */
	if (at_least(d, SDK_FFA_VERSION_1_1) && d->callee >= SDK_FFA_VERSION_1_3)
		want_size = SDK_FFA_PARTINFO_SIZE_1_3;
	sdk_printf("  count %u size %u\n", (unsigned)count, (unsigned)size);
	/* w3 is the descriptor size from v1.1 on; a v1.0 caller reads 8-byte descriptors. */
	if (size != want_size)
		fail(d, "%s: descriptor size %u, expected %u", what, (unsigned)size,
		     (unsigned)want_size);
	for (unsigned i = 0; i < count; i++) {
		struct sdk_ffa_partition_info p;

		if (!sdk_ffa_partition_info_read(rx_buf, sizeof(rx_buf), size, i, &p)) {
			fail(d, "%s: descriptor %u lies outside the RX buffer", what, i);
			break;
		}
		print_partition(&p, size >= SDK_FFA_PARTINFO_SIZE_1_1);
		if (p.id == ECHO_ID) {
			seen_echo = true;
			check_echo(d, what, &p, size >= SDK_FFA_PARTINFO_SIZE_1_1);
		} else if (want_echo_only) {
			fail(d, "%s: partition 0x%04x does not implement the echo UUID", what,
			     p.id);
		}
	}
	if (!seen_echo)
		fail(d, "%s: no echo partition (0x%04x)", what, ECHO_ID);
}

static void release_rx(struct discovery *d)
{
	struct sdk_smccc_regs r = sdk_ffa_rx_release();

	expect_success(d, "FFA_RX_RELEASE", &r);
}

static void partition_info(struct discovery *d)
{
	struct sdk_smccc_regs r;

	r = sdk_ffa_partition_info_get(NULL, 0);
	if (expect_success(d, "FFA_PARTITION_INFO_GET(all)", &r)) {
		d->partition_count = (uint32_t)r.x[2];
		read_descriptors(d, "FFA_PARTITION_INFO_GET(all)", &r, false);
		release_rx(d);
	}
	r = sdk_ffa_partition_info_get(d->echo_uuid, 0);
	if (expect_success(d, "FFA_PARTITION_INFO_GET(echo)", &r)) {
		if ((uint32_t)r.x[2] != 1)
			fail(d, "FFA_PARTITION_INFO_GET(echo): %u partitions, expected 1",
			     (unsigned)(uint32_t)r.x[2]);
		read_descriptors(d, "FFA_PARTITION_INFO_GET(echo)", &r, true);
		release_rx(d);
	}
	if (!at_least(d, SDK_FFA_VERSION_1_1))
		return; /* the count-only flag arrived with v1.1 (w5 is MBZ before) */
	r = sdk_ffa_partition_info_get(NULL, SDK_FFA_PARTITION_INFO_COUNT_ONLY);
	if (expect_success(d, "FFA_PARTITION_INFO_GET(all, count only)", &r)) {
		sdk_printf("  count %u\n", (unsigned)(uint32_t)r.x[2]);
		if ((uint32_t)r.x[2] != d->partition_count)
			fail(d, "count only: %u partitions, the full query said %u",
			     (unsigned)(uint32_t)r.x[2], d->partition_count);
	}
}

static void partition_info_regs(struct discovery *d)
{
	struct sdk_smccc_regs r = sdk_ffa_partition_info_get_regs(NULL, 0, 0);
	const char *what = "FFA_PARTITION_INFO_GET_REGS(all)";
	unsigned n;
	bool seen_echo = false;

	int32_t code;

	/* Below v1.2 the function does not exist; TF-A's EL3 SPMC and OP-TEE do not implement
	 * it at all. */
	if (!at_least(d, SDK_FFA_VERSION_1_2) ||
	    (sdk_ffa_is_error(&r, &code) && code == FFA_NOT_SUPPORTED)) {
		expect_error(d, what, &r, FFA_NOT_SUPPORTED);
		return;
	}
	if (!expect_success(d, what, &r))
		return;
	n = sdk_ffa_partition_info_regs_count(&r, 0);
	sdk_printf("  last %u current %u tag %u size %u\n", (unsigned)(r.x[2] & 0xffffu),
		   (unsigned)((r.x[2] >> 16) & 0xffffu), (unsigned)((r.x[2] >> 32) & 0xffffu),
		   (unsigned)(r.x[2] >> 48));
	if ((r.x[2] & 0xffffu) + 1 != d->partition_count)
		fail(d, "%s: last index %u, FFA_PARTITION_INFO_GET counted %u", what,
		     (unsigned)(r.x[2] & 0xffffu), d->partition_count);
	for (unsigned i = 0; i < n && i < 5; i++) {
		struct sdk_ffa_partition_info p;

		sdk_ffa_partition_info_regs_read(&r, i, &p);
		print_partition(&p, true);
		if (p.id == ECHO_ID) {
			seen_echo = true;
			check_echo(d, what, &p, true);
		}
	}
	if (!seen_echo)
		fail(d, "%s: no echo partition", what);
}

/*
 * A DIRECT_RESP from echo to us: the IDs swapped, flags zero, the payload unchanged (only
 * w3-w7 count for the SMC32 form: SMCCC (DEN0028) §2.7 results are 32-bit).
 */
static void check_resp(struct discovery *d, const char *what, const struct sdk_smccc_regs *r,
		       uint32_t resp_fid, const uint64_t *payload)
{
	uint64_t ids = ((uint64_t)ECHO_ID << 16) | d->own_id;
	uint64_t mask = resp_fid == FFA_MSG_SEND_DIRECT_RESP_32 ? 0xffffffffull : ~0ull;
	unsigned bad = 0;

	sdk_printf("%s -> %s\n", what, text(r));
	if ((uint32_t)r->x[0] != resp_fid) {
		fail(d, "%s: expected %s", what, sdk_ffa_func_name(resp_fid));
		return;
	}
	if ((uint32_t)r->x[1] != ids || (r->x[2] & mask) != 0)
		fail(d, "%s: x1=0x%lx x2=0x%lx, expected x1=0x%lx x2=0", what, r->x[1], r->x[2],
		     ids);
	for (unsigned i = 0; i < SDK_FFA_DIRECT_PAYLOAD; i++) {
		if ((r->x[3 + i] & mask) != payload[i]) {
			fail(d, "%s: x%u=0x%lx, sent 0x%lx", what, 3 + i, r->x[3 + i], payload[i]);
			bad++;
		}
	}
	if (bad == 0)
		sdk_printf("  echo x3-x7 ok\n");
}

/* A DIRECT_RESP2 from echo: IDs swapped, x2/x3 zero, x4-x17 unchanged. */
static void check_resp2(struct discovery *d, const char *what, const struct sdk_smccc_regs *r,
			const uint64_t *payload)
{
	uint64_t ids = ((uint64_t)ECHO_ID << 16) | d->own_id;
	unsigned bad = 0;

	sdk_printf("%s -> %s\n", what, text(r));
	if ((uint32_t)r->x[0] != FFA_MSG_SEND_DIRECT_RESP2_64) {
		fail(d, "%s: expected FFA_MSG_SEND_DIRECT_RESP2", what);
		return;
	}
	if ((uint32_t)r->x[1] != ids || r->x[2] != 0 || r->x[3] != 0)
		fail(d, "%s: x1=0x%lx x2=0x%lx x3=0x%lx, expected x1=0x%lx x2=x3=0", what, r->x[1],
		     r->x[2], r->x[3], ids);
	for (unsigned i = 0; i < SDK_FFA_DIRECT2_PAYLOAD; i++) {
		if (r->x[4 + i] != payload[i]) {
			fail(d, "%s: x%u=0x%lx, sent 0x%lx", what, 4 + i, r->x[4 + i], payload[i]);
			bad++;
		}
	}
	if (bad == 0)
		sdk_printf("  echo x4-x17 ok\n");
}

static void messaging(struct discovery *d)
{
	uint32_t p32[SDK_FFA_DIRECT_PAYLOAD] = {0x11111111u, 0x22222222u, 0x33333333u, 0x44444444u,
						0x55555555u};
	uint64_t w32[SDK_FFA_DIRECT_PAYLOAD];
	uint64_t p64[SDK_FFA_DIRECT_PAYLOAD] = {0x0123456789abcdefull, 0xfedcba9876543210ull,
						0x1111222233334444ull, 0x5555666677778888ull,
						0x99990000aaaabbbbull};
	uint64_t p2[SDK_FFA_DIRECT2_PAYLOAD];
	struct sdk_smccc_regs r;

	for (unsigned i = 0; i < SDK_FFA_DIRECT_PAYLOAD; i++)
		w32[i] = p32[i];
	for (unsigned i = 0; i < SDK_FFA_DIRECT2_PAYLOAD; i++)
		p2[i] = 0xa5a5000000000000ull | ((uint64_t)(4 + i) << 32) | (0x1000u + i);

	r = sdk_ffa_direct_req_32(d->own_id, ECHO_ID, p32);
	check_resp(d, "FFA_MSG_SEND_DIRECT_REQ_32(echo)", &r, FFA_MSG_SEND_DIRECT_RESP_32, w32);
	r = sdk_ffa_direct_req_64(d->own_id, ECHO_ID, p64);
	check_resp(d, "FFA_MSG_SEND_DIRECT_REQ_64(echo)", &r, FFA_MSG_SEND_DIRECT_RESP_64, p64);

	r = sdk_ffa_direct_req2(d->own_id, ECHO_ID, d->echo_uuid, p2);
	if (!at_least(d, SDK_FFA_VERSION_1_2)) {
		/* DIRECT_REQ2 arrived with v1.2. */
		expect_error(d, "FFA_MSG_SEND_DIRECT_REQ2(echo, echo UUID)", &r, FFA_NOT_SUPPORTED);
		return;
	}
	check_resp2(d, "FFA_MSG_SEND_DIRECT_REQ2(echo, echo UUID)", &r, p2);
	r = sdk_ffa_direct_req2(d->own_id, ECHO_ID, NULL, p2);
	check_resp2(d, "FFA_MSG_SEND_DIRECT_REQ2(echo, null UUID)", &r, p2);
}

static void console_log(struct discovery *d)
{
	static const char hello[] = "hello from host\n";
	struct sdk_smccc_regs r = sdk_ffa_console_log_32(hello, sizeof(hello) - 1);

	/* FFA_CONSOLE_LOG is the partitions' interface: TF-A's SPMD, in front of every SPMC,
	 * refuses it from the normal world. */
	expect_error(d, "FFA_CONSOLE_LOG_32", &r, FFA_NOT_SUPPORTED);
	r = sdk_ffa_console_puts("hello again, by FFA_CONSOLE_LOG_64, across x2-x17\n");
	expect_error(d, "FFA_CONSOLE_LOG_64", &r, FFA_NOT_SUPPORTED);
}

/* The same calls by HVC: the firmware takes FF-A by either conduit when no hypervisor runs. */
static void by_hvc(struct discovery *d)
{
	uint32_t p32[SDK_FFA_DIRECT_PAYLOAD] = {1, 2, 3, 4, 5};
	uint64_t w32[SDK_FFA_DIRECT_PAYLOAD] = {1, 2, 3, 4, 5};
	struct sdk_smccc_regs r;

	sdk_ffa_set_conduit(SDK_FFA_CONDUIT_HVC);
	r = sdk_ffa_id_get();
	if (expect_success(d, "HVC FFA_ID_GET", &r) && (uint16_t)r.x[2] != d->own_id)
		fail(d, "HVC FFA_ID_GET: ID 0x%x differs from the SMC answer", (unsigned)r.x[2]);
	r = sdk_ffa_direct_req_32(d->own_id, ECHO_ID, p32);
	check_resp(d, "HVC FFA_MSG_SEND_DIRECT_REQ_32(echo)", &r, FFA_MSG_SEND_DIRECT_RESP_32, w32);
	sdk_ffa_set_conduit(SDK_FFA_CONDUIT_SMC);
}

/* Runs the whole tour asking for `requested`; returns the exit status (0: all checks passed). */
int ffa_discovery_run(uint32_t requested);

int ffa_discovery_run(uint32_t requested)
{
	struct discovery d = {0};
	struct sdk_smccc_regs r;

	sdk_printf("ffa_discovery: asking for FF-A %u.%u\n", sdk_smccc_version_major(requested),
		   sdk_smccc_version_minor(requested));
	if (ffa_uuid_parse(ECHO_UUID, d.echo_uuid) != FFA_UUID_OK) {
		fail(&d, "cannot parse " ECHO_UUID);
		return 1;
	}
	if (!negotiate(&d, requested)) {
		fail(&d, "FF-A is not available");
		return 1;
	}
	sdk_printf("negotiated FF-A %u.%u\n", sdk_smccc_version_major(d.version),
		   sdk_smccc_version_minor(d.version));
	identify(&d);
	features(&d);

	r = sdk_ffa_rxtx_map_64((uintptr_t)tx_buf, (uintptr_t)rx_buf, 1);
	if (expect_success(&d, "FFA_RXTX_MAP_64", &r)) {
		partition_info(&d);
		partition_info_regs(&d);
	}
	messaging(&d);
	console_log(&d);
	by_hvc(&d);
	r = sdk_ffa_rxtx_unmap(d.own_id);
	expect_success(&d, "FFA_RXTX_UNMAP", &r);

	if (d.failures != 0) {
		sdk_printf("ffa_discovery: %u checks failed\n", d.failures);
		return 1;
	}
	sdk_printf("ffa_discovery: all checks passed\n");
	return 0;
}
