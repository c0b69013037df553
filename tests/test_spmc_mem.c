/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The SPMC's memory management (FF-A v1.2 (DEN0077A) §10-§11): FFA_MEM_SHARE, LEND, DONATE,
 * RETRIEVE_REQ/RESP, RELINQUISH, RECLAIM, FRAG_TX and FRAG_RX from the normal world to
 * partitions and between partitions; every error the SPMC names; the moves of access it
 * reports through spmc_mem_ops.set_access; zeroing; the personalities' differences; the page
 * queries of include/spmc/share.h.
 *
 * The normal world's buffers are at 0x40400000 (TX) and 0x40410000 (RX), the memory it sends
 * at 0x40800000; partition 0x800n owns 1 MiB at 0x0e000000 + n MiB (its TX buffer at the
 * start, its RX buffer 64 KiB on).
 */
#include <criterion/criterion.h>
#include <string.h>

#include "abi/ids.h"
#include "abi/memdesc.h"
#include "partitions/builtin.h"
#include "spmc/share.h"
#include "spmc_helpers.h"

#define NS_TX 0x40400000ull
#define NS_RX 0x40410000ull
#define NS_MEM 0x40800000ull
#define SP1 0x8001u
#define SP2 0x8002u
#define SP3 0x8003u
#define SP_TX(id) SPMC_FIXTURE_SP_MEM(id)
#define SP_RX(id) (SPMC_FIXTURE_SP_MEM(id) + 0x10000ull)
#define SP_DATA(id) (SPMC_FIXTURE_SP_MEM(id) + 0x20000ull)
#define NORMAL_WB_INNER                                                                            \
	(FFA_MEM_ATTR_TYPE_NORMAL | FFA_MEM_ATTR_CACHE_WB | FFA_MEM_ATTR_SHARE_INNER)
#define MAX_ACCESS_LOG 64

/* One set_access call the SPMC made. */
struct access_call {
	uint16_t endpoint;
	uint64_t addr;
	uint64_t size;
	uint32_t access;
};

/* The fixture with a recorder of set_access in front of the fake memory. */
struct mem_fixture {
	struct spmc_fixture f;
	struct spmc_guest_mem inner;
	struct spmc_mem_ops ops;
	struct access_call log[MAX_ACCESS_LOG];
	unsigned log_count;
	struct spmc_endpoint *sp1, *sp2, *sp3;
};

static bool rec_backed(void *ctx, uint64_t addr, uint64_t size, bool write)
{
	struct mem_fixture *m = ctx;

	return m->inner.ops->backed(m->inner.ctx, addr, size, write);
}

static void rec_read(void *ctx, uint64_t addr, void *dst, uint64_t size)
{
	struct mem_fixture *m = ctx;

	m->inner.ops->read(m->inner.ctx, addr, dst, size);
}

static void rec_write(void *ctx, uint64_t addr, const void *src, uint64_t size)
{
	struct mem_fixture *m = ctx;

	m->inner.ops->write(m->inner.ctx, addr, src, size);
}

static bool rec_ram(void *ctx, bool secure, unsigned i, uint64_t *base, uint64_t *size)
{
	struct mem_fixture *m = ctx;

	return m->inner.ops->ram(m->inner.ctx, secure, i, base, size);
}

static void rec_set_access(void *ctx, uint16_t endpoint, uint64_t addr, uint64_t size,
			   uint32_t access)
{
	struct mem_fixture *m = ctx;

	cr_assert_lt(m->log_count, MAX_ACCESS_LOG);
	m->log[m->log_count++] = (struct access_call){endpoint, addr, size, access};
}

static struct ffa_value map(struct mem_fixture *m, struct spmc_endpoint *ep, uint64_t tx,
			    uint64_t rx, uint64_t pages)
{
	uint64_t args[3] = {tx, rx, pages};

	return spmc_fixture_call(&m->f, ep, FFA_RXTX_MAP_64, args, 3);
}

/* A fixture: an SPMC of a personality, the normal world at `nw_version` with its buffers
 * mapped, partitions 0x8001-0x8003 at `sp_version` with theirs. */
static void init_full(struct mem_fixture *m, const char *spmc, uint32_t nw_version,
		      uint32_t sp_version)
{
	struct spmc_endpoint **sps[] = {&m->sp1, &m->sp2, &m->sp3};
	struct ffa_value v;

	memset(m, 0, sizeof(*m));
	spmc_fixture_init(&m->f, spmc);
	m->inner = m->f.spmc.memory;
	m->ops = (struct spmc_mem_ops){rec_backed, rec_read, rec_write, rec_ram, rec_set_access};
	m->f.spmc.memory = (struct spmc_guest_mem){&m->ops, m};
	v = spmc_fixture_call1(&m->f, m->f.nw, FFA_VERSION, nw_version);
	cr_assert_eq((uint32_t)v.x[0], m->f.spmc.cfg.version);
	v = map(m, m->f.nw, NS_TX, NS_RX, 1);
	/* (TF-A leaves the buffer arguments in x1-x3.) */
	cr_assert_eq(v.x[0], FFA_SUCCESS_32);
	for (unsigned i = 0; i < 3; i++) {
		uint16_t id = (uint16_t)(SP1 + i);

		*sps[i] = spmc_fixture_add_sp(&m->f, id, "sp", FFA_PROP_DIRECT_REQ_RECV);
		(*sps[i])->version = sp_version;
		(*sps[i])->ctx.state = SPMC_EP_RUNNING;
		v = map(m, *sps[i], SP_TX(id), SP_RX(id), 1);
		cr_assert_eq(v.x[0], FFA_SUCCESS_32);
	}
}

static void init_as(struct mem_fixture *m, const char *spmc)
{
	init_full(m, spmc, FFA_VERSION_1_2, FFA_VERSION_1_2);
}

static void init(struct mem_fixture *m)
{
	init_as(m, "hafnium:1.2");
}

static void fini(struct mem_fixture *m)
{
	spmc_fixture_fini(&m->f);
}

/* What a sender or borrower puts in a descriptor. */
struct desc {
	uint32_t version;
	uint16_t sender;
	uint16_t attributes;
	uint32_t flags;
	uint64_t handle;
	uint64_t tag;
	unsigned receiver_count;
	uint16_t receivers[FFA_MEM_MAX_RECEIVERS];
	uint8_t perms[FFA_MEM_MAX_RECEIVERS];
	const struct ffa_mem_range *ranges;
	unsigned range_count;
};

/* Writes a descriptor in the layout of d->version into buf; its length. */
static uint32_t desc_write(const struct desc *d, uint8_t *buf, uint32_t cap)
{
	struct ffa_mem_txn t;
	uint32_t len;

	memset(&t, 0, sizeof(t));
	t.sender = d->sender;
	t.attributes = d->attributes;
	t.flags = d->flags;
	t.handle = d->handle;
	t.tag = d->tag;
	t.receiver_count = d->receiver_count;
	for (unsigned i = 0; i < d->receiver_count; i++) {
		t.receivers[i].id = d->receivers[i];
		t.receivers[i].perms = d->perms[i];
	}
	len = ffa_memdesc_write(buf, cap, d->version, &t, d->ranges, d->range_count);
	cr_assert_neq(len, 0, "descriptor does not fit");
	return len;
}

/* Puts bytes into an endpoint's TX buffer. */
static void put_tx(struct mem_fixture *m, const struct spmc_endpoint *ep, const void *buf,
		   uint32_t len)
{
	memcpy(fake_memory_ptr(&m->f.memory, ep->rxtx.tx, len), buf, len);
}

/* The bytes at an address of the fake memory. */
static uint8_t *bytes(struct mem_fixture *m, uint64_t addr, uint64_t len)
{
	return fake_memory_ptr(&m->f.memory, addr, len);
}

/* A send of d from ep with x3/x4 zero (the TX buffer). */
static struct ffa_value send(struct mem_fixture *m, struct spmc_endpoint *ep, uint32_t fid,
			     const struct desc *d)
{
	uint8_t buf[4096];
	uint32_t len = desc_write(d, buf, sizeof(buf));
	uint64_t args[4] = {len, len, 0, 0};

	put_tx(m, ep, buf, len);
	return spmc_fixture_call(&m->f, ep, fid, args, 4);
}

/*
 * Sends d from the normal world in two fragments, the first `first` bytes long (the rest by
 * FFA_MEM_FRAG_TX), asserting the FFA_MEM_FRAG_RX that asks for the rest at that offset.
 * Returns the handle it names; *last gets the answer to the FFA_MEM_FRAG_TX.
 */
static uint64_t send_in_two(struct mem_fixture *m, uint32_t fid, const struct desc *d,
			    uint32_t first, struct ffa_value *last)
{
	uint8_t buf[SPMC_MEM_DESC_MAX];
	uint32_t len = desc_write(d, buf, sizeof(buf));
	uint64_t args[4] = {len, first, 0, 0};
	struct ffa_value v;
	uint64_t h;

	cr_assert_lt(first, len);
	put_tx(m, m->f.nw, buf, first);
	v = spmc_fixture_call(&m->f, m->f.nw, fid, args, 4);
	cr_assert_eq(v.x[0], FFA_MEM_FRAG_RX, "0x%llx", (unsigned long long)v.x[0]);
	cr_assert_eq(v.x[3], first);
	h = ffa_mem_handle((uint32_t)v.x[1], (uint32_t)v.x[2]);
	put_tx(m, m->f.nw, buf + first, len - first);
	args[0] = (uint32_t)h, args[1] = h >> 32, args[2] = len - first, args[3] = 0;
	*last = spmc_fixture_call(&m->f, m->f.nw, FFA_MEM_FRAG_TX, args, 4);
	return h;
}

/* n adjoining pages from NS_MEM, one constituent each (an endpoint's table of owned ranges
 * holds runs of pages, not pages). */
static void adjoining_pages(struct ffa_mem_range *ranges, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		ranges[i] = (struct ffa_mem_range){NS_MEM + i * 0x1000ull, 1};
}

/* The handle of a successful send: FFA_SUCCESS_32, w1 zero, the handle in w2/w3. */
static uint64_t expect_handle(const struct ffa_value *v)
{
	expect_ffa_success(v, (1u << 2) | (1u << 3), false);
	return ffa_mem_handle((uint32_t)v->x[2], (uint32_t)v->x[3]);
}

static const struct ffa_mem_range one_page = {NS_MEM, 1};
static const struct ffa_mem_range two_pages = {NS_MEM, 2};

/* A share of two pages from the normal world to one partition, read-write. */
static struct desc nw_share(uint16_t to)
{
	return (struct desc){.version = FFA_VERSION_1_2,
			     .sender = FFA_ID_NS_PHYS,
			     .attributes = NORMAL_WB_INNER,
			     .receiver_count = 1,
			     .receivers = {to},
			     .perms = {FFA_MEM_DATA_RW},
			     .ranges = &two_pages,
			     .range_count = 1};
}

/* A lend of two pages to one partition (memory type left to the borrower). */
static struct desc nw_lend(uint16_t to)
{
	struct desc d = nw_share(to);

	d.attributes = 0;
	return d;
}

/* A retrieve request from a borrower for handle h of sender s (every borrower listed). */
static struct desc retrieve_req(uint16_t sender, uint64_t h, unsigned count,
				const uint16_t *borrowers, uint8_t perms)
{
	struct desc d = {.version = FFA_VERSION_1_2, .sender = sender, .handle = h};

	d.receiver_count = count;
	for (unsigned i = 0; i < count; i++) {
		d.receivers[i] = borrowers[i];
		d.perms[i] = perms;
	}
	return d;
}

