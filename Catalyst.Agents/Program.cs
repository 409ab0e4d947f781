using Catalyst.Agents.Hosting;
using Catalyst.Core.Caching;
using Catalyst.Core.Networking;
using Catalyst.Core.Security.Logging;

namespace Catalyst.Agents;

// Not top-level statements: the Api references this project to host the agents in embedded mode, and two
// global Program types would collide there.
static class Program
{
    static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.Logging.AddSecretRedaction();
        builder.ListenByDefaultOn("http://localhost:5090"); // unless --urls, ASPNETCORE_URLS or HTTP_PORTS says where
        builder.AddAgentWorker();
        builder.AddCatalystCache(); // Redis as the L2 when ConnectionStrings:cache is set, as in the Api
        builder.AddCatalystAgents();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.Run();
    }
}
