/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The GDB remote serial protocol's packet layer (include/sim/gdb_packets.h), as GDB's manual
 * ("Remote Protocol", "Overview") describes it: "$" body "#" two-digit checksum, '}' escaping
 * the next byte XOR 0x20, '+'/'-' acknowledgements and 0x03 as the interrupt. This side never
 * sends run-length encoding.
 */
#include <stdio.h>
#include <string.h>

#include "sim/gdb_packets.h"

#include "emu/debug.h"

enum { READ_IDLE, READ_BODY, READ_ESCAPE, READ_SUM1, READ_SUM2 };

static int hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static void reader_put(struct sim_gdb_reader *r, char c)
{
	if (r->len < SIM_GDB_PACKET_MAX)
		r->buf[r->len++] = c;
	else
		r->overflow = true;
}

enum sim_gdb_event sim_gdb_reader_feed(struct sim_gdb_reader *r, uint8_t byte)
{
	int d;

	switch (r->state) {
	case READ_IDLE:
		if (byte == '$') {
			r->state = READ_BODY;
			r->len = 0;
			r->sum = 0;
			r->overflow = false;
			r->bad_digit = false;
			return SIM_GDB_NONE;
		}
		if (byte == 0x03)
			return SIM_GDB_INTERRUPT;
		if (byte == '+')
			return SIM_GDB_ACK;
		if (byte == '-')
			return SIM_GDB_NACK;
		return SIM_GDB_NONE; /* noise between packets is ignored */
	case READ_BODY:
		if (byte == '#') {
			r->state = READ_SUM1;
			return SIM_GDB_NONE;
		}
		r->sum = (uint8_t)(r->sum + byte);
		if (byte == '}')
			r->state = READ_ESCAPE;
		else if (byte == '$') {
			/* A new packet starts before this one ended: this one is dropped. */
			r->len = 0;
			r->sum = 0;
			r->overflow = false;
		} else
			reader_put(r, (char)byte);
		return SIM_GDB_NONE;
	case READ_ESCAPE:
		r->sum = (uint8_t)(r->sum + byte);
		reader_put(r, (char)(byte ^ 0x20));
		r->state = READ_BODY;
		return SIM_GDB_NONE;
	case READ_SUM1:
		d = hex_digit(byte);
		r->bad_digit = d < 0;
		r->given = (uint8_t)((d < 0 ? 0 : d) << 4);
		r->state = READ_SUM2;
		return SIM_GDB_NONE;
	default:
		d = hex_digit(byte);
		r->state = READ_IDLE;
		if (d < 0 || r->bad_digit)
			return SIM_GDB_BAD_CHECKSUM;
		r->given = (uint8_t)(r->given | d);
		if (r->overflow)
			return SIM_GDB_OVERSIZE;
		if (r->given != r->sum)
			return SIM_GDB_BAD_CHECKSUM;
		r->buf[r->len] = '\0';
		return SIM_GDB_PACKET;
	}
}

uint8_t sim_gdb_checksum(const char *data, size_t len)
{
	uint8_t sum = 0;

	for (size_t i = 0; i < len; i++)
		sum = (uint8_t)(sum + (uint8_t)data[i]);
	return sum;
}

size_t sim_gdb_frame(const char *body, size_t len, char *out, size_t cap)
{
	size_t n = 0;
	uint8_t sum = 0;

	if (cap < 5)
		return 0;
	out[n++] = '$';
	for (size_t i = 0; i < len; i++) {
		char c = body[i];
		bool esc = c == '$' || c == '#' || c == '}' || c == '*';

		if (n + (esc ? 2 : 1) + 4 > cap)
			return 0;
		if (esc) {
			out[n++] = '}';
			sum = (uint8_t)(sum + '}');
			c = (char)(c ^ 0x20);
		}
		out[n++] = c;
		sum = (uint8_t)(sum + (uint8_t)c);
	}
	snprintf(out + n, cap - n, "#%02x", sum);
	return n + 3;
}