/* A retrieve from ep: FFA_MEM_RETRIEVE_REQ_64 with its request in the TX buffer. */
static struct ffa_value retrieve(struct mem_fixture *m, struct spmc_endpoint *ep,
				 const struct desc *d)
{
	return send(m, ep, FFA_MEM_RETRIEVE_REQ_64, d);
}

/* Retrieves h as the only borrower, read-write non-executable, and releases the RX buffer. */
static void retrieve_ok(struct mem_fixture *m, struct spmc_endpoint *ep, uint16_t sender,
			uint64_t h)
{
	uint16_t me = ep->id;
	struct desc r = retrieve_req(sender, h, 1, &me, FFA_MEM_DATA_RW | FFA_MEM_INSN_NX);
	struct ffa_value v = retrieve(m, ep, &r);

	cr_assert_eq(v.x[0], FFA_MEM_RETRIEVE_RESP, "0x%llx w2 %lld", (unsigned long long)v.x[0],
		     (long long)(int32_t)v.x[2]);
	ep->rxtx.rx_full = false;
}

/* A relinquish of h by ep (flags as given). */
static struct ffa_value relinquish(struct mem_fixture *m, struct spmc_endpoint *ep, uint64_t h,
				   uint32_t flags)
{
	struct ffa_mem_relinquish rel = {.handle = h, .flags = flags, .endpoint_count = 1};
	uint8_t buf[64];
	uint32_t len;

	rel.endpoints[0] = ep->id;
	len = ffa_memdesc_write_relinquish(buf, sizeof(buf), &rel);
	cr_assert_neq(len, 0);
	put_tx(m, ep, buf, len);
	return spmc_fixture_call(&m->f, ep, FFA_MEM_RELINQUISH, NULL, 0);
}

static struct ffa_value reclaim(struct mem_fixture *m, struct spmc_endpoint *ep, uint64_t h,
				uint32_t flags)
{
	uint64_t args[3] = {(uint32_t)h, h >> 32, flags};

	return spmc_fixture_call(&m->f, ep, FFA_MEM_RECLAIM, args, 3);
}

/* Asserts that set_access call i was (endpoint, addr, size, access). */
static void expect_access(const struct mem_fixture *m, unsigned i, uint16_t ep, uint64_t addr,
			  uint64_t size, uint32_t access)
{
	cr_assert_gt(m->log_count, i, "set_access call %u missing (%u made)", i, m->log_count);
	cr_assert_eq(m->log[i].endpoint, ep, "call %u: endpoint 0x%x", i, m->log[i].endpoint);
	cr_assert_eq(m->log[i].addr, addr, "call %u: addr 0x%llx", i,
		     (unsigned long long)m->log[i].addr);
	cr_assert_eq(m->log[i].size, size, "call %u: size 0x%llx", i,
		     (unsigned long long)m->log[i].size);
	cr_assert_eq(m->log[i].access, access, "call %u: access 0x%x", i, m->log[i].access);
}

/* Parses the response in ep's RX buffer (len bytes) in layout version. */
static void parse_rx(struct mem_fixture *m, const struct spmc_endpoint *ep, uint32_t len,
		     uint32_t version, struct ffa_mem_txn *t)
{
	struct ffa_memdesc_fault fault = {0};
	enum ffa_error err = ffa_memdesc_parse(bytes(m, ep->rxtx.rx, len), len, version, t, &fault);

	cr_assert_eq(err, FFA_OK, "response refused: %s %s", fault.field ? fault.field : "",
		     fault.why ? fault.why : "");
}

/* Share, retrieve, relinquish, reclaim: Hafnium's first handle is 0; the borrower gains
 * read-write access at the retrieve and loses it at the relinquish; the lender keeps its own
 * access throughout (no set_access for it). */
Test(spmc_mem, share_retrieve_relinquish_reclaim)
{
	struct mem_fixture m;
	struct desc d;
	struct ffa_value v;
	struct ffa_mem_txn t;
	struct ffa_mem_range r;
	uint64_t h;

	init(&m);
	d = nw_share(SP1);
	d.tag = 0x1234;
	v = send(&m, m.f.nw, FFA_MEM_SHARE_32, &d);
	h = expect_handle(&v);
	cr_assert_eq(h, 0);
	cr_assert_eq(m.log_count, 0, "a share leaves the lender's access");
	cr_assert(spmc_mem_owns(&m.f.nw->mem, NS_MEM, 0x2000, SPMC_MEM_RW));

	{
		uint16_t me = SP1;
		struct desc rq = retrieve_req(FFA_ID_NS_PHYS, h, 1, &me, FFA_MEM_DATA_RW);

		rq.tag = 0x1234;
		v = retrieve(&m, m.sp1, &rq);
	}
	cr_assert_eq(v.x[0], FFA_MEM_RETRIEVE_RESP);
	cr_assert_eq(v.x[1], v.x[2], "one fragment: total == fragment length");
	for (unsigned i = 3; i < FFA_REG_COUNT; i++)
		cr_assert_eq(v.x[i], 0, "x%u", i);
	cr_assert(m.sp1->rxtx.rx_full, "the response hands the RX buffer over");
	parse_rx(&m, m.sp1, (uint32_t)v.x[1], FFA_VERSION_1_2, &t);
	cr_assert_eq(t.handle, h);
	cr_assert_eq(t.sender, FFA_ID_NS_PHYS);
	cr_assert_eq(t.tag, 0x1234);
	cr_assert_eq(t.flags & FFA_MEM_FLAG_TYPE_MASK, FFA_MEM_FLAG_TYPE_SHARE);
	cr_assert_eq(t.attributes, NORMAL_WB_INNER | FFA_MEM_ATTR_NS,
		     "normal-world memory: the NS bit for a v1.2 borrower");
	cr_assert_eq(t.receiver_count, 1);
	cr_assert_eq(t.receivers[0].id, SP1);
	cr_assert_eq(t.receivers[0].perms, FFA_MEM_DATA_RW | FFA_MEM_INSN_NX,
		     "a share is non-executable");
	cr_assert_eq(t.range_count, 1);
	r = ffa_memdesc_range(bytes(&m, m.sp1->rxtx.rx, (uint32_t)v.x[1]), &t, 0);
	cr_assert_eq(r.address, NS_MEM);
	cr_assert_eq(r.page_count, 2);
	expect_access(&m, 0, SP1, NS_MEM, 0x2000, SPMC_MEM_RW);
	cr_assert(spmc_mem_owns(&m.sp1->mem, NS_MEM, 0x2000, SPMC_MEM_RW));
	m.sp1->rxtx.rx_full = false;

	v = relinquish(&m, m.sp1, h, 0);
	expect_ffa_success(&v, 0, false);
	expect_access(&m, 1, SP1, NS_MEM, 0x2000, 0);
	cr_assert_not(spmc_mem_owns(&m.sp1->mem, NS_MEM, 0x1000, SPMC_MEM_READ));
	v = reclaim(&m, m.f.nw, h, 0);
	expect_ffa_success(&v, 0, false);
	cr_assert_eq(m.log_count, 2);
	{
		struct spmc_page_info info;

		cr_assert_not(spmc_mem_page_info(&m.f.spmc, NS_MEM, &info), "the handle ended");
	}
	v = reclaim(&m, m.f.nw, h, 0);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	fini(&m);
}

/* A lend: the lender loses its access at the send (set_access 0, and the SPMC no longer
 * writes there for it); the single borrower names its instruction access; the lender gets
 * read-write-execute back at the reclaim. */
Test(spmc_mem, lend_moves_access)
{
	struct mem_fixture m;
	struct desc d = nw_lend(SP1);
	struct ffa_value v;
	struct spmc_page_info info;
	uint64_t h;

	init(&m);
	v = send(&m, m.f.nw, FFA_MEM_LEND_64, &d);
	h = expect_handle(&v);
	expect_access(&m, 0, FFA_ID_NS_PHYS, NS_MEM, 0x2000, 0);
	cr_assert_not(spmc_mem_owns(&m.f.nw->mem, NS_MEM, 0x1000, SPMC_MEM_READ));
	cr_assert(spmc_mem_page_info(&m.f.spmc, NS_MEM + 0x1000, &info));
	cr_assert_eq(info.state, SPMC_PAGE_LENT);
	cr_assert_eq(info.owner, FFA_ID_NS_PHYS);
	cr_assert_eq(info.handle, h);
	cr_assert_eq(info.holder_count, 0);

	retrieve_ok(&m, m.sp1, FFA_ID_NS_PHYS, h);
	expect_access(&m, 1, SP1, NS_MEM, 0x2000, SPMC_MEM_RW);
	cr_assert(spmc_mem_page_info(&m.f.spmc, NS_MEM, &info));
	cr_assert_eq(info.holder_count, 1);
	cr_assert_eq(info.holders[0], SP1);
	cr_assert_eq(info.holder_access[0], SPMC_MEM_RW);
	{
		char buf[128];

		cr_assert_str_eq(spmc_mem_page_describe(&m.f.spmc, NS_MEM, buf, sizeof(buf)),
				 "lent by 0x0000 to 0x8001 (handle 0x0000000000000000)");
		cr_assert_str_eq(
			spmc_mem_page_describe(&m.f.spmc, NS_MEM + 0x2000, buf, sizeof(buf)), "");
	}
	/* A borrower still holds it: the lender cannot reclaim (§11.6). */
	v = reclaim(&m, m.f.nw, h, 0);
	expect_ffa_error(&v, FFA_DENIED);
	v = relinquish(&m, m.sp1, h, 0);
	expect_ffa_success(&v, 0, false);
	v = reclaim(&m, m.f.nw, h, 0);
	expect_ffa_success(&v, 0, false);
	expect_access(&m, 3, FFA_ID_NS_PHYS, NS_MEM, 0x2000, SPMC_MEM_RW | SPMC_MEM_EXEC);
	cr_assert(spmc_mem_owns(&m.f.nw->mem, NS_MEM, 0x2000, SPMC_MEM_RW));
	/* Lending the same pages again and again does not fill the table of owned ranges. */
	m.log_count = 0;
	for (unsigned i = 0; i < 3 * SPMC_MEM_MAX_RANGES; i++) {
		v = send(&m, m.f.nw, FFA_MEM_LEND_32, &d);
		h = expect_handle(&v);
		v = reclaim(&m, m.f.nw, h, 0);
		expect_ffa_success(&v, 0, false);
		m.log_count = 0;
	}
	cr_assert_leq(m.f.nw->mem.count, 2);
	fini(&m);
}

/* A donate changes the owner: once retrieved the handle ends, the pages are the borrower's,
 * and the old owner can neither reclaim nor send them. */
