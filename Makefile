# Một Cửa: the only entry point. `make` builds, `make run` serves the site
# from a private instance, `make test` runs every suite in a throwaway one.

CC	?= gcc
PORT	?= 8080
export PORT

MARIADB_CFLAGS	= $(shell pkg-config --cflags libmariadb 2>/dev/null)
MARIADB_LIBS	= $(shell pkg-config --libs libmariadb 2>/dev/null || echo -lmariadb)

WARN	 = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	   -Wmissing-prototypes -Wno-unused-parameter -Wformat=2 -Wno-format-y2k -Wvla
CFLAGS	?= -O2 -g
CFLAGS	+= -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE $(WARN) -Ilib/core -Ilib/domain -Ilib/web \
	   -I/usr/include/ClearSilver $(MARIADB_CFLAGS) -fno-strict-aliasing \
	   -D_FORTIFY_SOURCE=2 -fstack-protector-strong
PANGO_CFLAGS	= $(shell pkg-config --cflags pangocairo 2>/dev/null)
PANGO_LIBS	= $(shell pkg-config --libs pangocairo 2>/dev/null)
CFLAGS	+= $(PANGO_CFLAGS)
# libxml2: the workflow designer's BPMN diagrams (lib/domain/mc_bpmn), also
# drawn on the dossier pages (portal, office).
XML_CFLAGS	= $(shell pkg-config --cflags libxml-2.0 2>/dev/null || echo -I/usr/include/libxml2)
XML_LIBS	= $(shell pkg-config --libs libxml-2.0 2>/dev/null || echo -lxml2)
CFLAGS	+= $(XML_CFLAGS)
# Libraries by what uses them. Each program links its own list below
# (PROG_LIBS_<name>), never all of them; `make links` checks the result.
# core: the database, hashes, UTF-8; CS: ClearSilver (lib/web, the
# generator); WEB: the FastCGI programs; PDF: the papers (mc_pdf, mc_forms).
LIBS_CORE = $(MARIADB_LIBS) -lcrypto -lutf8proc -lz -lm -lpthread
LIBS_CS	  = -lneo_cgi -lneo_cs -lneo_utl
LIBS_WEB  = -lfcgi $(LIBS_CS) -largon2 -loath -lmagic -ljansson
LIBS_PDF  = $(PANGO_LIBS) -lqrencode
# Spreadsheets (mc_export): the office's reports only.
LIBS_XLSX = -lxlsxwriter -lminizip
# Brotli for the generator's pre-compressed pages: only the programs that
# link the generator (worker, sitegen, motcua, unit_view). The worker names
# the library again after the generator objects (stats.c needs mc_pubstats).
BROTLI_LIBS = -lbrotlienc

PROG_LIBS_portal  = $(LIBS_WEB) $(LIBS_PDF) -lcurl $(XML_LIBS) $(LIBS_CORE)
PROG_LIBS_office  = $(LIBS_WEB) $(LIBS_PDF) $(LIBS_XLSX) $(XML_LIBS) $(LIBS_CORE)
PROG_LIBS_api	  = $(LIBS_WEB) $(LIBS_CORE)
PROG_LIBS_worker  = $(LIBA) $(LIBS_CS) -lcurl -ljansson $(BROTLI_LIBS) $(LIBS_CORE)
PROG_LIBS_sitegen = $(LIBS_CS) -ljansson $(BROTLI_LIBS) $(LIBS_CORE)
PROG_LIBS_motcua  = $(LIBS_CS) -largon2 -loath -ljansson -lmagic $(BROTLI_LIBS) $(LIBS_CORE)

# Everything, for the unit suites, the fuzz targets and the load tools.
LDLIBS	 = $(LIBS_WEB) -lssl -lcurl $(LIBS_PDF) $(LIBS_XLSX) $(XML_LIBS) $(LIBS_CORE)

