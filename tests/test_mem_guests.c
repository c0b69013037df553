/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * FF-A memory management through whole guests: the SDK's descriptor builders read back with the
 * host's parser (tests/guests/mem_builders.c), and normal-world guests that share, lend and
 * donate memory with the example memory partition (partitions/sp/sp_memory.c).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/ffa.h"
#include "abi/memdesc.h"
#include "helpers.h"

/* Finds "desc NAME LEN HEX" in the console and decodes HEX into out; returns LEN. */
static uint32_t find_desc(const struct run_result *r, const char *name, uint8_t *out, size_t cap)
{
	char key[64];
	const char *p;
	unsigned len = 0;
	int n = 0;

	snprintf(key, sizeof(key), "desc %s ", name);
	p = strstr(r->console, key);
	cr_assert_not_null(p, "no descriptor %s in:\n%s", name, r->console);
	p += strlen(key);
	cr_assert_eq(sscanf(p, "%u %n", &len, &n), 1);
	p += n;
	cr_assert_leq(len, cap);
	for (unsigned i = 0; i < len; i++) {
		unsigned byte;

		cr_assert_eq(sscanf(p + 2 * i, "%2x", &byte), 1, "%s: short hex at byte %u", name,
			     i);
		out[i] = (uint8_t)byte;
	}
	return len;
}

static void parse_ok(const uint8_t *buf, uint32_t len, uint32_t version, struct ffa_mem_txn *t)
{
	struct ffa_memdesc_fault f = {0};
	enum ffa_error e = ffa_memdesc_parse(buf, len, version, t, &f);

	cr_assert_eq(e, FFA_OK, "refused: %s %s", f.field ? f.field : "", f.why ? f.why : "");
}

static void expect_range(const uint8_t *buf, const struct ffa_mem_txn *t, uint32_t i,
			 uint64_t address, uint32_t pages)
{
	struct ffa_mem_range r = ffa_memdesc_range(buf, t, i);

	cr_assert_eq(r.address, address, "range %u address %#llx", i,
		     (unsigned long long)r.address);
	cr_assert_eq(r.page_count, pages, "range %u pages %u", i, r.page_count);
}

/* What the guest's builders wrote is what the host's parser reads, in every layout. */
Test(mem_guests, builders_match_host_parse)
{
	static uint8_t buf[1024];
	struct run_result r;
	struct ffa_mem_txn t;
	struct ffa_mem_relinquish rel;
	struct ffa_memdesc_fault f;
	uint32_t len;

	run_cli(&r, "run", "-q", guest_path("mem_builders.elf"), NULL);
	cr_assert_eq(r.status, 0, "%s\n%s", r.console, r.notes);

	len = find_desc(&r, "share10", buf, sizeof(buf));
	cr_assert_eq(len, 32 + 16 + 16 + 2 * 16);
	parse_ok(buf, len, FFA_VERSION_1_0, &t);
	cr_assert_eq(t.sender, 0);
	cr_assert_eq(t.attributes,
		     FFA_MEM_ATTR_TYPE_NORMAL | FFA_MEM_ATTR_CACHE_WB | FFA_MEM_ATTR_SHARE_INNER);
	cr_assert_eq(t.receiver_count, 1);
	cr_assert_eq(t.receivers[0].id, 0x8001);
	cr_assert_eq(t.receivers[0].perms, FFA_MEM_DATA_RW | FFA_MEM_INSN_NX);
	cr_assert_eq(t.total_page_count, 4);
	expect_range(buf, &t, 0, 0x40400000, 1);
	expect_range(buf, &t, 1, 0x40410000, 3);

	len = find_desc(&r, "lend11", buf, sizeof(buf));
	parse_ok(buf, len, FFA_VERSION_1_1, &t);
	cr_assert_eq(t.flags, FFA_MEM_FLAG_ZERO);
	cr_assert_eq(t.receiver_size, 16);
	cr_assert_eq(t.receiver_count, 3);
	cr_assert_eq(t.receivers[1].id, 0x8002);
	cr_assert_eq(t.receivers[1].perms, FFA_MEM_DATA_RO);
	cr_assert_eq(t.receivers[2].perms, FFA_MEM_DATA_RO | FFA_MEM_INSN_X);
	cr_assert_eq(t.receivers[2].flags, FFA_MEM_RECV_NON_RETRIEVAL);
	cr_assert_eq(t.composite_offset, 48 + 3 * 16);
	cr_assert_eq(t.range_count, 3);
	cr_assert_eq(t.total_page_count, 6);
	expect_range(buf, &t, 2, 0x40480000, 2);

	len = find_desc(&r, "donate12", buf, sizeof(buf));
	parse_ok(buf, len, FFA_VERSION_1_2, &t);
	cr_assert_eq(t.sender, 0x8002);
	cr_assert_eq(t.attributes, FFA_MEM_ATTR_TYPE_DEVICE);
	cr_assert_eq(t.receiver_size, 32);
	cr_assert_eq(t.receivers[0].impdef[0], 0x1122334455667788ull);
	cr_assert_eq(t.receivers[0].impdef[1], 0x99aabbccddeeff00ull);
	expect_range(buf, &t, 0, 0x40480000, 2);

	len = find_desc(&r, "retrieve12", buf, sizeof(buf));
	cr_assert_eq(len, 48 + 32);
	parse_ok(buf, len, FFA_VERSION_1_2, &t);
	cr_assert_eq(t.handle, 0x8000000000000005ull);
	cr_assert_eq(t.flags, FFA_MEM_FLAG_TYPE_LEND);
	cr_assert_not(t.has_composite);
	cr_assert_eq(t.receivers[0].id, 0x8001);
	cr_assert_eq(t.receivers[0].perms, FFA_MEM_DATA_RW);

	len = find_desc(&r, "relinquish", buf, sizeof(buf));
	cr_assert_eq(ffa_memdesc_parse_relinquish(buf, len, &rel, &f), FFA_OK);
	cr_assert_eq(rel.handle, 0x8000000000000005ull);
	cr_assert_eq(rel.flags, FFA_MEM_RELINQUISH_ZERO);
	cr_assert_eq(rel.endpoint_count, 1);
	cr_assert_eq(rel.endpoints[0], 0x8001);

	cr_assert_not_null(strstr(r.console, "refuse attributes10 0\n"), "%s", r.console);
	cr_assert_not_null(strstr(r.console, "receivers added 8 of 8\n"), "%s", r.console);
	cr_assert_not_null(strstr(r.console, "refuse small 0\n"), "%s", r.console);
	run_result_free(&r);
}

