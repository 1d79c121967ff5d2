# symbiose - one plain Makefile.
#   make                 build/symbiose
#   make test            install missing packages, build, run every test, print "N passed, N failed"
#   make demo            install, build, load examples/zone-portuaire, match, serve
#   make check           clang-format, cppcheck, clang-tidy
#   make bench           the benchmarks in bench/ (long)
#   make install PREFIX=/usr/local
#   make SANITIZE=address,undefined test
# BUILD=dir puts every output in another folder (parallel work trees).

CC ?= cc
BUILD ?= build
PREFIX ?= /usr/local
DESTDIR ?=
SANITIZE ?=
WERROR ?=
DATADIR = $(PREFIX)/share/symbiose
LOCALEDIR = $(PREFIX)/share/locale
VERSION = 0.1.0

PKGS = sqlite3 jansson proj xlsxwriter
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lsqlite3 -ljansson -lproj -lxlsxwriter)

WARN = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla \
       -Wwrite-strings -Wformat=2
CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L $(WARN) $(CFLAGS) -Isrc \
             -DSY_DATADIR='"$(DATADIR)"' -DSY_LOCALEDIR='"$(LOCALEDIR)"' -DSY_VERSION='"$(VERSION)"' $(PKG_CFLAGS) -MMD -MP
ALL_LDFLAGS = $(LDFLAGS)
ifneq ($(WERROR),)
ALL_CFLAGS += -Werror
endif
ifneq ($(SANITIZE),)
ALL_CFLAGS += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer
ALL_LDFLAGS += -fsanitize=$(SANITIZE)
endif
LIBS = $(PKG_LIBS) -lm

SRC := $(sort $(shell find src -name '*.c' ! -path src/main.c))
OBJ := $(SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/assets.o
LIB := $(BUILD)/libsymbiose.a
BIN := $(BUILD)/symbiose
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
# Message catalogues (GNU gettext): po/LANG.po -> $(BUILD)/locale/LANG/LC_MESSAGES/symbiose.mo
PO := $(wildcard po/*.po)
MO := $(PO:po/%.po=$(BUILD)/locale/%/LC_MESSAGES/symbiose.mo)

.PHONY: all test test-unit test-e2e deps demo check format bench install uninstall clean pot

all: $(BIN) $(MO)

$(BUILD)/locale/%/LC_MESSAGES/symbiose.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check-format -o $@ $<

# Regenerates po/symbiose.pot from the _() and N_() marks and merges it into po/*.po.
pot:
	xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --add-comments=TRANSLATORS \
	    --package-name=symbiose --package-version=$(VERSION) --no-location --sort-output \
	    -o po/symbiose.pot src/main.c $(SRC)
	for p in $(PO); do msgmerge --quiet --update --backup=none --no-location --sort-output \
	    $$p po/symbiose.pot; done

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# The web application's files, compiled into the binary (src/server/assets.h).
ASSET_SRC := $(shell awk '!/^[ \t]*(\#|$$)/ {print $$2}' web/assets.list)

$(BUILD)/gen/assets.c: web/assets.list scripts/embed-assets $(ASSET_SRC)
	@mkdir -p $(dir $@)
	python3 scripts/embed-assets web/assets.list $@

$(BUILD)/gen/assets.o: $(BUILD)/gen/assets.c
	$(CC) $(ALL_CFLAGS) -c $< -o $@

web/node_modules/%:
	@echo "make: $@ is missing: run 'make deps' first (npm ci in web/ installs leaflet and echarts)" >&2
	@exit 1

$(LIB): $(OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(BUILD)/src/main.o $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes -o $@ $< $(LIB) $(ALL_LDFLAGS) $(LIBS) -lcmocka

deps:
	@scripts/install-deps

test: deps
	@$(MAKE) --no-print-directory all $(UNIT_BIN)
	@BUILD=$(BUILD) tests/run

test-unit: $(UNIT_BIN)
	@BUILD=$(BUILD) tests/run unit

test-e2e: $(BIN)
	@BUILD=$(BUILD) tests/run e2e

demo: deps
	@$(MAKE) --no-print-directory all
	@scripts/demo

# clang-tidy reads its flags from compile_flags.txt (clangd does too).
check:
	clang-format --dry-run -Werror $(SRC) src/main.c $(wildcard src/*/*.h) $(UNIT_SRC)
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
	    --inline-suppr --suppress=missingIncludeSystem -Isrc $(SRC) src/main.c
	printf '%s\n' $(SRC) src/main.c | xargs -P$$(nproc) -n4 clang-tidy --quiet

format:
	clang-format -i $(SRC) src/main.c $(wildcard src/*/*.h) $(UNIT_SRC)

bench: all
	bench/run

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(DATADIR)
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/symbiose
	install -m 644 man/symbiose.1 $(DESTDIR)$(PREFIX)/share/man/man1/symbiose.1
	cp -R data/. $(DESTDIR)$(DATADIR)/
	for m in $(MO); do l=$${m#$(BUILD)/locale/}; l=$${l%%/*}; \
	    install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES; \
	    install -m 644 $$m $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/symbiose.mo; done

uninstall:
	rm -rf $(DESTDIR)$(PREFIX)/bin/symbiose $(DESTDIR)$(PREFIX)/share/man/man1/symbiose.1 \
	    $(DESTDIR)$(DATADIR) $(DESTDIR)$(LOCALEDIR)/*/LC_MESSAGES/symbiose.mo

clean:
	rm -rf $(BUILD)

-include $(OBJ:.o=.d) $(BUILD)/src/main.d
