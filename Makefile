# facerec developer commands. Run `make` (or `make help`) to list them.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

# --- Java 25 ---------------------------------------------------------------------------------------------------
# The first JDK 25+ found (JAVA_HOME if recent enough, else under /usr/lib/jvm); targets that need Java depend on
# java-check, which explains what to install when there is none.
JDK := $(shell scripts/find-jdk.sh 2>/dev/null)
ifneq ($(JDK),)
export JAVA_HOME := $(JDK)
endif
JAVA := $(JAVA_HOME)/bin/java
MVN ?= mvn
MVN_FLAGS ?= -B -Dstyle.color=never
# Maven 3.8's bundled Guava calls sun.misc.Unsafe, which Java 25 warns about on every run.
export MAVEN_OPTS ?= --sun-misc-unsafe-memory-access=allow

# --- Paths ----------------------------------------------------------------------------------------------------
PORT ?= 8000
JAR := api/target/facerec.jar
SHARED_DIR ?= ../shared
DATA ?= $(SHARED_DIR)/data/lfw-dev
# eval-identify grows its galleries with every labelled face it has: the LFW folder and the extra labelled photos.
IDENTIFY_DATA ?= $(DATA),$(SHARED_DIR)/data/verify-extra
RECOGNIZER ?=
RECOGNIZERS ?= faceplugin-512,mobilefacenet-128
JAVA_OPTS ?= --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector
ML_JAVA_OPTS ?= -Xmx2g --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector
# The brute-force reference keeps 2 GiB of float32 vectors per million faces on the heap; with --reference off a
# much smaller heap does (see docs/deployment.md, "Sizing the gallery index").
BENCH_IDENTIFY_HEAP ?= -Xmx8g

# Model directory: FACE_MODELS_DIR when set; else ./models when it holds the default pack (make models);
# else the shared test fixtures beside the checkout.
DEFAULT_PACK := face_detection_yunet_2026may.onnx faceplugin_fr_feature.onnx
has_default_pack = $(if $(strip $(foreach file,$(DEFAULT_PACK),$(if $(wildcard $(1)/$(file)),,missing))),,yes)
ifneq ($(FACE_MODELS_DIR),)
MODELS_DIR := $(FACE_MODELS_DIR)
MODELS_REASON := from FACE_MODELS_DIR
else ifeq ($(call has_default_pack,./models),yes)
MODELS_DIR := ./models
MODELS_REASON := ./models holds the default pack
else ifneq ($(wildcard $(SHARED_DIR)/models/.),)
MODELS_DIR := $(SHARED_DIR)/models
MODELS_REASON := ./models has no default pack; using the shared fixtures beside the checkout
endif

# Everything the api jar is built from, so that `make run` rebuilds only when something changed.
SOURCES := pom.xml $(shell find core ml index storage persistence console api -name target -prune -o -type f \
	\( -name pom.xml -o -path '*/src/main/*' \) -print 2>/dev/null)

# A module's classpath without installing anything: the reactor resolves core and ml to their target/classes.
DEPENDENCY_PLUGIN := org.apache.maven.plugins:maven-dependency-plugin:3.9.0
# $(call ml-classpath,<maven phase>,<scope>) compiles ml and core, then writes ml/target/classpath-<scope>.txt.
define ml-classpath
$(MVN) $(MVN_FLAGS) -q -pl ml -am -Dspotless.check.skip=true $(1) $(DEPENDENCY_PLUGIN):build-classpath \
	-DincludeScope=$(2) -Dmdep.outputFile=target/classpath-$(2).txt
endef

# The evaluation and benchmark tools (module tools, never in the service jar) with everything they run on (ml, index,
# core, OpenCV): compiles them, then writes tools/target/classpath-runtime.txt. The JVM gets this class path in CLASSPATH,
# not -cp: with a long command line (~17 KB), ONNX Runtime 1.29's session setup recursed through the 1 MB main-thread
# stack and the JVM died of SIGSEGV without an hs_err file (the same class path in CLASSPATH or an @argfile runs fine).
define tools-classpath
$(MVN) $(MVN_FLAGS) -q -pl tools -am -Dspotless.check.skip=true compile $(DEPENDENCY_PLUGIN):build-classpath \
	-DincludeScope=runtime -Dmdep.outputFile=target/classpath-runtime.txt
endef
TOOLS_CLASSPATH = tools/target/classes:ml/target/classes:index/target/classes:core/target/classes:$$(cat tools/target/classpath-runtime.txt)

