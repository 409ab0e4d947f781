namespace Catalyst.AppHost.Infrastructure;

public static class ModelResources
{
    /// <summary>
    /// The language model, as a connection string (Endpoint=...;Key=...;Model=...;Provider=...), only when the AppHost
    /// is given one (ConnectionStrings:{name} in its configuration or user secrets). Without it the agents use the
    /// offline generator, so the AppHost neither asks for one nor waits for one.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString>? AddModelWhenConfigured(this IDistributedApplicationBuilder builder, string name) =>
        string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(name)) ? null : builder.AddConnectionString(name);

    public static IResourceBuilder<ProjectResource> WithModel(this IResourceBuilder<ProjectResource> project, IResourceBuilder<IResourceWithConnectionString>? model) =>
        model is null ? project : project.WithReference(model).WaitFor(model);
}