Test(spmc_mem, donate_changes_owner)
{
	struct mem_fixture m;
	struct desc d = nw_lend(SP1);
	struct ffa_value v;
	struct spmc_page_info info;
	uint64_t h;

	init(&m);
	d.perms[0] = FFA_MEM_DATA_NOT_SPECIFIED;
	v = send(&m, m.f.nw, FFA_MEM_DONATE_64, &d);
	h = expect_handle(&v);
	cr_assert(spmc_mem_page_info(&m.f.spmc, NS_MEM, &info));
	cr_assert_eq(info.state, SPMC_PAGE_DONATED);
	expect_access(&m, 0, FFA_ID_NS_PHYS, NS_MEM, 0x2000, 0);
	retrieve_ok(&m, m.sp1, FFA_ID_NS_PHYS, h);
	expect_access(&m, 1, SP1, NS_MEM, 0x2000, SPMC_MEM_RW);
	cr_assert_not(spmc_mem_page_info(&m.f.spmc, NS_MEM, &info), "no transaction is left");
	cr_assert(spmc_mem_owns(&m.sp1->mem, NS_MEM, 0x2000, SPMC_MEM_RW));
	v = reclaim(&m, m.f.nw, h, 0);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	v = send(&m, m.f.nw, FFA_MEM_SHARE_32,
		 &(struct desc){.version = FFA_VERSION_1_2,
				.attributes = NORMAL_WB_INNER,
				.receiver_count = 1,
				.receivers = {SP2},
				.perms = {FFA_MEM_DATA_RW},
				.ranges = &one_page,
				.range_count = 1});
	expect_ffa_error(&v, FFA_DENIED);
	/* The new owner can give them on, to another partition. */
	{
		struct ffa_mem_range mine = {NS_MEM, 1};
		struct desc d2 = {.version = FFA_VERSION_1_2,
				  .sender = SP1,
				  .attributes = NORMAL_WB_INNER,
				  .receiver_count = 1,
				  .receivers = {SP2},
				  .perms = {FFA_MEM_DATA_RO},
				  .ranges = &mine,
				  .range_count = 1};

		v = send(&m, m.sp1, FFA_MEM_SHARE_64, &d2);
		expect_handle(&v);
	}
	fini(&m);
}

/* Sends the spec refuses, each with the error the SPMC names. */
Test(spmc_mem, send_errors)
{
	struct mem_fixture m;
	struct desc d;
	struct ffa_value v;
	uint64_t args[4];
	static const struct ffa_mem_range secure = {SPMC_FIXTURE_SECURE_RAM, 1};
	static const struct ffa_mem_range overlap[2] = {{NS_MEM, 2}, {NS_MEM + 0x1000, 1}};

	init(&m);
	/* The sender must be the caller: DENIED. */
	d = nw_share(SP1);
	d.sender = SP2;
	v = send(&m, m.f.nw, FFA_MEM_SHARE_32, &d);
	expect_ffa_error(&v, FFA_DENIED);
	/* Receivers: unknown, the normal world, the sender itself, twice. */
	d = nw_share(0x8009);
	expect_ffa_error((v = send(&m, m.f.nw, FFA_MEM_SHARE_32, &d), &v), FFA_INVALID_PARAMETERS);
	d = nw_share(FFA_ID_NS_PHYS);
	expect_ffa_error((v = send(&m, m.f.nw, FFA_MEM_SHARE_32, &d), &v), FFA_INVALID_PARAMETERS);
	d = nw_share(SP1);
	d.receiver_count = 2;
	d.receivers[1] = SP1;
	d.perms[1] = FFA_MEM_DATA_RW;
	expect_ffa_error((v = send(&m, m.f.nw, FFA_MEM_SHARE_32, &d), &v), FFA_INVALID_PARAMETERS);
	/* Permissions: instruction access from the sender, none for a share or lend, data
	 * access for a donate, the reserved encoding. */
	d = nw_share(SP1);
	d.perms[0] = FFA_MEM_DATA_RW | FFA_MEM_INSN_X;
	expect_ffa_error((v = send(&m, m.f.nw, FFA_MEM_SHARE_32, &d), &v), FFA_INVALID_PARAMETERS);
	d.perms[0] = FFA_MEM_DATA_RW | FFA_MEM_INSN_NX;
	expect_ffa_error((v = send(&m, m.f.nw, FFA_MEM_SHARE_32, &d), &v), FFA_INVALID_PARAMETERS);
	d.perms[0] = FFA_MEM_DATA_NOT_SPECIFIED;
	expect_ffa_error((v = send(&m, m.f.nw, FFA_MEM_SHARE_32, &d), &v), FFA_INVALID_PARAMETERS);
	d.perms[0] = FFA_MEM_DATA_MASK;
	expect_ffa_error((v = send(&m, m.f.nw, FFA_MEM_SHARE_32, &d), &v), FFA_INVALID_PARAMETERS);
	d = nw_lend(SP1);
	d.perms[0] = FFA_MEM_DATA_NOT_SPECIFIED;
	expect_ffa_error((v = send(&m, m.f.nw, FFA_MEM_LEND_32, &d), &v), FFA_INVALID_PARAMETERS);
	d = nw_lend(SP1);
	expect_ffa_error((v = send(&m, m.f.nw, FFA_MEM_DONATE_32, &d), &v), FFA_INVALID_PARAMETERS);
	/* A donate goes to one borrower. */
	d.perms[0] = FFA_MEM_DATA_NOT_SPECIFIED;
	d.receiver_count = 2;
	d.receivers[1] = SP2;
	expect_ffa_error((v = send(&m, m.f.nw, FFA_MEM_DONATE_32, &d), &v), FFA_INVALID_PARAMETERS);
	/* Flags: zero on a share, time slicing, reserved bits. */
	d = nw_share(SP1);
	d.flags = FFA_MEM_FLAG_ZERO;
	expect_ffa_error((v = send(&m, m.f.nw, FFA_MEM_SHARE_32, &d), &v), FFA_INVALID_PARAMETERS);
	d.flags = FFA_MEM_FLAG_TIME_SLICE;
	expect_ffa_error((v = send(&m, m.f.nw, FFA_MEM_SHARE_32, &d), &v), FFA_INVALID_PARAMETERS);
	d.flags = 1u << 8;
	expect_ffa_error((v = send(&m, m.f.nw, FFA_MEM_SHARE_32, &d), &v), FFA_INVALID_PARAMETERS);
	/* Attributes: the NS bit is the SPMC's; a single-borrower lend leaves the type to the
	 * borrower; a share takes normal write-back inner-shareable memory only (DENIED). */
	d = nw_share(SP1);
	d.attributes |= FFA_MEM_ATTR_NS;
	expect_ffa_error((v = send(&m, m.f.nw, FFA_MEM_SHARE_32, &d), &v), FFA_INVALID_PARAMETERS);
	d = nw_lend(SP1);
	d.attributes = NORMAL_WB_INNER;
	expect_ffa_error((v = send(&m, m.f.nw, FFA_MEM_LEND_32, &d), &v), FFA_INVALID_PARAMETERS);
	d = nw_share(SP1);
	d.attributes = FFA_MEM_ATTR_TYPE_NORMAL | FFA_MEM_ATTR_CACHE_NC | FFA_MEM_ATTR_SHARE_INNER;
	expect_ffa_error((v = send(&m, m.f.nw, FFA_MEM_SHARE_32, &d), &v), FFA_DENIED);
	d.attributes = FFA_MEM_ATTR_TYPE_NORMAL | FFA_MEM_ATTR_CACHE_WB | FFA_MEM_ATTR_SHARE_OUTER;
	expect_ffa_error((v = send(&m, m.f.nw, FFA_MEM_SHARE_32, &d), &v), FFA_DENIED);
	/* Memory: not the sender's (secure RAM), overlapping constituents. */
	d = nw_share(SP1);
	d.ranges = &secure;
	expect_ffa_error((v = send(&m, m.f.nw, FFA_MEM_SHARE_32, &d), &v), FFA_DENIED);
	d.ranges = overlap;
	d.range_count = 2;
	expect_ffa_error((v = send(&m, m.f.nw, FFA_MEM_SHARE_32, &d), &v), FFA_INVALID_PARAMETERS);
	/* Lengths: fragment longer than the whole, zero, longer than the TX buffer; a whole
	 * longer than the SPMC holds. */
	args[0] = 64, args[1] = 65, args[2] = 0, args[3] = 0;
	v = spmc_fixture_call(&m.f, m.f.nw, FFA_MEM_SHARE_32, args, 4);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	args[1] = 0;
	v = spmc_fixture_call(&m.f, m.f.nw, FFA_MEM_SHARE_32, args, 4);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	args[0] = args[1] = 0x2000;
	v = spmc_fixture_call(&m.f, m.f.nw, FFA_MEM_SHARE_32, args, 4);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	args[0] = SPMC_MEM_DESC_MAX + 16, args[1] = 0x1000;
	v = spmc_fixture_call(&m.f, m.f.nw, FFA_MEM_SHARE_32, args, 4);
	expect_ffa_error(&v, FFA_NO_MEMORY);
	/* Hafnium takes descriptors from the TX buffer only. */
	d = nw_share(SP1);
	{
		uint8_t buf[512];
		uint32_t len = desc_write(&d, buf, sizeof(buf));

		memcpy(bytes(&m, NS_MEM + 0x10000, len), buf, len);
		args[0] = args[1] = len, args[2] = NS_MEM + 0x10000, args[3] = 1;
		v = spmc_fixture_call(&m.f, m.f.nw, FFA_MEM_SHARE_64, args, 4);
		expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	}
	/* Pages in a transaction already: DENIED, for the same sender too. */
	v = send(&m, m.f.nw, FFA_MEM_SHARE_32, &d);
	expect_handle(&v);
	d.ranges = &one_page;
	d.attributes = 0;
	expect_ffa_error((v = send(&m, m.f.nw, FFA_MEM_LEND_32, &d), &v), FFA_DENIED);
	cr_assert_eq(m.log_count, 0, "no refused send moved any access");
	fini(&m);
}

/* No buffers, no send: INVALID_PARAMETERS (Hafnium's "TX buffer not setup"). */
Test(spmc_mem, send_without_buffers)
{
	struct mem_fixture m;
	uint64_t args[4] = {128, 128, 0, 0};
	struct ffa_value v;

	init(&m);
	v = spmc_fixture_call1(&m.f, m.f.nw, FFA_RXTX_UNMAP, 0);
	expect_ffa_success(&v, 0, false);
	v = spmc_fixture_call(&m.f, m.f.nw, FFA_MEM_SHARE_32, args, 4);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	fini(&m);
}

/* The table of transactions is finite: NO_MEMORY when it is full; a reclaim frees a slot,
 * whose handle Hafnium gives out again. */
Test(spmc_mem, table_full)
{
	struct mem_fixture m;
	struct ffa_value v;
	struct ffa_mem_range r;
	struct desc d = nw_share(SP1);
	uint64_t first = 0;

	init(&m);
	d.ranges = &r;
	for (unsigned i = 0; i <= SPMC_MEM_MAX_TXNS; i++) {
		r = (struct ffa_mem_range){NS_MEM + i * 0x1000ull, 1};
		v = send(&m, m.f.nw, FFA_MEM_SHARE_32, &d);
		if (i == SPMC_MEM_MAX_TXNS) {
			expect_ffa_error(&v, FFA_NO_MEMORY);
			break;
		}
		cr_assert_eq(expect_handle(&v), i);
	}
	v = reclaim(&m, m.f.nw, 3, 0);
	expect_ffa_success(&v, 0, false);
	r = (struct ffa_mem_range){NS_MEM + 0x100000, 1};
	v = send(&m, m.f.nw, FFA_MEM_SHARE_32, &d);
	cr_assert_eq(expect_handle(&v), 3);
	(void)first;
	fini(&m);
}