.PHONY: help build run import test test-ha test-deploy test-chart test-monitoring test-scripts test-images soak load health-check docker-health docker-health-api \
	docker-up docker-down docker-engine-check lint models rotate-keys gpu-report eval-lfw eval-identify eval-migration eval-enrollment similarity-table bench bench-embed bench-import bench-identify bench-identify-http import-compreface fuzz fmt clean java-check models-check

help: ## List the commands
	@echo "facerec: make <target>"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{ printf "  %-18s %s\n", $$1, $$2 }'

# Only api and the modules it is built from: the tools module is not part of the service.
build: java-check ## Compile and package the service as api/target/facerec.jar (no tests)
	$(MVN) $(MVN_FLAGS) -pl api -am package -DskipTests

$(JAR): $(SOURCES) | java-check
	$(MVN) $(MVN_FLAGS) -pl api -am package -DskipTests

run: java-check models-check $(JAR) ## Build if needed, then start the service on http://localhost:8000 (PORT=...)
	FACE_MODELS_DIR="$(MODELS_DIR)" "$(JAVA)" $(JAVA_OPTS) -jar $(JAR) --server.port=$(PORT)

test: java-check test-deploy test-monitoring test-scripts ## Run every test (unit and integration); starts PostgreSQL and Redis when they are down
	scripts/ensure-services.sh
	scripts/ensure-tools.sh haproxy
	@[ -d "$(SHARED_DIR)" ] || echo "warning: $(SHARED_DIR) (test models and photos) not found" >&2
	$(MVN) $(MVN_FLAGS) verify -Dfacerec.shared.dir="$(abspath $(SHARED_DIR))"
	@# After verify: the image's Maven build runs offline against the repository that verify filled.
	$(MAKE) test-images

test-images: java-check ## Build the Dockerfiles with podman from local stand-in base images and run the image (skipped without podman unless FACEREC_REQUIRE_IMAGES=1)
	SHARED_DIR="$(abspath $(SHARED_DIR))" scripts/test-images.sh

# Compiles (tests too: api's test scope needs core's test classes), then SpotBugs with FindSecBugs over every module
# (fails on a High-priority finding; config/spotbugs-exclude.xml holds each suppression with its reason) and the
# licence check of each module's compile and runtime dependencies (fails on a licence outside the allowed list in
# pom.xml). Not part of build or run.
lint: java-check ## SpotBugs + FindSecBugs over every module, and the licence of every shipped dependency (reports in each module's target/)
	$(MVN) $(MVN_FLAGS) test-compile spotbugs:check license:add-third-party -Dlicense.force=true
	@echo "Findings: <module>/target/spotbugsXml.xml; licences: api/target/licenses/THIRD-PARTY.txt (the service), tools/target/licenses/THIRD-PARTY.txt"

test-ha: java-check ## Rehearse the HA stack without Docker: three replicas behind HAProxy, one killed under load (prints figures)
	scripts/ensure-services.sh
	scripts/ensure-tools.sh haproxy
	$(MVN) $(MVN_FLAGS) -pl api -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
		-Dit.test='HaTopologyIT,HaproxyConfigIT' -Dfailsafe.failIfNoSpecifiedTests=false \
		-Dfacerec.shared.dir="$(abspath $(SHARED_DIR))"

test-deploy: ## Check the Dockerfiles, compose files and Traefik config without a Docker engine (and the checker)
	scripts/validate-deploy.sh
	scripts/validate-deploy.sh --self-test

# Part of `make test` (the deploy module is in the reactor); alone, it needs no services, models or cluster.
test-chart: java-check ## Lint and render the Helm chart (deploy/helm/facerec) with Helm's library and parse every object strictly
	$(MVN) $(MVN_FLAGS) -pl deploy verify

test-monitoring: ## Check the Prometheus rules (with their unit tests), Alertmanager and Grafana configuration
	scripts/ensure-tools.sh
	PATH="$(CURDIR)/.tools/bin:$$PATH" scripts/check-monitoring.sh

test-scripts: ## Check the operator scripts (shellcheck, answers), systemd units, logrotate policy and installer
	scripts/ensure-services.sh
	scripts/ensure-tools.sh shellcheck
	PATH="$(CURDIR)/.tools/bin:$$PATH" scripts/test-scripts.sh

# --- Operations -------------------------------------------------------------------------------------------------
API_URL ?= http://localhost:$(PORT)
COMPOSE_FILES ?= docker-compose.yml
COMPOSE := docker compose $(foreach file,$(COMPOSE_FILES),-f $(file))

