# Stormless build. `make run` runs it, `make test` passes the tests; both
# fetch what they need (Go modules; npm tools into .tools/ from its lock file).

GO        ?= go
BIN       := bin/stormless
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -X main.version=$(VERSION)
PACKS     ?= packs
BENCHTIME ?= 1s
FUZZTIME  ?= 60s

export CDK_DISABLE_CLI_TELEMETRY := true
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION := 20

.PHONY: all build run test lint bench fuzz tools browser clean

all: build

## build: compile the CLI into bin/stormless
build:
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/stormless

## functions: the Lambda functions (functions/<name>) into dist/<name>/bootstrap, provided.al2023 on arm64
FUNCTIONS := webhook enforcer runner recorder api sensor authorizer
.PHONY: functions
functions:
	@for f in $(FUNCTIONS); do \
	  echo "== functions/$$f -> dist/$$f/bootstrap"; \
	  GOOS=linux GOARCH=arm64 CGO_ENABLED=0 $(GO) build -tags lambda.norpc -trimpath -ldflags '-s -w' -o dist/$$f/bootstrap ./functions/$$f || exit 1; \
	done
	@$(MAKE) --no-print-directory pyrunner

## pyrunner: the Python runner function (python3.12) into dist/pyrunner/: its
## handler and datastore (pyrunner/) and the shim of internal/runner/python, copied
.PHONY: pyrunner
pyrunner:
	@echo "== pyrunner + internal/runner/python/shim -> dist/pyrunner/"
	@rm -rf dist/pyrunner && mkdir -p dist/pyrunner
	cp pyrunner/handler.py pyrunner/stormless_kv.py dist/pyrunner/
	cp -R internal/runner/python/shim/. dist/pyrunner/
	@find dist/pyrunner -name __pycache__ -prune -exec rm -rf {} +

## synth: the CloudFormation template of the AWS stack for PACKS into cdk.out/
## (offline, no AWS credentials; builds dist/ with make functions when missing)
CDK       := .tools/node_modules/.bin/cdk
CDK_FLAGS ?=
.PHONY: synth deploy test-localstack test-aws
synth: tools
	@for f in $(FUNCTIONS); do test -f dist/$$f/bootstrap || { $(MAKE) functions || exit 1; break; }; done
	@test -f dist/pyrunner/handler.py || $(MAKE) --no-print-directory pyrunner
	$(CDK) synth --quiet -c packs=$(PACKS) $(CDK_FLAGS)

## deploy: build the functions and cdk deploy the stack (AWS credentials and a
## bootstrapped account); the outputs land in cdk.out/outputs.json
deploy: tools functions
	$(CDK) deploy --require-approval never -c packs=$(PACKS) --outputs-file cdk.out/outputs.json $(CDK_FLAGS)

## test-localstack: deploy to LocalStack at LOCALSTACK_ENDPOINT and run the
## end-to-end suite against it; skipped with a message when unset
test-localstack:
	@if [ -z "$$LOCALSTACK_ENDPOINT" ]; then echo "test-localstack: LOCALSTACK_ENDPOINT is not set; skipping (start LocalStack, then LOCALSTACK_ENDPOINT=http://localhost.localstack.cloud:4566 make test-localstack)"; exit 0; fi; \
	export AWS_ENDPOINT_URL=$$LOCALSTACK_ENDPOINT AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=$${AWS_REGION:-us-east-1}; \
	$(CDK) bootstrap aws://000000000000/$$AWS_REGION && $(MAKE) deploy && \
	STORMLESS_E2E_API_KEY=$$(infra/scripts/first-apikey.sh cdk.out/outputs.json e2e) STORMLESS_E2E_OUTPUTS=$(CURDIR)/cdk.out/outputs.json \
	  $(GO) test -count=1 -v -run '^TestEndToEnd' ./infra

## test-aws: the same suite against a stack deployed to the AWS account of the
## current credentials (make deploy); runs only with STORMLESS_TEST_AWS=1
test-aws:
	@if [ "$$STORMLESS_TEST_AWS" != 1 ]; then echo "test-aws: set STORMLESS_TEST_AWS=1 to deploy to the AWS account of your credentials and run the end-to-end suite; skipping"; exit 0; fi; \
	$(MAKE) deploy && \
	STORMLESS_E2E_API_KEY=$${STORMLESS_E2E_API_KEY:-$$(infra/scripts/first-apikey.sh cdk.out/outputs.json e2e)} STORMLESS_E2E_OUTPUTS=$(CURDIR)/cdk.out/outputs.json \
	  $(GO) test -count=1 -v -run '^TestEndToEnd' ./infra

## run: the product's main job: the local runtime (stormless up) on the packs
run: build
	$(BIN) up --packs $(PACKS)

## test: everything that runs on this machine
test: tools browser
	$(GO) mod download
	$(GO) vet ./...
	STORMLESS_JSONATA_ORACLE=$(CURDIR)/.tools/node_modules $(GO) test -count=1 ./...

## lint: formatting, vet, tidy go.mod
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) mod tidy -diff

## bench: every benchmark, figures for docs/performance.md
bench:
	$(GO) test -run '^$$' -bench . -benchtime $(BENCHTIME) ./...

## fuzz: each fuzz target for FUZZTIME (not part of make test)
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$t"; $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

## tools: project-local npm tools from .tools/package-lock.json
tools:
	@if [ -f .tools/package-lock.json ]; then \
	  if [ ! -f .tools/node_modules/.installed ] || [ .tools/package-lock.json -nt .tools/node_modules/.installed ]; then \
	    npm ci --prefix .tools --no-audit --no-fund && touch .tools/node_modules/.installed; \
	  fi; \
	fi

## browser: Debian's Chromium for the Web UI's browser tests (tests/browser);
## skipped with STORMLESS_SKIP_BROWSER=1
browser:
	@if [ "$$STORMLESS_SKIP_BROWSER" = 1 ]; then echo "browser: STORMLESS_SKIP_BROWSER=1, not installing Chromium"; \
	elif [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null; then SUDO=sudo; \
	  else echo "browser: /usr/bin/chromium is missing; install it as root: apt-get install -y chromium"; exit 1; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-liberation; \
	fi

clean:
	rm -rf bin dist cdk.out