/* Retrieve requests the SPMC refuses, each with its error; none moves any access. */
Test(spmc_mem, retrieve_errors)
{
	struct mem_fixture m;
	struct desc d = nw_share(SP1), rq;
	struct ffa_value v;
	uint16_t me = SP1, two[2] = {SP1, SP2};
	uint64_t h, args[4];

	init(&m);
	d.perms[0] = FFA_MEM_DATA_RO;
	d.tag = 7;
	v = send(&m, m.f.nw, FFA_MEM_SHARE_32, &d);
	h = expect_handle(&v);
	rq = retrieve_req(FFA_ID_NS_PHYS, h, 1, &me, FFA_MEM_DATA_RO);
	rq.tag = 7;
	/* An unknown handle. */
	rq.handle = h + 1;
	expect_ffa_error((v = retrieve(&m, m.sp1, &rq), &v), FFA_INVALID_PARAMETERS);
	rq.handle = h;
	/* Not a borrower of it. */
	{
		uint16_t other = SP2;
		struct desc r2 = retrieve_req(FFA_ID_NS_PHYS, h, 1, &other, FFA_MEM_DATA_RO);

		r2.tag = 7;
		expect_ffa_error((v = retrieve(&m, m.sp2, &r2), &v), FFA_INVALID_PARAMETERS);
	}
	/* Another sender (Hafnium: DENIED), another tag, another transaction type. */
	rq.sender = SP3;
	expect_ffa_error((v = retrieve(&m, m.sp1, &rq), &v), FFA_DENIED);
	rq.sender = FFA_ID_NS_PHYS;
	rq.tag = 8;
	expect_ffa_error((v = retrieve(&m, m.sp1, &rq), &v), FFA_INVALID_PARAMETERS);
	rq.tag = 7;
	rq.flags = FFA_MEM_FLAG_TYPE_LEND;
	expect_ffa_error((v = retrieve(&m, m.sp1, &rq), &v), FFA_INVALID_PARAMETERS);
	/* Zero after relinquish of shared memory; zeroing the sender did not ask for; an
	 * alignment hint; time slicing. */
	rq.flags = FFA_MEM_FLAG_ZERO_AFTER;
	expect_ffa_error((v = retrieve(&m, m.sp1, &rq), &v), FFA_INVALID_PARAMETERS);
	rq.flags = FFA_MEM_FLAG_ALIGN_HINT_VALID;
	expect_ffa_error((v = retrieve(&m, m.sp1, &rq), &v), FFA_INVALID_PARAMETERS);
	rq.flags = FFA_MEM_FLAG_TIME_SLICE;
	expect_ffa_error((v = retrieve(&m, m.sp1, &rq), &v), FFA_INVALID_PARAMETERS);
	rq.flags = 0;
	/* More access than given: DENIED; X on a share: INVALID_PARAMETERS. */
	rq.perms[0] = FFA_MEM_DATA_RW;
	expect_ffa_error((v = retrieve(&m, m.sp1, &rq), &v), FFA_DENIED);
	rq.perms[0] = FFA_MEM_DATA_RO | FFA_MEM_INSN_X;
	expect_ffa_error((v = retrieve(&m, m.sp1, &rq), &v), FFA_INVALID_PARAMETERS);
	rq.perms[0] = FFA_MEM_DATA_RO;
	/* Other borrowers than the sender named: a count that differs, a stranger. */
	{
		struct desc r2 = retrieve_req(FFA_ID_NS_PHYS, h, 2, two, FFA_MEM_DATA_RO);

		r2.tag = 7;
		expect_ffa_error((v = retrieve(&m, m.sp1, &r2), &v), FFA_INVALID_PARAMETERS);
	}
	/* The NS bit in a request. */
	rq.attributes = FFA_MEM_ATTR_NS;
	expect_ffa_error((v = retrieve(&m, m.sp1, &rq), &v), FFA_INVALID_PARAMETERS);
	rq.attributes = 0;
	/* A buffer of the caller's, or fragments: INVALID_PARAMETERS. */
	args[0] = 64, args[1] = 48, args[2] = 0, args[3] = 0;
	v = spmc_fixture_call(&m.f, m.sp1, FFA_MEM_RETRIEVE_REQ_32, args, 4);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	args[0] = args[1] = 64, args[2] = SP_DATA(SP1), args[3] = 1;
	v = spmc_fixture_call(&m.f, m.sp1, FFA_MEM_RETRIEVE_REQ_64, args, 4);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	/* RX buffer still the caller's: Hafnium answers BUSY. */
	m.sp1->rxtx.rx_full = true;
	expect_ffa_error((v = retrieve(&m, m.sp1, &rq), &v), FFA_BUSY);
	m.sp1->rxtx.rx_full = false;
	cr_assert_eq(m.log_count, 0);
	/* Now it works, read-only; a second retrieve is DENIED (it holds the pages). */
	v = retrieve(&m, m.sp1, &rq);
	cr_assert_eq(v.x[0], FFA_MEM_RETRIEVE_RESP);
	expect_access(&m, 0, SP1, NS_MEM, 0x2000, SPMC_MEM_READ);
	m.sp1->rxtx.rx_full = false;
	expect_ffa_error((v = retrieve(&m, m.sp1, &rq), &v), FFA_DENIED);
	/* Zeroing at relinquish of shared memory: INVALID_PARAMETERS. */
	v = relinquish(&m, m.sp1, h, FFA_MEM_RELINQUISH_ZERO);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	fini(&m);
}

/* Relinquish and reclaim refused: not a holder, not the lender, unknown handle, a
 * relinquish descriptor naming someone else. */
Test(spmc_mem, relinquish_reclaim_errors)
{
	struct mem_fixture m;
	struct desc d = nw_lend(SP1);
	struct ffa_value v;
	uint64_t h;

	init(&m);
	v = send(&m, m.f.nw, FFA_MEM_LEND_32, &d);
	h = expect_handle(&v);
	/* Not retrieved yet: the borrower holds nothing to relinquish. */
	expect_ffa_error((v = relinquish(&m, m.sp1, h, 0), &v), FFA_INVALID_PARAMETERS);
	retrieve_ok(&m, m.sp1, FFA_ID_NS_PHYS, h);
	/* Not a borrower; an unknown handle. */
	expect_ffa_error((v = relinquish(&m, m.sp2, h, 0), &v), FFA_INVALID_PARAMETERS);
	expect_ffa_error((v = relinquish(&m, m.sp1, h + 5, 0), &v), FFA_INVALID_PARAMETERS);
	/* A descriptor naming another endpoint, or two. */
	{
		struct ffa_mem_relinquish rel = {.handle = h, .endpoint_count = 1};
		uint8_t buf[64];
		uint32_t len;

		rel.endpoints[0] = SP2;
		len = ffa_memdesc_write_relinquish(buf, sizeof(buf), &rel);
		put_tx(&m, m.sp1, buf, len);
		v = spmc_fixture_call(&m.f, m.sp1, FFA_MEM_RELINQUISH, NULL, 0);
		expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
		rel.endpoint_count = 2;
		rel.endpoints[0] = SP1;
		len = ffa_memdesc_write_relinquish(buf, sizeof(buf), &rel);
		put_tx(&m, m.sp1, buf, len);
		v = spmc_fixture_call(&m.f, m.sp1, FFA_MEM_RELINQUISH, NULL, 0);
		expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	}
	/* Reclaim: not the lender; while held; time slicing; unknown. */
	expect_ffa_error((v = reclaim(&m, m.sp2, h, 0), &v), FFA_INVALID_PARAMETERS);
	expect_ffa_error((v = reclaim(&m, m.f.nw, h, 0), &v), FFA_DENIED);
	expect_ffa_success((v = relinquish(&m, m.sp1, h, 0), &v), 0, false);
	expect_ffa_error((v = reclaim(&m, m.f.nw, h, FFA_MEM_RECLAIM_TIME_SLICE), &v),
			 FFA_INVALID_PARAMETERS);
	expect_ffa_error((v = reclaim(&m, m.f.nw, h + 1, 0), &v), FFA_INVALID_PARAMETERS);
	expect_ffa_success((v = reclaim(&m, m.f.nw, h, 0), &v), 0, false);
	fini(&m);
}

/* Several borrowers: each retrieves once; the lender reclaims only when all relinquished;
 * the page's holders are listed with their access. */
Test(spmc_mem, several_borrowers)
{
	struct mem_fixture m;
	struct desc d = nw_share(SP1), rq;
	struct ffa_value v;
	struct spmc_page_info info;
	struct ffa_mem_txn t;
	uint16_t three[3] = {SP1, SP2, SP3};
	uint64_t h;

	init(&m);
	d.receiver_count = 3;
	d.receivers[1] = SP2, d.perms[1] = FFA_MEM_DATA_RO;
	d.receivers[2] = SP3, d.perms[2] = FFA_MEM_DATA_RW;
	v = send(&m, m.f.nw, FFA_MEM_LEND_64, &d);
	h = expect_handle(&v);
	rq = retrieve_req(FFA_ID_NS_PHYS, h, 3, three, FFA_MEM_DATA_NOT_SPECIFIED);
	/* A lend to several borrowers: no instruction access from them (NX). */
	rq.perms[1] = FFA_MEM_INSN_X;
	expect_ffa_error((v = retrieve(&m, m.sp2, &rq), &v), FFA_INVALID_PARAMETERS);
	rq.perms[1] = FFA_MEM_DATA_NOT_SPECIFIED;
	v = retrieve(&m, m.sp2, &rq);
	cr_assert_eq(v.x[0], FFA_MEM_RETRIEVE_RESP);
	parse_rx(&m, m.sp2, (uint32_t)v.x[1], FFA_VERSION_1_2, &t);
	cr_assert_eq(t.receiver_count, 3);
	cr_assert_eq(t.receivers[1].perms, FFA_MEM_DATA_RO | FFA_MEM_INSN_NX);
	v = retrieve(&m, m.sp1, &rq);
	cr_assert_eq(v.x[0], FFA_MEM_RETRIEVE_RESP);
	cr_assert(spmc_mem_page_info(&m.f.spmc, NS_MEM, &info));
	cr_assert_eq(info.holder_count, 2);
	cr_assert_eq(info.holders[0], SP1);
	cr_assert_eq(info.holder_access[0], SPMC_MEM_RW);
	cr_assert_eq(info.holders[1], SP2);
	cr_assert_eq(info.holder_access[1], SPMC_MEM_READ);
	expect_access(&m, 1, SP2, NS_MEM, 0x2000, SPMC_MEM_READ);
	expect_access(&m, 2, SP1, NS_MEM, 0x2000, SPMC_MEM_RW);
	expect_ffa_success((v = relinquish(&m, m.sp2, h, 0), &v), 0, false);
	expect_ffa_error((v = reclaim(&m, m.f.nw, h, 0), &v), FFA_DENIED);
	expect_ffa_success((v = relinquish(&m, m.sp1, h, 0), &v), 0, false);
	expect_ffa_success((v = reclaim(&m, m.f.nw, h, 0), &v), 0, false);
	fini(&m);
}

/* Partition to partition: one partition shares its own memory with another, which retrieves
 * it; the normal world is not concerned (no NS bit). */
