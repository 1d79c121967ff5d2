/*
 * i18n.c - choosing the language and binding the catalogue (i18n.h).
 *
 * glibc's gettext looks up a catalogue only when LC_MESSAGES is not the "C"
 * locale, and a machine often has no French locale generated: then
 * setlocale(LC_MESSAGES, "fr_FR.UTF-8") fails and every message would stay in
 * English. So French is asked for by language, not by locale: LC_MESSAGES
 * is set to the user's locale when it exists, else to C.UTF-8 (built into
 * glibc since 2.35, always there on Debian 12), and LANGUAGE=fr tells
 * gettext which catalogue to read (docs/i18n.md). LC_NUMERIC is never
 * changed: numbers are read and written with '.' whatever the language.
 */
#include "util/i18n.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int french;
static char locale_dir[4096]; /* as given to i18n_init, "" none */

static int is_french(const char *v)
{
    return v && v[0] == 'f' && v[1] == 'r' &&
           (v[2] == '\0' || v[2] == '_' || v[2] == '.' || v[2] == ':' || v[2] == '@' ||
            v[2] == '-');
}

int i18n_env_french(void)
{
    static const char *const vars[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};

    for (int i = 0; i < 4; i++) {
        const char *v = getenv(vars[i]);

        if (v && *v)
            return is_french(v);
    }
    return 0;
}

static int messages_locale_is_c(void)
{
    const char *cur = setlocale(LC_MESSAGES, NULL);

    return !cur || strcmp(cur, "C") == 0 || strcmp(cur, "POSIX") == 0;
}

/* Reads the French catalogue from now on (i18n_init, i18n_in_french). */
static void bind_french(void)
{
    if (!setlocale(LC_MESSAGES, "") || messages_locale_is_c())
        setlocale(LC_MESSAGES, "C.UTF-8");
    setenv("LANGUAGE", "fr", 1);
    if (locale_dir[0])
        bindtextdomain(SY_TEXTDOMAIN, locale_dir);
    bind_textdomain_codeset(SY_TEXTDOMAIN, "UTF-8");
    textdomain(SY_TEXTDOMAIN);
}

int i18n_init(const char *lang, const char *localedir)
{
    snprintf(locale_dir, sizeof locale_dir, "%s", localedir ? localedir : "");
    if (lang && !strcmp(lang, "fr"))
        french = 1;
    else if (lang && !strcmp(lang, "en"))
        french = 0;
    else if (lang)
        return -1;
    else
        french = i18n_env_french();
    if (!french) {
        /* English ids: no catalogue is read, whatever the environment says */
        setenv("LANGUAGE", "en", 1);
        return 0;
    }
    if (!setlocale(LC_CTYPE, "") || strcmp(setlocale(LC_CTYPE, NULL), "C") == 0)
        setlocale(LC_CTYPE, "C.UTF-8");
    bind_french();
    return 1;
}

int i18n_in_french(int (*fn)(void *ctx), void *ctx)
{
    char saved[256];
    const char *cur;
    int rc;

    if (french)
        return fn(ctx);
    cur = setlocale(LC_MESSAGES, NULL);
    snprintf(saved, sizeof saved, "%s", cur ? cur : "C");
    bind_french();
    rc = fn(ctx);
    /* Back to English ids; setlocale also empties gettext's cache. */
    setenv("LANGUAGE", "en", 1);
    setlocale(LC_MESSAGES, saved);
    return rc;
}

const char *i18n_gettext(const char *msgid)
{
    return gettext(msgid);
}

int i18n_french(void)
{
    return french;
}
