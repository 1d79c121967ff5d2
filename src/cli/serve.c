/*
 * serve.c - symbiose serve [--listen HOST:PORT] [--tiles URL]: the web
 * application and its JSON API (src/server/).
 */
#include "cli/util.h"
#include "server/server.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/i18n.h"

static const char serve_usage[] =
    N_("usage: symbiose serve [--listen 127.0.0.1:8080] [--tiles URL] [--threads N]\n"
       "\n"
       "Serves the web application and its JSON API (docs/api.md) on the database of\n"
       "--db until Ctrl-C (SIGINT) or SIGTERM, then stops cleanly. --listen HOST:0 takes\n"
       "a free port; the address is printed as \"listening on http://HOST:PORT\".\n"
       "\n"
       "  --listen A:P   numeric IPv4 address and port (127.0.0.1:8080)\n"
       "  --tiles URL    map tiles, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png;\n"
       "                 without, the map draws the communes over a plain background\n"
       "                 (works offline)\n"
       "  --threads N    request threads (4)\n");

int cmd_serve(struct cli *c, int argc, char **argv)
{
    struct server_opts o;
    static char host[64];
    const char *listen = "127.0.0.1:8080", *v, *colon;
    char *end;
    long port;
    int got;

    if (cli_wants_help(argc, argv)) {
        fputs(_(serve_usage), c->out);
        return SY_OK;
    }
    memset(&o, 0, sizeof o);
    o.threads = 4;
    for (int i = 1; i < argc; i++) {
        if ((got = cli_opt(c, argc, argv, &i, "--listen", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            listen = v;
        } else if ((got = cli_opt(c, argc, argv, &i, "--tiles", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            o.tile_url = v;
        } else if ((got = cli_opt(c, argc, argv, &i, "--threads", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            o.threads = (unsigned)strtoul(v, &end, 10);
            if (*end || o.threads < 1 || o.threads > 64)
                return err_set(&c->err, SY_EUSAGE, _("--threads %s: a number from 1 to 64"), v);
        } else {
            return cli_bad_arg(c, "serve", argv[i]);
        }
    }
    colon = strrchr(listen, ':');
    if (!colon || colon == listen || (size_t)(colon - listen) >= sizeof host)
        return err_set(&c->err, SY_EUSAGE, _("--listen %s: give HOST:PORT, e.g. 127.0.0.1:8080"),
                       listen);
    port = strtol(colon + 1, &end, 10);
    if (*end || port < 0 || port > 65535)
        return err_set(&c->err, SY_EUSAGE, _("--listen %s: the port is a number from 0 to 65535"),
                       listen);
    snprintf(host, sizeof host, "%.*s", (int)(colon - listen), listen);
    o.host = host;
    o.port = (unsigned)port;
    o.db_path = c->db_path;
    o.kb_dir = c->kb_dir;
    o.ref_dir = c->ref_dir;
    o.pool = 4;
    o.log = c->out;
    return server_run(&o, &c->err);
}
