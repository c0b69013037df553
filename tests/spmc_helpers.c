/* SPDX-License-Identifier: BSD-3-Clause */
#include "spmc_helpers.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "abi/ids.h"
#include "abi/msghdr.h"

void spmc_fixture_init(struct spmc_fixture *f, const char *spmc_spec)
{
	struct spmc_config cfg;
	struct spmc_guest_mem mem;
	struct spmc_console con;
	struct diag err;

	memset(f, 0, sizeof(*f));
	fake_memory_init(&f->memory);
	mem = fake_memory_guest(&f->memory);
	f->console_out = open_memstream(&f->console_buf, &f->console_len);
	cr_assert_not_null(f->console_out);
	emu_console_init(&f->console, f->console_out);
	con = sim_spmc_console(&f->lines, &f->console);
	cr_assert(spmc_config_parse(spmc_spec, &cfg, &err), "%s", err.msg);
	spmc_init(&f->spmc, &cfg, &mem, &con);
	f->nw = spmc_add_endpoint(&f->spmc, FFA_ID_NS_PHYS, "host", false);
	cr_assert_not_null(f->nw);
}

void spmc_fixture_fini(struct spmc_fixture *f)
{
	fake_memory_fini(&f->memory);
	emu_console_fini(&f->console);
	fclose(f->console_out);
	free(f->console_buf);
}

struct spmc_endpoint *spmc_fixture_add_sp(struct spmc_fixture *f, uint16_t id, const char *name,
					  uint32_t props)
{
	struct spmc_endpoint *ep = spmc_add_endpoint(&f->spmc, id, name, true);

	cr_assert_not_null(ep, "cannot add partition 0x%x", id);
	ep->props = props;
	ep->version = FFA_VERSION_1_2;
	ep->version_set = true;
	cr_assert_eq(spmc_mem_owner_add(&ep->mem, SPMC_FIXTURE_SP_MEM(id), SPMC_FIXTURE_SP_MEM_SIZE,
					SPMC_MEM_RW),
		     SPMC_MEM_OK);
	return ep;
}

const char *spmc_fixture_console(struct spmc_fixture *f)
{
	fflush(f->console_out);
	return f->console_buf != NULL ? f->console_buf : "";
}

struct ffa_value spmc_fixture_call(struct spmc_fixture *f, struct spmc_endpoint *from, uint32_t fid,
				   const uint64_t *args, unsigned count)
{
	struct ffa_value in;

	in.x[0] = fid;
	for (unsigned i = 1; i < FFA_REG_COUNT; i++)
		in.x[i] = i - 1 < count ? args[i - 1] : SPMC_POISON;
	return spmc_call(&f->spmc, from, &in, &f->rule_version);
}

struct ffa_value spmc_fixture_call1(struct spmc_fixture *f, struct spmc_endpoint *from,
				    uint32_t fid, uint64_t x1)
{
	return spmc_fixture_call(f, from, fid, &x1, 1);
}

const char *ffa_value_format(const struct ffa_value *v, char *buf, size_t size)
{
	char name[64];
	size_t n = 0;

	n += (size_t)snprintf(buf + n, size - n, "%s",
			      ffa_fid_describe((uint32_t)v->x[0], name, sizeof(name)));
	for (unsigned i = 0; i < FFA_REG_COUNT && n < size; i++)
		n += (size_t)snprintf(buf + n, size - n, "%sx%u=0x%llx", i % 6 == 0 ? "\n  " : " ",
				      i, (unsigned long long)v->x[i]);
	return buf;
}

void expect_ffa_success(const struct ffa_value *v, uint32_t used, bool smc64)
{
	char buf[1024];

	cr_assert_eq(v->x[0], smc64 ? FFA_SUCCESS_64 : FFA_SUCCESS_32, "not FFA_SUCCESS: %s",
		     ffa_value_format(v, buf, sizeof(buf)));
	for (unsigned i = 1; i < FFA_REG_COUNT; i++) {
		if (!(used & (1u << i)))
			cr_assert_eq(v->x[i], 0, "x%u must be zero: %s", i,
				     ffa_value_format(v, buf, sizeof(buf)));
	}
}