Test(spmc_mem, partition_to_partition)
{
	struct mem_fixture m;
	struct ffa_mem_range r = {SP_DATA(SP1), 4};
	struct desc d = {.version = FFA_VERSION_1_2,
			 .sender = SP1,
			 .attributes = 0,
			 .receiver_count = 1,
			 .receivers = {SP2},
			 .perms = {FFA_MEM_DATA_RW},
			 .ranges = &r,
			 .range_count = 1};
	struct ffa_value v;
	struct ffa_mem_txn t;
	uint64_t h;

	init(&m);
	v = send(&m, m.sp1, FFA_MEM_LEND_64, &d);
	h = expect_handle(&v);
	expect_access(&m, 0, SP1, SP_DATA(SP1), 0x4000, 0);
	retrieve_ok(&m, m.sp2, SP1, h);
	expect_access(&m, 1, SP2, SP_DATA(SP1), 0x4000, SPMC_MEM_RW);
	parse_rx(&m, m.sp2,
		 FFA_MEMDESC_HEADER_SIZE_1_1 + FFA_MEMDESC_RECEIVER_SIZE_1_2 +
			 FFA_MEMDESC_COMPOSITE_SIZE + FFA_MEMDESC_CONSTITUENT_SIZE,
		 FFA_VERSION_1_2, &t);
	cr_assert_eq(t.attributes & FFA_MEM_ATTR_NS, 0, "secure memory: no NS bit");
	/* The normal world cannot reclaim what it did not send; the lender can once free. */
	expect_ffa_error((v = reclaim(&m, m.f.nw, h, 0), &v), FFA_INVALID_PARAMETERS);
	expect_ffa_success((v = relinquish(&m, m.sp2, h, 0), &v), 0, false);
	expect_ffa_success((v = reclaim(&m, m.sp1, h, 0), &v), 0, false);
	expect_access(&m, 3, SP1, SP_DATA(SP1), 0x4000, SPMC_MEM_RW);
	fini(&m);
}

/* A descriptor in fragments (FFA_MEM_FRAG_TX): each fragment but the last is answered by
 * FFA_MEM_FRAG_RX with the handle and the offset reached; the last by FFA_SUCCESS with the
 * same handle. */
Test(spmc_mem, frag_tx)
{
	struct mem_fixture m;
	struct ffa_mem_range ranges[8];
	struct desc d = nw_share(SP1);
	uint8_t buf[1024];
	uint32_t len, first;
	uint64_t args[4], h;
	struct ffa_value v;

	init(&m);
	for (unsigned i = 0; i < 8; i++)
		ranges[i] = (struct ffa_mem_range){NS_MEM + i * 0x2000ull, 1};
	d.ranges = ranges;
	d.range_count = 8;
	len = desc_write(&d, buf, sizeof(buf));
	first = len - 5 * FFA_MEMDESC_CONSTITUENT_SIZE;
	put_tx(&m, m.f.nw, buf, first);
	args[0] = len, args[1] = first, args[2] = 0, args[3] = 0;
	v = spmc_fixture_call(&m.f, m.f.nw, FFA_MEM_SHARE_64, args, 4);
	cr_assert_eq(v.x[0], FFA_MEM_FRAG_RX);
	h = ffa_mem_handle((uint32_t)v.x[1], (uint32_t)v.x[2]);
	cr_assert_eq(v.x[3], first);
	cr_assert_eq(v.x[4], 0, "Hafnium names no sender in w4");
	for (unsigned i = 5; i < FFA_REG_COUNT; i++)
		cr_assert_eq(v.x[i], 0);
	/* A second fragmented send waits its turn: BUSY. */
	v = spmc_fixture_call(&m.f, m.f.nw, FFA_MEM_LEND_64, args, 4);
	expect_ffa_error(&v, FFA_BUSY);
	/* Wrong handle: INVALID_PARAMETERS, and the transaction goes on. */
	args[0] = (uint32_t)h + 1, args[1] = h >> 32, args[2] = 32, args[3] = 0;
	v = spmc_fixture_call(&m.f, m.f.nw, FFA_MEM_FRAG_TX, args, 4);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	/* Two more fragments. */
	put_tx(&m, m.f.nw, buf + first, 2 * FFA_MEMDESC_CONSTITUENT_SIZE);
	args[0] = (uint32_t)h, args[2] = 2 * FFA_MEMDESC_CONSTITUENT_SIZE;
	v = spmc_fixture_call(&m.f, m.f.nw, FFA_MEM_FRAG_TX, args, 4);
	cr_assert_eq(v.x[0], FFA_MEM_FRAG_RX);
	cr_assert_eq(v.x[3], first + 2 * FFA_MEMDESC_CONSTITUENT_SIZE);
	put_tx(&m, m.f.nw, buf + first + 32, 3 * FFA_MEMDESC_CONSTITUENT_SIZE);
	args[2] = 3 * FFA_MEMDESC_CONSTITUENT_SIZE;
	v = spmc_fixture_call(&m.f, m.f.nw, FFA_MEM_FRAG_TX, args, 4);
	cr_assert_eq(expect_handle(&v), h);
	retrieve_ok(&m, m.sp1, FFA_ID_NS_PHYS, h);
	cr_assert_eq(m.log_count, 8, "one set_access per separate constituent");
	expect_access(&m, 7, SP1, NS_MEM + 7 * 0x2000, 0x1000, SPMC_MEM_RW);
	/* A fragment running past the whole abandons the transaction. */
	put_tx(&m, m.f.nw, buf, first);
	for (unsigned i = 0; i < 8; i++)
		ranges[i].address += 0x100000;
	len = desc_write(&d, buf, sizeof(buf));
	put_tx(&m, m.f.nw, buf, first);
	args[0] = len, args[1] = first, args[2] = 0, args[3] = 0;
	v = spmc_fixture_call(&m.f, m.f.nw, FFA_MEM_SHARE_64, args, 4);
	cr_assert_eq(v.x[0], FFA_MEM_FRAG_RX);
	h = ffa_mem_handle((uint32_t)v.x[1], (uint32_t)v.x[2]);
	args[0] = (uint32_t)h, args[1] = h >> 32, args[2] = len, args[3] = 0;
	v = spmc_fixture_call(&m.f, m.f.nw, FFA_MEM_FRAG_TX, args, 4);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	args[2] = 16;
	v = spmc_fixture_call(&m.f, m.f.nw, FFA_MEM_FRAG_TX, args, 4);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	fini(&m);
}

/* A retrieve response larger than the RX buffer comes in fragments (FFA_MEM_FRAG_RX answered
 * by FFA_MEM_FRAG_TX), each after the borrower released its RX buffer; the pieces put together
 * are the whole descriptor. The borrower cannot relinquish before it has read them all. */
Test(spmc_mem, frag_rx)
{
	struct mem_fixture m;
	static struct ffa_mem_range ranges[300];
	static uint8_t whole[SPMC_MEM_DESC_MAX];
	struct desc d = nw_lend(SP1);
	uint32_t total, got;
	uint64_t args[4], h;
	uint16_t me = SP1;
	struct desc rq;
	struct ffa_value v;
	struct ffa_mem_txn t;

	init(&m);
	adjoining_pages(ranges, 300);
	d.ranges = ranges;
	d.range_count = 300;
	/* The descriptor (4.9 KiB) goes in two fragments from a one-page TX buffer. */
	h = send_in_two(&m, FFA_MEM_LEND_32, &d, 4096, &v);
	cr_assert_eq(expect_handle(&v), h);

	rq = retrieve_req(FFA_ID_NS_PHYS, h, 1, &me, FFA_MEM_DATA_RW | FFA_MEM_INSN_NX);
	v = retrieve(&m, m.sp1, &rq);
	cr_assert_eq(v.x[0], FFA_MEM_RETRIEVE_RESP);
	total = (uint32_t)v.x[1];
	got = (uint32_t)v.x[2];
	cr_assert_gt(total, got);
	cr_assert_leq(got, 4096);
	cr_assert_eq(got % FFA_MEMDESC_CONSTITUENT_SIZE, 0, "whole constituents per fragment");
	memcpy(whole, bytes(&m, SP_RX(SP1), got), got);
	/* Not yet fully retrieved: no relinquish; the RX buffer must be released first. */
	expect_ffa_error((v = relinquish(&m, m.sp1, h, 0), &v), FFA_INVALID_PARAMETERS);
	args[0] = (uint32_t)h, args[1] = h >> 32, args[2] = got, args[3] = 0;
	v = spmc_fixture_call(&m.f, m.sp1, FFA_MEM_FRAG_RX, args, 4);
	expect_ffa_error(&v, FFA_BUSY);
	while (got < total) {
		v = spmc_fixture_call1(&m.f, m.sp1, FFA_RX_RELEASE, 0);
		expect_ffa_success(&v, 0, false);
		/* A wrong offset is refused. */
		args[2] = got + 16;
		v = spmc_fixture_call(&m.f, m.sp1, FFA_MEM_FRAG_RX, args, 4);
		expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
		args[2] = got;
		v = spmc_fixture_call(&m.f, m.sp1, FFA_MEM_FRAG_RX, args, 4);
		cr_assert_eq(v.x[0], FFA_MEM_FRAG_TX);
		cr_assert_eq(ffa_mem_handle((uint32_t)v.x[1], (uint32_t)v.x[2]), h);
		cr_assert_gt(v.x[3], 0);
		cr_assert_eq(v.x[4], 0);
		memcpy(whole + got, bytes(&m, SP_RX(SP1), v.x[3]), v.x[3]);
		got += (uint32_t)v.x[3];
	}
	cr_assert_eq(got, total);
	cr_assert_eq(ffa_memdesc_parse(whole, total, FFA_VERSION_1_2, &t,
				       &(struct ffa_memdesc_fault){0}),
		     FFA_OK);
	cr_assert_eq(t.range_count, 300);
	cr_assert_eq(ffa_memdesc_range(whole, &t, 299).address, NS_MEM + 299 * 0x1000ull);
	expect_access(&m, 1, SP1, NS_MEM, 300 * 0x1000ull, SPMC_MEM_RW);
	/* Nothing more to read. */
	m.sp1->rxtx.rx_full = false;
	v = spmc_fixture_call(&m.f, m.sp1, FFA_MEM_FRAG_RX, args, 4);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	expect_ffa_success((v = relinquish(&m, m.sp1, h, 0), &v), 0, false);
	expect_ffa_success((v = reclaim(&m, m.f.nw, h, 0), &v), 0, false);
	fini(&m);
}

/* Zeroing: a lend with the zero flag zeroes before the borrower sees it; zero after
 * relinquish (asked at retrieve) and zero at reclaim zero again, through guest memory. */
