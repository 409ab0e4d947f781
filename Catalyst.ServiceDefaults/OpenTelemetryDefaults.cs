using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// OpenTelemetry wiring built on the core SDK alone: the hosting and instrumentation packages do not restore here,
/// so providers are built directly and listen to the framework's own ActivitySources and Meters.
/// </summary>
public static class OpenTelemetryDefaults
{
    /// <summary>ActivitySource and Meter names Catalyst emits; every host listens to all of them.</summary>
    public static readonly string[] CatalystSources = ["Catalyst.Api", "Catalyst.Agents", "Catalyst.Messaging", "Catalyst.Persistence"];

    static readonly string[] FrameworkSources = ["Microsoft.AspNetCore", "System.Net.Http"];
    static readonly string[] FrameworkMeters =
        ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", "System.Runtime"];

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var otlpEndpoint = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var exportToOtlp = !string.IsNullOrWhiteSpace(otlpEndpoint);
        var resource = ResourceBuilder.CreateDefault().AddService(
            builder.Configuration["OTEL_SERVICE_NAME"] ?? builder.Environment.ApplicationName);

        if (exportToOtlp)
        {
            builder.Logging.AddOpenTelemetry(logging =>
            {
                logging.SetResourceBuilder(resource);
                logging.IncludeFormattedMessage = true;
                logging.IncludeScopes = true;
                logging.AddOtlpExporter();
            });
        }

        // The tracer provider is built even without an exporter: it makes Activity.Current exist, so trace ids
        // reach logs and message headers whether or not anything collects them.
        var tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource([.. FrameworkSources, .. CatalystSources]);
        if (exportToOtlp) tracing.AddOtlpExporter();

        var metrics = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter([.. FrameworkMeters, .. CatalystSources]);
        if (exportToOtlp) metrics.AddOtlpExporter();

        // Registered as singletons so the container disposes (and flushes) them at shutdown.
        builder.Services.AddSingleton(tracing.Build());
        builder.Services.AddSingleton(metrics.Build());
        return builder;
    }
}
