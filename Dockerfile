# Build stage: the whole reactor, tests skipped (CI runs them), producing server/target/traffic-lab.jar.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -DskipTests package

# Run stage: a JRE and the self-contained jar, as a non-root user.
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home /app trafficlab
WORKDIR /app
COPY --from=build /src/server/target/traffic-lab.jar /app/traffic-lab.jar
USER trafficlab
ENV HOST=0.0.0.0 PORT=8080
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/traffic-lab.jar"]
