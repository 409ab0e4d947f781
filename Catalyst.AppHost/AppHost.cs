var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddPostgres("postgres")
    .WithDataVolume();
var catalystDb = postgres.AddDatabase("catalystdb");

var messaging = builder.AddRabbitMQ("messaging")
    .WithManagementPlugin();

builder.AddProject<Projects.Catalyst_Api>("catalyst-api")
    .WithReference(catalystDb).WaitFor(catalystDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithEnvironment("Catalyst__Mode", "Distributed")
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.Catalyst_Agents>("catalyst-agents")
    .WithReference(catalystDb).WaitFor(catalystDb)
    .WithReference(messaging).WaitFor(messaging)
    .WithEnvironment("Catalyst__Mode", "Distributed")
    .WithReplicas(2);

builder.Build().Run();
