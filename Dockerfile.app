# The sample app. Build the stable and canary images from the same source; only the version differs:
#   docker build -f Dockerfile.app -t kubeapp:1.0 .
#   docker build -f Dockerfile.app --build-arg version=2.0 -t kubeapp:2.0 .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG version=1.0
WORKDIR /src
# global.json is left out on purpose: it pins this repo's SDK band, the image brings its own 10.0 SDK.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/KubeApp/KubeApp.csproj src/KubeApp/
RUN dotnet restore src/KubeApp/KubeApp.csproj
COPY src/KubeApp/ src/KubeApp/
# The version is fixed at build time (tests/KubeApp.Tests/PublishedAppTests runs this same step).
RUN dotnet publish src/KubeApp/KubeApp.csproj -c Release -o /app --no-restore -p:Version=${version}

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
ARG version=1.0
LABEL org.opencontainers.image.title="kubeapp" org.opencontainers.image.version="${version}"
WORKDIR /app
COPY --from=build /app ./
# The aspnet image ships a non-root "app" user (uid 1654) and sets ASPNETCORE_HTTP_PORTS=8080.
USER $APP_UID
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "KubeApp.dll"]
