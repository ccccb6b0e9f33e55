# The two user-facing targets: `make run` and `make test` (see README.md).
# Knobs: BUILD=dir, SANITIZE=1 (ASan+UBSan), JOBS=n, RUN_MODE="...", RUN_ARGS="...",
# CTEST_ARGS="...". `make run` boots the whole platform (bootmcu + Caliptra) from the default
# flash image; RUN_MODE selects another mode, e.g. RUN_MODE="--caliptra-only --firmware B".
BUILD    ?= build
SANITIZE ?= 0
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)
RUN_MODE ?= --full-platform
RUN_ARGS ?=
CTEST_ARGS ?=

ifeq ($(SANITIZE),1)
CMAKE_FLAGS += -DVP_SANITIZE=ON
else
CMAKE_FLAGS += -DVP_SANITIZE=OFF
endif

.PHONY: run test deps configure build clean format

run: build
	$(BUILD)/bin/vp $(RUN_MODE) --report $(BUILD)/report.json $(RUN_ARGS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS) $(CTEST_ARGS)

deps:
	@scripts/deps.sh

configure: deps
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) > $(BUILD).configure.log 2>&1 || \
	  { cat $(BUILD).configure.log; exit 1; }

build: configure
	cmake --build $(BUILD) -j$(JOBS)

format:
	@git ls-files '*.c' '*.h' '*.cpp' '*.hpp' | xargs clang-format -i

clean:
	rm -rf $(BUILD) $(BUILD).configure.log
