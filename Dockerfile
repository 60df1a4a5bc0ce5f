# PbxGrains: one image for every role (silo, API tier, both), chosen at run time by Orleans__Role.
#   docker build -t pbxgrains:0.1.0 .
#   docker run -p 5000:8080 pbxgrains:0.1.0        # one process: a silo with the API, in-memory state
# Multi-stage: the SDK builds and publishes; the runtime image holds only the published app and runs as non-root.

ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
# Restore first, from the project files alone, so the package layer is reused while only sources change.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/PbxGrains.Abstractions/PbxGrains.Abstractions.csproj src/PbxGrains.Abstractions/
COPY src/PbxGrains.Client/PbxGrains.Client.csproj src/PbxGrains.Client/
COPY src/PbxGrains.Grains/PbxGrains.Grains.csproj src/PbxGrains.Grains/
COPY src/PbxGrains.Surfaces/PbxGrains.Surfaces.csproj src/PbxGrains.Surfaces/
COPY src/PbxGrains.Host/PbxGrains.Host.csproj src/PbxGrains.Host/
RUN dotnet restore src/PbxGrains.Host/PbxGrains.Host.csproj
COPY src/ src/
COPY scenarios/ scenarios/
RUN dotnet publish src/PbxGrains.Host/PbxGrains.Host.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
WORKDIR /app
COPY --from=build /app ./
# Kestrel on 8080 (a non-root user cannot bind below 1024); Orleans' silo and gateway ports.
ENV Urls=http://+:8080 \
    DOTNET_RUNNING_IN_CONTAINER=true
EXPOSE 8080 11111 30000
# The image's unprivileged user (uid 1654), as the chart's podSecurityContext expects.
USER $APP_UID
ENTRYPOINT ["dotnet", "PbxGrains.Host.dll"]
