using Catalyst.Agents.Hosting;
using Catalyst.Tests.Worker.Scripted;

namespace Catalyst.Tests.Worker;

public static class WorkerProgram
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddAgentWorker();
        builder.Services.AddScriptedPipeline(builder.Configuration);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.Run();
    }
}