/* Runs guest against systems/memory.yaml, with the pKVM proxy when pkvm is true. */
static void run_memory_system(struct run_result *r, const char *guest, bool pkvm)
{
	if (pkvm)
		run_cli(r, "run", "-q", "--hypervisor", "pkvm", source_path("systems/memory.yaml"),
			guest_path(guest), NULL);
	else
		run_cli(r, "run", "-q", source_path("systems/memory.yaml"), guest_path(guest),
			NULL);
}

static void expect_line(const struct run_result *r, const char *line)
{
	char want[160];

	snprintf(want, sizeof(want), "[host] %s\n", line);
	cr_expect_not_null(strstr(r->console, want), "console lacks \"%s\":\n%s\nnotes:\n%s", line,
			   r->console, r->notes);
}

/* The sum the memory partition reports over the fragmented share: page i holds byte i. */
static unsigned fragmented_sum(void)
{
	unsigned s = 0;

	for (unsigned i = 0; i < 260; i++)
		s += (i & 0xffu) * 4096u;
	return s;
}

/* The steps both runs share: share and lend from the normal world, partition to partition,
 * and the fragmented share. */
static void expect_common_steps(const struct run_result *r)
{
	char line[96];

	expect_line(r, "rxtx_map -> OK");
	expect_line(r, "share handle valid");
	expect_line(r, "share checksum -> status 0 w4 11000 w5 1 step 0");
	expect_line(r, "share sharer reads 11");
	expect_line(r, "share write -> status 0 w4 1000 w5 1 step 0");
	expect_line(r, "share sharer sum 5a000");
	expect_line(r, "share reclaim -> OK");
	expect_line(r, "share reclaim again -> ERROR INVALID_PARAMETERS");
	expect_line(r, "lend handle valid");
	expect_line(r, "lend xor -> status 0 w4 a5000 w5 1 step 0");
	expect_line(r, "lend reclaim -> OK");
	expect_line(r, "lend lender sum a5000");
	for (int lend = 0; lend < 2; lend++) {
		const char *name = lend ? "p2p lend" : "p2p share";

		snprintf(line, sizeof(line), "%s b checksum -> status 0 w4 33000 w5 1 step 0",
			 name);
		expect_line(r, line);
		snprintf(line, sizeof(line), "%s b write -> status 0 w4 1000 w5 1 step 0", name);
		expect_line(r, line);
		snprintf(line, sizeof(line), "%s a reclaims -> status 0 w4 2000 w5 0 step 0", name);
		expect_line(r, line);
	}
	expect_line(r, "fragments sent 2 of 4256 bytes");
	expect_line(r, "fragmented share -> OK");
	snprintf(line, sizeof(line), "fragmented checksum -> status 0 w4 %x w5 104 step 0",
		 fragmented_sum());
	expect_line(r, line);
	expect_line(r, "fragmented reclaim -> OK");
}

