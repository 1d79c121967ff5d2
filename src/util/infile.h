/*
 * infile.h - opening an input file named by the user.
 */
#ifndef SY_INFILE_H
#define SY_INFILE_H

#include <stdio.h>

#include "util/err.h"

/* Opens path for reading. NULL with e set: SY_EINPUT when path is a folder
 * ("give a file"), SY_EIO when it cannot be opened. */
FILE *fopen_input(const char *path, struct err *e);

#endif
