/*
 * assets.h - the static files of the web application, compiled into the binary.
 *
 * The table is generated at make time by scripts/embed-assets from the fixed list
 * in web/assets.list (web/ sources and the dist files of leaflet,
 * leaflet.markercluster and echarts). No URL ever maps to the filesystem: a path
 * is either in this table or it does not exist.
 */
#ifndef SY_SERVER_ASSETS_H
#define SY_SERVER_ASSETS_H

#include <stddef.h>

struct asset {
    const char *path;          /* URL path, e.g. "/index.html" */
    const char *mime;          /* Content-Type, with charset for text */
    const unsigned char *data; /* the file's bytes (borrowed, static) */
    size_t len;
};

/*
 * Returns the asset served at PATH (the URL path without query string; "/"
 * serves "/index.html"), or NULL when there is none. The result is borrowed
 * and static.
 */
const struct asset *asset_find(const char *path);

#endif
