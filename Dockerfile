# Build stage: the whole reactor, tests skipped (CI runs them), producing server/target/traffic-lab.jar.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -DskipTests package

# Run stage: a JRE and the self-contained jar, as a non-root user.
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home /app trafficlab \
 && mkdir /data && chown trafficlab /data
WORKDIR /app
COPY --from=build /src/server/target/traffic-lab.jar /app/traffic-lab.jar
# A class archive of what a server loads, made by this image's own JVM (an archive only works with the JVM that
# made it): a server walked through a learner's first minute, then stopped. Starting with it maps those classes
# instead of reading them from the jar, about a third off the start (docs/benchmarks.md).
RUN java -XX:ArchiveClassesAtExit=/app/traffic-lab.jsa -jar /app/traffic-lab.jar class-archive-run \
 && chmod 444 /app/traffic-lab.jsa
USER trafficlab
ENV HOST=0.0.0.0 PORT=8080 DATA_DIR=/data
# Sandboxes are kept here (docs/durability.md): mount a volume to keep them across containers.
VOLUME /data
EXPOSE 8080
# The image has a JRE and not necessarily curl: the probe is a class in the jar. It asks 127.0.0.1:$PORT/health.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["java", "-Xmx16m", "-XX:TieredStopAtLevel=1", "-cp", "/app/traffic-lab.jar", "dev.trafficlab.server.HealthProbe"]
# A server out of memory may keep listening with dead threads: exit instead, so the orchestrator restarts it.
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/traffic-lab.jsa", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", \
            "-jar", "/app/traffic-lab.jar"]
