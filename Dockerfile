# syntax=docker/dockerfile:1.7
# facerec service image (CPU). Models are not baked in: mount them read-only at /models (make models fills ./models),
# so an image serves any model pack and a model update needs no rebuild. See DEPLOY.md.
#
#   docker build -t facerec:dev .
#   docker run -p 8000:8000 -v "$PWD/models:/models:ro" -v facerec-data:/data facerec:dev

# The base images, as build arguments only so that a machine without a registry can build from local stand-ins
# (scripts/test-images.sh); the defaults are the images this file is written for.
ARG BUILD_IMAGE=maven:3.9.11-eclipse-temurin-25
ARG RUNTIME_IMAGE=eclipse-temurin:25-jre-noble

# --- build: the fat jar --------------------------------------------------------------------------------------
FROM ${BUILD_IMAGE} AS build
WORKDIR /src
# Maven 3.9's bundled Guava calls sun.misc.Unsafe, which Java 25 warns about on every run.
ENV MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
COPY pom.xml ./
COPY core core
COPY ml ml
COPY index index
COPY storage storage
COPY persistence persistence
COPY console console
COPY api api
# The reactor lists tools (evaluations, benchmarks) and deploy (the Helm chart's tests), so Maven needs their poms;
# -pl api -am leaves them unbuilt.
COPY tools tools
COPY deploy deploy
# The cache mount keeps ~/.m2 between builds without putting it in a layer.
RUN --mount=type=cache,target=/root/.m2 mvn -B -DskipTests -pl api -am package \
    && cp api/target/facerec.jar /facerec.jar

# --- runtime --------------------------------------------------------------------------------------------------
FROM ${RUNTIME_IMAGE}
# curl only for the HEALTHCHECK below; libjpeg-turbo decodes JPEGs at the DCT scale detection needs, libheif (with
# its HEVC and AV1 decoder plug-ins, which Ubuntu packages apart) reads HEIC and AVIF.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl libturbojpeg libheif1 libheif-plugin-libde265 \
        libheif-plugin-dav1d \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 facerec \
    && useradd --system --uid 10001 --gid facerec --home-dir /app --shell /usr/sbin/nologin facerec \
    && mkdir -p /app /models /data \
    && chown facerec:facerec /data
WORKDIR /app
COPY --from=build --chown=root:root /facerec.jar /app/facerec.jar

ENV FACE_MODELS_DIR=/models \
    FACEREC_DATA_DIR=/data \
    SERVER_PORT=8000 \
    MANAGEMENT_PORT=8081 \
    MANAGEMENT_ADDRESS=0.0.0.0
# /data holds the embedded database and images when DATABASE_HOST / S3_ENDPOINT are unset.
VOLUME ["/models", "/data"]
# 8000: the API; 8081: the management port (Prometheus scrape, actuator health), for the internal network only. It
# listens on every interface of the container (MANAGEMENT_ADDRESS; outside a container the default is loopback) so
# Prometheus can scrape it from its own container; never publish it.
EXPOSE 8000 8081
USER facerec:facerec

HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
    CMD curl --fail --silent --show-error --max-time 2 http://127.0.0.1:8000/health/live >/dev/null || exit 1

# exec form: java is PID 1 and gets SIGTERM, so the graceful shutdown (server.shutdown=graceful) runs.
# Heap follows the container memory limit; an OutOfMemoryError restarts the container instead of limping on.
# Extra JVM flags: JAVA_TOOL_OPTIONS.
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector", \
    "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/facerec.jar"]