Test(spmc_mem, zeroing)
{
	struct mem_fixture m;
	struct desc d = nw_lend(SP1), rq;
	struct ffa_value v;
	uint16_t me = SP1;
	uint64_t h;

	init(&m);
	memset(bytes(&m, NS_MEM, 0x2000), 0xab, 0x2000);
	d.flags = FFA_MEM_FLAG_ZERO;
	v = send(&m, m.f.nw, FFA_MEM_LEND_32, &d);
	h = expect_handle(&v);
	cr_assert_eq(bytes(&m, NS_MEM, 1)[0], 0);
	cr_assert_eq(bytes(&m, NS_MEM + 0x1fff, 1)[0], 0);
	rq = retrieve_req(FFA_ID_NS_PHYS, h, 1, &me, FFA_MEM_DATA_RW | FFA_MEM_INSN_NX);
	rq.flags = FFA_MEM_FLAG_ZERO | FFA_MEM_FLAG_ZERO_AFTER;
	v = retrieve(&m, m.sp1, &rq);
	cr_assert_eq(v.x[0], FFA_MEM_RETRIEVE_RESP);
	m.sp1->rxtx.rx_full = false;
	memset(bytes(&m, NS_MEM, 0x2000), 0x5a, 0x2000);
	expect_ffa_success((v = relinquish(&m, m.sp1, h, 0), &v), 0, false);
	cr_assert_eq(bytes(&m, NS_MEM + 0x1000, 1)[0], 0, "zeroed after relinquish");
	memset(bytes(&m, NS_MEM, 0x2000), 0x77, 0x2000);
	expect_ffa_success((v = reclaim(&m, m.f.nw, h, FFA_MEM_RECLAIM_ZERO), &v), 0, false);
	cr_assert_eq(bytes(&m, NS_MEM + 0x10, 1)[0], 0, "zeroed at reclaim");

	/* Zero at relinquish, asked then; a read-only borrower may not zero (DENIED); zeroing
	 * the sender did not ask for (DENIED). */
	d.flags = 0;
	v = send(&m, m.f.nw, FFA_MEM_LEND_32, &d);
	h = expect_handle(&v);
	rq = retrieve_req(FFA_ID_NS_PHYS, h, 1, &me, FFA_MEM_DATA_RW | FFA_MEM_INSN_NX);
	rq.flags = FFA_MEM_FLAG_ZERO;
	expect_ffa_error((v = retrieve(&m, m.sp1, &rq), &v), FFA_DENIED);
	rq.flags = FFA_MEM_FLAG_ZERO_AFTER;
	rq.perms[0] = FFA_MEM_DATA_RO | FFA_MEM_INSN_NX;
	expect_ffa_error((v = retrieve(&m, m.sp1, &rq), &v), FFA_DENIED);
	rq.flags = 0;
	v = retrieve(&m, m.sp1, &rq);
	cr_assert_eq(v.x[0], FFA_MEM_RETRIEVE_RESP);
	m.sp1->rxtx.rx_full = false;
	expect_ffa_error((v = relinquish(&m, m.sp1, h, FFA_MEM_RELINQUISH_ZERO), &v), FFA_DENIED);
	memset(bytes(&m, NS_MEM, 0x2000), 0x11, 0x2000);
	expect_ffa_success((v = relinquish(&m, m.sp1, h, 0), &v), 0, false);
	cr_assert_eq(bytes(&m, NS_MEM, 1)[0], 0x11, "no zeroing asked: the bytes stay");
	fini(&m);
}

/* Layouts follow each caller's version: a v1.0 sender sends the 32-byte header, a v1.0
 * borrower gets its response in the v1.0 layout (no NS bit for it: v1.0 has none under
 * Hafnium), a v1.1 borrower the 48-byte header with 16-byte receivers. */
Test(spmc_mem, version_layouts)
{
	struct mem_fixture m;
	struct desc d = nw_share(SP1), rq;
	struct ffa_value v;
	struct ffa_mem_txn t;
	uint16_t two[2] = {SP1, SP2};
	uint64_t h;

	init_full(&m, "hafnium:1.2", FFA_VERSION_1_0, FFA_VERSION_1_0);
	m.sp2->version = FFA_VERSION_1_1;
	d.version = FFA_VERSION_1_0;
	d.receiver_count = 2;
	d.receivers[1] = SP2, d.perms[1] = FFA_MEM_DATA_RO;
	v = send(&m, m.f.nw, FFA_MEM_SHARE_32, &d);
	h = expect_handle(&v);
	/* A v1.2 layout from a v1.0 sender does not parse as v1.0. */
	{
		struct desc d2 = nw_share(SP3);

		d2.ranges = &(struct ffa_mem_range){NS_MEM + 0x10000, 1};
		v = send(&m, m.f.nw, FFA_MEM_SHARE_32, &d2);
		expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	}
	rq = retrieve_req(FFA_ID_NS_PHYS, h, 2, two, FFA_MEM_DATA_NOT_SPECIFIED);
	rq.version = FFA_VERSION_1_0;
	v = retrieve(&m, m.sp1, &rq);
	cr_assert_eq(v.x[0], FFA_MEM_RETRIEVE_RESP);
	cr_assert_eq(v.x[1], FFA_MEMDESC_HEADER_SIZE_1_0 + 2 * FFA_MEMDESC_RECEIVER_SIZE_1_0 +
				     FFA_MEMDESC_COMPOSITE_SIZE + FFA_MEMDESC_CONSTITUENT_SIZE);
	parse_rx(&m, m.sp1, (uint32_t)v.x[1], FFA_VERSION_1_0, &t);
	cr_assert_eq(t.attributes, NORMAL_WB_INNER, "no NS bit for a v1.0 borrower");
	rq.version = FFA_VERSION_1_1;
	v = retrieve(&m, m.sp2, &rq);
	cr_assert_eq(v.x[0], FFA_MEM_RETRIEVE_RESP);
	cr_assert_eq(v.x[1], FFA_MEMDESC_HEADER_SIZE_1_1 + 2 * FFA_MEMDESC_RECEIVER_SIZE_1_0 +
				     FFA_MEMDESC_COMPOSITE_SIZE + FFA_MEMDESC_CONSTITUENT_SIZE);
	parse_rx(&m, m.sp2, (uint32_t)v.x[1], FFA_VERSION_1_1, &t);
	cr_assert_eq(t.attributes, NORMAL_WB_INNER | FFA_MEM_ATTR_NS);
	cr_assert_eq(t.receivers[1].perms, FFA_MEM_DATA_RO | FFA_MEM_INSN_NX);
	fini(&m);
}

/* TF-A's EL3 SPMC: handles count from 0xffffffc0; share and lend from the normal world only
 * (a partition's send is INVALID_PARAMETERS, donate is NOT_SUPPORTED); no zero flags; DENIED
 * for a retrieve into a full RX buffer or naming another sender; FRAG_RX names the sender in
 * w4; errors sign-extended. */
Test(spmc_mem, personality_tf_a)
{
	struct mem_fixture m;
	struct desc d = nw_lend(SP1), rq;
	struct ffa_value v;
	uint16_t me = SP1;
	uint64_t h, args[4];
	uint8_t buf[1024];
	uint32_t len;

	init_as(&m, "tf-a:1.2");
	v = send(&m, m.f.nw, FFA_MEM_LEND_32, &d);
	h = expect_handle(&v);
	cr_assert_eq(h, 0xffffffc0);
	/* TF-A's FFA_SUCCESS to FFA_MEM_RECLAIM leaves the handle and flags in x1-x3. */
	v = reclaim(&m, m.f.nw, h, 0);
	expect_ffa_success(&v, 0xe, false);
	cr_assert_eq(v.x[1], 0xffffffc0);
	v = send(&m, m.f.nw, FFA_MEM_LEND_32, &d);
	cr_assert_eq(expect_handle(&v), 0xffffffc1, "the counter never goes back");
	h = 0xffffffc1;
	d.flags = FFA_MEM_FLAG_ZERO;
	d.ranges = &(struct ffa_mem_range){NS_MEM + 0x10000, 1};
	v = send(&m, m.f.nw, FFA_MEM_LEND_32, &d);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	cr_assert_eq(v.x[2], UINT64_MAX - 1, "TF-A sign-extends its error codes");
	d.flags = 0;
	d.perms[0] = FFA_MEM_DATA_NOT_SPECIFIED;
	v = send(&m, m.f.nw, FFA_MEM_DONATE_32, &d);
	expect_ffa_error(&v, FFA_NOT_SUPPORTED);
	{
		struct ffa_mem_range r = {SP_DATA(SP1), 1};
		struct desc d2 = {.version = FFA_VERSION_1_2,
				  .sender = SP1,
				  .receiver_count = 1,
				  .receivers = {SP2},
				  .perms = {FFA_MEM_DATA_RW},
				  .ranges = &r,
				  .range_count = 1};

		v = send(&m, m.sp1, FFA_MEM_LEND_32, &d2);
		expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	}
	rq = retrieve_req(FFA_ID_NS_PHYS, h, 1, &me, FFA_MEM_DATA_RW | FFA_MEM_INSN_NX);
	m.sp1->rxtx.rx_full = true;
	expect_ffa_error((v = retrieve(&m, m.sp1, &rq), &v), FFA_DENIED);
	m.sp1->rxtx.rx_full = false;
	rq.sender = SP2;
	expect_ffa_error((v = retrieve(&m, m.sp1, &rq), &v), FFA_INVALID_PARAMETERS);
	rq.sender = FFA_ID_NS_PHYS;
	rq.flags = FFA_MEM_FLAG_ZERO_AFTER;
	expect_ffa_error((v = retrieve(&m, m.sp1, &rq), &v), FFA_INVALID_PARAMETERS);
	rq.flags = 0;
	v = retrieve(&m, m.sp1, &rq);
	cr_assert_eq(v.x[0], FFA_MEM_RETRIEVE_RESP);
	/* A fragmented send: w4 of FFA_MEM_FRAG_RX carries the sender. */
	d = nw_share(SP2);
	d.ranges = &(struct ffa_mem_range){NS_MEM + 0x20000, 1};
	len = desc_write(&d, buf, sizeof(buf));
	put_tx(&m, m.f.nw, buf, len - 16);
	args[0] = len, args[1] = len - 16, args[2] = 0, args[3] = 0;
	v = spmc_fixture_call(&m.f, m.f.nw, FFA_MEM_SHARE_32, args, 4);
	cr_assert_eq(v.x[0], FFA_MEM_FRAG_RX);
	cr_assert_eq(v.x[4], 0, "the normal world's ID 0 in w4 bits 31:16");
	cr_assert_eq(ffa_mem_handle((uint32_t)v.x[1], (uint32_t)v.x[2]), 0xffffffc2);
	fini(&m);
}

/* OP-TEE: handles are the first free bit with bit 44 (normal-world sender) or bit 45
 * (partition sender); partitions only share; a descriptor may come in a buffer of the
 * caller's (x3/x4); the normal world's sender field and flags are not checked and its pages
 * may be shared twice; no fragments; zeroing at reclaim is DENIED. */