void sim_gdb_hex_encode(const void *data, size_t size, char *out)
{
	static const char digits[] = "0123456789abcdef";
	const uint8_t *in = data;

	for (size_t i = 0; i < size; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
	out[2 * size] = '\0';
}

bool sim_gdb_hex_decode(const char *text, size_t size, void *out)
{
	uint8_t *o = out;

	for (size_t i = 0; i < size; i++) {
		int hi = hex_digit((unsigned char)text[2 * i]);
		int lo = hi < 0 ? -1 : hex_digit((unsigned char)text[2 * i + 1]);

		if (lo < 0)
			return false;
		o[i] = (uint8_t)(hi << 4 | lo);
	}
	return true;
}

bool sim_gdb_parse_hex(const char **p, uint64_t *value)
{
	const char *s = *p;
	uint64_t v = 0;
	unsigned n = 0;
	int d;

	while ((d = hex_digit((unsigned char)*s)) >= 0) {
		if (++n > 16)
			return false;
		v = v << 4 | (uint64_t)d;
		s++;
	}
	if (n == 0)
		return false;
	*p = s;
	*value = v;
	return true;
}

void sim_gdb_reg_encode(uint64_t value, unsigned size, char *out)
{
	uint8_t bytes[8];

	for (unsigned i = 0; i < size && i < 8; i++)
		bytes[i] = (uint8_t)(value >> (8 * i));
	sim_gdb_hex_encode(bytes, size, out);
}

bool sim_gdb_reg_decode(const char *text, unsigned size, uint64_t *value)
{
	uint8_t bytes[8];
	uint64_t v = 0;

	if (size > 8 || !sim_gdb_hex_decode(text, size, bytes))
		return false;
	for (unsigned i = 0; i < size; i++)
		v |= (uint64_t)bytes[i] << (8 * i);
	*value = v;
	return true;
}

unsigned sim_gdb_reg_size(unsigned n)
{
	if (n == EMU_DEBUG_REG_CPSR || n == EMU_DEBUG_REG_FPSR || n == EMU_DEBUG_REG_FPCR)
		return 4;
	if (n >= EMU_DEBUG_REG_V0 && n < EMU_DEBUG_REG_FPSR)
		return 16;
	return n < EMU_DEBUG_REG_COUNT ? 8 : 0;
}

/*
 * GDB's aarch64 core feature (x0-x30, sp, pc, cpsr: gdb/features/aarch64-core.xml names them)
 * the system registers the stub shows in a feature of ffa-sim's own (CurrentEL read-only), and
 * GDB's aarch64 floating-point feature (v0-v31, fpsr, fpcr: GDB derives q, d, s, h and b from
 * the v registers), whose vector views are the union types below.
 */
static const char target_xml[] =
	"<?xml version=\"1.0\"?>\n"
	"<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
	"<target version=\"1.0\">\n"
	"<architecture>aarch64</architecture>\n"
	"<feature name=\"org.gnu.gdb.aarch64.core\">\n"
	"<reg name=\"x0\" bitsize=\"64\" regnum=\"0\"/>\n"
	"<reg name=\"x1\" bitsize=\"64\"/>\n<reg name=\"x2\" bitsize=\"64\"/>\n"
	"<reg name=\"x3\" bitsize=\"64\"/>\n<reg name=\"x4\" bitsize=\"64\"/>\n"
	"<reg name=\"x5\" bitsize=\"64\"/>\n<reg name=\"x6\" bitsize=\"64\"/>\n"
	"<reg name=\"x7\" bitsize=\"64\"/>\n<reg name=\"x8\" bitsize=\"64\"/>\n"
	"<reg name=\"x9\" bitsize=\"64\"/>\n<reg name=\"x10\" bitsize=\"64\"/>\n"
	"<reg name=\"x11\" bitsize=\"64\"/>\n<reg name=\"x12\" bitsize=\"64\"/>\n"
	"<reg name=\"x13\" bitsize=\"64\"/>\n<reg name=\"x14\" bitsize=\"64\"/>\n"
	"<reg name=\"x15\" bitsize=\"64\"/>\n<reg name=\"x16\" bitsize=\"64\"/>\n"
	"<reg name=\"x17\" bitsize=\"64\"/>\n<reg name=\"x18\" bitsize=\"64\"/>\n"
	"<reg name=\"x19\" bitsize=\"64\"/>\n<reg name=\"x20\" bitsize=\"64\"/>\n"
	"<reg name=\"x21\" bitsize=\"64\"/>\n<reg name=\"x22\" bitsize=\"64\"/>\n"
	"<reg name=\"x23\" bitsize=\"64\"/>\n<reg name=\"x24\" bitsize=\"64\"/>\n"
	"<reg name=\"x25\" bitsize=\"64\"/>\n<reg name=\"x26\" bitsize=\"64\"/>\n"
	"<reg name=\"x27\" bitsize=\"64\"/>\n<reg name=\"x28\" bitsize=\"64\"/>\n"
	"<reg name=\"x29\" bitsize=\"64\"/>\n<reg name=\"x30\" bitsize=\"64\"/>\n"
	"<reg name=\"sp\" bitsize=\"64\" type=\"data_ptr\"/>\n"
	"<reg name=\"pc\" bitsize=\"64\" type=\"code_ptr\"/>\n"
	"<reg name=\"cpsr\" bitsize=\"32\"/>\n"
	"</feature>\n"
	"<feature name=\"org.ffa-sim.aarch64.system\">\n"
	"<reg name=\"currentel\" bitsize=\"64\" regnum=\"34\" group=\"system\"/>\n"
	"<reg name=\"elr_el1\" bitsize=\"64\" type=\"code_ptr\" group=\"system\"/>\n"
	"<reg name=\"spsr_el1\" bitsize=\"64\" group=\"system\"/>\n"
	"<reg name=\"esr_el1\" bitsize=\"64\" group=\"system\"/>\n"
	"<reg name=\"far_el1\" bitsize=\"64\" group=\"system\"/>\n"
	"<reg name=\"vbar_el1\" bitsize=\"64\" group=\"system\"/>\n"
	"<reg name=\"sctlr_el1\" bitsize=\"64\" group=\"system\"/>\n"
	"<reg name=\"tcr_el1\" bitsize=\"64\" group=\"system\"/>\n"
	"<reg name=\"ttbr0_el1\" bitsize=\"64\" group=\"system\"/>\n"
	"<reg name=\"ttbr1_el1\" bitsize=\"64\" group=\"system\"/>\n"
	"<reg name=\"mair_el1\" bitsize=\"64\" group=\"system\"/>\n"
	"<reg name=\"sp_el0\" bitsize=\"64\" group=\"system\"/>\n"
	"</feature>\n"
	"<feature name=\"org.gnu.gdb.aarch64.fpu\">\n"
	"<vector id=\"v2d\" type=\"ieee_double\" count=\"2\"/>\n"
	"<vector id=\"v2u\" type=\"uint64\" count=\"2\"/>\n"
	"<vector id=\"v4f\" type=\"ieee_single\" count=\"4\"/>\n"
	"<vector id=\"v4u\" type=\"uint32\" count=\"4\"/>\n"
	"<vector id=\"v8u\" type=\"uint16\" count=\"8\"/>\n"
	"<vector id=\"v16u\" type=\"uint8\" count=\"16\"/>\n"
	"<union id=\"vnd\"><field name=\"f\" type=\"v2d\"/><field name=\"u\" "
	"type=\"v2u\"/></union>\n"
	"<union id=\"vns\"><field name=\"f\" type=\"v4f\"/><field name=\"u\" "
	"type=\"v4u\"/></union>\n"
	"<union id=\"vnh\"><field name=\"u\" type=\"v8u\"/></union>\n"
	"<union id=\"vnb\"><field name=\"u\" type=\"v16u\"/></union>\n"
	"<union id=\"vnq\"><field name=\"u\" type=\"uint128\"/></union>\n"
	"<union id=\"aarch64v\"><field name=\"d\" type=\"vnd\"/><field name=\"s\" "
	"type=\"vns\"/><field name=\"h\" type=\"vnh\"/><field name=\"b\" "
	"type=\"vnb\"/><field name=\"q\" type=\"vnq\"/></union>\n"
	"<reg name=\"v0\" bitsize=\"128\" type=\"aarch64v\" regnum=\"46\"/>\n"
	"<reg name=\"v1\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v2\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v3\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v4\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v5\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v6\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v7\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v8\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v9\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v10\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v11\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v12\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v13\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v14\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v15\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v16\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v17\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v18\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v19\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v20\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v21\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v22\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v23\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v24\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v25\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v26\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v27\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v28\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v29\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v30\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"v31\" bitsize=\"128\" type=\"aarch64v\"/>\n"
	"<reg name=\"fpsr\" bitsize=\"32\"/>\n"
	"<reg name=\"fpcr\" bitsize=\"32\"/>\n"
	"</feature>\n"
	"</target>\n";

const char *sim_gdb_target_xml(void)
{
	return target_xml;
}

size_t sim_gdb_xfer(const char *doc, size_t size, uint64_t offset, uint64_t length, char *out,
		    size_t cap)
{
	size_t n;

	if (cap < 2)
		return 0;
	if (offset >= size) {
		out[0] = 'l';
		out[1] = '\0';
		return 1;
	}
	n = size - (size_t)offset;
	if (n > length)
		n = (size_t)length;
	if (n + 2 > cap)
		n = cap - 2;
	out[0] = offset + n >= size ? 'l' : 'm';
	memcpy(out + 1, doc + offset, n);
	out[n + 1] = '\0';
	return n + 1;
}