/*
 * Share, lend and donate between the normal world and a partition, partition to partition,
 * and a fragmented share read back in fragments: every step's result as the partition and
 * the guest see it.
 */
Test(mem_guests, share_lend_donate)
{
	struct run_result r;

	run_memory_system(&r, "mem_e2e.elf", false);
	cr_assert_eq(r.status, 0, "%s\n%s", r.console, r.notes);
	expect_common_steps(&r);
	expect_line(&r, "donate handle valid");
	expect_line(&r, "donate checksum -> status 0 w4 1000 w5 1 step 0");
	cr_expect_not_null(strstr(r.console, "[host] donate reclaim -> ERROR "), "%s", r.console);
	run_result_free(&r);
}

/*
 * The same through the pKVM-style proxy (the host's donations left out: the proxy refuses
 * them).
 */
Test(mem_guests, share_lend_through_pkvm)
{
	struct run_result r;

	run_memory_system(&r, "mem_e2e_pkvm.elf", true);
	cr_assert_eq(r.status, 0, "%s\n%s", r.console, r.notes);
	expect_common_steps(&r);
	run_result_free(&r);
}

/*
 * Runs a mem_fault_* guest. A wrong access by the normal world ends the run with status 3; one
 * by a partition aborts that partition (its caller gets FFA_ERROR ABORTED) and the run goes
 * on to the guest's own end. Either way the fault report names the faulting side (`who`),
 * the handle the guest printed after `handle_label` and the page's owner.
 */
static void expect_fault(const char *guest, const char *who, const char *handle_label,
			 const char *owner)
{
	bool host = strcmp(who, "host") == 0;
	struct run_result r;
	const char *p;
	char line[64];
	unsigned long long handle;

	run_memory_system(&r, guest, false);
	cr_assert_eq(r.status, host ? 3 : 0, "%s: status %d\n%s\n%s", guest, r.status, r.console,
		     r.notes);
	snprintf(line, sizeof(line), "ffa-sim: %s: guest fault: ", who);
	cr_expect_not_null(strstr(r.notes, line), "%s: no fault of %s:\n%s", guest, who, r.notes);
	if (!host)
		cr_expect_not_null(strstr(r.console, "-> ERROR ABORTED"), "%s", r.console);
	p = strstr(r.console, handle_label);
	cr_assert_not_null(p, "%s: no handle printed:\n%s", guest, r.console);
	cr_assert_eq(sscanf(p + strlen(handle_label), " %llx", &handle), 1);
	snprintf(line, sizeof(line), "handle 0x%llx", handle);
	cr_expect_not_null(strstr(r.notes, line), "%s: the report lacks \"%s\":\n%s", guest, line,
			   r.notes);
	cr_expect_not_null(strstr(r.notes, owner), "%s: the report lacks the owner %s:\n%s", guest,
			   owner, r.notes);
	run_result_free(&r);
}

/* The lender reads the page it lent. */
Test(mem_guests, fault_lender_reads)
{
	expect_fault("mem_fault_lent.elf", "host", "lent handle", "lent by 0x0000");
}

/* The donor writes the page it donated. */
Test(mem_guests, fault_donor_writes)
{
	expect_fault("mem_fault_donated.elf", "host", "donated handle", "donated by 0x0000");
}

/* A partition reads a shared page before retrieving it. */
Test(mem_guests, fault_partition_before_retrieve)
{
	expect_fault("mem_fault_sp_early.elf", "memory-a", "shared handle", "shared by 0x0000");
}

/* A partition reads a shared page after relinquishing it. */
Test(mem_guests, fault_partition_after_relinquish)
{
	expect_fault("mem_fault_sp_late.elf", "memory-a", "shared handle", "shared by 0x0000");
}

/* A partition reads its own page while it is lent to another. */
Test(mem_guests, fault_partition_lender_reads)
{
	expect_fault("mem_fault_sp_lender.elf", "memory-a", "lent handle", "lent by 0x8001");
}