Test(spmc_mem, personality_optee)
{
	struct mem_fixture m;
	struct desc d = nw_share(SP1);
	struct ffa_value v;
	uint8_t buf[512];
	uint32_t len;
	uint64_t args[4], h;

	init_as(&m, "optee:1.2");
	v = send(&m, m.f.nw, FFA_MEM_SHARE_32, &d);
	h = expect_handle(&v);
	cr_assert_eq(h, UINT64_C(1) << 44);
	/* In a buffer of its own: two pages at NS_MEM + 64 KiB. */
	d.ranges = &(struct ffa_mem_range){NS_MEM + 0x4000, 1};
	len = desc_write(&d, buf, sizeof(buf));
	memcpy(bytes(&m, NS_MEM + 0x10000, len), buf, len);
	args[0] = args[1] = len, args[2] = NS_MEM + 0x10000, args[3] = 2;
	v = spmc_fixture_call(&m.f, m.f.nw, FFA_MEM_SHARE_64, args, 4);
	cr_assert_eq(expect_handle(&v), (UINT64_C(1) << 44) | 1);
	/* ... which must be the caller's (secure memory is not). */
	args[2] = SP_DATA(SP1);
	v = spmc_fixture_call(&m.f, m.f.nw, FFA_MEM_SHARE_64, args, 4);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	/* Partition to partition: a share has bit 45; a lend is NOT_SUPPORTED. */
	{
		struct ffa_mem_range r = {SP_DATA(SP1), 1};
		struct desc d2 = {.version = FFA_VERSION_1_2,
				  .sender = SP1,
				  .attributes = NORMAL_WB_INNER,
				  .receiver_count = 1,
				  .receivers = {SP2},
				  .perms = {FFA_MEM_DATA_RW},
				  .ranges = &r,
				  .range_count = 1};

		v = send(&m, m.sp1, FFA_MEM_SHARE_32, &d2);
		cr_assert_eq(expect_handle(&v), UINT64_C(1) << 45);
		d2.attributes = 0;
		d2.ranges = &(struct ffa_mem_range){SP_DATA(SP1) + 0x1000, 1};
		v = send(&m, m.sp1, FFA_MEM_LEND_32, &d2);
		expect_ffa_error(&v, FFA_NOT_SUPPORTED);
	}
	/* The normal world's descriptor: another sender, the zero flag on a share, pages shared
	 * already; all taken (the transaction is the caller's; nothing is zeroed). */
	d = nw_share(SP1);
	d.sender = SP3;
	d.flags = FFA_MEM_FLAG_ZERO;
	memset(bytes(&m, NS_MEM, 16), 0x33, 16);
	v = send(&m, m.f.nw, FFA_MEM_SHARE_32, &d);
	cr_assert_eq(expect_handle(&v), (UINT64_C(1) << 44) | 2);
	cr_assert_eq(bytes(&m, NS_MEM, 1)[0], 0x33);
	expect_ffa_success((v = reclaim(&m, m.f.nw, (UINT64_C(1) << 44) | 2, 0), &v), 0, false);
	/* No fragments: INVALID_PARAMETERS. */
	args[0] = 128, args[1] = 96, args[2] = 0, args[3] = 0;
	v = spmc_fixture_call(&m.f, m.f.nw, FFA_MEM_SHARE_32, args, 4);
	expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
	/* Zeroing at reclaim: DENIED. */
	expect_ffa_error((v = reclaim(&m, m.f.nw, h, FFA_MEM_RECLAIM_ZERO), &v), FFA_DENIED);
	expect_ffa_success((v = reclaim(&m, m.f.nw, h, 0), &v), 0, false);
	/* The freed bit is given out again. */
	d = nw_share(SP1);
	v = send(&m, m.f.nw, FFA_MEM_SHARE_32, &d);
	cr_assert_eq(expect_handle(&v), UINT64_C(1) << 44);
	fini(&m);
}

/* FFA_FEATURES for the memory functions, per personality and world: the normal world's
 * answers are those the real TF-A and OP-TEE gave (tests/data/oracle); Hafnium reports the
 * NS bit and hypervisor retrieve for FFA_MEM_RETRIEVE_REQ and asks v1.1+ callers for the NS
 * input bit. */
Test(spmc_mem, features)
{
	static const uint32_t fids[] = {
		FFA_MEM_DONATE_32,       FFA_MEM_DONATE_64,       FFA_MEM_LEND_32,
		FFA_MEM_LEND_64,         FFA_MEM_SHARE_32,        FFA_MEM_SHARE_64,
		FFA_MEM_RETRIEVE_REQ_32, FFA_MEM_RETRIEVE_REQ_64, FFA_MEM_RETRIEVE_RESP,
		FFA_MEM_RELINQUISH,      FFA_MEM_RECLAIM,         FFA_MEM_FRAG_RX,
		FFA_MEM_FRAG_TX};
	/* w2 + 1 for SUCCESS, 0 for NOT_SUPPORTED, in the order above. */
	static const struct {
		const char *spmc;
		bool secure;
		uint32_t want[13];
	} cases[] = {
		{"tf-a:1.2", false, {0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1}},
		{"optee:1.2", false, {0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0, 1}},
		{"hafnium:1.2", false, {1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1}},
		{"tf-a:1.2", true, {0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1}},
		{"optee:1.2", true, {0, 0, 0, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1}},
		{"hafnium:1.2", true, {1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1}},
	};

	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		struct mem_fixture m;

		init_as(&m, cases[c].spmc);
		for (size_t i = 0; i < sizeof(fids) / sizeof(fids[0]); i++) {
			struct spmc_endpoint *ep = cases[c].secure ? m.sp1 : m.f.nw;
			uint64_t args[2] = {fids[i], 0};
			struct ffa_value v = spmc_fixture_call(&m.f, ep, FFA_FEATURES, args, 2);
			uint32_t want = cases[c].want[i];

			if (want == 0) {
				cr_assert_eq(v.x[0], FFA_ERROR_32, "%s %s 0x%x: supported",
					     cases[c].spmc, cases[c].secure ? "sp" : "nw", fids[i]);
				continue;
			}
			cr_assert_eq(v.x[0], FFA_SUCCESS_32, "%s %s 0x%x: not supported",
				     cases[c].spmc, cases[c].secure ? "sp" : "nw", fids[i]);
			cr_assert_eq(v.x[2], want - 1, "%s 0x%x: w2 0x%llx", cases[c].spmc, fids[i],
				     (unsigned long long)v.x[2]);
		}
		fini(&m);
	}
}

/* FFA_MEM_RETRIEVE_REQ's properties: v1.1+ callers must say they handle the NS bit (Hafnium:
 * w2 0x6 then); TF-A refuses the input from the normal world, and a v1.0 partition that sets
 * it gets the NS bit in its responses. */
Test(spmc_mem, features_retrieve_ns_bit)
{
	struct mem_fixture m;
	struct ffa_value v;
	uint64_t args[2] = {FFA_MEM_RETRIEVE_REQ_64, SPMC_MEM_RETRIEVE_NS_BIT};
	struct desc d = nw_share(SP1), rq;
	struct ffa_mem_txn t;
	uint16_t me = SP1;
	uint64_t h;

	init(&m);
	v = spmc_fixture_call(&m.f, m.sp1, FFA_FEATURES, args, 2);
	expect_ffa_success(&v, 1u << 2, false);
	cr_assert_eq(v.x[2], 0x6);
	v = spmc_fixture_call(&m.f, m.f.nw, FFA_FEATURES, args, 2);
	cr_assert_eq(v.x[2], 0x6);
	fini(&m);

	init_full(&m, "tf-a:1.2", FFA_VERSION_1_2, FFA_VERSION_1_0);
	v = spmc_fixture_call(&m.f, m.f.nw, FFA_FEATURES, args, 2);
	expect_ffa_error(&v, FFA_NOT_SUPPORTED);
	args[1] = 0;
	v = spmc_fixture_call(&m.f, m.f.nw, FFA_FEATURES, args, 2);
	/* TF-A leaves x1 and x4-x7 as the caller's (probe_regs on TF-A v2.15) */
	expect_ffa_success(&v, 0xf2u, false);
	for (unsigned i = 4; i < 8; i++)
		cr_assert_eq(v.x[i], SPMC_POISON, "x%u kept", i);
	m.sp2->version = FFA_VERSION_1_1;
	v = spmc_fixture_call(&m.f, m.sp2, FFA_FEATURES, args, 2);
	expect_ffa_error(&v, FFA_NOT_SUPPORTED);
	/* The v1.0 partition: no NS bit until it asks. */
	v = send(&m, m.f.nw, FFA_MEM_SHARE_32, &d);
	h = expect_handle(&v);
	rq = retrieve_req(FFA_ID_NS_PHYS, h, 1, &me, FFA_MEM_DATA_RW);
	rq.version = FFA_VERSION_1_0;
	v = retrieve(&m, m.sp1, &rq);
	cr_assert_eq(v.x[0], FFA_MEM_RETRIEVE_RESP);
	parse_rx(&m, m.sp1, (uint32_t)v.x[1], FFA_VERSION_1_0, &t);
	cr_assert_eq(t.attributes & FFA_MEM_ATTR_NS, 0);
	m.sp1->rxtx.rx_full = false;
	expect_ffa_success((v = relinquish(&m, m.sp1, h, 0), &v), 0, false);
	args[1] = SPMC_MEM_RETRIEVE_NS_BIT;
	v = spmc_fixture_call(&m.f, m.sp1, FFA_FEATURES, args, 2);
	expect_ffa_success(&v, 0xf6u, false); /* x1 and x4-x7 kept, as for the normal world */
	cr_assert_eq(v.x[2], SPMC_MEM_RETRIEVE_NS_BIT);
	v = retrieve(&m, m.sp1, &rq);
	cr_assert_eq(v.x[0], FFA_MEM_RETRIEVE_RESP);
	parse_rx(&m, m.sp1, (uint32_t)v.x[1], FFA_VERSION_1_0, &t);
	cr_assert_eq(t.attributes & FFA_MEM_ATTR_NS, FFA_MEM_ATTR_NS);
	fini(&m);
}

#define SP_MODEL 0x8004u

/* The fixture with the `memory` model as partition 0x8004, booted (its buffers mapped). */
static void init_model(struct mem_fixture *m, struct part_memory *pm)
{
	struct spmc_endpoint *ep;

	init(m);
	ep = spmc_fixture_add_sp(&m->f, SP_MODEL, "memory", FFA_PROP_DIRECT_REQ_RECV);
	cr_assert(part_memory_attach(ep, pm, &m->f.spmc.memory));
	cr_assert_eq(spmc_boot(&m->f.spmc), 0, "%s", ep->fail_reason);
	cr_assert(ep->rxtx.mapped, "the model maps its buffers while booting");
	cr_assert_eq(ep->rxtx.tx, SPMC_FIXTURE_SP_MEM(SP_MODEL));
	cr_assert_eq(ep->rxtx.rx, SPMC_FIXTURE_SP_MEM(SP_MODEL) + 0x1000);
}

/* A direct request from the normal world to the model naming a handle. */
static struct ffa_value model_request(struct mem_fixture *m, uint64_t h, uint32_t op, uint32_t tag)
{
	uint64_t args[6] = {
		ffa_msg_ids(FFA_ID_NS_PHYS, SP_MODEL), 0, (uint32_t)h, h >> 32, op, tag};

	return spmc_fixture_call(&m->f, m->f.nw, FFA_MSG_SEND_DIRECT_REQ_32, args, 6);
}

/* The memory model retrieves lent memory, sums it, inverts it, relinquishes it, and answers
 * the sum; the lender reclaims the inverted bytes. */
