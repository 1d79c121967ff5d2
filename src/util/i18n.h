/*
 * i18n.h - marks the strings a person reads, for GNU gettext.
 *
 * Message ids are English (the C convention); catalogues in po/ give the
 * French. _() translates at run time, N_() only marks a string kept in a
 * static table (translate it with _() where it is printed). Until main()
 * binds the text domain, gettext() returns the English id unchanged.
 */
#ifndef SY_I18N_H
#define SY_I18N_H

#include <libintl.h>

#define SY_TEXTDOMAIN "symbiose"
#define _(s) gettext(s)
#define N_(s) s

/* Chooses the language: lang "fr" or "en", or NULL for the user's (French
 * when LANGUAGE, else LC_ALL, else LC_MESSAGES, else LANG starts with "fr";
 * English otherwise, and when unset or C). For French, binds the catalogue
 * found in localedir/fr/LC_MESSAGES/symbiose.mo, even when no French locale
 * is generated on the machine (see i18n.c). Returns 1 for French, 0 for
 * English, -1 for an unknown lang. Call once, first thing in main(). */
int i18n_init(const char *lang, const char *localedir);
/* gettext as a function of the type the engine takes for its messages
 * (eng_texts_init, kb_set_messages). */
const char *i18n_gettext(const char *msgid);
/* 1 when the messages are French (after i18n_init). */
int i18n_french(void);
/* 1 when the environment asks for French (see i18n_init). */
int i18n_env_french(void);
/* Calls fn(ctx) with gettext answering in French whatever the process's
 * language, then restores it: for a server that keeps French texts beside
 * English ones (gettext's results stay valid for the process's life). It
 * changes process-wide settings (LANGUAGE, LC_MESSAGES): call it only while
 * no other thread runs. Returns fn's value. */
int i18n_in_french(int (*fn)(void *ctx), void *ctx);

#endif
