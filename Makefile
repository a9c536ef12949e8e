# perfgate's own targets. Benchmark targets are in the first section; the
# local pushgateway/Prometheus stack and the test servers are in deploy/stack.mk.

GO ?= go

.PHONY: build test vet
build:
	$(GO) build ./...

vet:
	$(GO) vet ./...

-include deploy/stack.mk