BUILD	 = build
LIB_SRC	 = $(wildcard lib/*/*.c)
LIB_OBJ	 = $(LIB_SRC:%.c=$(BUILD)/%.o)
LIBA	 = $(BUILD)/libmotcua.a

PROGRAMS = portal office api
PROG_BIN = $(PROGRAMS:%=bin/%)
DAEMONS	 = worker
DAEMON_BIN = $(DAEMONS:%=bin/%)
GEN_SRC	 = $(filter-out site-generator/main.c,$(wildcard site-generator/*.c))
GEN_OBJ	 = $(GEN_SRC:%.c=$(BUILD)/%.o)
ASAN_GEN_OBJ = $(GEN_SRC:%.c=$(BUILD)/asan/%.o)
CLI_SRC	 = $(wildcard tools/motcua/*.c)
CLI_OBJ	 = $(CLI_SRC:%.c=$(BUILD)/%.o)

UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/test_%.c=$(BUILD)/tests/unit_%)
ASAN_BIN = $(UNIT_SRC:tests/unit/test_%.c=$(BUILD)/tests/asan_unit_%)

.SECONDARY:

.PHONY: all run stop cluster cluster-stop chaos chaos-short status test asan fuzz fuzz-build bench lint format layers links clean deps

all: $(PROG_BIN) $(DAEMON_BIN) bin/sitegen bin/motcua $(UNIT_BIN) htdocs/vendor/VERSIONS $(BUILD)/load/galera_submit

# The designers' browser libraries, from npm (web/package-lock.json).
htdocs/vendor/VERSIONS: web/package-lock.json tools/vendor.sh
	@tools/vendor.sh

deps:
	@tools/deps.sh

$(BUILD)/%.o: %.c $(wildcard lib/*/*.h) $(wildcard site-generator/*.h) $(wildcard tools/motcua/*.h)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

$(LIBA): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

# A program is every .c file of its folder (main.c and its modules),
# linked with its own PROG_LIBS_<name>.
.SECONDEXPANSION:
bin/%: $$(patsubst %.c,$(BUILD)/%.o,$$(wildcard cgi-bin/$$*/*.c)) $(LIBA)
	@mkdir -p bin
	$(CC) $(CFLAGS) -o $@ $^ $(PROG_LIBS_$*)

# The worker runs the site generator (the builds webmasters queue).
bin/worker: $(GEN_OBJ)
# Only the template suite drives the generator.
$(BUILD)/tests/unit_view: $(GEN_OBJ)
$(BUILD)/tests/asan_unit_view: $(ASAN_GEN_OBJ)
$(BUILD)/tests/unit_view $(BUILD)/tests/asan_unit_view: LDLIBS += $(BROTLI_LIBS) -lbrotlidec

bin/sitegen: $(BUILD)/site-generator/main.o $(GEN_OBJ) $(LIBA)
	@mkdir -p bin
	$(CC) $(CFLAGS) -o $@ $^ $(PROG_LIBS_sitegen)

bin/motcua: $(CLI_OBJ) $(GEN_OBJ) $(LIBA)
	@mkdir -p bin
	$(CC) $(CFLAGS) -o $@ $^ $(PROG_LIBS_motcua)

$(BUILD)/tests/unit_%: tests/unit/test_%.c tests/unit/harness.h $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Itests/unit -o $@ $< $(filter $(GEN_OBJ),$^) $(LIBA) $(LDLIBS)

# Load tools for make bench.
$(BUILD)/load/%: tests/load/%.c $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $< $(LIBA) $(LDLIBS)

# The ceiling program: libfcgi alone (tools/bench.sh routes /hello to it).
$(BUILD)/load/hello: tests/load/hello.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $< -lfcgi

# The unit suites again under AddressSanitizer and UBSan: lib (and the
# generator, for the template suite) compiled once with the sanitizers into
# build/asan/, each suite linked with it. Any finding ends the program with
# an error: a gate that can fail.
ASAN_FLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all \
	     -fno-omit-frame-pointer -O1
ASAN_CFLAGS = $(filter-out -D_FORTIFY_SOURCE=2,$(CFLAGS)) $(ASAN_FLAGS)
ASAN_LIBA = $(BUILD)/libmotcua-asan.a