soak: ## Hold a running service with an API key every 3 s and writes each minute, counting answers (API_URL=, ADMIN_PASSWORD_FILE=, DURATION=3900)
	API_URL="$(API_URL)" scripts/soak.sh $(or $(DURATION),3900)

load: java-check models-check $(JAR) ## Gatling load test of the jar: a mix at LOAD_RATE arrivals/s for LOAD_DURATION s (600), then a step-up to saturation (PORT=)
	JAVA="$(JAVA)" JAVA_OPTS="$(JAVA_OPTS)" JAR="$(JAR)" FACE_MODELS_DIR="$(MODELS_DIR)" SHARED_DIR="$(SHARED_DIR)" \
		PORT="$(PORT)" MVN="$(MVN)" scripts/load-test.sh

health-check: ## Check a running service: /health, metrics, upload formats, < 500 ms each (API_URL=, API_KEY=)
	API_URL="$(API_URL)" scripts/health_check.sh

docker-health: ## Check api, PostgreSQL, Redis and MinIO (compose services, or directly without Docker)
	API_URL="$(API_URL)" scripts/docker_health_check.sh all

docker-health-api: ## Check only the API (compose service, or API_URL without Docker)
	API_URL="$(API_URL)" scripts/docker_health_check.sh api

docker-up: docker-engine-check ## Build and start the compose stack, waiting until healthy (COMPOSE_FILES="a.yml b.yml")
	$(COMPOSE) up -d --build --wait

docker-down: docker-engine-check ## Stop the compose stack (volumes are kept)
	$(COMPOSE) down

docker-engine-check:
	@command -v docker >/dev/null 2>&1 || { echo "$(MAKECMDGOALS): no Docker engine here (no docker command). Install Docker with the compose plugin, or run natively: make run, scripts/startup.sh start." >&2; exit 1; }
	@timeout 10 docker info >/dev/null 2>&1 || { echo "$(MAKECMDGOALS): no Docker engine here (the docker command cannot reach a daemon). Start the Docker daemon, or run natively: make run, scripts/startup.sh start." >&2; exit 1; }
	@timeout 10 docker compose version >/dev/null 2>&1 || { echo "$(MAKECMDGOALS): the docker compose plugin is missing: install docker-compose-plugin." >&2; exit 1; }

models: ## Download and verify the models into FACE_MODELS_DIR or ./models (ALL=1: every pack)
	scripts/fetch-models.sh $(if $(ALL),--all)

eval-lfw: java-check models-check ## LFW verification accuracy (DATA=dir, RECOGNIZER=pack, ARGS=--calibrate)
	$(tools-classpath)
	CLASSPATH="$(TOOLS_CLASSPATH)" "$(JAVA)" $(ML_JAVA_OPTS) dev.facerec.tools.eval.LfwEvaluation \
		--data "$(DATA)" --models "$(MODELS_DIR)" \
		$(if $(RECOGNIZER),--recognizer "$(RECOGNIZER)") $(ARGS)

eval-identify: java-check models-check ## 1:N identification by gallery size: TPIR, FPIR, rank-1 (SIZES=100,1000,3000,max, IDENTIFY_DATA=dirs, RECOGNIZER=pack, ARGS=--seed n)
	$(tools-classpath)
	CLASSPATH="$(TOOLS_CLASSPATH)" "$(JAVA)" $(ML_JAVA_OPTS) dev.facerec.tools.eval.IdentificationEvaluation \
		--data "$(IDENTIFY_DATA)" --models "$(MODELS_DIR)" \
		$(if $(SIZES),--sizes "$(SIZES)") $(if $(RECOGNIZER),--recognizer "$(RECOGNIZER)") $(ARGS)

eval-migration: java-check models-check ## Model migration on DATA: enrol with SOURCE, migrate to TARGET, identify (faces/s, rank-1, TPIR beside direct enrolment; PEOPLE=0 all, PER_PERSON=4)
	$(MVN) $(MVN_FLAGS) -q -pl api -am -Dspotless.check.skip=true test-compile $(DEPENDENCY_PLUGIN):build-classpath \
		-DincludeScope=test -Dmdep.outputFile=target/classpath-test.txt
	CLASSPATH="api/target/test-classes:api/target/classes:persistence/target/classes:storage/target/classes:index/target/classes:ml/target/classes:core/target/classes:$$(cat api/target/classpath-test.txt)" \
		"$(JAVA)" $(ML_JAVA_OPTS) dev.facerec.api.app.migration.ModelMigrationEvaluation \
		"$(DATA)" "$(MODELS_DIR)" "$${TMPDIR:-/tmp}/facerec-eval-migration" $(or $(SOURCE),faceplugin-512) \
		$(or $(TARGET),mobilefacenet-128) $(or $(PEOPLE),0) $(or $(PER_PERSON),4)

