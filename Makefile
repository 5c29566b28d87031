# Tensor Playground: the commands a newcomer runs.
#
#   make serve   install what is missing, build the site, serve it at http://127.0.0.1:8080
#   make test    install what is missing, run every test (keeps going past failures)
#   make tools   install what is missing (each tool only if absent or at the wrong version)
#   make bench   build the release site, measure it, write docs/benchmarks.md (about 3 minutes once built)
#   make dist    build the self-contained static site into dist/ (publish that folder)
#   make clean   remove build outputs (target/, dist/)
#
# Single test phases: fmt, clippy, clippy-wasm, test-native, test-types, test-wasm, build-release, test-e2e,
# test-platforms.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

WASM_TARGET := wasm32-unknown-unknown

# node_modules/.bin first, so Trunk finds npm binaryen's wasm-opt 132 and never
# Debian's older one; ~/.cargo/bin for the tools `cargo install` puts there.
export PATH := $(CURDIR)/node_modules/.bin:$(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(PATH)
# wasm-bindgen-test-runner drives the browser named here; pinning chromedriver
# keeps it from picking another browser's driver that happens to be on PATH.
export CHROMEDRIVER ?= /usr/bin/chromedriver

.PHONY: help tools deps serve bench dist test test-all fmt clippy clippy-wasm test-native test-types test-wasm build-release test-e2e test-platforms clean

help:
	@sed -n 's/^#   //p' $(MAKEFILE_LIST)

tools:
	@scripts/install-tools

serve: tools deps
	trunk serve

# The site to publish: dist/ holds everything (relative URLs only), so it can
# be copied to any folder of any static host; docs/publishing.md says how.
dist: tools deps
	trunk build --release
	@echo "dist/ is ready to publish: see docs/publishing.md"

# Sizes, load and hover times of the release site in headless Chromium, and
# evaluation time in wasm against native: bench/run explains each step.
bench: tools deps
	bench/run

# Trunk runs cargo with --offline (Trunk.toml), so crates must be downloaded first.
deps:
	cargo fetch

# Runs every phase even when one fails (--keep-going), then fails if any did.
test: tools
	@$(MAKE) --no-print-directory --keep-going test-all

test-all: fmt clippy clippy-wasm test-native test-types test-wasm build-release test-e2e test-platforms

fmt:
	cargo fmt --check

clippy:
	cargo clippy --all-targets -- -D warnings

# Twice: as the tests build it, and as the site does (`split`, the lazy lesson player).
clippy-wasm:
	cargo clippy --all-targets --target $(WASM_TARGET) -- -D warnings
	cargo clippy --target $(WASM_TARGET) --features split -- -D warnings

test-native:
	cargo test

# The TypeScript declarations (www/tensor-playground.d.ts) against an
# example that uses all of them, and misuses they must refuse (tests/types/).
test-types:
	tsc -p tests/types

# Runs through wasm-bindgen-test-runner in headless Chromium (.cargo/config.toml).
test-wasm:
	cargo test --target $(WASM_TARGET)

# Smoke check: the release site builds (wasm-bindgen, wasm-opt -Oz).
build-release: deps
	trunk build --release
	@ls -l dist/*.wasm

# Playwright end-to-end specs (tests/e2e/, playwright.config.mjs) against the
# release build in dist/, in Debian's Chromium, headless. Screenshots (desktop
# and phone, light and dark), traces of failures and the HTML report land in
# tests/e2e/artifacts/ (git-ignored).
test-e2e: build-release
	npx playwright test

# The playground inside each course platform (docs/platforms.md): builds the
# examples in platforms/ with the real tools (installed when missing:
# scripts/platform-tools) and opens them in Chromium (tests/platforms/).
test-platforms: build-release
	scripts/build-platforms
	npx playwright test -c tests/platforms/playwright.config.mjs

clean:
	cargo clean
	rm -rf dist
