/*
 * fuzz_api_json.c - libFuzzer harness for the JSON bodies of the API's
 * writes (src/server/api_write.c, through api_dispatch as the server calls
 * it, without a socket): the first byte picks the route, the second the
 * record it names (one of the example's, or an unknown one) and, rarely, a
 * wrong Content-Type; the rest is the body. Every answer must be a known
 * status with a JSON body (an error object for >= 400), never a 500: a
 * storage error reached from a body is invalid input let through.
 */
#include <stdint.h>

#include "api_fixture.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct {
    const char *method, *prefix, *suffix;
    int key; /* 0 actor, 1 flow, 2 candidate, 3 synergy, -1 none */
} routes[] = {
    {"POST", "/api/actors", "", -1},          {"PATCH", "/api/actors/", "", 0},
    {"POST", "/api/actors/", "/contacts", 0}, {"POST", "/api/flows", "", -1},
    {"PATCH", "/api/flows/", "", 1},          {"POST", "/api/candidates/", "/decision", 2},
    {"PATCH", "/api/synergies/", "", 3},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *keys[4] = {"zp-papeterie", "zp-port/supply/land.storage_area", fx_cand, "1"};
    const char *missing[4] = {"zp-fuzz", "zp-fuzz/supply/10 01 05", "S|x|y|z|w", "999"};
    char path[512], *body;
    struct req r;
    unsigned pick, which;

    if (size < 2 || size > HTTP_JSON_MAX)
        return 0;
    fx_next();
    pick = data[0] % (sizeof routes / sizeof routes[0]);
    which = data[1];
    snprintf(path, sizeof path, "%s%s%s", routes[pick].prefix,
             routes[pick].key < 0 ? "" : ((which & 1) ? missing : keys)[routes[pick].key],
             routes[pick].suffix);
    body = malloc(size - 1);
    if (!body)
        return 0;
    memcpy(body, data + 2, size - 2);
    body[size - 2] = 0;
    memset(&r, 0, sizeof r);
    r.srv = &fx_srv;
    r.method = routes[pick].method;
    r.path = path;
    r.param = "";
    r.ctype = (which & 0xf0) == 0xf0 ? "text/plain" : "application/json";
    r.body = body;
    r.len = size - 2;
    api_dispatch(&r);
    fx_check(&r, path);
    json_decref(r.json);
    free(body);
    return 0;
}