similarity-table: java-check models-check ## Calibrated similarity (CompreFace API) vs false match rate per pack: claimed and measured on DATA (RECOGNIZERS=a,b)
	$(tools-classpath)
	CLASSPATH="$(TOOLS_CLASSPATH)" "$(JAVA)" $(ML_JAVA_OPTS) dev.facerec.tools.eval.SimilarityTable \
		--data "$(DATA)" --models "$(MODELS_DIR)" --recognizers "$(RECOGNIZERS)"

gpu-report: java-check ## What the GPU monitor reads here through nvidia-smi, and what a look costs (LOOKS=20)
	$(tools-classpath)
	CLASSPATH="$(TOOLS_CLASSPATH)" "$(JAVA)" dev.facerec.tools.eval.GpuReport $(or $(LOOKS),20) $(or $(NVIDIA_SMI),nvidia-smi)

eval-enrollment: java-check models-check ## Which photos enrolment accepts and why it refuses the others (DATA=dir, RATIO=0.7)
	$(tools-classpath)
	CLASSPATH="$(TOOLS_CLASSPATH)" "$(JAVA)" $(ML_JAVA_OPTS) dev.facerec.tools.eval.EnrollmentEvaluation \
		--data "$(DATA)" --models "$(MODELS_DIR)" $(if $(RATIO),--ratio "$(RATIO)")

bench: java-check models-check $(JAR) ## Pipeline in process, then the jar over HTTP (large photos, identify, HEIC, 8 clients) beside OpenCV, and issue 13's targets (ARGS=)
	$(tools-classpath)
	CLASSPATH="$(TOOLS_CLASSPATH)" "$(JAVA)" $(ML_JAVA_OPTS) dev.facerec.tools.bench.http.BenchmarkReport \
		--data "$(SHARED_DIR)/data" --models "$(MODELS_DIR)" --jar $(JAR) --java-opts "$(JAVA_OPTS)" $(ARGS)

bench-embed: java-check models-check ## Embedding cost per face of each recognizer pack, fused beside its members (ARGS="--images 200 --recognizers faceplugin-512,mobilefacenet-128,fusion-640")
	$(tools-classpath)
	CLASSPATH="$(TOOLS_CLASSPATH)" "$(JAVA)" $(ML_JAVA_OPTS) dev.facerec.tools.bench.EmbedBenchmark \
		--data "$(SHARED_DIR)/data" --models "$(MODELS_DIR)" $(ARGS)

bench-identify: java-check ## 1:N search over 10k/100k/1M synthetic faces vs a brute-force scan (prints figures)
	$(tools-classpath)
	CLASSPATH="$(TOOLS_CLASSPATH)" "$(JAVA)" $(BENCH_IDENTIFY_HEAP) --enable-native-access=ALL-UNNAMED \
		--add-modules jdk.incubator.vector dev.facerec.tools.bench.IdentifyBenchmark $(ARGS)

bench-identify-http: java-check models-check $(JAR) ## End-to-end identify over HTTP against the service jar, 250x250 photos (prints figures)
	$(tools-classpath)
	CLASSPATH="$(TOOLS_CLASSPATH)" "$(JAVA)" -Xmx1g dev.facerec.tools.bench.http.IdentifyHttpBenchmark \
		--data "$(SHARED_DIR)/data/lfw-dev" --models "$(MODELS_DIR)" --jar $(JAR) --java-opts "$(JAVA_OPTS)" $(ARGS)

.PHONY: bench-jobs
bench-jobs: java-check models-check $(JAR) ## Identify p50/p95 idle and while a bulk enrolment job runs, against the service jar (ARGS=--people 150 --job-photos 2000)
	$(tools-classpath)
	CLASSPATH="$(TOOLS_CLASSPATH)" "$(JAVA)" -Xmx1g dev.facerec.tools.bench.http.JobFairnessBenchmark \
		--data "$(SHARED_DIR)/data/lfw-dev" --models "$(MODELS_DIR)" --jar $(JAR) --java-opts "$(JAVA_OPTS)" $(ARGS)

