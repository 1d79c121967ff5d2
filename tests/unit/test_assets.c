/*
 * test_assets.c - the compiled asset table (src/server/assets.h): what is
 * served, with which type, and that nothing outside the list is found.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "server/assets.h"

static void root_serves_index(void **state)
{
    (void)state;
    const struct asset *a = asset_find("/");
    assert_non_null(a);
    assert_string_equal(a->path, "/index.html");
    assert_string_equal(a->mime, "text/html; charset=utf-8");
    assert_true(a->len > 100);
    assert_memory_equal(a->data, "<!doctype html>", 15);
    assert_ptr_equal(asset_find("/index.html"), a);
}

static void vendor_files_have_their_type(void **state)
{
    (void)state;
    const struct asset *js = asset_find("/vendor/leaflet.js");
    const struct asset *png = asset_find("/vendor/images/marker-icon.png");
    const struct asset *css = asset_find("/vendor/leaflet.css");
    assert_non_null(js);
    assert_non_null(png);
    assert_non_null(css);
    assert_string_equal(js->mime, "text/javascript; charset=utf-8");
    assert_string_equal(png->mime, "image/png");
    assert_string_equal(css->mime, "text/css; charset=utf-8");
    assert_memory_equal(png->data, "\x89PNG", 4);
}

static void unknown_paths_are_not_found(void **state)
{
    (void)state;
    assert_null(asset_find(NULL));
    assert_null(asset_find(""));
    assert_null(asset_find("index.html"));
    assert_null(asset_find("/index.html?x=1"));
    assert_null(asset_find("/../index.html"));
    assert_null(asset_find("/vendor/"));
    assert_null(asset_find("/web/index.html"));
    assert_null(asset_find("/etc/passwd"));
    assert_null(asset_find("/INDEX.HTML"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(root_serves_index),
        cmocka_unit_test(vendor_files_have_their_type),
        cmocka_unit_test(unknown_paths_are_not_found),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