void expect_ffa_error(const struct ffa_value *v, int32_t code)
{
	char buf[1024];

	cr_assert_eq(v->x[0], FFA_ERROR_32, "not FFA_ERROR %s: %s", ffa_error_name(code),
		     ffa_value_format(v, buf, sizeof(buf)));
	/* The code as a 32-bit value, zero-extended, or sign-extended as TF-A's EL3 SPMC writes
	 * it (the personality's own tests check which). */
	cr_assert(v->x[2] == (uint32_t)code || v->x[2] == (uint64_t)(int64_t)code,
		  "error %lld, expected %s: %s", (long long)(int32_t)(uint32_t)v->x[2],
		  ffa_error_name(code), ffa_value_format(v, buf, sizeof(buf)));
	cr_assert_eq(v->x[1], 0, "x1 must be zero: %s", ffa_value_format(v, buf, sizeof(buf)));
	for (unsigned i = 3; i < FFA_REG_COUNT; i++)
		cr_assert_eq(v->x[i], 0, "x%u must be zero: %s", i,
			     ffa_value_format(v, buf, sizeof(buf)));
}

void expect_ffa_version(const struct ffa_value *v, uint64_t w0)
{
	char buf[1024];

	cr_assert_eq(v->x[0], w0, "FFA_VERSION answered 0x%llx, expected 0x%llx: %s",
		     (unsigned long long)v->x[0], (unsigned long long)w0,
		     ffa_value_format(v, buf, sizeof(buf)));
	for (unsigned i = 1; i < FFA_REG_COUNT; i++)
		cr_assert_eq(v->x[i], 0, "x%u must be zero: %s", i,
			     ffa_value_format(v, buf, sizeof(buf)));
}

void spmc_fixture_map(struct spmc_fixture *f, struct spmc_endpoint *ep, uint64_t tx, uint64_t rx)
{
	uint64_t args[3] = {tx, rx, 1};
	struct ffa_value v = spmc_fixture_call(f, ep, FFA_RXTX_MAP_64, args, 3);

	cr_assert_eq((uint32_t)v.x[0], FFA_SUCCESS_32, "FFA_RXTX_MAP_64 of 0x%x", ep->id);
}

void spmc_fixture_put_msg(struct spmc_fixture *f, uint64_t tx, uint16_t sender, uint16_t receiver,
			  const void *payload, uint32_t len)
{
	uint8_t *p = fake_memory_ptr(&f->memory, tx, FFA_RXTX_PAGE_SIZE);
	struct ffa_msg_hdr hdr;

	ffa_msg_hdr_init(&hdr, FFA_VERSION_1_2, sender, receiver, len, NULL);
	memset(p, 0xa5, FFA_RXTX_PAGE_SIZE);
	ffa_msg_hdr_write(p, &hdr, true);
	cr_assert_leq(hdr.offset + len, FFA_RXTX_PAGE_SIZE);
	memcpy(p + hdr.offset, payload, len);
}

struct ffa_value spmc_fixture_send2(struct spmc_fixture *f, struct spmc_endpoint *from, uint32_t w1,
				    uint32_t flags)
{
	uint64_t args[2] = {w1, flags};

	return spmc_fixture_call(f, from, FFA_MSG_SEND2, args, 2);
}

void spmc_fixture_expect_msg(struct spmc_fixture *f, uint64_t rx, uint16_t sender,
			     uint16_t receiver, const void *payload, uint32_t len)
{
	const uint8_t *p = fake_memory_ptr(&f->memory, rx, FFA_RXTX_PAGE_SIZE);
	struct ffa_msg_hdr hdr;

	cr_assert(ffa_msg_hdr_read(p, FFA_RXTX_PAGE_SIZE, &hdr));
	cr_expect_eq(hdr.sender, sender);
	cr_expect_eq(hdr.receiver, receiver);
	cr_expect_eq(hdr.size, len);
	cr_assert_leq(hdr.offset + len, FFA_RXTX_PAGE_SIZE);
	cr_expect_eq(memcmp(p + hdr.offset, payload, len), 0, "payload copied");
}
