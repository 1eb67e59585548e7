# Chat.Api with its front ends, for Docker users: `docker compose up` (see README, "Docker").
# Built from the repository alone; three stages so that the image holds neither Node nor the SDK.

# 1. The front ends (widget and dashboard), built as Chat.Api's own build would, into Chat.Api/wwwroot.
FROM node:20-bookworm-slim AS web
WORKDIR /src/Chat.Web
COPY Chat.Web/package.json Chat.Web/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY Chat.Web/ ./
RUN mkdir -p ../Chat.Api && npm run --silent typecheck && npm run --silent build

# 2. The service, published with the built front ends beside it (Chat.Api.csproj copies wwwroot into the output).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY nuget.config Directory.Build.props Directory.Packages.props ./
COPY packaging/local-feed/ packaging/local-feed/
COPY Chat.Contracts/Chat.Contracts.csproj Chat.Contracts/
COPY Chat.Domain/Chat.Domain.csproj Chat.Domain/
COPY Chat.Projections/Chat.Projections.csproj Chat.Projections/
COPY Chat.Api/Chat.Api.csproj Chat.Api/
RUN dotnet restore Chat.Api/Chat.Api.csproj
COPY Chat.Contracts/ Chat.Contracts/
COPY Chat.Domain/ Chat.Domain/
COPY Chat.Projections/ Chat.Projections/
COPY Chat.Api/ Chat.Api/
COPY --from=web /src/Chat.Api/wwwroot/ Chat.Api/wwwroot/
RUN dotnet publish Chat.Api/Chat.Api.csproj -c Release -o /app --no-restore -p:ChatWebBuild=false

# 3. The runtime image, running as the image's unprivileged user.
FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "Chat.Api.dll"]
