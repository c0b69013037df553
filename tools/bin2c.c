/* SPDX-License-Identifier: BSD-3-Clause */
/* Build helper: turns a file into a C array, so that the ffa-sim binary carries its demo guest. */
#include <stdio.h>

int main(int argc, char **argv)
{
	FILE *in, *out;
	int c;
	unsigned long n = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: bin2c INPUT OUTPUT.c SYMBOL\n");
		return 2;
	}
	in = fopen(argv[1], "rb");
	out = fopen(argv[2], "w");
	if (in == NULL || out == NULL) {
		perror("bin2c");
		return 1;
	}
	fprintf(out, "/* SPDX-License-Identifier: BSD-3-Clause */\n#include <stddef.h>\n");
	fprintf(out, "const unsigned char %s[] = {", argv[3]);
	while ((c = fgetc(in)) != EOF)
		fprintf(out, "%s0x%02x,", n++ % 16 == 0 ? "\n\t" : " ", c);
	fprintf(out, "\n};\nconst size_t %s_size = %lu;\n", argv[3], n);
	fclose(in);
	return fclose(out) == 0 ? 0 : 1;
}
