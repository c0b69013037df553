/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The GDB remote serial protocol's packet layer (sim/gdb_packets.c): framing ($data#cs),
 * checksums, the '}' escape, acknowledgements and the interrupt byte, hex, register encoding
 * and the aarch64 target description. Plain functions over bytes: the server (sim/gdb.c) owns
 * the socket.
 */
#ifndef SIM_GDB_PACKETS_H
#define SIM_GDB_PACKETS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The largest packet body taken or sent (qSupported's PacketSize, in hex). */
#define SIM_GDB_PACKET_MAX 0x4000u

/* What a byte fed to the reader completed. */
enum sim_gdb_event {
	SIM_GDB_NONE,         /* nothing yet */
	SIM_GDB_PACKET,       /* a packet with a good checksum: its body, unescaped, is in buf */
	SIM_GDB_BAD_CHECKSUM, /* a packet whose checksum is wrong: answer '-' */
	SIM_GDB_OVERSIZE,     /* a packet longer than SIM_GDB_PACKET_MAX: dropped, answer '-' */
	SIM_GDB_INTERRUPT,    /* 0x03 outside a packet (Ctrl-C) */
	SIM_GDB_ACK,          /* '+' */
	SIM_GDB_NACK          /* '-': send the last packet again */
};

/* The reader's state: zero it to start. */
struct sim_gdb_reader {
	int state; /* 0: between packets, 1: body, 2: after '}', 3-4: checksum digits */
	char buf[SIM_GDB_PACKET_MAX + 1];
	size_t len;
	uint8_t sum;    /* of the body's bytes as sent */
	uint8_t given;  /* the checksum the packet gives */
	bool overflow;  /* the body did not fit */
	bool bad_digit; /* a checksum digit was not hex */
};

/* Feeds one byte; returns what it completed. Any byte sequence is safe. */
enum sim_gdb_event sim_gdb_reader_feed(struct sim_gdb_reader *r, uint8_t byte);

/* The protocol's checksum: the sum of the bytes modulo 256. */
uint8_t sim_gdb_checksum(const char *data, size_t len);

/*
 * Frames a packet body: "$" + body with '$', '#', '}' and '*' escaped + "#" + two hex digits.
 * Returns the frame's length, or 0 when it does not fit in cap bytes (a NUL is added).
 */
size_t sim_gdb_frame(const char *body, size_t len, char *out, size_t cap);

/* Lower-case hex of size bytes into out (2 * size chars and a NUL). */
void sim_gdb_hex_encode(const void *data, size_t size, char *out);

/* Decodes 2 * size hex digits into out. False when a character is not a hex digit. */
bool sim_gdb_hex_decode(const char *text, size_t size, void *out);

/*
 * Parses a hex number at *p (at least one digit, at most 16) and moves *p past it. False when
 * there is none or it is too long.
 */
bool sim_gdb_parse_hex(const char **p, uint64_t *value);

/* A register's value as gdb sends it: size bytes, little-endian, in hex (2 * size chars). */
void sim_gdb_reg_encode(uint64_t value, unsigned size, char *out);

/* Decodes a register of size bytes (little-endian hex). False on a bad digit. */
bool sim_gdb_reg_decode(const char *text, unsigned size, uint64_t *value);

/* The size in bytes of register n (EMU_DEBUG_REG_*: cpsr is 4, the others 8), 0 if none. */
unsigned sim_gdb_reg_size(unsigned n);

/* The target description (qXfer:features:read:target.xml): a NUL-terminated document. */
const char *sim_gdb_target_xml(void);

/*
 * A qXfer read's answer for offset and length of a document of size bytes: "l" + the rest when
 * it ends there, "m" + a part otherwise. Returns the answer's length (0 when cap is too small).
 */
size_t sim_gdb_xfer(const char *doc, size_t size, uint64_t offset, uint64_t length, char *out,
		    size_t cap);

#endif