.PHONY: bench-import
bench-import: java-check models-check $(JAR) ## One bulk enrolment job of lfw-dev against the service jar: photos/s, CPU; --migrate <pack> then times a model migration (ARGS="--photos N --migrate mobilefacenet-128 --env KEY=VALUE")
	$(tools-classpath)
	CLASSPATH="$(TOOLS_CLASSPATH)" "$(JAVA)" -Xmx1g dev.facerec.tools.bench.http.ImportBenchmark \
		--data "$(SHARED_DIR)/data/lfw-dev" --models "$(MODELS_DIR)" --jar $(JAR) --java-opts "$(JAVA_OPTS)" $(ARGS)

.PHONY: bench-compreface
bench-compreface: java-check models-check $(JAR) ## CompreFace's recognize beside native identify over HTTP against the service jar, 250x250 photos, 1 and N clients (ARGS=)
	$(tools-classpath)
	CLASSPATH="$(TOOLS_CLASSPATH)" "$(JAVA)" -Xmx1g dev.facerec.tools.bench.http.CompreFaceHttpBenchmark \
		--data "$(SHARED_DIR)/data/lfw-dev" --models "$(MODELS_DIR)" --jar $(JAR) --java-opts "$(JAVA_OPTS)" $(ARGS)

fuzz: java-check ## Fuzz the image decoders with Jazzer, DURATION s per target (600); TARGET= one (list: all); findings in ml/target/fuzz
	$(call ml-classpath,test-compile,test)
	DURATION="$(or $(DURATION),600)" TARGET="$(TARGET)" TIMEOUT="$(TIMEOUT)" SEED_MAX_KB="$(SEED_MAX_KB)" ARGS="$(ARGS)" \
		SHARED_DIR="$(abspath $(SHARED_DIR))" JAVA="$(JAVA)" scripts/fuzz.sh

# The keys reach the tool through its environment, never its command line, where ps would show them: set
# COMPREFACE_API_KEY and FACEREC_API_KEY in the environment (KEY= works too, but make's own command line shows it).
import-compreface: export COMPREFACE_API_KEY := $(or $(KEY),$(COMPREFACE_API_KEY))
import-compreface: java-check ## Copy a CompreFace collection into a gallery, resumably (URL=, GALLERY=, KEY=/COMPREFACE_API_KEY, FACEREC_API_KEY, API_URL, STATE=)
	@[ -n "$(URL)" ] && [ -n "$(GALLERY)" ] || { echo "usage: make import-compreface URL=<CompreFace URL> GALLERY=<gallery id or name> (docs/compreface.md)" >&2; exit 1; }
	$(tools-classpath)
	CLASSPATH="$(TOOLS_CLASSPATH)" "$(JAVA)" dev.facerec.tools.compreface.CompreFaceImport --source "$(URL)" \
		--gallery "$(GALLERY)" --facerec "$(or $(API_URL),http://localhost:$(PORT))" $(if $(STATE),--state "$(STATE)") $(ARGS)

import: java-check ## Enrol a folder of person folders into a gallery as one job, with a progress bar (DIR=, GALLERY=<id>, FACEREC_API_KEY, API_URL)
	@[ -n "$(DIR)" ] && [ -n "$(GALLERY)" ] || { echo "usage: make import DIR=<folder of person folders> GALLERY=<gallery id> (docs/jobs.md)" >&2; exit 1; }
	$(tools-classpath)
	CLASSPATH="$(TOOLS_CLASSPATH)" "$(JAVA)" dev.facerec.tools.jobs.FolderImport "$(DIR)" "$(GALLERY)" \
		"$(or $(API_URL),http://localhost:$(PORT))"

rotate-keys: ## Re-encrypt all embeddings and images under the current ENCRYPTION_KEY (API_URL, FACEREC_API_KEY)
	@scripts/rotate-keys.sh

fmt: java-check ## Format all Java sources (spotless:apply)
	$(MVN) $(MVN_FLAGS) -q spotless:apply

clean: java-check ## Remove build outputs
	$(MVN) $(MVN_FLAGS) -q clean

java-check:
	@[ -n "$(JDK)" ] || { scripts/find-jdk.sh >/dev/null; exit 1; }

models-check:
	@if [ -z "$(MODELS_DIR)" ]; then \
		echo "No face models found: run 'make models' (downloads them into ./models), or set FACE_MODELS_DIR." >&2; \
		exit 1; \
	fi
	@echo "Models: $(MODELS_DIR) ($(MODELS_REASON))"
