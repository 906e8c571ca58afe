# Pace: make run | make test | make bench | make install
#
# Each target first installs the Debian packages it needs (if missing), then builds.

SWIFT      ?= $(shell command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)
PREFIX     ?= /usr/local
DESTDIR    ?=
STATE      ?= .pace
RELEASE    := .build/release
# journalctl reads catalogs only from here, whatever the prefix.
CATALOGDIR ?= /usr/lib/systemd/catalog

# Build and runtime needs: SQLite headers for GRDB, libsystemd for the journal,
# OpenSSL for pace's HTTPS client.
BUILD_DEPS := libsqlite3-dev libsystemd-dev libssl-dev
# The tests also drive sqlite3, curl, useradd/runuser (passwd, util-linux), pgrep (procps).
# systemd-container brings systemd-nspawn, to boot a real systemd for the unit tests.
TEST_DEPS  := $(BUILD_DEPS) sqlite3 curl passwd util-linux procps systemd-container tzdata python3 openssl iproute2 \
              python3-venv chromium chromium-driver fonts-dejavu-core
# The benchmark's peers.
BENCH_DEPS := $(BUILD_DEPS) sqlite3 taskwarrior hledger openssl curl

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

define ensure_packages
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

.PHONY: all build run test bench install uninstall clean deps test-deps bench-deps

all: build

deps:
	$(call ensure_packages,$(BUILD_DEPS))

test-deps:
	$(call ensure_packages,$(TEST_DEPS))

bench-deps:
	$(call ensure_packages,$(BENCH_DEPS))

build: deps
	$(SWIFT) build

## run: start paced in the foreground with its state in ./.pace (Ctrl-C stops it).
run: build
	@mkdir -p $(STATE)
	@echo "paced: state in $(STATE)/; in another shell run: .build/debug/pace status"
	@echo "dashboard: http://127.0.0.1:8080/ (open the one-time login link paced prints below)"
	exec .build/debug/paced --db $(STATE)/pace.db --socket $(STATE)/pace.sock --demo --listen 127.0.0.1:8080 --no-tls

## test: unit tests and end-to-end tests against the real binaries, then the
## OpenAPI contract (schemathesis) and the dashboard in a real browser (selenium).
test: test-deps .venv/installed
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	tests/contract/run.sh .build/debug
	tests/web/run.sh .build/debug

# The Python tools of the tests, pinned, in a virtualenv of their own.
.venv/installed: tests/contract/requirements.txt tests/web/requirements.txt
	python3 -m venv .venv
	.venv/bin/pip install -q -r tests/contract/requirements.txt -r tests/web/requirements.txt
	touch $@

## bench: release binaries (pace statically linked), then the benchmark beside its peers.
bench: bench-deps
	$(SWIFT) build -c release --product paced
	$(SWIFT) build -c release --product pace --static-swift-stdlib
	$(SWIFT) build -c release --product pace-bench
	$(RELEASE)/pace-bench --bin $(RELEASE) --swiftc $(dir $(SWIFT))swiftc

## install: release binaries into $(DESTDIR)$(PREFIX)/bin; paced.service, paced.socket,
## the sysusers snippet and the journal catalog. Then: systemd-sysusers,
## journalctl --update-catalog, systemctl daemon-reload, systemctl enable --now paced.socket.
install: deps
	$(SWIFT) build -c release --product paced
	$(SWIFT) build -c release --product pace --static-swift-stdlib
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/systemd/system $(DESTDIR)$(PREFIX)/lib/sysusers.d $(DESTDIR)$(PREFIX)/share/doc/pace $(DESTDIR)$(CATALOGDIR)
	install -m 0755 $(RELEASE)/paced $(RELEASE)/pace $(DESTDIR)$(PREFIX)/bin/
	for u in paced.service paced.socket; do \
	  sed 's|/usr/local/bin/|$(PREFIX)/bin/|; s|/usr/local/share/|$(PREFIX)/share/|' systemd/$$u > $(DESTDIR)$(PREFIX)/lib/systemd/system/$$u; \
	done
	install -m 0644 systemd/paced.catalog $(DESTDIR)$(CATALOGDIR)/paced.catalog
	install -m 0644 systemd/pace.sysusers $(DESTDIR)$(PREFIX)/lib/sysusers.d/pace.conf
	install -m 0644 README.md $(DESTDIR)$(PREFIX)/share/doc/pace/README.md

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/paced $(DESTDIR)$(PREFIX)/bin/pace $(DESTDIR)$(PREFIX)/lib/systemd/system/paced.service $(DESTDIR)$(PREFIX)/lib/systemd/system/paced.socket
	rm -f $(DESTDIR)$(CATALOGDIR)/paced.catalog
	rm -f $(DESTDIR)$(PREFIX)/lib/sysusers.d/pace.conf
	rm -rf $(DESTDIR)$(PREFIX)/share/doc/pace

clean:
	rm -rf .build
