# One image for every Pitchey component; the command picks it (serve, aggregate, jobs).
# Single stage on purpose: ./pitchey runs from the build's classes and Maven's local repository.
FROM eclipse-temurin:21-jdk
WORKDIR /opt/pitchey
COPY . .
RUN ./pitchey build
ENTRYPOINT ["./pitchey"]