Test(spmc_mem, model_sums_and_inverts)
{
	struct mem_fixture m;
	static struct part_memory pm;
	struct desc d = nw_lend(SP_MODEL);
	struct ffa_value v;
	uint32_t want = 0;
	uint64_t h;

	init_model(&m, &pm);
	for (unsigned i = 0; i < 0x2000; i++) {
		bytes(&m, NS_MEM + i, 1)[0] = (uint8_t)(i * 7);
		want += (uint8_t)(i * 7);
	}
	d.tag = 99;
	v = send(&m, m.f.nw, FFA_MEM_LEND_32, &d);
	h = expect_handle(&v);
	v = model_request(&m, h, PART_MEMORY_OP_INVERT, 99);
	cr_assert_eq(v.x[0], FFA_MSG_SEND_DIRECT_RESP_32, "0x%llx", (unsigned long long)v.x[0]);
	cr_assert_eq(v.x[1], ffa_msg_ids(SP_MODEL, FFA_ID_NS_PHYS));
	cr_assert_eq(v.x[3], 0, "status %d", (int32_t)(uint32_t)v.x[3]);
	cr_assert_eq(v.x[4], want);
	cr_assert_eq(v.x[5], 2);
	cr_assert_eq(pm.requests, 1);
	/* It relinquished: the lender reclaims and finds the bytes inverted. */
	v = reclaim(&m, m.f.nw, h, 0);
	expect_ffa_success(&v, 0, false);
	cr_assert_eq(bytes(&m, NS_MEM + 5, 1)[0], (uint8_t) ~(uint8_t)(5 * 7));
	/* The model had read-write access only while it held the memory. */
	expect_access(&m, 1, SP_MODEL, NS_MEM, 0x2000, SPMC_MEM_RW);
	expect_access(&m, 2, SP_MODEL, NS_MEM, 0x2000, 0);
	fini(&m);
}

/* The model's refusals: an unknown handle is the SPMC's INVALID_PARAMETERS in w3; read-only
 * memory it is asked to invert is DENIED, and it still relinquishes. A response in fragments
 * is read to the end. */
Test(spmc_mem, model_errors_and_fragments)
{
	struct mem_fixture m;
	static struct part_memory pm;
	static struct ffa_mem_range ranges[300];
	struct desc d = nw_share(SP_MODEL);
	struct ffa_value v;
	uint64_t h;

	init_model(&m, &pm);
	v = model_request(&m, 42, 0, 0);
	cr_assert_eq(v.x[0], FFA_MSG_SEND_DIRECT_RESP_32);
	cr_assert_eq((int32_t)(uint32_t)v.x[3], FFA_INVALID_PARAMETERS);
	cr_assert_eq(v.x[4], 0);

	d.perms[0] = FFA_MEM_DATA_RO;
	v = send(&m, m.f.nw, FFA_MEM_SHARE_32, &d);
	h = expect_handle(&v);
	memset(bytes(&m, NS_MEM, 0x2000), 1, 0x2000);
	v = model_request(&m, h, PART_MEMORY_OP_INVERT, 0);
	cr_assert_eq((int32_t)(uint32_t)v.x[3], FFA_DENIED);
	cr_assert_eq(bytes(&m, NS_MEM, 1)[0], 1, "read-only: nothing written");
	expect_ffa_success((v = reclaim(&m, m.f.nw, h, 0), &v), 0, false);
	v = send(&m, m.f.nw, FFA_MEM_SHARE_32, &d);
	h = expect_handle(&v);
	v = model_request(&m, h, 0, 0);
	cr_assert_eq(v.x[3], 0);
	cr_assert_eq(v.x[4], 0x2000, "0x2000 bytes of 1");
	expect_ffa_success((v = reclaim(&m, m.f.nw, h, 0), &v), 0, false);

	/* 300 constituents: the response comes in two fragments. */
	adjoining_pages(ranges, 300);
	d.ranges = ranges;
	d.range_count = 300;
	h = send_in_two(&m, FFA_MEM_SHARE_32, &d, 4096, &v);
	expect_handle(&v);
	v = model_request(&m, h, 0, 0);
	cr_assert_eq(v.x[3], 0, "status %d", (int32_t)(uint32_t)v.x[3]);
	cr_assert_eq(v.x[5], 300);
	expect_ffa_success((v = reclaim(&m, m.f.nw, h, 0), &v), 0, false);
	fini(&m);
}

/* Sends a hypervisor retrieve request from the normal world: a header naming h and no
 * receivers, `len` bytes (48 for v1.1+). */
static struct ffa_value hyp_retrieve(struct mem_fixture *m, uint64_t h, uint32_t count,
				     uint32_t len)
{
	uint8_t hdr[FFA_MEMDESC_HEADER_SIZE_1_1] = {0};
	uint64_t args[4] = {len, len, 0, 0};

	memcpy(hdr + 8, &h, sizeof(h));
	memcpy(hdr + 28, &count, sizeof(count));
	put_tx(m, m->f.nw, hdr, sizeof(hdr));
	return spmc_fixture_call(&m->f, m->f.nw, FFA_MEM_RETRIEVE_REQ_64, args, 4);
}

/* A hypervisor in the normal world reads a transaction's descriptor (a retrieve request with
 * no receivers, as a pKVM-style proxy does at reclaim): every borrower listed with what the
 * sender gave; in fragments when larger than its RX buffer; no access moves and the borrower
 * still retrieves. OP-TEE does not take it. */
Test(spmc_mem, hypervisor_retrieve)
{
	struct mem_fixture m;
	static struct ffa_mem_range ranges[300];
	static uint8_t whole[SPMC_MEM_DESC_MAX];
	struct desc d = nw_lend(SP1);
	struct ffa_value v;
	struct ffa_mem_txn t;
	uint32_t total, got;
	uint64_t h, args[4];

	init(&m);
	d.receiver_count = 2;
	d.receivers[1] = SP2, d.perms[1] = FFA_MEM_DATA_RO;
	d.attributes = NORMAL_WB_INNER; /* a lend to several borrowers names its memory type */
	d.tag = 5;
	v = send(&m, m.f.nw, FFA_MEM_LEND_64, &d);
	h = expect_handle(&v);
	m.log_count = 0;
	expect_ffa_error((v = hyp_retrieve(&m, h, 1, 48), &v), FFA_INVALID_PARAMETERS);
	expect_ffa_error((v = hyp_retrieve(&m, h + 1, 0, 48), &v), FFA_INVALID_PARAMETERS);
	expect_ffa_error((v = hyp_retrieve(&m, h, 0, 40), &v), FFA_INVALID_PARAMETERS);
	v = hyp_retrieve(&m, h, 0, 48);
	cr_assert_eq(v.x[0], FFA_MEM_RETRIEVE_RESP);
	cr_assert_eq(v.x[1], v.x[2]);
	parse_rx(&m, m.f.nw, (uint32_t)v.x[1], FFA_VERSION_1_2, &t);
	cr_assert_eq(t.handle, h);
	cr_assert_eq(t.tag, 5);
	cr_assert_eq(t.receiver_count, 2);
	cr_assert_eq(t.receivers[0].perms, FFA_MEM_DATA_RW);
	cr_assert_eq(t.receivers[1].perms, FFA_MEM_DATA_RO);
	cr_assert_eq(t.flags & FFA_MEM_FLAG_TYPE_MASK, FFA_MEM_FLAG_TYPE_LEND);
	cr_assert_eq(m.log_count, 0, "reading the descriptor moves no access");
	m.f.nw->rxtx.rx_full = false;
	expect_ffa_success((v = reclaim(&m, m.f.nw, h, 0), &v), 0, false);

	/* 300 constituents: in fragments, as endpoint 0. */
	adjoining_pages(ranges, 300);
	d = nw_share(SP1);
	d.ranges = ranges;
	d.range_count = 300;
	h = send_in_two(&m, FFA_MEM_SHARE_32, &d, 4096, &v);
	expect_handle(&v);
	v = hyp_retrieve(&m, h, 0, 48);
	cr_assert_eq(v.x[0], FFA_MEM_RETRIEVE_RESP);
	total = (uint32_t)v.x[1], got = (uint32_t)v.x[2];
	cr_assert_lt(got, total);
	memcpy(whole, bytes(&m, NS_RX, got), got);
	while (got < total) {
		m.f.nw->rxtx.rx_full = false;
		args[2] = got;
		v = spmc_fixture_call(&m.f, m.f.nw, FFA_MEM_FRAG_RX, args, 4);
		cr_assert_eq(v.x[0], FFA_MEM_FRAG_TX);
		memcpy(whole + got, bytes(&m, NS_RX, v.x[3]), v.x[3]);
		got += (uint32_t)v.x[3];
	}
	cr_assert_eq(ffa_memdesc_parse(whole, total, FFA_VERSION_1_2, &t,
				       &(struct ffa_memdesc_fault){0}),
		     FFA_OK);
	cr_assert_eq(t.range_count, 300);
	m.f.nw->rxtx.rx_full = false;
	retrieve_ok(&m, m.sp1, FFA_ID_NS_PHYS, h);
	fini(&m);

	init_as(&m, "optee:1.2");
	d = nw_share(SP1);
	v = send(&m, m.f.nw, FFA_MEM_SHARE_32, &d);
	h = expect_handle(&v);
	expect_ffa_error((v = hyp_retrieve(&m, h, 0, 48), &v), FFA_NOT_SUPPORTED);
	fini(&m);
}

/* A first fragment that ends at the composite, holding no constituent: Hafnium refuses the
 * descriptor when its last fragment arrives (and the handle ends), TF-A takes it. */
Test(spmc_mem, first_fragment_without_constituent)
{
	static const char *const spmcs[] = {"hafnium:1.2", "tf-a:1.2"};

	for (unsigned k = 0; k < 2; k++) {
		struct mem_fixture m;
		struct desc d = nw_share(SP1);
		uint32_t first = FFA_MEMDESC_HEADER_SIZE_1_1 + FFA_MEMDESC_RECEIVER_SIZE_1_2 +
				 FFA_MEMDESC_COMPOSITE_SIZE;
		struct ffa_value v;
		uint64_t h;

		init_as(&m, spmcs[k]);
		h = send_in_two(&m, FFA_MEM_SHARE_64, &d, first, &v);
		if (k == 0) {
			expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
			expect_ffa_error((v = reclaim(&m, m.f.nw, h, 0), &v),
					 FFA_INVALID_PARAMETERS);
		} else {
			cr_assert_eq(expect_handle(&v), h);
		}
		fini(&m);
	}
}

/*
 * The single borrower of a lend must name its instruction access under Hafnium
 * (INVALID_PARAMETERS); TF-A's EL3 SPMC and OP-TEE do not check it and grant NX.
 */
Test(spmc_mem, single_borrower_instruction_access)
{
	static const char *const spmcs[] = {"hafnium:1.2", "tf-a:1.2", "optee:1.2"};

	for (unsigned i = 0; i < 3; i++) {
		struct mem_fixture m;
		struct desc d = nw_lend(SP1), rq;
		struct ffa_value v;
		uint16_t me = SP1;
		uint64_t h;

		init_as(&m, spmcs[i]);
		v = send(&m, m.f.nw, FFA_MEM_LEND_64, &d);
		h = expect_handle(&v);
		rq = retrieve_req(FFA_ID_NS_PHYS, h, 1, &me, FFA_MEM_DATA_RW);
		v = retrieve(&m, m.sp1, &rq);
		if (i == 0) {
			expect_ffa_error(&v, FFA_INVALID_PARAMETERS);
		} else {
			struct ffa_mem_txn t;

			cr_assert_eq(v.x[0], FFA_MEM_RETRIEVE_RESP, "%s: 0x%llx w2 %lld", spmcs[i],
				     (unsigned long long)v.x[0], (long long)(int32_t)v.x[2]);
			parse_rx(&m, m.sp1, (uint32_t)v.x[1], FFA_VERSION_1_2, &t);
			cr_expect_eq(t.receivers[0].perms, FFA_MEM_DATA_RW | FFA_MEM_INSN_NX,
				     "%s: 0x%x", spmcs[i], t.receivers[0].perms);
		}
		fini(&m);
	}
}
