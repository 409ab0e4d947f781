using Catalyst.AppHost.Infrastructure;

var builder = DistributedApplication.CreateBuilder(args);

// How the servers are provided (containers, or the installed binaries) is chosen once, here; the diagram
// below is the same on every machine. See Infrastructure/InfrastructureMode.cs.
var infrastructure = builder.AddCatalystInfrastructure();

var catalystDb = infrastructure.AddPostgres("postgres", database: "catalystdb");
var messaging = infrastructure.AddRabbitMQ("messaging");
var cache = infrastructure.AddRedis("cache");
var previewProxy = infrastructure.AddPreviewProxy("preview-proxy");
var model = builder.AddModelWhenConfigured("llm"); // optional: the offline generator is the floor

var api = builder.AddProject<Projects.Catalyst_Api>("catalyst-api")
    .WithCatalystDistributedMode(infrastructure)
    .WithCatalystApiKeyWhenDeployed(infrastructure)
    .WithReference(catalystDb).WaitFor(catalystDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(cache).WaitFor(cache)
    .WithPreviewProxy(previewProxy)
    .WithModel(model)
    // The Api's launch profile names no port (the host decides where it listens); users find it on 5080, as
    // in embedded mode, and Aspire passes the process its own port in ASPNETCORE_URLS behind that proxy.
    .WithHttpEndpoint(port: 5080)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.Catalyst_Agents>("catalyst-agents")
    .WithCatalystDistributedMode(infrastructure)
    .WithReference(catalystDb).WaitFor(catalystDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithReference(cache).WaitFor(cache)
    .WithPreviewProxy(previewProxy)
    .WithModel(model)
    .WaitFor(api)
    .WithHttpHealthCheck("/health")
    .WithReplicas(2);

builder.Build().Run();
