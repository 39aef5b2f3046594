# syntax=docker/dockerfile:1
# Court Mediation Integration Hub image: built from source with the Maven wrapper, run on a JRE.
# NOT BUILT HERE: the machine this was written on has no Docker engine. The same build command
# (./mvnw -B -DskipTests package) and the same jar (java -jar, profiles postgres,external-broker) were run
# outside Docker; see docker-compose.yml.
#
#   docker build -t mediation-hub .
#   docker run -p 8080:8080 mediation-hub          (embedded broker + H2 under /app/data, as ./mvnw spring-boot:run)
#
# Build context: the repository root. Only the files the build needs are copied (not target/, data/,
# docs/examples/node_modules); a .dockerignore with those entries would also keep them out of the context.

# ---- build: Java for the SOAP contracts is generated from schemas/*.wsdl, routes/ and schemas/ go into the jar
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY schemas/ schemas/
COPY routes/ routes/
COPY src/ src/
# the cache mount keeps ~/.m2 between builds (BuildKit, the default builder of current Docker)
RUN --mount=type=cache,target=/root/.m2 \
    chmod +x mvnw && ./mvnw -B -DskipTests package

# ---- run
FROM eclipse-temurin:17-jre
# curl: the health check (docker-compose.yml) asks /actuator/health/readiness
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 hub \
    && useradd --system --uid 10001 --gid hub --home-dir /app --shell /usr/sbin/nologin hub \
    && mkdir -p /app/data \
    && chown -R hub:hub /app
WORKDIR /app
COPY --from=build --chown=hub:hub /src/target/mediation-hub.jar /app/mediation-hub.jar
USER hub

# Routes: the hub reads ./routes (here /app/routes) when that directory exists, else the copy inside the
# jar; mount a routes directory at /app/routes to run edited flows without rebuilding the image.
# HUB_DATA_DIR holds the embedded broker journal and H2 file when the postgres/external-broker profiles are off.
ENV HUB_DATA_DIR=/app/data \
    SERVER_PORT=8080 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
VOLUME ["/app/data"]
# 8080: REST, SOAP, /api-doc, /schemas, /actuator. The embedded broker (profile external-broker off)
# binds 127.0.0.1 inside the container only (HUB_BROKER_HOST), so it is not published from here.
EXPOSE 8080 8443

HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=5 \
    CMD curl -fsS http://127.0.0.1:${SERVER_PORT}/actuator/health/readiness || exit 1

ENTRYPOINT ["java", "-jar", "/app/mediation-hub.jar"]
