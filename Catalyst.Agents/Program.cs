using Catalyst.Agents.Hosting;

namespace Catalyst.Agents;

// Not top-level statements: the Api references this project to host the agents in embedded mode, and two
// global Program types would collide there.
static class Program
{
    static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddAgentWorker();
        builder.AddCatalystAgents();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.Run();
    }
}
