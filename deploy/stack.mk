# Real servers for the tests and for looking at dashboards. Included by the
# top-level Makefile, which defines GO.
#
#   make servers     install prometheus and prometheus-pushgateway with apt
#                    when they are missing (needs root or sudo)
#   make test        install the servers, then run every test with -race;
#                    the integration tests start their own servers on
#                    127.0.0.1 and fail, instead of skipping, without them
#   make stack       start a pushgateway on 127.0.0.1:9091 and Prometheus on
#                    127.0.0.1:9090 in the background (state in .stack/)
#   make stack-stop  stop them

.PHONY: servers test stack stack-stop

servers:
	scripts/install-servers.sh

test: servers
	PERFGATE_REQUIRE_SERVERS=1 $(GO) test -race ./...

stack: servers $(PERFGATE)
	scripts/stack.sh start

stack-stop:
	scripts/stack.sh stop
