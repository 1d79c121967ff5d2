/*
 * infile.c - opening an input file named by the user (see infile.h).
 */
#include "util/infile.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

FILE *fopen_input(const char *path, struct err *e)
{
    struct stat st;
    FILE *f;

    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        err_set(e, SY_EINPUT, "%s is a folder; give a file", path);
        return NULL;
    }
    f = fopen(path, "rb");
    if (!f)
        err_set(e, SY_EIO, "cannot open %s: %s", path, strerror(errno));
    return f;
}
