/* SPDX-License-Identifier: BSD-3-Clause */
/* Reads lines from the UART and echoes them back; "quit" ends with status 5. */
#include <sdk/sdk.h>

#define LINE_MAX 128

int main(void)
{
	char line[LINE_MAX];

	for (;;) {
		size_t len = 0;
		int c;

		sdk_printf("> ");
		while ((c = sdk_uart_getc()) != '\n') {
			/* A terminal sends "\r\n" or "\r": ignore the carriage return. */
			if (c == '\r')
				continue;
			if (len + 1 < sizeof(line))
				line[len++] = (char)c;
		}
		line[len] = '\0';
		sdk_printf("got: %s\n", line);
		if (strcmp(line, "quit") == 0) {
			sdk_printf("bye\n");
			return 5;
		}
	}
}
