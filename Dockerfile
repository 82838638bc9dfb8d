# One image for every divconq role: `divconq decomposer|solver|scorer|streams|simulator|run ...`.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -q -B -ntp -DskipTests install

FROM eclipse-temurin:17-jre
WORKDIR /opt/divconq
COPY --from=build /src/launcher/target/divconq.jar /opt/divconq/divconq.jar
COPY --from=build /src/launcher/target/lib /opt/divconq/lib
COPY samples /opt/divconq/samples
ENV JAVA_TOOL_OPTIONS="-Djava.util.concurrent.ForkJoinPool.common.parallelism=4 -Dsun.net.httpserver.nodelay=true -Ddivconq.home=/opt/divconq"
ENTRYPOINT ["java", "-jar", "/opt/divconq/divconq.jar"]
CMD ["--help"]
