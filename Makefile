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

PKGS = sqlite3 jansson proj libmicrohttpd xlsxwriter libzip expat
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lsqlite3 -ljansson -lproj -lmicrohttpd -lxlsxwriter -lzip -lexpat)

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
ALL_CFLAGS += -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer
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

.PHONY: all test test-unit test-e2e deps demo check format bench install uninstall clean \
        fuzz fuzz-bins fuzz-smoke valgrind-test crash-test unit-bins pot

all: $(BIN) $(MO)

$(BUILD)/locale/%/LC_MESSAGES/symbiose.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check-format -o $@ $<

# Regenerates po/symbiose.pot from the _() and N_() marks and merges it into po/*.po.
pot:
	xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --add-comments=TRANSLATORS --no-wrap \
	    --package-name=symbiose --package-version=$(VERSION) --no-location --sort-output \
	    -o po/symbiose.pot src/main.c $(SRC)
	for p in $(PO); do msgmerge --quiet --update --backup=none --no-location --no-wrap --sort-output \
	    $$p po/symbiose.pot; done

# The compiler and flags of the last build: everything is rebuilt when they
# change (a plain make, then make SANITIZE=address,undefined test).
# The file is rewritten (at parse time) only when they differ.
FLAGS_FILE := $(BUILD)/.flags
FLAGS_NOW := $(strip $(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) $(LIBS))
ifneq ($(strip $(file <$(FLAGS_FILE))),$(FLAGS_NOW))
$(shell mkdir -p $(BUILD))
$(file >$(FLAGS_FILE),$(FLAGS_NOW))
endif
$(FLAGS_FILE): ;

$(BUILD)/%.o: %.c $(FLAGS_FILE)
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
	$(CC) $(ALL_LDFLAGS) -o $@ $(BUILD)/src/main.o $(LIB) $(LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(LIB) $(FLAGS_FILE)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes -o $@ $< $(LIB) $(ALL_LDFLAGS) $(LIBS) -lcmocka

# Coverage-guided fuzzing (fuzz/README.md): clang's libFuzzer with ASan and
# UBSan, in its own build folder. make fuzz-smoke runs each harness for
# FUZZ_TIME seconds on its corpus in fuzz/corpus/NAME.
FUZZ_BUILD ?= build-fuzz
FUZZ_TIME ?= 60
FUZZ_IMPORTERS = territories actors flows irep
FUZZ_NAMES = csv dimacs nomen dbopen $(FUZZ_IMPORTERS:%=import_%) api_json api_route
FUZZ_BIN := $(FUZZ_NAMES:%=$(BUILD)/fuzz/fuzz_%)
FUZZ_LINK = $(CC) $(ALL_CFLAGS) -Wno-missing-prototypes -fsanitize=fuzzer
fuzz:
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang CFLAGS='-O1 -g' \
	    SANITIZE=fuzzer-no-link,address,undefined fuzz-bins

fuzz-bins: $(FUZZ_BIN)

$(BUILD)/fuzz/fuzz_import_%: fuzz/fuzz_import.c $(LIB) $(FLAGS_FILE)
	@mkdir -p $(dir $@)
	$(FUZZ_LINK) -DFUZZ_IMPORT=import_$* -o $@ $< $(LIB) $(ALL_LDFLAGS) $(LIBS)

$(BUILD)/fuzz/fuzz_%: fuzz/fuzz_%.c $(LIB) $(FLAGS_FILE) $(wildcard fuzz/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_LINK) -o $@ $< $(LIB) $(ALL_LDFLAGS) $(LIBS)

fuzz-smoke: fuzz
	@FUZZ_BUILD=$(FUZZ_BUILD) fuzz/run $(FUZZ_TIME) $(FUZZ_NAMES)

# The whole suite under valgrind memcheck (a leak or an error fails a test).
valgrind-test:
	@$(MAKE) --no-print-directory BUILD=build-valgrind CFLAGS='-O1 -g' all unit-bins
	@BUILD=build-valgrind SYMBIOSE_VALGRIND=1 tests/run

unit-bins: $(UNIT_BIN)

# SIGKILL during import, match and plan (tests/crash/run; a few minutes).
crash-test: all
	@BUILD=$(BUILD) tests/crash/run

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
	@scripts/demo --serve

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
