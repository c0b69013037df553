/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Runs from flash and writes to data that lives in flash, as boot loaders write their .data
 * before they relocate to RAM. QEMU's virt flash (pflash_cfi01, -bios) in read-array mode
 * takes such writes as commands it does not know: nothing changes and nothing faults; reads
 * give the image's values. The written low bytes (0x01, 0x02, 0x03) are not CFI commands. Ends
 * with PSCI SYSTEM_OFF (SMC), which the simulator's firmware answers; the result line is what
 * a run under QEMU prints too.
 */
#include <sdk/sdk.h>
#include <sdk/psci.h>

/* Data kept in flash: a read-only output section holds it, as the image lays it out. */
__attribute__((section(".rodata.flash_data"), used)) volatile uint32_t flash_word = 0x600df00du;
__attribute__((section(".rodata.flash_data"), used)) volatile uint64_t flash_pair[2] = {
	0x1111111111111111ull, 0x2222222222222222ull};
__attribute__((section(".rodata.flash_data"), used)) volatile uint8_t flash_byte = 0x5a;

/* Reads in a function of their own, as code after a store reads data in other blocks. */
__attribute__((noinline)) static uint64_t read_back(void)
{
	return (uint64_t)flash_word ^ flash_pair[0] ^ flash_pair[1] ^ flash_byte;
}

__attribute__((noinline)) static void write_all(void)
{
	flash_word = 0x12345601u;
	flash_pair[0] = 0xabcdef0102030402ull;
	flash_pair[1] = 0xabcdef0102030403ull;
	flash_byte = 0x01;
}

int main(void)
{
	uint64_t before = read_back();

	sdk_printf("flash data at %p\n", (void *)&flash_word);
	write_all();
	sdk_printf("flash word 0x%x, pair 0x%llx 0x%llx, byte 0x%x: %s\n", flash_word,
		   (unsigned long long)flash_pair[0], (unsigned long long)flash_pair[1], flash_byte,
		   read_back() == before ? "unchanged" : "CHANGED");
	sdk_psci_system_off();
	return 1;
}