$(BUILD)/asan/%.o: %.c $(wildcard lib/*/*.h) $(wildcard site-generator/*.h)
	@mkdir -p $(@D)
	$(CC) $(ASAN_CFLAGS) -c -o $@ $<

$(ASAN_LIBA): $(LIB_SRC:%.c=$(BUILD)/asan/%.o)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/tests/asan_unit_%: tests/unit/test_%.c tests/unit/harness.h $(ASAN_LIBA)
	@mkdir -p $(@D)
	$(CC) $(ASAN_CFLAGS) -Itests/unit -o $@ $< \
		$(filter $(ASAN_GEN_OBJ),$^) $(ASAN_LIBA) $(LDLIBS)

asan: $(ASAN_BIN)

# libFuzzer targets (tests/fuzz/fuzz_*.c), built with clang against lib
# compiled for coverage, AddressSanitizer and UBSan; tools/fuzz.sh runs them.
FUZZ_CC	 = clang
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all \
	   -fno-omit-frame-pointer
FUZZ_CFLAGS = $(filter-out -O2 -D_FORTIFY_SOURCE=2,$(CFLAGS)) -O1 \
	   -Wno-unknown-warning-option -Wno-format-nonliteral $(FUZZ_SAN) \
	   -Itests/fuzz
FUZZ_SRC = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN = $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)
FUZZ_LIBA = $(BUILD)/fuzz/libmotcua.a
FUZZ_SECONDS ?= 60
# Sources a target compiles besides its own and lib (none so far).

$(BUILD)/fuzz/obj/%.o: %.c $(wildcard lib/*/*.h)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_LIBA): $(LIB_SRC:%.c=$(BUILD)/fuzz/obj/%.o)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $$(FUZZ_EXTRA_fuzz_$$*) $(FUZZ_LIBA)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< \
		$(FUZZ_EXTRA_fuzz_$*) $(FUZZ_LIBA) $(LDLIBS)

fuzz-build: $(FUZZ_BIN)

# Each target for FUZZ_SECONDS (60 unless set) from its corpus.
fuzz: deps $(FUZZ_BIN)
	@FUZZ_SECONDS=$(FUZZ_SECONDS) tools/fuzz.sh

run: deps all
	@tools/instance.sh start

stop:
	@tools/instance.sh stop

# Three Galera nodes, two web nodes and HAProxy on PORT (issue 15).
cluster: deps all
	@tools/cluster.sh start

cluster-stop:
	@tools/cluster.sh stop

# Faults under load on a throwaway cluster (long run). make chaos-short is
# the short one (tests/chaos/cluster_chaos.sh), which make test runs too
# (tools/test.sh; CHAOS=0 leaves it out). PORT as for make cluster.
chaos: deps all
	@PORT=$${PORT:-8184} tools/chaos.sh

chaos-short: deps all
	@bash tests/chaos/cluster_chaos.sh

status:
	@tools/instance.sh status

test: deps all asan fuzz-build links
	@tools/test.sh

bench: deps all $(BUILD)/load/raw_insert $(BUILD)/load/hello
	@tools/bench.sh

# The include rule of lib's layers (ARCHITECTURE.md), and its own tests.
layers:
	@STRICT=1 tools/layers.sh lib
	@tests/layers/run.sh

# What each program links: no generator and no brotli in the FastCGI
# programs, no PDF libraries in the API, no FastCGI in the worker...
links: $(PROG_BIN) $(DAEMON_BIN) bin/sitegen bin/motcua
	@tools/links.sh

# KNF by the top folder's .clang-format; `make lint` runs in make test and
# `make format` rewrites the files in place (run it before committing).
LINT_SRC = $(wildcard lib/*.[ch] lib/*/*.[ch] cgi-bin/*/*.[ch] \
	   site-generator/*.[ch] tools/motcua/*.[ch] tests/unit/*.[ch] \
	   tests/fuzz/*.[ch] tests/load/*.[ch])
lint:
	@tools/lint.sh

format:
	@clang-format --style=file -i $(LINT_SRC)

clean:
	rm -rf $(BUILD) bin
