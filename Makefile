# acctplan - build, test and install.
#   make          build build/acctplan
#   make run      install missing build dependencies, build, open the demo portfolio
#   make check    install missing dependencies, build, run every test suite
#   make bench    measure the performance targets on a 10,000-account portfolio
#                 (SIZE=100000 another size; BASE=path/to/acctplan an earlier
#                 build measured alongside, with the ratio of each figure)
#   make fuzz     fuzz the parsers with clang's libFuzzer, FUZZ_SECONDS (300) each
#   make install  PREFIX=/usr/local DESTDIR= (BASH_COMPLETIONS_DIR: see below)

BUILD   ?= build
PREFIX  ?= /usr/local
# Where bash-completion loads acctplan's completion from when "acctplan" is
# first completed: its own pkg-config variable, with its prefix moved under
# PREFIX, else the folder it uses by default.
BASH_COMPLETIONS_DIR ?= $(or $(shell pkg-config --define-variable=prefix=$(PREFIX) \
	--variable=completionsdir bash-completion 2>/dev/null),$(PREFIX)/share/bash-completion/completions)
CC      ?= cc
CFLAGS  ?= -O2 -g
SAN     ?=

WARN     = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wwrite-strings -Wmissing-prototypes
CPPFLAGS += -Iinclude -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 \
	-DACCTPLAN_DATADIR='"$(PREFIX)/share/acctplan"'
NCURSES_CFLAGS := $(filter-out -D_XOPEN_SOURCE% -D_DEFAULT_SOURCE,$(shell pkg-config --cflags ncursesw 2>/dev/null))
NCURSES_LIBS   := $(shell pkg-config --libs ncursesw 2>/dev/null || echo -lncursesw -ltinfo)
# PostgreSQL's client library, when pkg-config finds it (make deps installs
# it); without it the PostgreSQL store says it was left out.
PQ_CFLAGS := $(shell pkg-config --cflags libpq 2>/dev/null)
PQ_LIBS   := $(shell pkg-config --libs libpq 2>/dev/null)
ifeq ($(PQ_LIBS),)
CPPFLAGS += -DACCTPLAN_NO_LIBPQ
endif
# libpq itself is loaded when a PostgreSQL store is opened (store_db_pg.c),
# so only the unit tests, which reach the server directly, link it.
CORE_LIBS = -lsqlite3 -liniparser -lutf8proc -lm

ifneq ($(SAN),)
CFLAGS  = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
endif
# Set by `make fuzz` for its own build: coverage for libFuzzer plus the sanitizers.
ifneq ($(FUZZ),)
CC       = clang
CFLAGS   = -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=fuzzer,address,undefined
endif

CORE_SRC := $(filter-out src/main.c,$(wildcard src/*.c))
UI_SRC   := $(wildcard ui/*.c)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
TOOL_SRC := $(wildcard tools/*.c)

CORE_OBJ := $(CORE_SRC:%.c=$(BUILD)/%.o)
UI_OBJ   := $(UI_SRC:%.c=$(BUILD)/%.o)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TOOL_BIN := $(TOOL_SRC:tools/%.c=$(BUILD)/tools/%)
FUZZ_BIN := $(patsubst tests/fuzz/%.c,$(BUILD)/%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_SECONDS ?= 300
LIB      := $(BUILD)/libacctplan.a
BIN      := $(BUILD)/acctplan

.PHONY: all deps run check unit bench fuzz fuzzers install uninstall clean
all: $(BIN) $(TOOL_BIN)

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) $(if $(findstring ui/,$<),$(NCURSES_CFLAGS)) $(if $(findstring store_db_pg,$<),$(PQ_CFLAGS)) -MMD -MP -c $< -o $@

$(LIB): $(CORE_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BIN): $(BUILD)/src/main.o $(UI_OBJ) $(LIB)
	$(CC) $(LDFLAGS) -o $@ $(BUILD)/src/main.o $(UI_OBJ) $(LIB) $(CORE_LIBS) $(NCURSES_LIBS)

# PQ_CFLAGS: the store suites reach their PostgreSQL test database with libpq
# itself (tests/unit/unit_store.h), to empty and inspect it apart from the store.
$(BUILD)/tests/%: tests/unit/%.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) $(PQ_CFLAGS) -Wno-missing-prototypes -MMD -MP $(LDFLAGS) -o $@ $< $(LIB) $(CORE_LIBS) $(PQ_LIBS) -lcmocka

$(BUILD)/tools/%: tools/%.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -MMD -MP $(LDFLAGS) -o $@ $< $(LIB) $(CORE_LIBS)

unit: $(UNIT_BIN)

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(LIB)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -MMD -MP $(LDFLAGS) -o $@ $< $(LIB) $(CORE_LIBS)

fuzzers: $(FUZZ_BIN)

# Each target in turn on its corpus (tests/fuzz/corpus/NAME, plus what it
# finds in BUILD/fuzz/corpus/NAME), five minutes each unless FUZZ_SECONDS
# says otherwise; FUZZ_TARGETS="ini port" runs only those. Needs clang.
fuzz:
	@sh tools/deps.sh fuzz
	$(MAKE) --no-print-directory BUILD=$(BUILD)/fuzz FUZZ=1 fuzzers
	sh tests/fuzz/run.sh $(BUILD)/fuzz $(FUZZ_SECONDS) $(FUZZ_TARGETS)

deps:
	@sh tools/deps.sh

run: deps all
	@test -f $(BUILD)/demo.db || $(BIN) --db $(BUILD)/demo.db demo
	$(BIN) --db $(BUILD)/demo.db

# Unit tests twice (plain, then ASan+UBSan), then the CLI and UI suites;
# tests/run.sh prints the closing "N passed, N failed" over all of them.
check: deps
	$(MAKE) --no-print-directory all unit
	$(MAKE) --no-print-directory BUILD=$(BUILD)/asan SAN=1 unit
	sh tests/run.sh $(BUILD)

SIZE ?= 10000
bench: deps all
	BENCH_ACCOUNTS=$(SIZE) BENCH_BASE=$(BASE) sh tools/bench.sh $(BUILD)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/acctplan $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/acctplan
	install -m 0644 assets/*.ini assets/*.json $(DESTDIR)$(PREFIX)/share/acctplan/
	install -m 0644 assets/acctplan.1 $(DESTDIR)$(PREFIX)/share/man/man1/acctplan.1
	install -d $(DESTDIR)$(BASH_COMPLETIONS_DIR)
	install -m 0644 assets/acctplan.bash $(DESTDIR)$(BASH_COMPLETIONS_DIR)/acctplan

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/acctplan $(DESTDIR)$(PREFIX)/share/man/man1/acctplan.1
	rm -f $(DESTDIR)$(BASH_COMPLETIONS_DIR)/acctplan
	rm -rf $(DESTDIR)$(PREFIX)/share/acctplan

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
