# syntax=docker/dockerfile:1
# ewids: the mirror sink (`ewids serve`). Builds src/EastWestIds.Host only.
#
#   docker build -t ewids .
#   docker run --rm -p 8080:8080 -p 9090:9090 ewids                 # mirror port 8080, admin port 9090
#   docker run --rm ewids serve --help
#
# The build stage runs on the builder's own platform and cross-publishes for the target (-a $TARGETARCH), so
# `docker buildx build --platform linux/amd64,linux/arm64 .` needs no emulation for the SDK.

FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
WORKDIR /src

# Restore layer: only what restore reads (build props, central package versions, the project files of the Host
# and of the projects it references), so a source change does not download the packages again.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/EastWestIds.Core/EastWestIds.Core.csproj src/EastWestIds.Core/
COPY src/EastWestIds.Http/EastWestIds.Http.csproj src/EastWestIds.Http/
COPY src/EastWestIds.Identity/EastWestIds.Identity.csproj src/EastWestIds.Identity/
COPY src/EastWestIds.Inventory/EastWestIds.Inventory.csproj src/EastWestIds.Inventory/
COPY src/EastWestIds.Policy/EastWestIds.Policy.csproj src/EastWestIds.Policy/
COPY src/EastWestIds.Signatures/EastWestIds.Signatures.csproj src/EastWestIds.Signatures/
COPY src/EastWestIds.Storage/EastWestIds.Storage.csproj src/EastWestIds.Storage/
COPY src/EastWestIds.Engine/EastWestIds.Engine.csproj src/EastWestIds.Engine/
COPY src/EastWestIds.Kubernetes/EastWestIds.Kubernetes.csproj src/EastWestIds.Kubernetes/
COPY src/EastWestIds.Host/EastWestIds.Host.csproj src/EastWestIds.Host/
RUN dotnet restore src/EastWestIds.Host/EastWestIds.Host.csproj -a "$TARGETARCH"

# Sources and the bundled signatures (.dockerignore keeps tests, bench, bin/ and obj/ out of the context).
COPY . .
# signatures/ goes beside the binary, where `ewids serve` looks by default. The project file copies it on publish
# too; the explicit copy also leaves an empty directory when no signatures are shipped yet.
RUN dotnet publish src/EastWestIds.Host/EastWestIds.Host.csproj -c Release -a "$TARGETARCH" --no-restore \
        -o /app -p:SatelliteResourceLanguages=en -p:IsTransformWebConfigDisabled=true \
    && mkdir -p signatures /app/signatures \
    && cp -a signatures/. /app/signatures/

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./

# Mirror-port parsing runs on the socket thread (DESIGN.md "Performance notes"); this makes the runtime complete
# socket operations inline, so that it pays off.
ENV DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1
# The base image asks Kestrel for port 8080 itself; ewids binds its own ports (--mirror-port, --admin-port) and
# would log a warning that it overrides them.
ENV ASPNETCORE_HTTP_PORTS=

# 8080: mirror port (HTTP/1.1 and h2c); 9090: admin port (/healthz, /readyz, /metrics). No HEALTHCHECK:
# Kubernetes probes /healthz and /readyz.
EXPOSE 8080 8081 9090

# The embedded SQLite alert store (--data-dir): a directory the app user may write (the deployment mounts a volume there).
ENV EWIDS_DATA_DIR=/var/lib/ewids
RUN mkdir -p /var/lib/ewids && chown "$APP_UID" /var/lib/ewids

# The image's non-root `app` user (UID 1654, $APP_UID); the files are root's and read-only to it.
USER $APP_UID

ENTRYPOINT ["/app/ewids"]
CMD ["serve"]
