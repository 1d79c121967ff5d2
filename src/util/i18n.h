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
#define N_(s) (s)

#endif
